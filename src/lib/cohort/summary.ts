/**
 * Cohort summary of pharmacogenomic results: phenotype frequencies per gene and, per drug, how
 * many samples have an actionable CPIC recommendation. Built from the same per-sample JSON
 * (`qenome pgx --json`) the batch writes, so a workflow can summarise merged shards.
 *
 * "Actionable" (stated on every output): a CPIC recommendation applies (classification Strong,
 * Moderate or Optional) and at least one of the drug's genes has a result other than normal
 * function (normal / negative / favorable / indeterminate results are not counted).
 */

/** The parts of a per-sample PGx JSON the summary reads. */
export interface PgxJsonLike {
	genes: { gene: string; phenotype: string; screening?: boolean }[];
	drugs: { drug: string; genes: string[]; classification: string }[];
}

/** Phenotype counts of one gene. */
export interface GenePhenotypeCounts {
	gene: string;
	phenotypes: { phenotype: string; count: number }[];
}

/** Per-drug counts. */
export interface DrugCounts {
	drug: string;
	genes: string[];
	/** Samples with an actionable recommendation. */
	actionable: number;
	/** Samples for whom a recommendation could be chosen (all genes determined). */
	determined: number;
}

/** The whole cohort summary. */
export interface CohortSummary {
	samples: number;
	genes: GenePhenotypeCounts[];
	drugs: DrugCounts[];
	/** The rule used for "actionable", in words. */
	actionableRule: string;
}

/** What the cohort summary counts as "actionable", in words (printed with every summary). */
export const ACTIONABLE_RULE =
	'Actionable = a CPIC recommendation applies (Strong, Moderate or Optional) and at least one of the drug’s genes has a result other than normal function; normal, negative, favorable and indeterminate results are not counted.';

const NOT_ACTIONABLE = /^(normal|negative|favorable|indeterminate|not determinable|unknown|n\/a)/i;
const APPLIES = /^(strong|moderate|optional)/i;

/** Summarise per-sample PGx JSON objects. */
export function summarizePgxCohort(items: { sample: string; json: PgxJsonLike }[]): CohortSummary {
	const genes = new Map<string, Map<string, number>>();
	const drugs = new Map<string, DrugCounts>();
	for (const { json } of items) {
		const phen = new Map(json.genes.map((g) => [g.gene, g.phenotype]));
		for (const g of json.genes) {
			const m = genes.get(g.gene) ?? genes.set(g.gene, new Map()).get(g.gene)!;
			m.set(g.phenotype, (m.get(g.phenotype) ?? 0) + 1);
		}
		const seen = new Set<string>();
		for (const d of json.drugs) {
			const key = d.drug;
			const c = drugs.get(key) ?? drugs.set(key, { drug: d.drug, genes: [...d.genes], actionable: 0, determined: 0 }).get(key)!;
			for (const g of d.genes) if (!c.genes.includes(g)) c.genes.push(g);
			if (seen.has(key)) continue; // several rows (populations) of one drug count once per sample
			const applies = APPLIES.test(d.classification);
			const nonNormal = d.genes.some((g) => !NOT_ACTIONABLE.test(phen.get(g) ?? 'n/a'));
			if (d.classification !== 'n/a') {
				c.determined++;
				seen.add(key);
			}
			if (applies && nonNormal) {
				c.actionable++;
				seen.add(key);
			}
		}
	}
	return {
		samples: items.length,
		genes: [...genes.entries()]
			.sort((a, b) => a[0].localeCompare(b[0]))
			.map(([gene, m]) => ({ gene, phenotypes: [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([phenotype, count]) => ({ phenotype, count })) })),
		drugs: [...drugs.values()].sort((a, b) => b.actionable - a.actionable || a.drug.localeCompare(b.drug)),
		actionableRule: ACTIONABLE_RULE
	};
}

/** Escape text for HTML. */
function esc(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The summary as Markdown (tables; bars drawn with █ so it reads in a terminal too). */
export function cohortSummaryMarkdown(s: CohortSummary, title = 'Cohort pharmacogenomics summary'): string {
	const out = [`# ${title}`, '', `${s.samples} samples. Computed by Qenome from per-sample \`qenome pgx\` results.`, '', '## Phenotype frequencies per gene', ''];
	for (const g of s.genes) {
		out.push(`### ${g.gene}`, '', '| phenotype | samples | share | |', '| --- | ---: | ---: | --- |');
		for (const p of g.phenotypes) {
			const share = s.samples ? p.count / s.samples : 0;
			out.push(`| ${p.phenotype.replace(/\|/g, '\\|')} | ${p.count} | ${(share * 100).toFixed(1)} % | ${'█'.repeat(Math.round(share * 20))} |`);
		}
		out.push('');
	}
	out.push('## Actionable results per drug', '', s.actionableRule, '', '| drug | genes | actionable | determined |', '| --- | --- | ---: | ---: |');
	for (const d of s.drugs) out.push(`| ${d.drug} | ${d.genes.join(', ')} | ${d.actionable} | ${d.determined} |`);
	out.push('');
	return out.join('\n');
}

/** The summary as a standalone HTML page with SVG bar charts (no scripts, no external requests). */
export function cohortSummaryHtml(s: CohortSummary, title = 'Cohort pharmacogenomics summary'): string {
	const bar = (label: string, count: number, max: number) => {
		const w = max ? (300 * count) / max : 0;
		return `<tr><th scope="row">${esc(label)}</th><td class="n">${count}</td><td class="n">${s.samples ? ((100 * count) / s.samples).toFixed(1) : '0.0'} %</td><td><svg width="300" height="14" role="img" aria-label="${esc(label)}: ${count}"><rect width="${w.toFixed(1)}" height="14" fill="#0f5c6e"/></svg></td></tr>`;
	};
	const genes = s.genes
		.map((g) => `<section><h3>${esc(g.gene)}</h3><table><thead><tr><th>phenotype</th><th>samples</th><th>share</th><th></th></tr></thead><tbody>${g.phenotypes.map((p) => bar(p.phenotype, p.count, s.samples)).join('')}</tbody></table></section>`)
		.join('\n');
	const maxA = Math.max(1, ...s.drugs.map((d) => d.actionable));
	const drugs = s.drugs
		.map((d) => `<tr><th scope="row">${esc(d.drug)}</th><td>${esc(d.genes.join(', '))}</td><td class="n">${d.actionable}</td><td class="n">${d.determined}</td><td><svg width="300" height="14" role="img" aria-label="${esc(d.drug)}: ${d.actionable} actionable"><rect width="${((300 * d.actionable) / maxA).toFixed(1)}" height="14" fill="#c25e00"/></svg></td></tr>`)
		.join('');
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#15232b}table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #cfd8dd}td.n{text-align:right}section{overflow-x:auto}</style></head>
<body><h1>${esc(title)}</h1><p>${s.samples} samples. Computed by Qenome from per-sample <code>qenome pgx</code> results.</p>
<h2>Phenotype frequencies per gene</h2>
${genes}
<h2>Actionable results per drug</h2><p>${esc(s.actionableRule)}</p>
<section><table><thead><tr><th>drug</th><th>genes</th><th>actionable</th><th>determined</th><th></th></tr></thead><tbody>${drugs}</tbody></table></section>
</body></html>
`;
}
