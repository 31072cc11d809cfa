/**
 * Genome content of a bundle, version 1: a whole stored profile (summary + columnar chunks) as
 * bytes, imported on the recipient's side as a new profile.
 *
 *   "QGENOME1" (8 bytes) ‖ header length (u32 BE) ‖ header JSON ‖ column bytes
 *
 * The header holds the profile facts, the summary and, per chunk, the chromosome, the record
 * count, the sparse string tables and which sparse columns exist. Column bytes follow in the
 * order given by CHUNK_COLUMNS for every chunk (little-endian typed arrays).
 */
import type { Chromosome, GenomeChunk, GenomeSummary, ParsedGenome } from '../genome/types';
import { CHROMOSOMES } from '../genome/types';
import { concatBytes, fromUtf8, readU32be, u32be, utf8 } from './encoding';
import { BundleError } from './errors';

const MAGIC = 'QGENOME1';

/** Profile facts carried with the genome. */
export interface GenomeBundleProfile {
	name: string;
	sourceFileName: string;
	sourceSha256: string;
	sourceBytes: number;
	summary: GenomeSummary;
}

interface ChunkHeader {
	chrom: Chromosome;
	n: number;
	otherIdCount: number;
	longAlleleCount: number;
	refCount: number | null;
	otherIds: string[];
	longAlleles: [string, string][];
	refs: string[] | null;
	/** Present (true) when the chunk carries per-record REF codes (VCF input). */
	refCodes?: true;
}

interface Header {
	profile: GenomeBundleProfile;
	chunks: ChunkHeader[];
}

function leBytes(a: Uint32Array | Uint8Array): Uint8Array {
	if (a instanceof Uint8Array) return a;
	const out = new Uint8Array(a.length * 4);
	const dv = new DataView(out.buffer);
	for (let i = 0; i < a.length; i++) dv.setUint32(i * 4, a[i], true);
	return out;
}

/** Serialize a profile's summary and chunks. */
export function encodeGenomeContent(profile: GenomeBundleProfile, chunks: GenomeChunk[]): Uint8Array {
	const header: Header = {
		profile,
		chunks: chunks.map((c) => ({
			chrom: c.chrom,
			n: c.positions.length,
			otherIdCount: c.otherIdIndex.length,
			longAlleleCount: c.longAlleleIndex.length,
			refCount: c.refIndex ? c.refIndex.length : null,
			otherIds: c.otherIds,
			longAlleles: c.longAlleles,
			refs: c.refs ?? null,
			...(c.refCodes ? { refCodes: true as const } : {})
		}))
	};
	const parts: Uint8Array[] = [];
	for (const c of chunks) {
		parts.push(leBytes(c.positions), leBytes(c.rsids), c.allele1, c.allele2, c.flags, leBytes(c.otherIdIndex), leBytes(c.longAlleleIndex));
		if (c.refIndex) parts.push(leBytes(c.refIndex));
		if (c.refCodes) parts.push(c.refCodes);
	}
	const h = utf8(JSON.stringify(header));
	return concatBytes(utf8(MAGIC), u32be(h.length), h, ...parts);
}

const bad = (why: string): never => {
	throw new BundleError('bad-content', `The genome inside the bundle is not readable: ${why}.`);
};

/** Parse genome content back into a ParsedGenome plus profile facts. Throws BundleError. */
export function decodeGenomeContent(bytes: Uint8Array): { profile: GenomeBundleProfile; parsed: ParsedGenome } {
	if (bytes.length < 12 || fromUtf8(bytes.subarray(0, 8)) !== MAGIC) bad('unknown genome encoding');
	const hl = readU32be(bytes, 8);
	if (12 + hl > bytes.length) bad('header cut short');
	let header: Header;
	try {
		header = JSON.parse(fromUtf8(bytes.subarray(12, 12 + hl))) as Header;
	} catch {
		return bad('header is not JSON');
	}
	if (!header?.profile?.summary || !Array.isArray(header.chunks)) bad('header incomplete');
	let off = 12 + hl;
	const take = (n: number): Uint8Array => {
		if (off + n > bytes.length) bad('columns cut short');
		const s = bytes.slice(off, off + n);
		off += n;
		return s;
	};
	const u32 = (n: number): Uint32Array => {
		const b = take(n * 4);
		const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
		const out = new Uint32Array(n);
		for (let i = 0; i < n; i++) out[i] = dv.getUint32(i * 4, true);
		return out;
	};
	const chunks: GenomeChunk[] = header.chunks.map((h) => {
		if (!CHROMOSOMES.includes(h.chrom)) bad(`unknown chromosome "${String(h.chrom)}"`);
		if (![h.n, h.otherIdCount, h.longAlleleCount].every((x) => Number.isSafeInteger(x) && x >= 0)) bad('bad counts');
		if (h.otherIds.length !== h.otherIdCount || h.longAlleles.length !== h.longAlleleCount) bad('sparse tables disagree');
		const chunk: GenomeChunk = {
			chrom: h.chrom,
			positions: u32(h.n),
			rsids: u32(h.n),
			allele1: take(h.n),
			allele2: take(h.n),
			flags: take(h.n),
			otherIdIndex: u32(h.otherIdCount),
			otherIds: h.otherIds,
			longAlleleIndex: u32(h.longAlleleCount),
			longAlleles: h.longAlleles
		};
		if (h.refCount !== null) {
			const refs = h.refs;
			if (!refs || refs.length !== h.refCount) return bad('reference table disagrees');
			chunk.refIndex = u32(h.refCount);
			chunk.refs = refs;
		}
		if (h.refCodes === true) chunk.refCodes = take(h.n);
		return chunk;
	});
	if (off !== bytes.length) bad('extra bytes after the columns');
	const p = header.profile;
	return { profile: p, parsed: { summary: p.summary, chunks, sha256: p.sourceSha256, bytes: p.sourceBytes } };
}
