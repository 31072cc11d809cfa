/**
 * Columnar accumulation of one chromosome's records into a `GenomeChunk`.
 *
 * Hot-path choices: records go straight into fixed-size typed-array blocks, never into one JS
 * object per variant — a 5M-record VCF is ~60 MB of typed arrays instead of ~1 GB of objects.
 * Rare per-record strings (non-rs IDs, long alleles, long REFs) go into sparse side tables keyed
 * by record index. Files are almost always position-sorted; when one is not, `finish()` sorts once
 * with a single numeric key array (native Float64Array sort) and remaps the side tables.
 */
import type { Chromosome, GenomeChunk } from './types';

/** Records per storage block. */
const BLOCK = 32768;

/** One fixed-size block of columns. */
interface Block {
	positions: Uint32Array;
	rsids: Uint32Array;
	allele1: Uint8Array;
	allele2: Uint8Array;
	flags: Uint8Array;
	refCodes: Uint8Array | null;
}

/**
 * Blocks a finished builder released, for the next builder to fill (a few at most): a WGS import
 * then allocates its blocks once instead of once per chromosome, which keeps the garbage its
 * thread leaves for the collector small.
 */
const spareBlocks: Block[] = [];
const MAX_SPARE_BLOCKS = 16;

/** Let the spare blocks go (the importer calls this when an import ends). */
export function releaseSpareBlocks(): void {
	spareBlocks.length = 0;
}

/** A fresh block (a spare one when there is one). */
function newBlock(withRef: boolean): Block {
	const spare = spareBlocks.pop();
	if (spare) {
		if (withRef) spare.refCodes ??= new Uint8Array(BLOCK);
		else spare.refCodes = null;
		return spare;
	}
	return {
		positions: new Uint32Array(BLOCK),
		rsids: new Uint32Array(BLOCK),
		allele1: new Uint8Array(BLOCK),
		allele2: new Uint8Array(BLOCK),
		flags: new Uint8Array(BLOCK),
		refCodes: withRef ? new Uint8Array(BLOCK) : null
	};
}

/**
 * Accumulates the records of one chromosome in fixed-size blocks (32k records). Blocks never
 * reallocate, so the slack is at most one partly filled block per chromosome, and `finish()`
 * concatenates column by column, releasing blocks as it goes — this keeps the peak memory of a
 * 5M-record import near the size of the final arrays (a doubling array would need up to 3x).
 */
export class ChunkBuilder {
	readonly chrom: Chromosome;
	length = 0;
	private blocks: Block[] = [];
	private cur: Block | null = null;
	private fill = BLOCK;
	private withRef = false;
	private otherIdIndex: number[] = [];
	private otherIds: string[] = [];
	private longAlleleIndex: number[] = [];
	private longAlleles: [string, string][] = [];
	private refIndex: number[] = [];
	private refs: string[] = [];
	private phaseSetIndex: number[] = [];
	private phaseSets: number[] = [];
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
		if (this.fill === BLOCK) {
			this.cur = newBlock(this.withRef);
			this.blocks.push(this.cur);
			this.fill = 0;
		}
		const b = this.cur!;
		const j = this.fill++;
		b.positions[j] = pos;
		b.rsids[j] = rsid;
		b.allele1[j] = a1;
		b.allele2[j] = a2;
		b.flags[j] = flags;
		if (b.refCodes) b.refCodes[j] = 0; // a spare block holds an earlier chromosome's codes
		if (pos < this.lastPos) this.sorted = false;
		this.lastPos = pos;
		return this.length++;
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

	/** As `setLongAlleles`, with a pair array that may be shared with other records (never mutated). */
	setLongAllelePair(i: number, pair: [string, string]): void {
		this.longAlleleIndex.push(i);
		this.longAlleles.push(pair);
	}

	/** Attach a VCF FORMAT/PS phase set to phased record `i`; indices must ascend. */
	setPhaseSet(i: number, ps: number): void {
		this.phaseSetIndex.push(i);
		this.phaseSets.push(ps);
	}

	/** Record the REF allele of the record just added: a code 1–4, or 7 with its text. */
	setRef(i: number, code: number, text: string | null): void {
		if (!this.withRef) {
			this.withRef = true;
			for (const b of this.blocks) b.refCodes ??= new Uint8Array(BLOCK);
		}
		this.cur!.refCodes![this.fill - 1] = code;
		if (code === 7 && text !== null) {
			this.refIndex.push(i);
			this.refs.push(text);
		}
	}

	/**
	 * Append records `[from, to)` of parallel columns at once (a parsed batch, see parallel.ts):
	 * the same as `add` + `setRef` per record, copied block-wise. Returns the index of the first.
	 * Side-table entries (long REFs, other IDs, long alleles) are added by the caller with
	 * `addRefText`, `setOtherId`, `setLongAlleles`.
	 */
	appendColumns(
		c: { positions: Uint32Array; rsids: Uint32Array; allele1: Uint8Array; allele2: Uint8Array; flags: Uint8Array; refCodes: Uint8Array },
		from: number,
		to: number
	): number {
		const first = this.length;
		if (!this.withRef) {
			this.withRef = true;
			for (const b of this.blocks) b.refCodes ??= new Uint8Array(BLOCK);
		}
		let last = this.lastPos;
		for (let i = from; i < to; i++) {
			const p = c.positions[i];
			if (p < last) this.sorted = false;
			last = p;
		}
		this.lastPos = last;
		let i = from;
		while (i < to) {
			if (this.fill === BLOCK) {
				this.cur = newBlock(true);
				this.blocks.push(this.cur);
				this.fill = 0;
			}
			const b = this.cur!;
			const n = Math.min(BLOCK - this.fill, to - i);
			const j = this.fill;
			b.positions.set(c.positions.subarray(i, i + n), j);
			b.rsids.set(c.rsids.subarray(i, i + n), j);
			b.allele1.set(c.allele1.subarray(i, i + n), j);
			b.allele2.set(c.allele2.subarray(i, i + n), j);
			b.flags.set(c.flags.subarray(i, i + n), j);
			b.refCodes!.set(c.refCodes.subarray(i, i + n), j);
			this.fill += n;
			this.length += n;
			i += n;
		}
		return first;
	}

	/** Attach the text of a long REF (code 7) to record `i`; indices must ascend. */
	addRefText(i: number, text: string): void {
		this.refIndex.push(i);
		this.refs.push(text);
	}

	/** Re-append every record of a finished chunk (used when a chromosome's records resume later). */
	appendChunk(c: GenomeChunk): void {
		let o = 0;
		let l = 0;
		let r = 0;
		let p = 0;
		for (let i = 0; i < c.positions.length; i++) {
			const j = this.add(c.positions[i], c.rsids[i], c.allele1[i], c.allele2[i], c.flags[i]);
			if (c.refCodes) {
				let text: string | null = null;
				if (c.refIndex && c.refs && r < c.refIndex.length && c.refIndex[r] === i) text = c.refs[r++];
				this.setRef(j, c.refCodes[i], text);
			}
			if (o < c.otherIdIndex.length && c.otherIdIndex[o] === i) this.setOtherId(j, c.otherIds[o++]);
			if (c.phaseSetIndex && c.phaseSets && p < c.phaseSetIndex.length && c.phaseSetIndex[p] === i) this.setPhaseSet(j, c.phaseSets[p++]);
			if (l < c.longAlleleIndex.length && c.longAlleleIndex[l] === i) {
				const [a, b] = c.longAlleles[l++];
				this.setLongAlleles(j, a, b);
			}
		}
	}

	/** Concatenate one column of every block into an exact-size array, releasing it from the blocks. */
	private column<K extends keyof Block>(key: K, make: (n: number) => NonNullable<Block[K]>): NonNullable<Block[K]> {
		const out = make(this.length);
		let o = 0;
		for (let k = 0; k < this.blocks.length; k++) {
			const b = this.blocks[k];
			const col = b[key] as unknown as Uint8Array | Uint32Array;
			const take = Math.min(BLOCK, this.length - o);
			(out as unknown as Uint8Array | Uint32Array).set(take === BLOCK ? col : col.subarray(0, take), o);
			o += take;
		}
		return out;
	}

	/** Produce the final, position-sorted chunk (the builder is spent). */
	finish(): GenomeChunk {
		const n = this.length;
		const u32 = (m: number) => new Uint32Array(m);
		const u8 = (m: number) => new Uint8Array(m);
		let positions = this.column('positions', u32);
		let rsids = this.column('rsids', u32);
		let allele1 = this.column('allele1', u8);
		let allele2 = this.column('allele2', u8);
		let flags = this.column('flags', u8);
		let refCodes = this.withRef ? this.column('refCodes', u8) : null;
		// the blocks go back for the next builder (their stale contents are overwritten before use)
		for (const b of this.blocks) if (spareBlocks.length < MAX_SPARE_BLOCKS) spareBlocks.push(b);
		this.blocks = [];
		this.cur = null;
		let rank: Uint32Array | null = null;
		if (!this.sorted) {
			const order = sortOrder(positions, n);
			positions = permute32(positions, order);
			rsids = permute32(rsids, order);
			allele1 = permute8(allele1, order);
			allele2 = permute8(allele2, order);
			flags = permute8(flags, order);
			if (refCodes) refCodes = permute8(refCodes, order);
			// old index → new index, for the sparse side tables
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
		const chunk: GenomeChunk = { chrom: this.chrom, positions, rsids, allele1, allele2, flags, otherIdIndex, otherIds, longAlleleIndex, longAlleles };
		if (refCodes) {
			const [refIndex, refs] = sparse(this.refIndex, this.refs);
			chunk.refCodes = refCodes;
			chunk.refIndex = refIndex;
			chunk.refs = refs;
		}
		if (this.phaseSetIndex.length) {
			const [phaseSetIndex, phaseSets] = sparse(this.phaseSetIndex, this.phaseSets);
			chunk.phaseSetIndex = phaseSetIndex;
			chunk.phaseSets = Uint32Array.from(phaseSets);
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
