/**
 * The real GIAB Ashkenazi trio (../shared; HG002 son, HG003 father, HG004 mother): kinship of the
 * true relationships, a wrong PED flagged, the Mendelian-error rate reported, and published
 * variants (phenopackets) spiked in with each inheritance pattern's genotypes found again.
 * Skips cleanly when ../shared is absent.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importGenomeBytes } from '../../../src/lib/genome/index';
import { assessGene, familySample, parsePed, readSiteQualities, relate, siteKey, type FamilySample } from '../../../src/lib/family/index';
import { HAVE_TRIO, loadSpikeCases, spikeGenotypes, spikeVcf, trioText, TRIO_B37, TRIO_PED, type SpikeCase, type SpikeCategory } from './spike';

if (!HAVE_TRIO) console.log('[family tests] skipping real-trio tests: ../shared/data/background (GIAB trio) or the phenopackets are absent');

const IDS = ['HG002', 'HG003', 'HG004'];
const enc = new TextEncoder();
async function load(text: string | Uint8Array): Promise<FamilySample[]> {
	const bytes = typeof text === 'string' ? enc.encode(text) : text;
	const out: FamilySample[] = [];
	for (const id of IDS) out.push(familySample(id, await importGenomeBytes(bytes, { sample: id }), true));
	return out;
}

describe.skipIf(!HAVE_TRIO)('real GIAB Ashkenazi trio (needs ../shared)', () => {
	let b37: FamilySample[];
	beforeAll(async () => {
		b37 = await load(new Uint8Array(fs.readFileSync(TRIO_B37)));
	});

	it('kinship: son–father and son–mother parent-offspring, the parents unrelated; Mendelian-error rate reported', () => {
		const res = relate(b37, { pedigree: parsePed(fs.readFileSync(TRIO_PED, 'utf8')) });
		const get = (a: string, b: string) => res.pairs.find((p) => p.a === a && p.b === b)!;
		expect(get('HG002', 'HG003')).toMatchObject({ relationship: 'parent-offspring', stated: 'parent-offspring' });
		expect(get('HG002', 'HG004')).toMatchObject({ relationship: 'parent-offspring', stated: 'parent-offspring' });
		expect(get('HG003', 'HG004')).toMatchObject({ relationship: 'unrelated', stated: 'unrelated' });
		expect(Math.abs(get('HG002', 'HG003').kinship - 0.25)).toBeLessThan(0.03);
		expect(Math.abs(get('HG003', 'HG004').kinship)).toBeLessThan(0.03);
		expect(res.pedErrors).toEqual([]);
		expect(res.trios).toHaveLength(1);
		expect(res.trios[0].sites).toBeGreaterThan(5000);
		expect(res.trios[0].rate).toBeGreaterThan(0);
		expect(res.trios[0].rate).toBeLessThan(0.01);
	});

	it('flags an unrelated "parent" and a child/parent swap in the PED', () => {
		const swapped = relate(b37, { pedigree: parsePed('ash HG003 HG002 HG004 1 2\nash HG002 0 0 1 0\nash HG004 0 0 2 0') });
		expect(swapped.pedErrors.join('\n')).toMatch(/HG004 is listed as HG003's mother but the DNA says they are unrelated/);
		expect(swapped.trios[0].rate).toBeGreaterThan(0.1);
		const parentsSwapped = relate(b37, { pedigree: parsePed('ash HG002 HG004 HG003 1 2\nash HG003 0 0 1 0\nash HG004 0 0 2 0') });
		expect(parentsSwapped.pedErrors.join('\n')).toMatch(/HG004 is listed as HG002's father but stated female/);
		// The mother's genome under the father's name and vice versa, with the PED's sexes kept.
		const relabelled = [b37[0], { ...b37[2], id: 'HG003' }, { ...b37[1], id: 'HG004' }];
		expect(relate(relabelled, { pedigree: parsePed(fs.readFileSync(TRIO_PED, 'utf8')) }).pedErrors).toEqual([]); // no X/Y here: a pure label swap between two parents is invisible without sex data
	});

	describe('spiked phenopacket variants are found with their pattern', () => {
		let cases: SpikeCase[];
		let background: string;
		const ped = parsePed('ash HG002 HG003 HG004 1 2\nash HG003 0 0 1 1\nash HG004 0 0 2 1');
		beforeAll(() => {
			cases = loadSpikeCases();
			background = trioText('b38');
		});
		const categories: SpikeCategory[] = ['de novo', 'recessive homozygous', 'compound heterozygous', 'X-linked'];
		for (const category of categories) {
			it(category, async () => {
				const picked = cases.filter((c) => c.category === category).slice(0, 2);
				expect(picked.length).toBe(2);
				for (const c of picked) {
					const records = spikeGenotypes(c);
					const text = spikeVcf(background, records);
					const samples = await load(text);
					const sites = new Set(c.variants.map((v) => siteKey(v.chrom, v.pos)));
					const qualities = await readSiteQualities(new Blob([text]).stream(), IDS, sites);
					const gene = assessGene({ samples, pedigree: ped, proband: 'HG002', qualities }, c.variants);
					expect(gene.patterns, `${c.id} ${c.gene}`).toContain(category);
					expect(gene.variants[0].genotypes.map((g) => g.sample)).toEqual(IDS);
				}
			});
		}

		it('an inherited heterozygous variant with no second hit fits no pattern; a failed de novo gate is explained', async () => {
			const c = cases.find((x) => x.category === 'de novo')!;
			const v = c.variants[0];
			const inherited = spikeVcf(background, [{ variant: v, gts: ['0/1', '0/1', '0/0'] }]);
			const g1 = assessGene({ samples: await load(inherited), pedigree: ped, proband: 'HG002' }, [v]);
			expect(g1.patterns).toEqual([]);
			expect(g1.inconsistent).toBe(true);
			expect(g1.variants[0].contradictions.join(' ')).toMatch(/inherited from an unaffected parent \(HG003\)/);
			const lowBalance = spikeVcf(background, [{ variant: v, gts: [], cells: ['0/1:27,3:30:99', '0/0:30,0:30:99', '0/0:30,0:30:99'] }]);
			const q = await readSiteQualities(new Blob([lowBalance]).stream(), IDS, new Set([siteKey(v.chrom, v.pos)]));
			const g2 = assessGene({ samples: await load(lowBalance), pedigree: ped, proband: 'HG002', qualities: q }, [v]);
			expect(g2.patterns).toEqual([]);
			expect(g2.variants[0].notes.join(' ')).toMatch(/allele balance 0\.10/);
		});
	});
});
