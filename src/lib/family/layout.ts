/**
 * Pedigree drawing layout (framework-free): generations top to bottom, couples side by side,
 * children under their parents, and the connecting lines of standard pedigree notation (a
 * horizontal partner line, a line of descent to the sibship line, a vertical to each child).
 * Coordinates are in units of one symbol slot; the page scales them into SVG.
 */
import type { PedMember } from './ped';

/** One drawn person. */
export interface PedigreeNode {
	id: string;
	/** Slot centre, in slots (x) and generations (y). */
	x: number;
	y: number;
	sex: PedMember['sex'];
	phenotype: PedMember['phenotype'];
}

/** A straight line between two points (slot units). */
export interface PedigreeLine {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
	kind: 'partner' | 'descent' | 'sibship' | 'child';
}

/** The whole drawing. */
export interface PedigreeLayout {
	nodes: PedigreeNode[];
	lines: PedigreeLine[];
	/** Size in slots. */
	width: number;
	height: number;
}

/** Lay out a pedigree (members not in one connected family are drawn side by side). */
export function layoutPedigree(members: readonly PedMember[]): PedigreeLayout {
	const byId = new Map(members.map((m) => [m.id, m]));
	const parentsOf = (m: PedMember) => [m.father, m.mother].filter((p): p is string => !!p && byId.has(p));
	// Generations: children below their deepest parent; partners share a row.
	const gen = new Map<string, number>(members.map((m) => [m.id, 0]));
	for (let iter = 0; iter < members.length + 2; iter++) {
		let changed = false;
		for (const m of members) {
			const ps = parentsOf(m);
			if (!ps.length) continue;
			const g = 1 + Math.max(...ps.map((p) => gen.get(p)!));
			if (g > gen.get(m.id)!) {
				gen.set(m.id, g);
				changed = true;
			}
			if (ps.length === 2) {
				const top = Math.max(gen.get(ps[0])!, gen.get(ps[1])!);
				for (const p of ps)
					if (gen.get(p)! < top) {
						gen.set(p, top);
						changed = true;
					}
			}
		}
		if (!changed) break;
	}
	const partners = new Map<string, Set<string>>();
	for (const m of members) {
		const ps = parentsOf(m);
		if (ps.length === 2) {
			for (const [a, b] of [[ps[0], ps[1]], [ps[1], ps[0]]]) {
				if (!partners.has(a)) partners.set(a, new Set());
				partners.get(a)!.add(b);
			}
		}
	}
	const rows = Math.max(0, ...gen.values()) + 1;
	const x = new Map<string, number>();
	for (let g = 0; g < rows; g++) {
		const row = members.filter((m) => gen.get(m.id) === g);
		const key = (m: PedMember) => {
			const ps = parentsOf(m);
			return ps.length ? ps.reduce((s, p) => s + (x.get(p) ?? 0), 0) / ps.length : Infinity;
		};
		const withParents = row.filter((m) => parentsOf(m).length).sort((a, b) => key(a) - key(b));
		const rest = row.filter((m) => !parentsOf(m).length);
		const order: string[] = [];
		const place = (id: string) => {
			if (order.includes(id)) return;
			order.push(id);
			for (const p of partners.get(id) ?? []) if (gen.get(p) === g && !order.includes(p) && !parentsOf(byId.get(p)!).length) order.push(p);
		};
		for (const m of withParents) place(m.id);
		for (const m of rest) place(m.id);
		// Keep children near their parents: start no further left than their parents' centre.
		let cursor = 0;
		for (const id of order) {
			const m = byId.get(id)!;
			const want = parentsOf(m).length ? Math.max(0, key(m) - 0.5 * (withParents.filter((c) => key(c) === key(m)).length - 1)) : 0;
			const pos = Math.max(cursor, g > 0 ? want : cursor);
			x.set(id, pos);
			cursor = pos + 1;
		}
	}
	const nodes: PedigreeNode[] = members.map((m) => ({ id: m.id, x: x.get(m.id)!, y: gen.get(m.id)!, sex: m.sex, phenotype: m.phenotype }));
	const lines: PedigreeLine[] = [];
	const families = new Map<string, PedMember[]>();
	for (const m of members) {
		const ps = parentsOf(m);
		if (!ps.length) continue;
		const k = ps.slice().sort().join('\t');
		families.set(k, [...(families.get(k) ?? []), m]);
	}
	for (const [k, kids] of families) {
		const ps = k.split('\t');
		const px = ps.map((p) => x.get(p)!);
		const py = gen.get(ps[0])!;
		let fromX = px[0];
		if (ps.length === 2) {
			lines.push({ x1: Math.min(...px) + 0.25, y1: py, x2: Math.max(...px) - 0.25, y2: py, kind: 'partner' });
			fromX = (px[0] + px[1]) / 2;
		}
		const kidY = Math.min(...kids.map((c) => gen.get(c.id)!));
		const sibY = kidY - 0.45;
		lines.push({ x1: fromX, y1: ps.length === 2 ? py : py + 0.25, x2: fromX, y2: sibY, kind: 'descent' });
		const kx = kids.map((c) => x.get(c.id)!);
		const left = Math.min(fromX, ...kx);
		const right = Math.max(fromX, ...kx);
		if (right > left) lines.push({ x1: left, y1: sibY, x2: right, y2: sibY, kind: 'sibship' });
		for (const c of kids) lines.push({ x1: x.get(c.id)!, y1: sibY, x2: x.get(c.id)!, y2: gen.get(c.id)! - 0.25, kind: 'child' });
	}
	return { nodes, lines, width: Math.max(1, ...nodes.map((n) => n.x + 1)), height: rows };
}
