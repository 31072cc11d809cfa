/** Family ranking entry checks (no knowledge base needed): proband choice and refusals. SYNTHETIC samples. */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseFamily, chooseProband, parsePed, type FamilySample } from '../../../src/lib/family/index';
import { child, founder, makeSites, rng, toJointVcf } from './simulate';
import { arraySample, vcfSamples } from './helpers';

let trio: FamilySample[];
let arrays: FamilySample[];
beforeAll(async () => {
	const sites = makeSites(40, 4);
	const r = rng(6);
	const dad = founder('dad', 'male', sites, r);
	const mum = founder('mum', 'female', sites, r);
	const kid = child('kid', 'female', dad, mum, r);
	trio = await vcfSamples(toJointVcf([kid, dad, mum], sites), ['kid', 'dad', 'mum']);
	arrays = [await arraySample(kid, sites), await arraySample(dad, sites), await arraySample(mum, sites)];
});

const PED = parsePed('f kid dad mum 2 2\nf dad 0 0 1 1\nf mum 0 0 2 2\nf gran 0 0 2 2');

describe('family ranking entry', () => {
	it('chooses the affected member with genotyped parents, or the one named', () => {
		expect(chooseProband(PED, trio)).toBe('kid');
		expect(chooseProband(PED, trio, 'mum')).toBe('mum');
		expect(() => chooseProband(PED, trio, 'gran')).toThrow(/has no genome/);
		expect(() => chooseProband(PED, trio, 'nobody')).toThrow(/not in the PED/);
		expect(() => chooseProband(parsePed('f kid dad mum 2 1\nf dad 0 0 1 1\nf mum 0 0 2 1'), trio)).toThrow(/No member with a genome is marked affected/);
	});

	it('refuses genomes missing from the PED', async () => {
		const query = { observed: ['HP:0001250'], excluded: [] };
		await expect(analyseFamily(null as never, { samples: trio, pedigree: parsePed('f kid dad 0 2 2\nf dad 0 0 1 1'), sources: [], query })).rejects.toThrow(/missing: mum/);
	});

	it('an array family: only known (ClinVar) variants, never de novo, and it says so', async () => {
		const { loadRareKbNode } = await import('../../../src/lib/rare/kb-node');
		const res = await analyseFamily(await loadRareKbNode(), { samples: arrays, pedigree: PED, sources: [], query: { observed: ['HP:0001250'], excluded: [] }, top: 5 });
		expect(res.proband).toBe('kid');
		expect(res.notes.join(' ')).toMatch(/never for de novo calls/);
		expect(res.rare.input.format).toBe('array');
		expect(res.rare.warnings.join(' ')).toMatch(/only variants ClinVar already calls pathogenic/);
		expect(res.rare.genes.every((g) => g.variants.length === 0)).toBe(true);
	}, 120_000);
});
