/**
 * Diagnostic helper (not a bench module): summarise a V8 heap snapshot (the DevTools
 * `.heapsnapshot` JSON) by what holds the memory — self size per node type and constructor, and
 * retained size (dominator tree) of the biggest retainers. Used by browser-wgs-heap.ts on the
 * genome worker's snapshots; also runs on a saved file:
 *
 *   npx tsx scripts/bench/heap-snapshot-summary.ts FILE.heapsnapshot [top=25]
 */
import fs from 'node:fs';

/** The parts of a heap snapshot this summary reads. */
interface Snapshot {
	snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
	nodes: number[];
	edges: number[];
	strings: string[];
}

/** One line of the summary. */
export interface HeapGroup {
	key: string;
	count: number;
	selfBytes: number;
}

/** Self size per "type name" group (strings grouped by type and length class), biggest first; plus the total. */
export function summariseHeap(s: Snapshot, top = 25): { total: number; nodes: number; groups: HeapGroup[]; retainers: { key: string; retained: number; self: number }[] } {
	const nf = s.snapshot.meta.node_fields;
	const F = nf.length;
	const iType = nf.indexOf('type');
	const iName = nf.indexOf('name');
	const iSelf = nf.indexOf('self_size');
	const iEdges = nf.indexOf('edge_count');
	const types = s.snapshot.meta.node_types[0];
	const ef = s.snapshot.meta.edge_fields;
	const E = ef.length;
	const eType = ef.indexOf('type');
	const eTo = ef.indexOf('to_node');
	const etypes = s.snapshot.meta.edge_types[0];
	const weak = etypes.indexOf('weak');
	const shortcut = etypes.indexOf('shortcut');
	const n = s.nodes.length / F;
	const groupOf = (i: number): string => {
		const t = types[s.nodes[i * F + iType]];
		const name = s.strings[s.nodes[i * F + iName]];
		if (t === 'string' || t === 'concatenated string' || t === 'sliced string') {
			const len = name.length;
			return `${t} (${len <= 4 ? '≤4' : len <= 24 ? '5–24' : len <= 256 ? '25–256' : '>256'} chars)`;
		}
		if (t === 'code') return 'code';
		if (t === 'array' || t === 'hidden' || t === 'object shape' || t === 'native' || t === 'number') return `${t} ${name.slice(0, 40)}`;
		return `${t} ${name.slice(0, 60)}`;
	};
	const groups = new Map<string, HeapGroup>();
	let total = 0;
	for (let i = 0; i < n; i++) {
		const self = s.nodes[i * F + iSelf];
		total += self;
		const key = groupOf(i);
		const g = groups.get(key) ?? { key, count: 0, selfBytes: 0 };
		g.count++;
		g.selfBytes += self;
		groups.set(key, g);
	}
	// dominators (Cooper–Harvey–Kennedy) over strong edges from the root (node 0)
	const firstEdge = new Uint32Array(n + 1);
	for (let i = 0, e = 0; i < n; i++) {
		firstEdge[i] = e;
		e += s.nodes[i * F + iEdges] * E;
	}
	firstEdge[n] = s.edges.length;
	const strong = (e: number) => {
		const t = s.edges[e + eType];
		return t !== weak && t !== shortcut;
	};
	const post = new Int32Array(n).fill(-1);
	const order: number[] = [];
	const stack: number[] = [0];
	const cursor = new Uint32Array(n);
	const seen = new Uint8Array(n);
	seen[0] = 1;
	for (let i = 0; i < n; i++) cursor[i] = firstEdge[i];
	while (stack.length) {
		const v = stack[stack.length - 1];
		let pushed = false;
		while (cursor[v] < firstEdge[v + 1]) {
			const e = cursor[v];
			cursor[v] += E;
			if (!strong(e)) continue;
			const w = s.edges[e + eTo] / F;
			if (!seen[w]) {
				seen[w] = 1;
				stack.push(w);
				pushed = true;
				break;
			}
		}
		if (!pushed) {
			stack.pop();
			post[v] = order.length;
			order.push(v);
		}
	}
	// predecessors
	const predCount = new Uint32Array(n + 1);
	for (let v = 0; v < n; v++) if (seen[v]) for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += E) if (strong(e)) predCount[s.edges[e + eTo] / F]++;
	const predStart = new Uint32Array(n + 1);
	for (let v = 0; v < n; v++) predStart[v + 1] = predStart[v] + predCount[v];
	const preds = new Uint32Array(predStart[n]);
	const fill = predStart.slice();
	for (let v = 0; v < n; v++) if (seen[v]) for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += E) if (strong(e)) preds[fill[s.edges[e + eTo] / F]++] = v;
	const idom = new Int32Array(n).fill(-1);
	idom[0] = 0;
	const intersect = (a: number, b: number) => {
		while (a !== b) {
			while (post[a] < post[b]) a = idom[a];
			while (post[b] < post[a]) b = idom[b];
		}
		return a;
	};
	for (let changed = true; changed; ) {
		changed = false;
		for (let k = order.length - 1; k >= 0; k--) {
			const v = order[k];
			if (v === 0) continue;
			let d = -1;
			for (let p = predStart[v]; p < predStart[v + 1]; p++) {
				const u = preds[p];
				if (idom[u] < 0) continue;
				d = d < 0 ? u : intersect(u, d);
			}
			if (d >= 0 && idom[v] !== d) {
				idom[v] = d;
				changed = true;
			}
		}
	}
	const retained = new Float64Array(n);
	for (let v = 0; v < n; v++) retained[v] = seen[v] ? s.nodes[v * F + iSelf] : 0;
	for (const v of order) if (v !== 0 && idom[v] >= 0) retained[idom[v]] += retained[v];
	// biggest retainers: nodes whose retained size is large, skipping ones dominated by a listed one
	const cand = order.filter((v) => v !== 0 && retained[v] > 100_000).sort((a, b) => retained[b] - retained[a]);
	const label = (v: number) => {
		const t = types[s.nodes[v * F + iType]];
		const name = s.strings[s.nodes[v * F + iName]];
		return `${t} ${name.slice(0, 70).replace(/\s+/g, ' ')} @${s.nodes[v * F + nf.indexOf('id')]}`;
	};
	const retainers = cand.slice(0, top).map((v) => ({ key: label(v), retained: retained[v], self: s.nodes[v * F + iSelf] }));
	return { total, nodes: n, groups: [...groups.values()].sort((a, b) => b.selfBytes - a.selfBytes).slice(0, top), retainers };
}

/** Print a summary. */
export function printHeapSummary(title: string, s: Snapshot, top = 25): void {
	const r = summariseHeap(s, top);
	const kb = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
	console.log(`${title}: ${r.nodes} nodes, ${(r.total / 1e6).toFixed(2)} MB live (self sizes; a snapshot collects garbage first)`);
	console.log('  by type/constructor (self size):');
	for (const g of r.groups) console.log(`    ${kb(g.selfBytes).padStart(10)}  ×${String(g.count).padStart(7)}  ${g.key}`);
	console.log('  biggest retainers (retained size):');
	for (const x of r.retainers) console.log(`    ${kb(x.retained).padStart(10)}  (self ${kb(x.self)})  ${x.key}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
	const file = process.argv[2];
	if (!file) throw new Error('usage: heap-snapshot-summary.ts FILE.heapsnapshot [top]');
	printHeapSummary(file, JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot, Number(process.argv[3] ?? 25));
}
