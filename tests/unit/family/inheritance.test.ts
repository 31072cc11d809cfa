/**
 * Inheritance patterns on a SYNTHETIC family (seeded simulation, joint VCF with GT:AD:DP:GQ
 * through the real importer): dad, mum, affected kid, unaffected sib; planted variants for every
 * pattern and for the contradictions that must rule a variant out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { assessGene, assessVariant, parsePed, readSiteQualities, siteKey, type FamilyContext, type FamilySample } from '../../../src/lib/family/index';
import { child, founder, makeSites, rng, toJointVcf, type PlantedRecord } from './simulate';
import { arraySample, vcfSamples } from './helpers';

const IDS = ['kid', 'dad', 'mum', 'sib'];
const q = (dp: number, gq: number, ad: [number, number]) => ({ dp, gq, ad });
const P = (chrom: string, pos: number, gts: Record<string, string>, extra: Partial<PlantedRecord> = {}): PlantedRecord => ({ chrom, pos, ref: 'C', alt: 'T', genotypes: gts, ...extra });
const planted: Record<string, PlantedRecord> = {
	deNovo: P('5', 5_000_000, { kid: '0/1' }),
	deNovoLowDepth: P('5', 5_000_100, { kid: '0/1' }, { quality: { kid: q(6, 99, [3, 3]) } }),
	deNovoParentReads: P('5', 5_000_200, { kid: '0/1' }, { quality: { mum: q(30, 99, [26, 4]) } }),
	recessive: P('6', 6_000_000, { kid: '1/1', dad: '0/1', mum: '0/1', sib: '0/1' }),
	recessiveSibHom: P('6', 6_000_100, { kid: '1/1', dad: '0/1', mum: '0/1', sib: '1/1' }),
	compA: P('7', 7_000_000, { kid: '0/1', dad: '0/1' }),
	compB: P('7', 7_000_500, { kid: '0/1', mum: '0/1', sib: '0/1' }),
	sibBothA: P('8', 8_000_000, { kid: '0/1', dad: '0/1', sib: '0/1' }),
	sibBothB: P('8', 8_000_500, { kid: '0/1', mum: '0/1', sib: '0/1' }),
	xLinked: P('X', 50_000_000, { kid: '1', mum: '0/1' }),
	inheritedOnly: P('9', 9_000_000, { kid: '0/1', mum: '0/1' })
};

let samples: FamilySample[];
let ctx: FamilyContext;
const ped = parsePed('f kid dad mum 1 2\nf dad 0 0 1 1\nf mum 0 0 2 1\nf sib dad mum 2 1');

beforeAll(async () => {
	const sites = makeSites(120, 3);
	const r = rng(5);
	const dad = founder('dad', 'male', sites, r);
	const mum = founder('mum', 'female', sites, r);
	const kid = child('kid', 'male', dad, mum, r);
	const sib = child('sib', 'female', dad, mum, r);
	const text = toJointVcf([kid, dad, mum, sib], sites, Object.values(planted));
	samples = await vcfSamples(text, IDS);
	const keys = new Set(Object.values(planted).map((p) => siteKey(p.chrom, p.pos)));
	const qualities = await readSiteQualities(new Blob([text]).stream(), IDS, keys);
	ctx = { samples, pedigree: ped, proband: 'kid', qualities };
});

const site = (p: PlantedRecord) => ({ chrom: p.chrom, pos: p.pos, ref: p.ref, alt: p.alt });

describe('inheritance patterns (SYNTHETIC joint VCF)', () => {
	it('de novo: child het, parents hom-ref with passing DP/GQ/AB gates; failed gates are explained', () => {
		const v = assessVariant(ctx, site(planted.deNovo));
		expect(v.patterns).toEqual(['de novo']);
		expect(v.origin).toBe('de novo');
		expect(v.genotypes.map((g) => [g.sample, g.genotype])).toEqual([['kid', '0/1'], ['dad', '0/0'], ['mum', '0/0'], ['sib', '0/0']]);
		expect(v.genotypes[0].quality).toEqual({ dp: 30, gq: 99, ad: [15, 15] });
		const low = assessVariant(ctx, site(planted.deNovoLowDepth));
		expect(low.patterns).toEqual([]);
		expect(low.notes.join(' ')).toMatch(/kid depth 6 < 10/);
		const mosaic = assessVariant(ctx, site(planted.deNovoParentReads));
		expect(mosaic.patterns).toEqual([]);
		expect(mosaic.notes.join(' ')).toMatch(/mum has 0\.13 ALT reads/);
	});

	it('recessive homozygous: parents carriers, unaffected sib a carrier; ruled out when the unaffected sib is homozygous too', () => {
		expect(assessVariant(ctx, site(planted.recessive)).patterns).toEqual(['recessive homozygous']);
		const bad = assessVariant(ctx, site(planted.recessiveSibHom));
		expect(bad.patterns).toEqual([]);
		expect(bad.contradictions.join(' ')).toMatch(/Unaffected sib is also homozygous/);
		expect(assessGene(ctx, [site(planted.recessiveSibHom)]).inconsistent).toBe(true);
	});

	it('compound heterozygous: one variant from each parent, phased by inheritance', () => {
		const g = assessGene(ctx, [site(planted.compA), site(planted.compB)]);
		expect(g.patterns).toEqual(['compound heterozygous']);
		expect(g.variants.map((v) => v.origin)).toEqual(['father', 'mother']);
		expect(g.inconsistent).toBe(false);
		// The unaffected sib carries both: not causal.
		const ruled = assessGene(ctx, [site(planted.sibBothA), site(planted.sibBothB)]);
		expect(ruled.patterns).toEqual([]);
		// Two variants from one parent are on one haplotype: not compound heterozygous.
		expect(assessGene(ctx, [site(planted.compA), site(planted.sibBothA)]).patterns).toEqual([]);
	});

	it('X-linked: hemizygous son, carrier mother', () => {
		const v = assessVariant(ctx, site(planted.xLinked));
		expect(v.patterns).toEqual(['X-linked']);
		expect(v.genotypes[0].genotype).toBe('1');
		expect(v.origin).toBe('mother');
	});

	it('a heterozygous variant from an unaffected parent with no second hit contradicts the pedigree', () => {
		const g = assessGene(ctx, [site(planted.inheritedOnly)]);
		expect(g.patterns).toEqual([]);
		expect(g.inconsistent).toBe(true);
		expect(g.variants[0].contradictions.join(' ')).toMatch(/unaffected parent \(mum\)/);
	});

	it('dominant: segregates with affected status across the pedigree (affected father, unaffected mother and sib)', () => {
		const domPed = parsePed('f kid dad mum 1 2\nf dad 0 0 1 2\nf mum 0 0 2 1\nf sib dad mum 2 1');
		const dctx = { ...ctx, pedigree: domPed };
		expect(assessVariant(dctx, site(planted.compA)).patterns).toEqual(['dominant']);
		// Carried by the unaffected sib: does not segregate.
		expect(assessVariant(dctx, site(planted.sibBothA)).patterns).toEqual([]);
		// Not carried by the affected father.
		const v = assessVariant(dctx, site(planted.inheritedOnly));
		expect(v.patterns).toEqual([]);
		expect(v.contradictions.join(' ')).toMatch(/Affected dad does not carry it/);
	});
});

describe('consumer arrays never produce de novo calls', () => {
	it('an apparent de novo on arrays is explained, never called', async () => {
		const sites = makeSites(60, 9);
		const r = rng(1);
		const dad = founder('dad', 'male', sites, r);
		const mum = founder('mum', 'female', sites, r);
		const kid = child('kid', 'male', dad, mum, r);
		// Find a site where both parents are homozygous reference and make the kid heterozygous.
		const list = sites.get('3')!;
		const i = list.findIndex((_, k) => dad.hap.get('3')![0][k] + dad.hap.get('3')![1]![k] + mum.hap.get('3')![0][k] + mum.hap.get('3')![1]![k] === 0);
		kid.hap.get('3')![0][i] = 1;
		kid.hap.get('3')![1]![i] = 0;
		const arr = [await arraySample(kid, sites), await arraySample(dad, sites), await arraySample(mum, sites)];
		const s = list[i];
		const v = assessVariant({ samples: arr, pedigree: parsePed('f kid dad mum 1 2\nf dad 0 0 1 1\nf mum 0 0 2 1'), proband: 'kid' }, { chrom: '3', pos: s.pos, ref: s.ref, alt: s.alt });
		expect(v.genotypes[0].altCount).toBe(1);
		expect(v.origin).toBe('de novo');
		expect(v.patterns).toEqual([]);
		expect(v.notes.join(' ')).toMatch(/Consumer arrays never produce de novo calls/);
	});
});
