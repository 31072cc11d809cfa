/**
 * Fast phenotype-only evaluation on the train cohorts (no VCF): causal-gene rank among the genes
 * ranked by their best disease's phenotype ln LR, for one or more parameter sets. Train only — the
 * tool for choosing phenotype constants (test cohorts are never read here).
 *   QENOME_SHARED=../shared npx tsx scripts/pheno-train.ts [--annotations hpoa2023|current]
 *     [--grid '{…};{…}'] [--misses N]
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { parsePhenopacket, prepareQuery, readHpoa, scorePhenotype, PHENOTYPE_PARAMS, type Annotations } from '../src/lib/rare/index';
import { loadRareKbNode } from '../src/lib/rare/kb-node';
import { isTrainCohort } from './validate-rare';

const argv = process.argv.slice(2);
const opt = (n: string) => {
	const i = argv.indexOf(`--${n}`);
	return i >= 0 ? argv[i + 1] : undefined;
};
const shared = path.resolve(opt('shared') ?? process.env.QENOME_SHARED ?? '../shared');
const annWanted = opt('annotations') ?? 'hpoa2023';
const grid: Record<string, number>[] = (opt('grid') ?? '{}').split(';').map((x) => JSON.parse(x));
const missesN = Number(opt('misses') ?? 0);

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
console.log(`${cases.length} train cases, ${ann.diseases.length} diseases, ${geneList.length} genes (${annWanted})`);
for (const params of grid) {
	const t0 = Date.now();
	const pp = { ...PHENOTYPE_PARAMS, ...params };
	let top1 = 0, top5 = 0, top10 = 0, annotated = 0, annTop10 = 0;
	const misses: string[] = [];
	const ranks: { c: (typeof cases)[number]; rank: number; mine: number }[] = [];
	for (const c of cases) {
		const q = prepareQuery(kb.ontology, c.obs, c.ex);
		const s = scorePhenotype(kb.ontology, ann, q, pp);
		const geneScore = (g: string) => {
			let b = -Infinity;
			for (const d of ann.byGene.get(g)!) if (s.logLR[d] > b) b = s.logLR[d];
			return b;
		};
		const dIdx = ann.byGene.get(c.gene);
		if (!dIdx) continue;
		annotated++;
		const mine = geneScore(c.gene);
		let rank = 1;
		for (const g of geneList) if (g !== c.gene) { const x = geneScore(g); if (x > mine || (x === mine && g.localeCompare(c.gene) < 0)) rank++; }
		ranks.push({ c, rank, mine });
		if (rank <= 1) top1++;
		if (rank <= 5) top5++;
		if (rank <= 10) top10++;
		if (rank <= 10) annTop10++;
		else if (misses.length < missesN) {
			let bestD = -1;
			for (const d of dIdx) if (bestD < 0 || s.logLR[d] > s.logLR[bestD]) bestD = d;
			let topG = '', topS = -Infinity;
			for (const g of geneList) { const x = geneScore(g); if (x > topS) { topS = x; topG = g; } }
			let topD = -1;
			for (const d of ann.byGene.get(topG)!) if (topD < 0 || s.logLR[d] > s.logLR[topD]) topD = d;
			const ex = s.explain(bestD), ext = s.explain(topD);
			const kinds = (e: typeof ex) => ['exact', 'partial', 'none'].map((k) => e.filter((x) => x.kind === k).length).join('/');
			misses.push(`${c.id}\t${c.gene}\trank ${rank}\tterms ${q.observed.length}+${q.excluded.length}\tmine ${mine.toFixed(1)} ${ann.diseases[bestD].id} nterms ${ann.diseases[bestD].terms.length} e/p/n ${kinds(ex)}\ttop ${topG} ${topS.toFixed(1)} ${ann.diseases[topD].id} nterms ${ann.diseases[topD].terms.length} e/p/n ${kinds(ext)} diseases ${ann.byGene.get(topG)!.length}`);
		}
	}
	const n = cases.length;
	const p = (x: number, d = n) => ((100 * x) / d).toFixed(1);
	console.log(`${JSON.stringify(params)}\tphenotype-only top-1/5/10 ${p(top1)} / ${p(top5)} / ${p(top10)} %\tannotated ${annotated}: top-10 ${p(annTop10, annotated)} %\t(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
	if (misses.length) console.log(misses.join('\n'));
	if (opt('ranks')) fs.writeFileSync(`${opt('ranks')}-${grid.indexOf(params)}.json`, JSON.stringify(ranks.map((r) => ({ id: r.c.id, cohort: r.c.cohort, gene: r.c.gene, rank: r.rank }))));
}
