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
import { hasUnsafeCharacters } from '../format';
import { LIMITS as IMPORT_LIMITS } from '../genome/limits';

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

const HEX64 = /^[0-9a-f]{64}$/;
const FORMATS = ['23andme', 'ancestry', 'myheritage', 'ftdna', 'livingdna', 'vcf'];
/** Allele and REF texts: IUPAC bases, N, '*', '-', '.', and VCF symbolic alleles like <DEL>. */
const ALLELE_TEXT = /^(?:[ACGTNacgtn*.-]{1,100000}|<[A-Za-z0-9:_.-]{1,50}>)$/;

/** A short display text: a string of at most `max` characters without control, bidi or invisible characters. */
function text(v: unknown, max: number): v is string {
	return typeof v === 'string' && v.length <= max && !hasUnsafeCharacters(v);
}

/** A whole number in [0, 2^53). */
function count(v: unknown): v is number {
	return Number.isSafeInteger(v) && (v as number) >= 0;
}

/** Every profile and summary field has the type and range an import produces. */
function validateProfile(p: GenomeBundleProfile): void {
	if (!p || typeof p !== 'object') bad('profile missing');
	if (!text(p.name, 200) || !text(p.sourceFileName, 1000)) bad('profile name or file name');
	if (typeof p.sourceSha256 !== 'string' || !HEX64.test(p.sourceSha256)) bad('source digest');
	if (!count(p.sourceBytes)) bad('source size');
	const s = p.summary;
	if (!FORMATS.includes(s.format)) bad(`unknown format "${String(s.format)}"`);
	if (s.build !== 'GRCh37' && s.build !== 'GRCh38') bad('genome build');
	if (!['female', 'male', 'unknown'].includes(s.sex)) bad('sex');
	if (!text(s.formatDetail, 200) || !text(s.buildEvidence, 1000)) bad('format or build description');
	if (s.sample !== null && !text(s.sample, 1000)) bad('sample name');
	if (![s.records, s.calls, s.noCalls].every(count) || s.calls > s.records) bad('record counts');
	if (!Array.isArray(s.warnings) || s.warnings.length > 1000 || !s.warnings.every((w) => text(w, 2000))) bad('warnings');
	if (!s.perChromosome || typeof s.perChromosome !== 'object' || Array.isArray(s.perChromosome)) bad('per-chromosome counts');
	for (const [k, v] of Object.entries(s.perChromosome)) {
		if (!CHROMOSOMES.includes(k as Chromosome)) bad(`unknown chromosome "${k}" in the summary`);
		if (!v || ![v.records, v.calls, v.noCalls, v.heterozygous].every(count) || v.calls > v.records) bad(`counts of chromosome ${k}`);
	}
}

/** Strictly increasing indices below `n`. */
function validIndex(idx: Uint32Array, n: number): boolean {
	for (let i = 0; i < idx.length; i++) if (idx[i] >= n || (i > 0 && idx[i] <= idx[i - 1])) return false;
	return true;
}

/** Columns as an import makes them: sorted positions ≥ 1, allele codes 0–7, known flags, consistent sparse tables. */
function validateChunk(c: GenomeChunk): void {
	const n = c.positions.length;
	const where = `chromosome ${c.chrom}`;
	for (let i = 0; i < n; i++) {
		if (c.positions[i] < 1 || (i > 0 && c.positions[i] < c.positions[i - 1])) bad(`${where}: positions are not sorted whole numbers from 1`);
		if (c.allele1[i] > 7 || c.allele2[i] > 7 || (c.refCodes && c.refCodes[i] > 7)) bad(`${where}: an allele code is out of range`);
		if (c.allele1[i] === 0 && c.allele2[i] !== 0) bad(`${where}: a second allele without a first`);
		if (c.flags[i] > 127) bad(`${where}: unknown record flags`);
	}
	if (!validIndex(c.otherIdIndex, n) || !validIndex(c.longAlleleIndex, n) || (c.refIndex && !validIndex(c.refIndex, n)))
		bad(`${where}: a sparse table points outside the records`);
	if (!c.otherIds.every((id) => text(id, 1000) && id.length > 0)) bad(`${where}: a variant ID is not valid text`);
	for (let k = 0; k < c.longAlleles.length; k++) {
		const pair = c.longAlleles[k];
		if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((a) => typeof a === 'string' && (a === '' || ALLELE_TEXT.test(a))))
			bad(`${where}: a long allele is not an allele`);
		const i = c.longAlleleIndex[k];
		if (c.allele1[i] !== 7 && c.allele2[i] !== 7) bad(`${where}: a long allele belongs to a record without one`);
	}
	if (c.refs && !c.refs.every((r) => typeof r === 'string' && ALLELE_TEXT.test(r))) bad(`${where}: a REF allele is not an allele`);
}

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
	if (header.chunks.length > CHROMOSOMES.length) bad('too many chromosomes');
	const chunks: GenomeChunk[] = header.chunks.map((h) => {
		if (!h || typeof h !== 'object') bad('chunk header');
		if (!CHROMOSOMES.includes(h.chrom)) bad(`unknown chromosome "${String(h.chrom)}"`);
		if (![h.n, h.otherIdCount, h.longAlleleCount].every(count) || (h.refCount !== null && !count(h.refCount))) bad('bad counts');
		if (!Array.isArray(h.otherIds) || !Array.isArray(h.longAlleles) || (h.refs !== null && !Array.isArray(h.refs))) bad('sparse tables');
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
	validateProfile(p);
	const seen = new Set<string>();
	let total = 0;
	for (const c of chunks) {
		if (seen.has(c.chrom)) bad(`chromosome ${c.chrom} appears twice`);
		seen.add(c.chrom);
		validateChunk(c);
		total += c.positions.length;
		const stated = p.summary.perChromosome[c.chrom];
		if (stated && stated.records !== c.positions.length) bad(`the summary counts ${stated.records} records on chromosome ${c.chrom}, the columns hold ${c.positions.length}`);
	}
	if (total > IMPORT_LIMITS.maxRecords) bad('more records than a whole genome');
	for (const k of Object.keys(p.summary.perChromosome)) if (!seen.has(k)) bad(`the summary lists chromosome ${k}, which has no columns`);
	return { profile: p, parsed: { summary: p.summary, chunks, sha256: p.sourceSha256, bytes: p.sourceBytes } };
}
