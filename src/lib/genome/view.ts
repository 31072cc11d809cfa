/**
 * `GenomeView`: read access over columnar chunks (parsed or loaded from the store).
 *
 * Lookup by position is a binary search in the chunk's sorted `positions`. Lookup by rsID builds,
 * lazily on first use, one sorted Float64Array key per chunk (rsid · 2^21 + index, exact below
 * 2^53) — the engine's native numeric sort, no per-variant objects — then binary-searches it.
 */
import { ALLELE_TEXT } from './alleles';
import type { Chromosome, GenomeChunk, GenomeSummary, GenomeView, GenotypeCall } from './types';
import { GENOTYPE_FLAGS } from './types';
import { parseChromosomeName } from './chromosomes';

/** Lower bound: first k in sorted `arr[0..n)` with `arr[k] >= x`. */
function lowerBound(arr: ArrayLike<number>, n: number, x: number): number {
	let lo = 0;
	let hi = n;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (arr[mid] < x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Index of `i` in a sparse side table, or -1. */
function sparseFind(index: Uint32Array | undefined, i: number): number {
	if (!index || index.length === 0) return -1;
	const k = lowerBound(index, index.length, i);
	return k < index.length && index[k] === i ? k : -1;
}

/** `{ phaseSet }` when record `i` has a FORMAT/PS phase set, else `{}`. */
function phaseSetOf(chunk: GenomeChunk, i: number): { phaseSet?: number } {
	if (!chunk.phaseSetIndex || !chunk.phaseSets) return {};
	const k = sparseFind(chunk.phaseSetIndex, i);
	return k >= 0 ? { phaseSet: chunk.phaseSets[k] } : {};
}

/** Decode record `i` of `chunk` into a `GenotypeCall`. */
export function decodeRecord(chunk: GenomeChunk, i: number): GenotypeCall {
	const a1 = chunk.allele1[i];
	const a2 = chunk.allele2[i];
	const f = chunk.flags[i];
	let id: string | null = null;
	if (chunk.rsids[i] !== 0) id = `rs${chunk.rsids[i]}`;
	else {
		const k = sparseFind(chunk.otherIdIndex, i);
		if (k >= 0) id = chunk.otherIds[k];
	}
	let alleles: string[] | null = null;
	const conflict = (f & GENOTYPE_FLAGS.CONFLICT) !== 0;
	let partial: [string | null, string | null] | undefined;
	if (a1 !== 0 && !conflict) {
		const long = a1 === 7 || a2 === 7 ? chunk.longAlleles[sparseFind(chunk.longAlleleIndex, i)] : undefined;
		const text = (code: number, which: 0 | 1) => (code === 7 ? (long?.[which] ?? '?') : ALLELE_TEXT[code] ?? '?');
		if (f & GENOTYPE_FLAGS.HALF_CALL) partial = f & GENOTYPE_FLAGS.HALF_SECOND ? [null, text(a1, 0)] : [text(a1, 0), null];
		else alleles = f & GENOTYPE_FLAGS.HAPLOID || a2 === 0 ? [text(a1, 0)] : [text(a1, 0), text(a2, 1)];
	}
	let ref: string | null = null;
	if (f & GENOTYPE_FLAGS.HAS_REF && chunk.refCodes) {
		const rc = chunk.refCodes[i];
		if (rc === 7) {
			const k = sparseFind(chunk.refIndex, i);
			ref = k >= 0 && chunk.refs ? chunk.refs[k] : null;
		} else if (rc > 0) ref = ALLELE_TEXT[rc];
	}
	return {
		chrom: chunk.chrom,
		pos: chunk.positions[i],
		id,
		alleles,
		phased: (f & GENOTYPE_FLAGS.PHASED) !== 0,
		...(conflict ? { conflict } : {}),
		ref,
		...(partial ? { partial } : {}),
		...phaseSetOf(chunk, i)
	};
}

/** Index of the first record at `pos` in `chunk`, or -1. */
export function findPosition(chunk: GenomeChunk, pos: number): number {
	const n = chunk.positions.length;
	const k = lowerBound(chunk.positions, n, pos);
	return k < n && chunk.positions[k] === pos ? k : -1;
}

/** Sorted rsID keys of one chunk (rsid · 2^21 + index); falls back for huge chunks. */
function buildRsidKeys(chunk: GenomeChunk): Float64Array {
	const n = chunk.rsids.length;
	let m = 0;
	for (let i = 0; i < n; i++) if (chunk.rsids[i] !== 0) m++;
	const keys = new Float64Array(m);
	const scale = n < 2 ** 21 ? 2 ** 21 : 2 ** 22; // rsIDs < 2^31 keep keys exact
	m = 0;
	for (let i = 0; i < n; i++) if (chunk.rsids[i] !== 0) keys[m++] = chunk.rsids[i] * scale + i;
	keys.sort();
	return keys;
}

/** Parse "rs123" / "RS123" / 123 into the numeric rsID, or null. */
export function parseRsid(rsid: string | number): number | null {
	if (typeof rsid === 'number') return Number.isInteger(rsid) && rsid > 0 && rsid < 2 ** 32 ? rsid : null;
	const m = /^\s*(?:rs)?(\d{1,10})\s*$/i.exec(rsid);
	if (!m) return null;
	const n = Number(m[1]);
	return n > 0 && n < 2 ** 32 ? n : null;
}

/** Create a lookup view over a genome's summary and chunks. */
export function createGenomeView(summary: GenomeSummary, chunks: GenomeChunk[]): GenomeView {
	const byChrom = new Map<Chromosome, GenomeChunk>();
	for (const c of chunks) byChrom.set(c.chrom, c);
	let rsKeys: { chunk: GenomeChunk; keys: Float64Array; scale: number }[] | null = null;
	const otherIdLookup = new Map<string, { chunk: GenomeChunk; index: number }>();
	let otherBuilt = false;
	return {
		summary,
		byRsid(rsid: string | number): GenotypeCall | null {
			const n = parseRsid(rsid);
			if (n === null) {
				// non-rs IDs (e.g. 23andMe "i3000001")
				if (typeof rsid !== 'string') return null;
				if (!otherBuilt) {
					for (const c of chunks)
						c.otherIds.forEach((id, k) => otherIdLookup.set(id.toLowerCase(), { chunk: c, index: c.otherIdIndex[k] }));
					otherBuilt = true;
				}
				const hit = otherIdLookup.get(rsid.trim().toLowerCase());
				return hit ? decodeRecord(hit.chunk, hit.index) : null;
			}
			rsKeys ??= chunks.map((c) => ({
				chunk: c,
				keys: buildRsidKeys(c),
				scale: c.rsids.length < 2 ** 21 ? 2 ** 21 : 2 ** 22
			}));
			for (const { chunk, keys, scale } of rsKeys) {
				const k = lowerBound(keys, keys.length, n * scale);
				if (k < keys.length && Math.floor(keys[k] / scale) === n) return decodeRecord(chunk, keys[k] % scale);
			}
			return null;
		},
		byPosition(chrom: string, pos: number): GenotypeCall | null {
			const name = parseChromosomeName(chrom);
			if (!name) return null;
			const chunk = byChrom.get(name);
			if (!chunk) return null;
			const i = findPosition(chunk, pos);
			return i < 0 ? null : decodeRecord(chunk, i);
		}
	};
}
