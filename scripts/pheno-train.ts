/**
 * Fast phenotype-only evaluation on the train cohorts (no VCF): causal-gene rank among the genes
 * ranked by their best disease's phenotype ln LR, for one or more parameter sets. Train only — the
 * tool for choosing phenotype constants (test cohorts are never read here).
 *   QENOME_SHARED=../shared npx tsx scripts/pheno-train.ts [--annotations hpoa2023|current]
 *     [--grid '{…};{…}'] [--misses N] [--analyse] [--detail CASE_ID] [--ranks PREFIX]
 * Prints top-1/5/10 over all train cases and for the two halves of the train cohorts (a second
 * hash of the cohort name), so a choice can be cross-checked within train. --analyse summarises
 * the annotated misses (rank distribution, term counts, who outranks the causal gene and through
 * which terms); --detail prints one case's term-by-term explanation for the causal and the top
 * disease; --ranks writes each setting's per-case ranks. Grid keys starting with "_" are this
 * tool's experiments, not PhenotypeParams: `_poolW` mixes in a gene-level profile (the gene's
 * diseases pooled; tried in session 14, not adopted).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { parsePhenopacket, prepareQuery, readHpoa, scorePhenotype, PHENOTYPE_PARAMS } from '../src/lib/rare/index';
import { Annotations, type Disease } from '../src/lib/rare/kb';
import { loadRareKbNode } from '../src/lib/rare/kb-node';
import { hash, isTrainCohort } from './validate-rare';

const argv = process.argv.slice(2);
const opt = (n: string) => {
	const i = argv.indexOf(`--${n}`);
	return i >= 0 ? argv[i + 1] : undefined;
};
const shared = path.resolve(opt('shared') ?? process.env.QENOME_SHARED ?? '../shared');
const annWanted = opt('annotations') ?? 'hpoa2023';
const grid: Record<string, number>[] = (opt('grid') ?? '{}').split(';').map((x) => JSON.parse(x));
const missesN = Number(opt('misses') ?? 0);
/** --analyse: summary of the annotated misses (rank distribution, term counts, who outranks the causal gene and why). */
const analyse = argv.includes('--analyse');
/** Cohort half of a train cohort (0/1), for cross-validation of a choice within train. */
const halfOf = (cohort: string) => Math.floor(hash(cohort) / 5) % 2;

const kb = await loadRareKbNode();
const ann: Annotations =
	annWanted === 'current'
		? kb.annotations
		: await readHpoa(Readable.toWeb(fs.createReadStream(path.join(shared, 'data/hpo/phenotype.hpoa_2023-01-27.gz'))) as unknown as ReadableStream<Uint8Array>, kb);
const genes38 = await kb.genes('GRCh38');
const symbolOfHgnc = new Map(Object.entries(genes38.hgnc).map(([s, h]) => [h, s]));
const dir = path.join(shared, 'data/rare/phenopackets-dev');
const cohortOf = new Map(fs.readFileSync(path.join(dir, 'index.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t').slice(0, 2) as [string, string]));
const text = zlib.gunzipSync(fs.readFileSync(path.join(dir, 'phenopackets.ndjson.gz'))).toString('utf8');
const cases: { id: string; cohort: string; gene: string; obs: number[]; ex: number[] }[] = [];
for (const line of text.split('\n')) {
	if (!line) continue;
	const c = parsePhenopacket(line);
	const cohort = cohortOf.get(c.id) ?? c.id;
	if (!isTrainCohort(cohort)) continue;
	const causal = c.variants.find((v) => /38/.test(v.assembly) && (v.gene || v.hgnc));
	if (!causal || !c.observed.length) continue;
	const gene = (causal.hgnc && symbolOfHgnc.get(causal.hgnc)) || causal.gene!;
	const idx = (ids: string[]) => ids.map((t) => kb.ontology.indexOf(t)).filter((i) => i >= 0);
	cases.push({ id: c.id, cohort, gene, obs: idx(c.observed), ex: idx(c.excluded) });
}
const geneList = [...ann.byGene.keys()];
/** Experimental gene-level profiles (grid key _poolW): each gene's diseases pooled into one profile (union of terms, highest frequency). */
const pooled = (() => {
	const diseases: Disease[] = geneList.map((g) => {
		const f = new Map<number, number>();
		for (const d of ann.byGene.get(g)!) {
			const dz = ann.diseases[d];
			dz.terms.forEach((t, k) => f.set(t, Math.max(f.get(t) ?? -1, dz.freqs[k])));
		}
		return { id: g, name: g, genes: [g], modes: [], terms: Int32Array.from(f.keys()), freqs: Float32Array.from(f.values()) };
	});
	return new Annotations(kb.ontology, diseases, 'pooled', ann.version);
})();
console.log(`${cases.length} train cases, ${ann.diseases.length} diseases, ${geneList.length} genes (${annWanted})`);
const median = (xs: number[]) => {
	if (!xs.length) return NaN;
	const a = [...xs].sort((x, y) => x - y);
	return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};
for (const params of grid) {
	const t0 = Date.now();
	const pp = { ...PHENOTYPE_PARAMS, ...Object.fromEntries(Object.entries(params).filter(([k]) => !k.startsWith('_'))) };
	const poolW = params._poolW ?? 0;
	let top1 = 0, top5 = 0, top10 = 0, annotated = 0, annTop10 = 0;
	const half = [
		{ n: 0, top1: 0, top10: 0 },
		{ n: 0, top1: 0, top10: 0 }
	];
	const misses: string[] = [];
	const ranks: { c: (typeof cases)[number]; rank: number; mine: number }[] = [];
	// miss analysis (--analyse)
	const hitStats: { obs: number[]; dzTerms: number[] } = { obs: [], dzTerms: [] };
	const missStats = {
		rank: [] as number[],
		obs: [] as number[],
		dzTerms: [] as number[],
		sparse: 0,
		topTerms: [] as number[],
		topGeneDiseases: [] as number[],
		mineNone: [] as number[],
		hitNone: [] as number[],
		// ln LR gap (top − causal), split by the kind of the top disease's match and how generic the term is
		gapGeneric: 0,
		gapSpecific: 0,
		gapExcluded: 0,
		gapReverse: 0,
		subsumedOnly: 0,
		cohorts: new Map<string, number>()
	};
	for (const c of cases) {
		const q = prepareQuery(kb.ontology, c.obs, c.ex);
		const s = scorePhenotype(kb.ontology, ann, q, pp);
		const sp = poolW ? scorePhenotype(kb.ontology, pooled, q, pp) : null;
		const gScores = new Map<string, number>();
		geneList.forEach((g, gi) => {
			let b = -Infinity;
			for (const d of ann.byGene.get(g)!) if (s.logLR[d] > b) b = s.logLR[d];
			gScores.set(g, sp ? (1 - poolW) * b + poolW * sp.logLR[gi] : b);
		});
		const geneScore = (g: string) => gScores.get(g)!;
		const h = half[halfOf(c.cohort)];
		h.n++;
		const dIdx = ann.byGene.get(c.gene);
		if (!dIdx) continue;
		annotated++;
		const mine = geneScore(c.gene);
		let rank = 1;
		for (const g of geneList) if (g !== c.gene) { const x = geneScore(g); if (x > mine || (x === mine && g.localeCompare(c.gene) < 0)) rank++; }
		ranks.push({ c, rank, mine });
		if (rank <= 1) { top1++; h.top1++; }
		if (rank <= 5) top5++;
		if (rank <= 10) { top10++; h.top10++; }
		let bestD = -1;
		for (const d of dIdx) if (bestD < 0 || s.logLR[d] > s.logLR[bestD]) bestD = d;
		if (rank <= 10) {
			annTop10++;
			if (analyse) {
				hitStats.obs.push(q.observed.length);
				hitStats.dzTerms.push(ann.diseases[bestD].terms.length);
				missStats.hitNone.push(s.explain(bestD).filter((x) => x.kind === 'none').length / Math.max(1, q.observed.length));
			}
			continue;
		}
		let topG = '', topS = -Infinity;
		for (const g of geneList) { const x = geneScore(g); if (x > topS) { topS = x; topG = g; } }
		let topD = -1;
		for (const d of ann.byGene.get(topG)!) if (topD < 0 || s.logLR[d] > s.logLR[topD]) topD = d;
		const ex = s.explain(bestD), ext = s.explain(topD);
		if (analyse) {
			missStats.rank.push(rank);
			missStats.obs.push(q.observed.length);
			missStats.dzTerms.push(ann.diseases[bestD].terms.length);
			if (ann.diseases[bestD].terms.length <= 5) missStats.sparse++;
			missStats.topTerms.push(ann.diseases[topD].terms.length);
			missStats.topGeneDiseases.push(ann.byGene.get(topG)!.length);
			missStats.mineNone.push(ex.filter((x) => x.kind === 'none').length / Math.max(1, q.observed.length));
			missStats.cohorts.set(c.cohort, (missStats.cohorts.get(c.cohort) ?? 0) + 1);
			// per observed term: the top disease's advantage, by how generic the term is (background ≥ 5 % of diseases)
			const nObs = q.observed.length;
			const rev = (e: typeof ex) => e.slice(0, nObs);
			let revMine = 0, revTop = 0;
			rev(ex).forEach((m, i) => {
				const t = ext[i];
				const qi = q.observed[i];
				const gap = t.logLR - m.logLR;
				if (ann.background[qi] >= 0.05) missStats.gapGeneric += gap;
				else missStats.gapSpecific += gap;
				revMine += m.logLR; revTop += t.logLR;
			});
			for (let i = nObs; i < ex.length; i++) missStats.gapExcluded += ext[i].logLR - ex[i].logLR;
			if (ex.slice(0, nObs).every((m) => m.kind !== 'exact')) missStats.subsumedOnly++;
		}
		if (opt('detail') === c.id) {
			const show = (d: number, e: typeof ex) => {
				console.log(`  ${ann.diseases[d].id} ${ann.diseases[d].name} (${ann.diseases[d].terms.length} terms) ln LR ${s.logLR[d].toFixed(1)}`);
				for (const m of e) console.log(`    ${m.kind.padEnd(16)} ${m.logLR.toFixed(2).padStart(6)} ${m.query} ${m.queryName} ← ${m.matched ?? ''} ${m.matchedName ?? ''} (bg ${ann.background[kb.ontology.indexOf(m.query)].toFixed(3)})`);
			};
			show(bestD, ex);
			show(topD, ext);
		}
		if (misses.length < missesN) {
			const kinds = (e: typeof ex) => ['exact', 'partial', 'none'].map((k) => e.filter((x) => x.kind === k).length).join('/');
			misses.push(`${c.id}\t${c.gene}\trank ${rank}\tterms ${q.observed.length}+${q.excluded.length}\tmine ${mine.toFixed(1)} ${ann.diseases[bestD].id} nterms ${ann.diseases[bestD].terms.length} e/p/n ${kinds(ex)}\ttop ${topG} ${topS.toFixed(1)} ${ann.diseases[topD].id} nterms ${ann.diseases[topD].terms.length} e/p/n ${kinds(ext)} diseases ${ann.byGene.get(topG)!.length}`);
		}
	}
	const n = cases.length;
	const p = (x: number, d = n) => ((100 * x) / d).toFixed(1);
	console.log(`${JSON.stringify(params)}\tphenotype-only top-1/5/10 ${p(top1)} / ${p(top5)} / ${p(top10)} %\tannotated ${annotated}: top-10 ${p(annTop10, annotated)} %\thalves top-1/10 A ${p(half[0].top1, half[0].n)}/${p(half[0].top10, half[0].n)} (${half[0].n}) B ${p(half[1].top1, half[1].n)}/${p(half[1].top10, half[1].n)} (${half[1].n})\t(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
	if (analyse) {
		const m = missStats;
		const bucket = (lo: number, hi: number) => m.rank.filter((r) => r >= lo && r <= hi).length;
		const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
		console.log(`annotated misses ${m.rank.length}: rank 11–20 ${bucket(11, 20)}, 21–50 ${bucket(21, 50)}, 51–100 ${bucket(51, 100)}, 101–500 ${bucket(101, 500)}, > 500 ${bucket(501, 1e9)}`);
		console.log(`observed terms (after dropping implied ancestors): median misses ${median(m.obs)} / hits ${median(hitStats.obs)}`);
		console.log(`2023 terms of the causal gene's best disease: median misses ${median(m.dzTerms)} / hits ${median(hitStats.dzTerms)}; ≤ 5 terms: ${m.sparse} misses`);
		console.log(`top-ranked disease in a miss: median terms ${median(m.topTerms)}; its gene's diseases median ${median(m.topGeneDiseases)}, mean ${mean(m.topGeneDiseases).toFixed(1)}`);
		console.log(`observed terms the causal disease leaves unexplained (LR at the floor): mean share misses ${(100 * mean(m.mineNone)).toFixed(0)} % / hits ${(100 * mean(m.hitNone)).toFixed(0)} %; misses with no exact match at all ${m.subsumedOnly}`);
		console.log(`ln LR gap top − causal summed over misses: generic terms (bg ≥ 5 %) ${m.gapGeneric.toFixed(0)}, specific terms ${m.gapSpecific.toFixed(0)}, excluded terms ${m.gapExcluded.toFixed(0)}`);
		console.log(`cohorts with most misses: ${[...m.cohorts].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k} ${v}`).join(', ')}`);
	}
	if (misses.length) console.log(misses.join('\n'));
	if (opt('ranks')) fs.writeFileSync(`${opt('ranks')}-${grid.indexOf(params)}.json`, JSON.stringify(ranks.map((r) => ({ id: r.c.id, cohort: r.c.cohort, gene: r.c.gene, rank: r.rank }))));
}
