import { describe, expect, it } from 'vitest';
import { formatPed, parsePed, pedigreeKinship, pedigreeTrios, statedRelationship, PED_LIMITS } from '../../../src/lib/family/index';

const TRIO = 'ash\tHG002\tHG003\tHG004\t1\t2\nash HG003 0 0 1 0\nash  HG004  0  0  2  0\n';

describe('PED parse and export', () => {
	it('parses a trio (tabs or spaces, 0 = unknown parent) and round-trips', () => {
		const ped = parsePed(TRIO);
		expect(ped.members).toEqual([
			{ family: 'ash', id: 'HG002', father: 'HG003', mother: 'HG004', sex: 'male', phenotype: 'affected' },
			{ family: 'ash', id: 'HG003', father: null, mother: null, sex: 'male', phenotype: 'unknown' },
			{ family: 'ash', id: 'HG004', father: null, mother: null, sex: 'female', phenotype: 'unknown' }
		]);
		expect(ped.issues).toEqual([]);
		expect(parsePed(formatPed(ped.members)).members).toEqual(ped.members);
		expect(pedigreeTrios(ped.members)).toEqual([{ child: 'HG002', father: 'HG003', mother: 'HG004' }]);
	});

	it('skips comments, blank lines, a BOM and CRLF; reads -9 as unknown', () => {
		const ped = parsePed('\ufeff#FAMILY SAMPLE\r\n\r\nf1 a 0 0 0 -9\r\n');
		expect(ped.members[0]).toMatchObject({ id: 'a', sex: 'unknown', phenotype: 'unknown' });
	});

	it('refuses structural errors with the line number', () => {
		const cases: [string, string, RegExp][] = [
			['f a 0 0 1', 'ped-columns', /Line 1: a PED line needs 6 columns/],
			['f a 0 0 1 2\nf a 0 0 1 2', 'ped-duplicate-sample', /Line 2: sample a is listed twice/],
			['f a a 0 1 2', 'ped-self-parent', /own parent/],
			['f a b b 1 2\nf b 0 0 1 1', 'ped-self-parent', /same person/],
			['f a 0 0 3 2', 'ped-bad-sex', /SEX must be/],
			['f a 0 0 1 7.5', 'ped-bad-phenotype', /quantitative/],
			['f a<script> 0 0 1 2', 'ped-bad-id', /characters/],
			['f a b 0 1 2\nf b a 0 1 2', 'ped-cycle', /loops/],
			['# only a comment\n', 'ped-empty', /lists nobody/],
			['f 0 0 0 1 2', 'ped-bad-id', /"0" means/]
		];
		for (const [text, code, msg] of cases) {
			let err: unknown;
			try {
				parsePed(text);
			} catch (e) {
				err = e;
			}
			expect(err, text).toMatchObject({ code, kind: 'input', name: 'FamilyError' });
			expect((err as Error).message).toMatch(msg);
		}
	});

	it('is bounded: size, members, id length; a deep pedigree does not overflow the stack', () => {
		expect(() => parsePed('x'.repeat(PED_LIMITS.maxBytes + 1))).toThrow(/larger than/);
		expect(() => parsePed(`f ${'a'.repeat(200)} 0 0 1 2`)).toThrow(/longer than/);
		const many = Array.from({ length: PED_LIMITS.maxMembers + 1 }, (_, i) => `f s${i} 0 0 1 1`).join('\n');
		expect(() => parsePed(many)).toThrow(/more than/);
		const chain = Array.from({ length: 4000 }, (_, i) => `f p${i} ${i ? `p${i - 1}` : 0} 0 1 1`).join('\n');
		expect(parsePed(chain).members).toHaveLength(4000);
	});

	it('reports non-structural contradictions as issues (swapped father/mother sex)', () => {
		const ped = parsePed('f kid mum dad 1 2\nf dad 0 0 1 1\nf mum 0 0 2 1');
		expect(ped.issues.join(' ')).toMatch(/mum is listed as kid's father but stated female/);
		expect(ped.issues.join(' ')).toMatch(/dad is listed as kid's mother but stated male/);
	});

	it('derives stated relationships and kinship from the pedigree', () => {
		const ped = parsePed(['f gp 0 0 1 1', 'f gm 0 0 2 1', 'f dad gp gm 1 1', 'f aunt gp gm 2 1', 'f mum 0 0 2 1', 'f uncle 0 0 1 1', 'f kid dad mum 1 2', 'f sib dad mum 2 1', 'f cousin uncle aunt 1 1'].join('\n'));
		const k = pedigreeKinship(ped.members);
		expect(k('kid', 'dad')).toBe(0.25);
		expect(k('kid', 'sib')).toBe(0.25);
		expect(k('kid', 'gp')).toBe(0.125);
		expect(k('kid', 'aunt')).toBe(0.125);
		expect(k('kid', 'cousin')).toBe(0.0625);
		expect(k('dad', 'mum')).toBe(0);
		const rel = (a: string, b: string) => statedRelationship(ped.members, a, b);
		expect([rel('kid', 'dad'), rel('kid', 'sib'), rel('kid', 'gp'), rel('kid', 'cousin'), rel('dad', 'mum')]).toEqual(['parent-offspring', 'sibling', 'second-degree', 'third-degree', 'unrelated']);
	});
});
