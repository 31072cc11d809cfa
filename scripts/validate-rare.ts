/**
 * Validation of the rare-disease ranking on the published phenopacket-store cases
 * (../shared/data/rare/phenopackets-dev): each case's causal variants (hg38 vcfRecord; string
 * `pos` and chromosomes without "chr" normalised; zygosity from allelicState) are spiked into a real
 * GRCh38 background genome (GIAB HG002 chr20, GIAB Ashkenazi HG002 chr1–2 lift, 1000 Genomes
 * HG02102 chr21 lift — chosen by a hash of the case id; background rsIDs are not used), and the
 * causal gene's rank is recorded phenotype-only and combined, with the built-in annotations and
 * with phenotype.hpoa_2023-01-27 (older than most phenopacket-store curation: less leakage).
 *
 * Cohorts are split by a hash of the cohort name: "train" (1 in 5 cohorts, the only part ever used
 * to choose constants) and "test" (the rest, unseen). Run:
 *   npx tsx scripts/validate-rare.ts [--shared DIR] [--limit N] [--split train|test|all]
 *     [--annotations current|hpoa2023|both] [--shard k/n] [--json OUT] [--grid '{…};{…}'] [--explain]
 *     [--spike-unannotated]
 * and summarise (several shards) with scripts/validate-rare-summary.ts OUT…
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
	consequenceFromHgvs,
	parsePhenopacket,
	prepareQuery,
	rankGenes,
	readCandidates,
	readHpoa,
	scorePhenotype,
	textStream,
	type Annotations,
	type CandidateVariant,
	type GeneModels,
	type PhenopacketCase,
	type PhenopacketVariant,
	type RareKb,
	PHENOTYPE_PARAMS,
	GENOTYPE_PARAMS
} from '../src/lib/rare/index';
import { loadRareKbNode } from '../src/lib/rare/kb-node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name: string) => {
	const i = argv.indexOf(`--${name}`);
	return i >= 0 ? argv[i + 1] : undefined;
};
const shared = path.resolve(opt('shared') ?? process.env.QENOME_SHARED ?? path.join(root, '..', 'shared'));
const limit = Number(opt('limit') ?? Infinity);
const splitWanted = (opt('split') ?? 'all') as 'train' | 'test' | 'all';
/** --shard k/n: only cases with hash(id) % n === k (runs in parallel; merge with scripts/validate-rare-summary.ts). */
const [shardK, shardN] = (opt('shard') ?? '0/1').split('/').map(Number);
/** --annotations current|hpoa2023|both (default both). */
const annWanted = opt('annotations') ?? 'both';
/** --grid '{"partial":0.3};{"partial":0.7}': several parameter sets compared in one run (tuning on train only). */
const grid: Record<string, number>[] = (opt('grid') ?? '{}').split(';').map((x) => JSON.parse(x) as Record<string, number>);
/**
 * --explain: per combined miss (causal gene not in the top 10), record why in the JSON — the causal
 * gene's phenotype / variant / inheritance ln contributions, its spiked candidates (class,
 * zygosity), its diseases' modes, and the genes ranked above it (top 10, with the same figures).
 */
const explain = argv.includes('--explain');

/** FNV-1a hash → deterministic splits. */
export function hash(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}
/** Train = 1 cohort in 5. */
export const isTrainCohort = (cohort: string) => hash(cohort) % 5 === 0;

function fileStream(file: string): ReadableStream<Uint8Array> {
	return Readable.toWeb(fs.createReadStream(file, { highWaterMark: 1 << 20 })) as unknown as ReadableStream<Uint8Array>;
}

/**
 * The backgrounds. `annotated`: the file carries a consequence annotation (the Ashkenazi lift has
 * bcftools BCSQ on every record), so a variant spiked into it is annotated the same way — from the
 * case's published HGVS, which is what VEP or bcftools csq would call — rather than read from
 * coordinates alone while every background variant beside it carries its real class.
 */
const BACKGROUNDS = [
	{ name: 'GIAB HG002 GRCh38 chr20', file: 'HG002.GRCh38.chr20.GIABv4.2.1.truth.vcf.gz', sample: undefined as string | undefined, annotated: false },
	{ name: 'GIAB Ashkenazi HG002 chr1–2 (GRCh38 lift)', file: 'AshkenaziTrio.HG002-HG003-HG004.GRCh38-lifted.chr1-2.vcf.gz', sample: 'HG002', annotated: true },
	{ name: '1000 Genomes HG02102 chr21 (GRCh38 lift)', file: 'HG02102.1KGP3.GRCh38-lifted.chr21.vcf.gz', sample: undefined as string | undefined, annotated: false }
];

/** Harness switch: `--spike-unannotated` spikes every case without an annotation (the stop-14 harness), for comparison. */
const spikeUnannotated = argv.includes('--spike-unannotated');

/**
 * Spike a case's variants into a tiny VCF and read them like any VCF. With `annotated`, each
 * variant whose HGVS states a class gets a bcftools-style BCSQ entry for its gene (the tiny VCF
 * then declares BCSQ, as its background does); genes the entry does not name are still read from
 * coordinates, and a variant whose HGVS says nothing is read from coordinates alone.
 */
export async function spikedCandidates(kb: RareKb, c: PhenopacketCase, genes: 'disease' | 'all' = 'disease', annotated = false, geneOf: (v: PhenopacketVariant) => string | null = (v) => v.gene): Promise<CandidateVariant[]> {
	const lines = ['##fileformat=VCFv4.2', '##contig=<ID=chr1,length=248956422>'];
	if (annotated) lines.push('##INFO=<ID=BCSQ,Number=.,Type=String,Description="Local consequence annotation (consequence|gene|transcript|biotype), from the case\'s published HGVS">');
	lines.push('#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tCASE');
	const seen = new Set<string>();
	const hg38 = c.variants.filter((v) => /38/.test(v.assembly));
	for (const v of hg38) {
		const key = `${v.chrom}:${v.pos}:${v.ref}:${v.alt}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const gt = v.zygosity === 'hom' ? '1/1' : v.zygosity === 'hemi' ? '1' : '0/1';
		const gene = geneOf(v);
		const cls = annotated && gene && /^[A-Za-z0-9._-]+$/.test(gene) ? consequenceFromHgvs(v.hgvs.c, v.hgvs.p) : null;
		lines.push(`chr${v.chrom}\t${v.pos}\t.\t${v.ref}\t${v.alt}\t50\tPASS\t${cls ? `BCSQ=${cls}|${gene}|.|protein_coding` : '.'}\tGT\t${gt}`);
	}
	const set = await readCandidates(textStream(lines.join('\n') + '\n'), kb, { build: 'GRCh38', sex: c.sex, genes });
	return set.candidates;
}

/**
 * The 2023 run reads every gene model, but the non-coding models exist only because the built-in
 * (2025/2026) release links those RNA genes to a disease (RNU4-2: ReNU syndrome, 2024). In a run with
 * older annotations, a non-coding gene without a disease in that release must not be a candidate —
 * it would not have had a model then (leakage of later knowledge).
 */
export function withoutLaterRnaGenes(candidates: CandidateVariant[], models: GeneModels, ann: Annotations): CandidateVariant[] {
	return candidates.filter((v) => !models.bySymbol.get(v.gene)?.rna || ann.byGene.has(v.gene));
}

interface Tally {
	n: number;
	top1: number;
	top5: number;
	top10: number;
	ranks: number[];
}
const tally = (): Tally => ({ n: 0, top1: 0, top5: 0, top10: 0, ranks: [] });
function add(t: Tally, rank: number | null) {
	t.n++;
	const r = rank ?? 1e9;
	t.ranks.push(r);
	if (r <= 1) t.top1++;
	if (r <= 5) t.top5++;
	if (r <= 10) t.top10++;
}
const pct = (a: number, n: number) => (n ? ((100 * a) / n).toFixed(1) : '—');

async function main() {
	if (!fs.existsSync(path.join(shared, 'data', 'rare', 'phenopackets-dev'))) {
		console.error(`skipped: ${shared}/data/rare/phenopackets-dev not found (set --shared or QENOME_SHARED)`);
		process.exit(0);
	}
	const t0 = Date.now();
	const kb = await loadRareKbNode();
	const ann2023 = await readHpoa(fileStream(path.join(shared, 'data', 'hpo', 'phenotype.hpoa_2023-01-27.gz')), kb);
	const genes38 = await kb.genes('GRCh38');
	const symbolOfHgnc = new Map(Object.entries(genes38.hgnc).map(([s, h]) => [h, s]));
	// backgrounds → candidates once each
	// candidates in the built-in disease genes (built-in run) and in every gene (2023 run: the
	// built-in gene list is newer knowledge than 2023, so it must not pick the candidates there)
	const bgCands: Record<'disease' | 'all', CandidateVariant[][]> = { disease: [], all: [] };
	for (const b of BACKGROUNDS) {
		const file = path.join(shared, 'data', 'background', b.file);
		for (const genes of ['disease', 'all'] as const) {
			const t = Date.now();
			const set = await readCandidates(fileStream(file), kb, { sample: b.sample, build: 'GRCh38', genes });
			bgCands[genes].push(genes === 'all' ? withoutLaterRnaGenes(set.candidates, genes38, ann2023) : set.candidates);
			console.error(`background ${b.name} (${genes} genes): ${set.records} records → ${set.candidates.length} candidates (${Date.now() - t} ms)`);
		}
	}
	const cohortOf = new Map(
		fs
			.readFileSync(path.join(shared, 'data', 'rare', 'phenopackets-dev', 'index.tsv'), 'utf8')
			.split('\n')
			.slice(1)
			.filter(Boolean)
			.map((l) => l.split('\t').slice(0, 2) as [string, string])
	);
	const text = zlib.gunzipSync(fs.readFileSync(path.join(shared, 'data', 'rare', 'phenopackets-dev', 'phenopackets.ndjson.gz'))).toString('utf8');
	const results: Record<string, Tally> = {};
	const T = (k: string) => (results[k] ??= tally());
	const perCase: unknown[] = [];
	let skipped = 0;
	let used = 0;
	const counts = { train: 0, test: 0 };
	for (const line of text.split('\n')) {
		if (!line) continue;
		const c = parsePhenopacket(line);
		const cohort = cohortOf.get(c.id) ?? c.id;
		const split = isTrainCohort(cohort) ? 'train' : 'test';
		if (splitWanted !== 'all' && split !== splitWanted) continue;
		if (counts[split] >= limit) continue;
		if (shardN > 1 && hash(c.id) % shardN !== shardK) continue;
		const causal = c.variants.find((v) => /38/.test(v.assembly) && (v.gene || v.hgnc));
		if (!causal || !c.observed.length) {
			skipped++;
			continue;
		}
		const gene = (causal.hgnc && symbolOfHgnc.get(causal.hgnc)) || causal.gene!;
		counts[split]++;
		used++;
		const bg = hash(c.id) % BACKGROUNDS.length;
		const annotated = BACKGROUNDS[bg].annotated && !spikeUnannotated;
		const geneOf = (v: PhenopacketVariant) => (v.hgnc && symbolOfHgnc.get(v.hgnc)) || v.gene;
		const spiked = {
			disease: await spikedCandidates(kb, c, 'disease', annotated, geneOf),
			all: withoutLaterRnaGenes(await spikedCandidates(kb, c, 'all', annotated, geneOf), genes38, ann2023)
		};
		const rec: Record<string, unknown> = { id: c.id, cohort, split, gene, background: bg };
		for (const [gi, params] of grid.entries())
		for (const [label0, ann] of (
			[
				['current', kb.annotations],
				['hpoa2023', ann2023]
			] as [string, Annotations][]
		).filter(([l]) => annWanted === 'both' || annWanted === l)) {
			const label = grid.length > 1 ? `${label0}#${gi}` : label0;
			const pp = { ...PHENOTYPE_PARAMS, ...params };
			const gp = { ...GENOTYPE_PARAMS, ...params };
			const q = prepareQuery(kb.ontology, c.observed.map((t) => kb.ontology.indexOf(t)).filter((i) => i >= 0), c.excluded.map((t) => kb.ontology.indexOf(t)).filter((i) => i >= 0));
			const pheno = scorePhenotype(kb.ontology, ann, q, pp);
			const query = { observed: c.observed, excluded: c.excluded, sex: c.sex };
			const p = await rankGenes(kb, query, { candidates: null, build: 'GRCh38', top: 1, annotations: ann, phenotype: pheno, genotypeParams: gp });
			const genes = label0 === 'current' ? 'disease' : 'all';
			const candidates = bgCands[genes][bg].concat(spiked[genes]);
			const g = await rankGenes(kb, query, { candidates, build: 'GRCh38', top: 1, annotations: ann, phenotype: pheno, genotypeParams: gp });
			const pr = p.rankOf(gene);
			const gr = g.rankOf(gene);
			add(T(`${split}|${label}|phenotype`), pr);
			add(T(`${split}|${label}|combined`), gr);
			rec[`${label}Phenotype`] = pr;
			rec[`${label}Combined`] = gr;
			rec[`${label}PhenotypeWorst`] = p.worstRankOf(gene);
			rec[`${label}CombinedWorst`] = g.worstRankOf(gene);
			rec[`${label}TopScore`] = g.genes[0]?.score;
			rec[`${label}TopGene`] = g.genes[0]?.gene;
			rec[`${label}Annotated`] = ann.byGene.has(gene);
			if (explain && (gr === null || gr > 10)) {
				const full = await rankGenes(kb, query, { candidates, build: 'GRCh38', top: Math.max(10, Math.min(gr ?? 10, 3000)), annotations: ann, phenotype: pheno, genotypeParams: gp });
				const brief = (x: (typeof full.genes)[number]) => ({
					gene: x.gene,
					rank: x.rank,
					pheno: +x.contributions.phenotype.toFixed(2),
					geno: +x.contributions.variants.toFixed(2),
					inh: +x.contributions.inheritance.toFixed(2),
					annotated: ann.byGene.has(x.gene),
					inheritance: x.inheritance.join(','),
					variants: x.variants.slice(0, 3).map((v) => `${v.chrom}:${v.pos}:${v.ref}>${v.alt} ${v.consequence} ${v.zygosity}${v.frequency !== null ? ` af=${v.frequency}` : ''}`)
				});
				const self = full.genes.find((x) => x.gene === gene);
				rec[`${label}Explain`] = {
					spiked: spiked.all.filter((v) => v.gene === gene).map((v) => `${v.consequence} ${v.zygosity}`),
					spikedGenes: [...new Set(spiked.all.map((v) => v.gene))],
					caseVariants: c.variants.filter((v) => /38/.test(v.assembly)).map((v) => `${v.chrom}:${v.pos}:${v.ref}>${v.alt} ${v.zygosity} ${v.gene ?? ''}`),
					sex: c.sex,
					modes: (ann.byGene.get(gene) ?? []).map((d) => `${ann.diseases[d].id}:${ann.diseases[d].modes.join('/')}`),
					self: self ? brief(self) : null,
					above: full.genes.slice(0, 10).map(brief)
				};
			}
		}
		perCase.push(rec);
		if (used % 200 === 0) console.error(`${used} cases, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	}
	const out: string[] = [];
	out.push('| split | annotations | mode | cases | top-1 | top-5 | top-10 | median rank |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
	for (const key of Object.keys(results).sort()) {
		const [split, labelG, mode] = key.split('|');
		const [label, g] = labelG.split('#');
		const t = results[key];
		const sorted = [...t.ranks].sort((a, b) => a - b);
		const med = sorted[Math.floor(sorted.length / 2)];
		out.push(
			`| ${split} | ${label === 'current' ? 'built-in (2025-11 / 2026-02)' : 'phenotype.hpoa 2023-01-27'}${g ? ` ${JSON.stringify(grid[Number(g)])}` : ''} | ${mode} | ${t.n} | ${pct(t.top1, t.n)} % | ${pct(t.top5, t.n)} % | ${pct(t.top10, t.n)} % | ${med >= 1e9 ? 'not ranked' : med} |`
		);
	}
	console.log(out.join('\n'));
	console.log(`\n${used} cases used (${counts.train} train, ${counts.test} test), ${skipped} skipped (no hg38 variant with a gene, or no observed term); ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	const jsonOut = opt('json');
	if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(perCase));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
