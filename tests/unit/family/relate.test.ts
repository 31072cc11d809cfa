/**
 * Relatedness on a SYNTHETIC three-generation family (seeded simulation, 23andMe-format arrays
 * imported through the real importer): every relationship class, sex checks, Mendelian errors
 * and PED contradictions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyRelationship, parsePed, relate, type FamilySample, type RelateResult } from '../../../src/lib/family/index';
import { child, founder, makeSites, rng } from './simulate';
import { arraySample } from './helpers';

let people: Record<string, FamilySample> = {};
const sites = makeSites(400, 7);

beforeAll(async () => {
	const r = rng(11);
	const gp = founder('gp', 'male', sites, r);
	const gm = founder('gm', 'female', sites, r);
	const dad = child('dad', 'male', gp, gm, r);
	const aunt = child('aunt', 'female', gp, gm, r);
	const uncle = founder('uncle', 'male', sites, r);
	const mum = founder('mum', 'female', sites, r);
	const kid = child('kid', 'male', dad, mum, r);
	const sib = child('sib', 'female', dad, mum, r);
	const cousin = child('cousin', 'female', uncle, aunt, r);
	const stranger = founder('stranger', 'female', sites, r);
	for (const p of [gp, gm, dad, aunt, uncle, mum, kid, sib, cousin, stranger]) people[p.id] = await arraySample(p, sites);
	people.kidAgain = await arraySample(kid, sites, 'kidAgain');
});

const pair = (res: RelateResult, a: string, b: string) => res.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a))!;
const pick = (...ids: string[]) => ids.map((id) => people[id]);

describe('relate (SYNTHETIC arrays)', () => {
	it('classifies every relationship from kinship and IBS0', () => {
		const res = relate(pick('kid', 'dad', 'mum', 'sib', 'gp', 'cousin', 'stranger', 'kidAgain'));
		expect(pair(res, 'kid', 'dad').relationship).toBe('parent-offspring');
		expect(pair(res, 'kid', 'mum').relationship).toBe('parent-offspring');
		expect(pair(res, 'kid', 'sib').relationship).toBe('sibling');
		expect(pair(res, 'kid', 'gp').relationship).toBe('second-degree');
		expect(pair(res, 'dad', 'mum').relationship).toBe('unrelated');
		expect(pair(res, 'kid', 'stranger').relationship).toBe('unrelated');
		expect(pair(res, 'kid', 'kidAgain').relationship).toBe('duplicate');
		expect(pair(res, 'kid', 'dad').kinship).toBeGreaterThan(0.2);
		expect(pair(res, 'kid', 'dad').kinship).toBeLessThan(0.3);
		expect(pair(res, 'kid', 'dad').ibs0).toBe(0);
		expect(pair(res, 'kid', 'sib').ibs0).toBeGreaterThan(0.005);
		expect(pair(res, 'kid', 'kidAgain').kinship).toBeCloseTo(0.5, 5);
		// First cousins: kinship 1/16 in expectation; realised values vary (one crossover per chromosome).
		expect(pair(res, 'kid', 'cousin').kinship).toBeGreaterThan(0.02);
		expect(pair(res, 'kid', 'cousin').kinship).toBeLessThan(0.11);
		expect(res.samples.find((s) => s.id === 'kid')).toMatchObject({ inferredSex: 'male', statedSex: null, source: 'array' });
		expect(res.samples.find((s) => s.id === 'sib')?.inferredSex).toBe('female');
		expect(res.pedErrors).toEqual([]);
	});

	it('applies the KING cut-offs', () => {
		expect(classifyRelationship(0.36, 100, 0)).toBe('duplicate');
		expect(classifyRelationship(0.25, 100, 0)).toBe('parent-offspring');
		expect(classifyRelationship(0.25, 100, 8)).toBe('sibling');
		expect(classifyRelationship(0.12, 100, 20)).toBe('second-degree');
		expect(classifyRelationship(0.06, 100, 30)).toBe('third-degree');
		expect(classifyRelationship(0.01, 100, 50)).toBe('unrelated');
	});

	it('agrees with a correct PED and reports the trio Mendelian-error rate', () => {
		const ped = parsePed('f kid dad mum 1 2\nf dad 0 0 1 1\nf mum 0 0 2 1\nf sib dad mum 2 1');
		const res = relate(pick('kid', 'dad', 'mum', 'sib'), { pedigree: ped });
		expect(res.pedErrors).toEqual([]);
		expect(res.trios.map((t) => t.child).sort()).toEqual(['kid', 'sib']);
		expect(res.trios[0].sites).toBeGreaterThan(3000);
		expect(res.trios[0].mendelianErrors).toBe(0);
		expect(res.samples.find((s) => s.id === 'kid')?.statedSex).toBe('male');
	});

	it('flags an unrelated "parent", a sample mix-up and a stated sex the DNA contradicts', () => {
		const unrelated = relate(pick('kid', 'stranger', 'mum'), { pedigree: parsePed('f kid stranger mum 1 2\nf stranger 0 0 1 1\nf mum 0 0 2 1') });
		const text = unrelated.pedErrors.join('\n');
		expect(text).toMatch(/stranger is listed as kid's father but the DNA says they are unrelated/);
		expect(text).toMatch(/stranger is stated male in the PED but the DNA looks female/);
		expect(text).toMatch(/Trio kid .* break Mendelian inheritance/);
		expect(unrelated.trios[0].rate).toBeGreaterThan(0.05);

		const mixup = relate(pick('kid', 'kidAgain', 'mum'), { pedigree: parsePed('f kid 0 mum 1 2\nf kidAgain 0 mum 1 1\nf mum 0 0 2 1') });
		expect(mixup.pedErrors.join('\n')).toMatch(/kid and kidAgain are the same person in the DNA .* sample mix-up/);

		// The child listed as his own father's father: parent-offspring both ways, but the "grandparent" is flagged.
		const swapped = relate(pick('kid', 'dad', 'mum'), { pedigree: parsePed('f dad kid mum 1 1\nf kid 0 0 1 2\nf mum 0 0 2 1') });
		expect(swapped.pedErrors.join('\n')).toMatch(/mum is listed as dad's mother but the DNA says they are unrelated/);
	});

	it('flags father and mother swapped by the DNA sexes', () => {
		const ped = parsePed('f kid mum dad 1 2\nf dad 0 0 0 1\nf mum 0 0 0 1');
		const res = relate(pick('kid', 'dad', 'mum'), { pedigree: ped });
		expect(res.pedErrors.join('\n')).toMatch(/father \(mum\) looks female and mother \(dad\) male in the DNA: father and mother appear swapped/);
	});

	it('refuses one genome, duplicate ids and mixed builds', () => {
		expect(() => relate(pick('kid'))).toThrow(/at least 2/);
		expect(() => relate([people.kid, people.kid])).toThrow(/same sample id/);
		const b38 = { ...people.dad, summary: { ...people.dad.summary, build: 'GRCh38' as const } };
		expect(() => relate([people.kid, b38])).toThrow(/different reference builds/);
	});
});
