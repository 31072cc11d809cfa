/**
 * A small representative subset of the phenopacket validation (scripts/validate-rare.ts, full
 * figures in docs/benchmarks.md): 16 cases from 16 different unseen ("test") cohorts, causal
 * variants spiked into the real GIAB HG002 chr20 background. Needs ../shared: skipped without it.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePhenopacket, rankGenes, readCandidates, readHpoa, type Annotations, type CandidateVariant, type PhenopacketCase, type RareKb } from '../../../src/lib/rare/index';
import { hash, isTrainCohort, spikedCandidates, withoutLaterRnaGenes } from '../../../scripts/validate-rare';
import { HAVE_SHARED, SHARED, kb as loadKb } from './helpers';

if (!HAVE_SHARED) console.warn(`rare validation subset skipped: ${SHARED}/data/rare/phenopackets-dev not found (../shared is absent)`);

describe.skipIf(!HAVE_SHARED)('rare validation subset (needs ../shared; skipped without it)', () => {
	let kb: RareKb;
	let background: CandidateVariant[];
	const open = (file: string) => Readable.toWeb(fs.createReadStream(file)) as unknown as ReadableStream<Uint8Array>;
	const bgFile = () => path.join(SHARED, 'data', 'background', 'HG002.GRCh38.chr20.GIABv4.2.1.truth.vcf.gz');
	const picked = new Map<string, PhenopacketCase>();
	let symbolOfHgnc: Map<string, string>;
	beforeAll(async () => {
		kb = await loadKb();
		const set = await readCandidates(open(bgFile()), kb, { build: 'GRCh38' });
		background = set.candidates;
		const dir = path.join(SHARED, 'data', 'rare', 'phenopackets-dev');
		const cohortOf = new Map(
			fs
				.readFileSync(path.join(dir, 'index.tsv'), 'utf8')
				.split('\n')
				.slice(1)
				.map((l) => l.split('\t'))
				.map((f) => [f[0], f[1]] as [string, string])
		);
		const genes38 = await kb.genes('GRCh38');
		symbolOfHgnc = new Map(Object.entries(genes38.hgnc).map(([s, h]) => [h, s]));
		const lines = zlib.gunzipSync(fs.readFileSync(path.join(dir, 'phenopackets.ndjson.gz'))).toString('utf8').split('\n').filter(Boolean);
		// deterministic order by hash of the case id, one case per cohort
		lines.sort((a, b) => hash(a.slice(0, 80)) - hash(b.slice(0, 80)));
		for (const line of lines) {
			const c = parsePhenopacket(line);
			const cohort = cohortOf.get(c.id) ?? c.id;
			if (isTrainCohort(cohort) || picked.has(cohort)) continue;
			if (!c.observed.length || !c.variants.some((v) => /38/.test(v.assembly) && v.gene)) continue;
			picked.set(cohort, c);
			if (picked.size === 16) break;
		}
	});

	it('ranks the causal gene in the top 10 for most unseen cases, and higher with the genome than without', async () => {
		let top10 = 0;
		let phenoTop10 = 0;
		let better = 0;
		for (const c of picked.values()) {
			const v = c.variants.find((x) => /38/.test(x.assembly) && x.gene)!;
			const gene = (v.hgnc && symbolOfHgnc.get(v.hgnc)) || v.gene!;
			const candidates = background.concat(await spikedCandidates(kb, c));
			const q = { observed: c.observed, excluded: c.excluded, sex: c.sex };
			const combined = (await rankGenes(kb, q, { candidates, build: 'GRCh38', top: 1 })).rankOf(gene) ?? Infinity;
			const pheno = (await rankGenes(kb, q, { candidates: null, build: null, top: 1 })).rankOf(gene) ?? Infinity;
			if (combined <= 10) top10++;
			if (pheno <= 10) phenoTop10++;
			if (combined <= pheno) better++;
		}
		console.log(`rare validation subset: ${picked.size} unseen cases, combined top-10 ${top10}, phenotype-only top-10 ${phenoTop10}`);
		expect(picked.size).toBe(16);
		expect(top10).toBeGreaterThanOrEqual(12);
		expect(better).toBeGreaterThanOrEqual(14);
		expect(phenoTop10).toBeGreaterThanOrEqual(6);
	});

	it('with the 2023 annotations (leakage-resistant run): every causal gene with a candidate variant is ranked, annotated in 2023 or not', async () => {
		const ann: Annotations = await readHpoa(open(path.join(SHARED, 'data', 'hpo', 'phenotype.hpoa_2023-01-27.gz')), kb);
		// every gene is a candidate in this run: the built-in (newer) disease-gene list must not choose them
		const models = await kb.genes('GRCh38');
		const bgAll = withoutLaterRnaGenes((await readCandidates(open(bgFile()), kb, { build: 'GRCh38', genes: 'all' })).candidates, models, ann);
		expect(bgAll.length).toBeGreaterThan(background.length);
		let top10 = 0;
		let unannotated = 0;
		for (const c of picked.values()) {
			const v = c.variants.find((x) => /38/.test(x.assembly) && x.gene)!;
			const gene = (v.hgnc && symbolOfHgnc.get(v.hgnc)) || v.gene!;
			const spiked = withoutLaterRnaGenes(await spikedCandidates(kb, c, 'all'), models, ann);
			const q = { observed: c.observed, excluded: c.excluded, sex: c.sex };
			const rank = (await rankGenes(kb, q, { candidates: bgAll.concat(spiked), build: 'GRCh38', top: 1, annotations: ann })).rankOf(gene);
			if (!ann.byGene.has(gene)) unannotated++;
			if (spiked.some((x) => x.gene === gene)) expect(rank).not.toBeNull();
			if ((rank ?? Infinity) <= 10) top10++;
		}
		console.log(`rare validation subset, hpoa 2023-01-27: ${picked.size} unseen cases (${unannotated} causal genes without a 2023 annotation), combined top-10 ${top10}`);
		expect(top10).toBeGreaterThanOrEqual(8);
	});
});
