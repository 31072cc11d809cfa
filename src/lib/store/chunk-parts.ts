/**
 * A large chromosome is stored as several records ("parts") of at most `PART_RECORDS` records
 * each, so IndexedDB's serialisation of one record (a structured clone, then a blob for large
 * values) never holds a whole large chromosome a second time: writing one part copies and
 * serialises ≈ 0.8 MB, then that copy is garbage young. A chromosome of up to `PART_RECORDS`
 * records is one record keyed by its name, exactly as before parts existed; a split one is keyed
 * `<chrom>#<k>` (k = 0…n−1) and each part's value carries `part` and `parts`. Readers join the
 * parts back into one `GenomeChunk`; whole records written before parts existed read unchanged.
 */
import type { GenomeChunk } from '../genome/types';
import { StoreError } from './errors';

/** Records per stored part (≈ 0.8 MB of columns for a VCF chromosome). */
export const PART_RECORDS = 1 << 16;

/** One stored part of a split chromosome: the records [part · PART_RECORDS, …) as a chunk. */
export interface ChunkPart extends GenomeChunk {
	/** This part's number, 0-based. */
	part: number;
	/** How many parts the chromosome has. */
	parts: number;
}

/** Number of stored records for a chunk of `records` records. */
export function partCount(records: number, partRecords = PART_RECORDS): number {
	return Math.max(1, Math.ceil(records / partRecords));
}

/** The key (the envelope's `chrom` field) of part `k` of `parts` of chromosome `chrom`. */
export function partKey(chrom: string, k: number, parts: number): string {
	return parts === 1 ? chrom : `${chrom}#${k}`;
}

/** True for a stored key of chromosome `chrom` (whole, or one of its parts). */
export function isKeyOf(key: string, chrom: string): boolean {
	return key === chrom || (key.startsWith(chrom) && key[chrom.length] === '#');
}

/** The key range of every stored part of `chrom` of profile `profileId` (not the whole record). */
export function partRange(profileId: string, chrom: string): IDBKeyRange {
	// '#' (0x23) sorts below every character of a chromosome name, so '1#…' never reaches '10'
	return IDBKeyRange.bound([profileId, `${chrom}#`], [profileId, `${chrom}#\uffff`]);
}

/** First index of the ascending `idx` that is ≥ `v`. */
function lowerBound(idx: Uint32Array, v: number): number {
	let lo = 0;
	let hi = idx.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (idx[mid] < v) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * Part `k` of `chunk` split into parts of `partRecords` records: fresh arrays (a copy of that
 * range only — a view would be cloned with its whole buffer), sparse indices rebased to the part.
 * With one part, the chunk itself.
 */
export function chunkPart(chunk: GenomeChunk, k: number, partRecords = PART_RECORDS): GenomeChunk | ChunkPart {
	const n = chunk.positions.length;
	const parts = partCount(n, partRecords);
	if (parts === 1) return chunk;
	const from = k * partRecords;
	const to = Math.min(n, from + partRecords);
	const sparse = <V>(idx: Uint32Array, vals: ArrayLike<V>): [Uint32Array, V[]] => {
		const a = lowerBound(idx, from);
		const b = lowerBound(idx, to);
		const out = new Uint32Array(b - a);
		for (let i = a; i < b; i++) out[i - a] = idx[i] - from;
		return [out, Array.prototype.slice.call(vals, a, b) as V[]];
	};
	const [otherIdIndex, otherIds] = sparse(chunk.otherIdIndex, chunk.otherIds);
	const [longAlleleIndex, longAlleles] = sparse(chunk.longAlleleIndex, chunk.longAlleles);
	const part: ChunkPart = {
		chrom: chunk.chrom,
		part: k,
		parts,
		positions: chunk.positions.slice(from, to),
		rsids: chunk.rsids.slice(from, to),
		allele1: chunk.allele1.slice(from, to),
		allele2: chunk.allele2.slice(from, to),
		flags: chunk.flags.slice(from, to),
		otherIdIndex,
		otherIds,
		longAlleleIndex,
		longAlleles
	};
	if (chunk.refCodes) part.refCodes = chunk.refCodes.slice(from, to);
	if (chunk.refIndex && chunk.refs) [part.refIndex, part.refs] = sparse(chunk.refIndex, chunk.refs);
	if (chunk.phaseSetIndex && chunk.phaseSets) {
		const [idx, sets] = sparse(chunk.phaseSetIndex, chunk.phaseSets);
		part.phaseSetIndex = idx;
		part.phaseSets = Uint32Array.from(sets);
	}
	return part;
}

/** Whether a decoded stored value is one part of a split chromosome. */
export function isChunkPart(value: GenomeChunk): value is ChunkPart {
	return typeof (value as Partial<ChunkPart>).parts === 'number';
}

/** A stored chromosome is damaged (a part missing or inconsistent). */
function damaged(chrom: string): StoreError {
	return new StoreError('failed', `The stored chromosome ${chrom} is incomplete (a part of it is missing or damaged).`);
}

/** Join the parts of one chromosome (any order) into one chunk; refuses a missing or foreign part. */
export function joinChunkParts(parts: ChunkPart[]): GenomeChunk {
	if (parts.length === 0) throw new StoreError('failed', 'No stored parts to join.');
	const chrom = parts[0].chrom;
	const count = parts[0].parts;
	const byIndex: ChunkPart[] = new Array(count);
	for (const p of parts) {
		if (p.chrom !== chrom || p.parts !== count || !Number.isInteger(p.part) || p.part < 0 || p.part >= count || byIndex[p.part]) throw damaged(chrom);
		byIndex[p.part] = p;
	}
	if (parts.length !== count) throw damaged(chrom);
	let n = 0;
	for (const p of byIndex) n += p.positions.length;
	const cat = <T extends Uint8Array | Uint32Array>(pick: (p: ChunkPart) => T | undefined, make: (m: number) => T): T => {
		const out = make(n);
		let o = 0;
		for (const p of byIndex) {
			const col = pick(p);
			if (!col || col.length !== p.positions.length) throw damaged(chrom);
			out.set(col, o);
			o += col.length;
		}
		return out;
	};
	const u8 = (m: number) => new Uint8Array(m);
	const u32 = (m: number) => new Uint32Array(m);
	/** Sparse tables concatenated, each part's indices moved by the records before it. */
	const sparse = <V>(pickIdx: (p: ChunkPart) => Uint32Array | undefined, pickVals: (p: ChunkPart) => ArrayLike<V> | undefined): [Uint32Array, V[]] => {
		let m = 0;
		for (const p of byIndex) m += pickIdx(p)?.length ?? 0;
		const idx = new Uint32Array(m);
		const vals: V[] = [];
		let o = 0;
		let base = 0;
		for (const p of byIndex) {
			const pi = pickIdx(p) ?? new Uint32Array(0);
			const pv = pickVals(p) ?? [];
			if (pi.length !== pv.length) throw damaged(chrom);
			for (let i = 0; i < pi.length; i++) {
				idx[o++] = pi[i] + base;
				vals.push(pv[i]);
			}
			base += p.positions.length;
		}
		return [idx, vals];
	};
	const [otherIdIndex, otherIds] = sparse((p) => p.otherIdIndex, (p) => p.otherIds);
	const [longAlleleIndex, longAlleles] = sparse((p) => p.longAlleleIndex, (p) => p.longAlleles);
	const chunk: GenomeChunk = {
		chrom,
		positions: cat((p) => p.positions, u32),
		rsids: cat((p) => p.rsids, u32),
		allele1: cat((p) => p.allele1, u8),
		allele2: cat((p) => p.allele2, u8),
		flags: cat((p) => p.flags, u8),
		otherIdIndex,
		otherIds,
		longAlleleIndex,
		longAlleles
	};
	if (byIndex[0].refCodes) {
		chunk.refCodes = cat((p) => p.refCodes, u8);
		[chunk.refIndex, chunk.refs] = sparse((p) => p.refIndex, (p) => p.refs);
	}
	if (byIndex.some((p) => p.phaseSetIndex)) {
		const [idx, sets] = sparse((p) => p.phaseSetIndex, (p) => p.phaseSets);
		chunk.phaseSetIndex = idx;
		chunk.phaseSets = Uint32Array.from(sets);
	}
	return chunk;
}

/**
 * Decoded stored chunk records (whole chromosomes and parts, any order) → one chunk per
 * chromosome: parts joined, whole records as they are.
 */
export function assembleChunks(values: GenomeChunk[]): GenomeChunk[] {
	// a split chromosome takes the place of its first part (key order: chromosome order as stored)
	const out: (GenomeChunk | ChunkPart[])[] = [];
	const parts = new Map<string, ChunkPart[]>();
	for (const v of values) {
		if (!isChunkPart(v)) out.push(v);
		else {
			const list = parts.get(v.chrom);
			if (list) list.push(v);
			else {
				const fresh = [v];
				parts.set(v.chrom, fresh);
				out.push(fresh);
			}
		}
	}
	return out.map((v) => (Array.isArray(v) ? joinChunkParts(v) : v));
}
