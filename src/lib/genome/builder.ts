/**
 * Columnar accumulation of one chromosome's records into a `GenomeChunk`.
 *
 * Hot-path choices: records go straight into growable typed arrays (doubling), never into one
 * JS object per variant — a 5M-record VCF is ~60 MB of typed arrays instead of ~1 GB of objects.
 * Rare per-record strings (non-rs IDs, long alleles, long REFs) go into sparse side tables keyed
 * by record index. Files are almost always position-sorted; when one is not, `finish()` sorts once
 * with a single numeric key array (native Float64Array sort) and remaps the side tables.
 */
import type { Chromosome, GenomeChunk } from './types';

const INITIAL_CAPACITY = 1024;

/** Grow a typed array to at least `min` elements, keeping its content. */
function grow<T extends Uint32Array | Uint8Array>(arr: T, min: number): T {
	let cap = arr.length * 2;
	while (cap < min) cap *= 2;
	const next = new (arr.constructor as { new (n: number): T })(cap);
	next.set(arr);
	return next;
}

/** Accumulates the records of one chromosome. */
export class ChunkBuilder {
	readonly chrom: Chromosome;
	length = 0;
	positions = new Uint32Array(INITIAL_CAPACITY);
	rsids = new Uint32Array(INITIAL_CAPACITY);
	allele1 = new Uint8Array(INITIAL_CAPACITY);
	allele2 = new Uint8Array(INITIAL_CAPACITY);
	flags = new Uint8Array(INITIAL_CAPACITY);
	/** REF allele codes (VCF only; created on first use). */
	refCodes: Uint8Array | null = null;
	private otherIdIndex: number[] = [];
	private otherIds: string[] = [];
	private longAlleleIndex: number[] = [];
	private longAlleles: [string, string][] = [];
	private refIndex: number[] = [];
	private refs: string[] = [];
	private sorted = true;
	private lastPos = 0;

	/** @param chrom canonical chromosome name */
	constructor(chrom: Chromosome) {
		this.chrom = chrom;
	}

	/**
	 * Append one record and return its index. `a1`/`a2` are allele codes (see types.ts);
	 * `rsid` is the numeric part of an rs ID or 0.
	 */
	add(pos: number, rsid: number, a1: number, a2: number, flags: number): number {
		const i = this.length;
		if (i === this.positions.length) this.growAll(i + 1);
		this.positions[i] = pos;
		this.rsids[i] = rsid;
		this.allele1[i] = a1;
		this.allele2[i] = a2;
		this.flags[i] = flags;
		if (pos < this.lastPos) this.sorted = false;
		this.lastPos = pos;
		this.length = i + 1;
		return i;
	}

	/** Attach a non-rs ID to record `i` (must be the record just added). */
	setOtherId(i: number, id: string): void {
		this.otherIdIndex.push(i);
		this.otherIds.push(id);
	}

	/** Attach allele texts to record `i` whose allele1 or allele2 has code 7. */
	setLongAlleles(i: number, a1: string, a2: string): void {
		this.longAlleleIndex.push(i);
		this.longAlleles.push([a1, a2]);
	}

	/** Record the REF allele of record `i`: a code 1–4, or 7 with its text. */
	setRef(i: number, code: number, text: string | null): void {
		if (!this.refCodes) this.refCodes = new Uint8Array(this.positions.length);
		else if (this.refCodes.length < this.positions.length) this.refCodes = grow(this.refCodes, this.positions.length);
		this.refCodes[i] = code;
		if (code === 7 && text !== null) {
			this.refIndex.push(i);
			this.refs.push(text);
		}
	}

	/** Grow every column to hold at least `min` records. */
	private growAll(min: number): void {
		this.positions = grow(this.positions, min);
		this.rsids = grow(this.rsids, min);
		this.allele1 = grow(this.allele1, min);
		this.allele2 = grow(this.allele2, min);
		this.flags = grow(this.flags, min);
		if (this.refCodes) this.refCodes = grow(this.refCodes, min);
	}

	/** Produce the final, position-sorted chunk (trimmed copies; the builder is spent). */
	finish(): GenomeChunk {
		const n = this.length;
		let order: Uint32Array | null = null;
		if (!this.sorted) order = sortOrder(this.positions, n);
		const take32 = (a: Uint32Array): Uint32Array => (order ? permute32(a, order) : a.slice(0, n));
		const take8 = (a: Uint8Array): Uint8Array => (order ? permute8(a, order) : a.slice(0, n));
		// old index → new index, for the sparse side tables
		let rank: Uint32Array | null = null;
		if (order) {
			rank = new Uint32Array(n);
			for (let k = 0; k < n; k++) rank[order[k]] = k;
		}
		const sparse = <V>(idx: number[], vals: V[]): [Uint32Array, V[]] => {
			if (!rank) return [Uint32Array.from(idx), vals];
			const pairs = idx.map((i, k) => [rank![i], k] as const).sort((a, b) => a[0] - b[0]);
			return [Uint32Array.from(pairs, (p) => p[0]), pairs.map((p) => vals[p[1]])];
		};
		const [otherIdIndex, otherIds] = sparse(this.otherIdIndex, this.otherIds);
		const [longAlleleIndex, longAlleles] = sparse(this.longAlleleIndex, this.longAlleles);
		const chunk: GenomeChunk = {
			chrom: this.chrom,
			positions: take32(this.positions),
			rsids: take32(this.rsids),
			allele1: take8(this.allele1),
			allele2: take8(this.allele2),
			flags: take8(this.flags),
			otherIdIndex,
			otherIds,
			longAlleleIndex,
			longAlleles
		};
		if (this.refCodes) {
			const [refIndex, refs] = sparse(this.refIndex, this.refs);
			chunk.refCodes = take8(this.refCodes.length < n ? grow(this.refCodes, n) : this.refCodes);
			chunk.refIndex = refIndex;
			chunk.refs = refs;
		}
		return chunk;
	}
}

/**
 * Stable ascending order of the first `n` positions. Uses one Float64Array key per record
 * (position · 2^23 + index, exact below 2^53) so the sort is the engine's native numeric sort;
 * falls back to a comparator sort for chunks of more than 2^23 records.
 */
export function sortOrder(positions: Uint32Array, n: number): Uint32Array {
	const order = new Uint32Array(n);
	if (n < 2 ** 23) {
		const keys = new Float64Array(n);
		for (let i = 0; i < n; i++) keys[i] = positions[i] * 8388608 + i;
		keys.sort();
		for (let i = 0; i < n; i++) order[i] = keys[i] % 8388608;
		return order;
	}
	for (let i = 0; i < n; i++) order[i] = i;
	const idx = Array.from(order);
	idx.sort((a, b) => positions[a] - positions[b] || a - b);
	order.set(idx);
	return order;
}

/** `out[k] = a[order[k]]` for a Uint32Array. */
function permute32(a: Uint32Array, order: Uint32Array): Uint32Array {
	const out = new Uint32Array(order.length);
	for (let k = 0; k < order.length; k++) out[k] = a[order[k]];
	return out;
}

/** `out[k] = a[order[k]]` for a Uint8Array. */
function permute8(a: Uint8Array, order: Uint32Array): Uint8Array {
	const out = new Uint8Array(order.length);
	for (let k = 0; k < order.length; k++) out[k] = a[order[k]];
	return out;
}
