/**
 * The one-pass family VCF reader (`readFamilyVcf`) gives exactly what the earlier multi-pass path
 * gave: per-sample chunks, build and sex equal to `importGenome(…, {sample})`, the same
 * relatedness checks, and the same family ranking when the ranking reads the small region VCF
 * instead of the whole file. SYNTHETIC joint VCF always; the real GIAB trio with a spiked case
 * when ../shared is present (skips cleanly otherwise).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToStream, importGenomeBytes } from '../../../src/lib/genome/index';
import { analyseFamily, familySample, parsePed, readFamilyVcf, relate, type FamilySample, type FamilyVcfSource } from '../../../src/lib/family/index';
import type { RareKb } from '../../../src/lib/rare/index';
import { loadRareKbNode } from '../../../src/lib/rare/kb-node';
import { child, founder, makeSites, rng, toJointVcf } from './simulate';
import { HAVE_TRIO, loadSpikeCases, spikeGenotypes, spikeVcf, trioText, TRIO_PED_AFFECTED } from './spike';

let kb: RareKb;
beforeAll(async () => {
	kb = await loadRareKbNode();
});

/** The multi-pass path as it was: one import per sample, the whole file opened for the ranking. */
async function multiPass(bytes: Uint8Array, ids: string[]): Promise<FamilySample[]> {
	const out: FamilySample[] = [];
	for (const id of ids) out.push(familySample(id, await importGenomeBytes(bytes, { sample: id }), ids.length > 1));
	return out;
}

function expectSameGenomes(one: FamilySample[], many: FamilySample[]) {
	expect(one.map((s) => s.id)).toEqual(many.map((s) => s.id));
	for (let i = 0; i < one.length; i++) {
		expect(one[i].summary.build).toBe(many[i].summary.build);
		expect(one[i].summary.sex).toBe(many[i].summary.sex);
		expect(one[i].summary.records).toBe(many[i].summary.records);
		expect(one[i].source).toBe(many[i].source);
		expect(one[i].jointCalled).toBe(many[i].jointCalled);
		const a = one[i].chunks.filter((c) => c.positions.length);
		const b = many[i].chunks.filter((c) => c.positions.length);
		expect(a.map((c) => c.chrom)).toEqual(b.map((c) => c.chrom));
		for (let k = 0; k < a.length; k++) {
			expect(a[k].positions).toEqual(b[k].positions);
			expect(a[k].allele1).toEqual(b[k].allele1);
			expect(a[k].allele2).toEqual(b[k].allele2);
			expect(a[k].flags).toEqual(b[k].flags);
			expect(a[k].refCodes).toEqual(b[k].refCodes);
		}
	}
}

/** Rank twice — from the one-pass read and from the whole file — and compare. */
async function expectSameRanking(bytes: Uint8Array, ids: string[], ped: string, observed: string[]) {
	const one = await readFamilyVcf(bytesToStream(bytes), { kb });
	const many = await multiPass(bytes, ids);
	expectSameGenomes(one.samples, many);
	expect(one.regionVcf.length).toBeLessThan(bytes.length);
	const pedigree = parsePed(ped);
	expect(relate(one.samples, { pedigree })).toEqual(relate(many, { pedigree }));
	const query = { observed, excluded: [] };
	const fromRegion: FamilyVcfSource = { name: 'trio.vcf', samples: ids, open: () => bytesToStream(one.regionVcf), records: one.records };
	const fromFile: FamilyVcfSource = { name: 'trio.vcf', samples: ids, open: () => bytesToStream(bytes) };
	const a = await analyseFamily(kb, { samples: one.samples, pedigree, sources: [fromRegion], query, top: 200 });
	const b = await analyseFamily(kb, { samples: many, pedigree, sources: [fromFile], query, top: 200 });
	expect(a.rare.genes.length).toBeGreaterThan(0);
	expect({ ...a, rare: { ...a.rare, created: "" } }).toEqual({ ...b, rare: { ...b.rare, created: "" } });
	return a;
}

describe('one-pass family VCF reader (SYNTHETIC joint VCF)', () => {
	it('gives the per-sample genomes, checks and ranking of the multi-pass path', async () => {
		const sites = makeSites(400, 11, 200, 20);
		const r = rng(12);
		const dad = founder('dad', 'male', sites, r);
		const mum = founder('mum', 'female', sites, r);
		const kid = child('kid', 'male', dad, mum, r);
		const bytes = new TextEncoder().encode(toJointVcf([kid, dad, mum], sites, [], 'GRCh38'));
		await expectSameRanking(bytes, ['kid', 'dad', 'mum'], 'f kid dad mum 1 2\nf dad 0 0 1 1\nf mum 0 0 2 1', ['HP:0001250']);
	}, 60_000);

	it('stops when cancelled (the page\'s Cancel button aborts the one pass)', async () => {
		const sites = makeSites(50, 15, 20, 5);
		const r = rng(16);
		const bytes = new TextEncoder().encode(toJointVcf([founder('a', 'male', sites, r), founder('b', 'female', sites, r)], sites));
		const controller = new AbortController();
		controller.abort();
		await expect(readFamilyVcf(bytesToStream(bytes), { signal: controller.signal })).rejects.toMatchObject({ kind: 'cancelled' });
	});

	it('a single-sample VCF: one sample, not joint-called, same genome as the importer', async () => {
		const sites = makeSites(200, 13, 100, 10);
		const p = founder('solo', 'female', sites, rng(14));
		const bytes = new TextEncoder().encode(toJointVcf([p], sites, [], 'GRCh38'));
		const one = await readFamilyVcf(bytesToStream(bytes));
		expectSameGenomes(one.samples, await multiPass(bytes, ['solo']));
		expect(one.samples[0].jointCalled).toBe(false);
	}, 30_000);
});

describe.skipIf(!HAVE_TRIO)('one-pass reader on the real GIAB trio with a spiked case (needs ../shared)', () => {
	it('same genomes, Mendelian-error rate, kinship and ranking as the multi-pass path', async () => {
		const c = loadSpikeCases().filter((x) => x.category === 'compound heterozygous')[0];
		const bytes = new TextEncoder().encode(spikeVcf(trioText('b38'), spikeGenotypes(c)));
		const res = await expectSameRanking(bytes, ['HG002', 'HG003', 'HG004'], TRIO_PED_AFFECTED, c.hpo);
		expect(res.genes[c.gene]?.patterns).toContain('compound heterozygous');
		expect(res.checks.trios[0].sites).toBeGreaterThan(1000);
	}, 120_000);
});
