import { describe, expect, it } from 'vitest';
import { layoutPedigree, parsePed } from '../../../src/lib/family/index';

describe('pedigree layout', () => {
	it('puts generations in rows, partners side by side, children under their parents', () => {
		const ped = parsePed(['f gp 0 0 1 1', 'f gm 0 0 2 1', 'f dad gp gm 1 1', 'f aunt gp gm 2 1', 'f mum 0 0 2 1', 'f uncle 0 0 1 1', 'f kid dad mum 1 2', 'f sib dad mum 2 1', 'f cousin uncle aunt 1 1'].join('\n'));
		const l = layoutPedigree(ped.members);
		const at = Object.fromEntries(l.nodes.map((n) => [n.id, n]));
		expect([at.gp.y, at.dad.y, at.mum.y, at.kid.y, at.cousin.y]).toEqual([0, 1, 1, 2, 2]);
		expect(Math.abs(at.dad.x - at.mum.x)).toBe(1);
		expect(Math.abs(at.aunt.x - at.uncle.x)).toBe(1);
		const xs = l.nodes.filter((n) => n.y === 2).map((n) => n.x);
		expect(new Set(xs).size).toBe(xs.length); // no overlaps in a row
		expect(l.lines.filter((x) => x.kind === 'partner')).toHaveLength(3);
		expect(l.lines.filter((x) => x.kind === 'child')).toHaveLength(5);
		expect(l.height).toBe(3);
	});

	it('draws people without parents or partners, and a single parent', () => {
		const l = layoutPedigree(parsePed('f a 0 0 1 1\nf b 0 0 2 1\nf c a 0 0 2').members);
		expect(l.nodes).toHaveLength(3);
		expect(l.lines.some((x) => x.kind === 'partner')).toBe(false);
		expect(l.lines.filter((x) => x.kind === 'child')).toHaveLength(1);
	});
});
