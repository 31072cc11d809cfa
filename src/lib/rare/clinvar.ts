/**
 * A user-supplied ClinVar VCF (clinvar.vcf.gz as NCBI publishes it: CLNSIG, CLNREVSTAT, GENEINFO)
 * read into a lookup keyed by chrom:pos:ref:alt. Only classified assertions are kept (pathogenic,
 * likely pathogenic, conflicting, benign, likely benign); uncertain ones add nothing to a ranking.
 */
import { RareError } from './errors';
import { forEachLine, type LineStreamOptions } from './stream';
import type { ClinVarAssertion, RareBuild } from './types';
import { SiteTable, SiteTableBuilder, allelesOf, type SiteChromosome } from './sites';

/** One kept ClinVar record as the readers see it. */
/** `mc`: ClinVar's molecular consequence (MC, e.g. "SO:0001587|nonsense"), used by the secondary-findings rules. */
export type ClinVarRecord = ClinVarAssertion & { gene: string | null; mc?: string };

/** Lookup of classified records by "chrom:pos:ref:alt" (a Map-like view over the compact table). */
export interface ClinVarRecords extends Iterable<[string, ClinVarRecord]> {
	readonly size: number;
	get(key: string): ClinVarRecord | undefined;
}

/** ClinVar records kept for lookup. */
export interface ClinVarDb {
	/** File date (##fileDate) and build (##reference) as the file states them. */
	release: string;
	build: RareBuild | null;
	records: ClinVarRecords;
	/** Keys "chrom:pos" of pathogenic/likely pathogenic records (reader prefilter). */
	pathogenicSites: { has(key: string): boolean };
	/** The compact table behind `records` (what IndexedDB stores); see `clinVarFromTable`. */
	table?: ClinVarTable;
}

/** The compact form of a ClinVar file: columns sig (class << 3 | stars), id, gene, clnsig, mc (index + 1 into `mcs`, 0 = none). */
export interface ClinVarTable {
	release: string;
	build: RareBuild | null;
	parts: SiteChromosome[];
	genes: string[];
	clnsigs: string[];
	mcs: string[];
}

/** Most classified records a ClinVar file may have (NCBI's full release has ≈ 2.5 M). */
export const MAX_CLINVAR_RECORDS = 8_000_000;
/** Distinct GENEINFO symbols kept (records beyond carry no gene). */
const MAX_CLINVAR_GENES = 200_000;
/** Longer REF/ALT alleles are skipped (they cannot match a short-read VCF record anyway). */
const MAX_ALLELE = 1000;
const SIG_CODES: ClinVarAssertion['significance'][] = ['other', 'pathogenic', 'likely_pathogenic', 'conflicting', 'likely_benign', 'benign'];

/** A ClinVarDb over a compact table (freshly read or loaded from IndexedDB). */
export function clinVarFromTable(t: ClinVarTable): ClinVarDb {
	const sites = new SiteTable(t.parts);
	const recordAt = (c: SiteChromosome, i: number): ClinVarRecord => {
		const sig = c.cols.sig[i];
		const g = c.cols.gene[i];
		const mc = c.cols.mc?.[i] ?? 0;
		const rec: ClinVarRecord = {
			significance: SIG_CODES[sig >> 3] ?? 'other',
			stars: sig & 7,
			clnsig: t.clnsigs[c.cols.clnsig[i]] ?? '',
			id: String(c.cols.id[i]),
			gene: g > 0 ? (t.genes[g - 1] ?? null) : null
		};
		if (mc > 0 && t.mcs?.[mc - 1]) rec.mc = t.mcs[mc - 1];
		return rec;
	};
	const records: ClinVarRecords = {
		size: sites.size,
		get(key) {
			const [chrom, p, ref, alt] = key.split(':');
			const i = sites.find(chrom, Number(p), ref, alt);
			return i < 0 ? undefined : recordAt(sites.chroms.get(chrom)!, i);
		},
		*[Symbol.iterator]() {
			for (const c of t.parts)
				for (let i = 0; i < c.pos.length; i++) {
					const [ref, alt] = allelesOf(c, i).split(' ');
					yield [`${c.chrom}:${c.pos[i]}:${ref}:${alt}`, recordAt(c, i)] as [string, ClinVarRecord];
				}
		}
	};
	const pathogenicSites = {
		has(key: string): boolean {
			const colon = key.lastIndexOf(':');
			const chrom = key.slice(0, colon);
			const pos = Number(key.slice(colon + 1));
			const i0 = sites.firstAt(chrom, pos);
			if (i0 < 0) return false;
			const c = sites.chroms.get(chrom)!;
			for (let i = i0; i < c.pos.length && c.pos[i] === pos; i++) {
				const cls = c.cols.sig[i] >> 3;
				if (cls === 1 || cls === 2) return true;
			}
			return false;
		}
	};
	return { release: t.release, build: t.build, records, pathogenicSites, table: t };
}

/** Stars from CLNREVSTAT, as ClinVar defines them. */
export function reviewStars(revstat: string): number {
	const r = revstat.toLowerCase().replace(/_/g, ' ');
	if (r.includes('practice guideline')) return 4;
	if (r.includes('reviewed by expert panel')) return 3;
	if (r.includes('multiple submitters') && r.includes('no conflicts')) return 2;
	if (r.includes('criteria provided') && (r.includes('single submitter') || r.includes('conflicting'))) return 1;
	return 0;
}

/** CLNSIG text → simplified class. */
export function simplifySignificance(clnsig: string): ClinVarAssertion['significance'] {
	const s = clnsig.toLowerCase();
	if (s.includes('conflicting')) return 'conflicting';
	if (s.startsWith('pathogenic')) return 'pathogenic';
	if (s.startsWith('likely_pathogenic')) return 'likely_pathogenic';
	if (s.startsWith('uncertain')) return 'uncertain';
	if (s.startsWith('likely_benign')) return 'likely_benign';
	if (s.startsWith('benign')) return 'benign';
	return 'other';
}

/** Canonical chromosome name (no chr, M → MT); null for contigs we do not analyse. */
export function canonicalChrom(c: string): string | null {
	let x = c.startsWith('chr') || c.startsWith('Chr') || c.startsWith('CHR') ? c.slice(3) : c;
	if (x === 'M') x = 'MT';
	return /^([1-9]|1[0-9]|2[0-2]|X|Y|MT)$/.test(x) ? x : null;
}

/**
 * The CHROM field of VCF records as a canonical chromosome, decoded only when its bytes change
 * (a sorted file repeats one name for millions of lines): the line readers' hot path.
 */
export class ChromField {
	#bytes = new Uint8Array(0);
	readonly #dec = new TextDecoder();
	/** The last CHROM text as the file writes it. */
	raw = '';
	/** Its canonical name, or null for contigs we do not analyse. */
	chrom: string | null = null;
	/** Read the CHROM field `buf[s, tab)` (`tab`: the line's first tab); returns the canonical chromosome or null. */
	read(buf: Uint8Array, s: number, tab: number): string | null {
		const b = this.#bytes;
		let same = tab - s === b.length;
		for (let i = 0; same && i < b.length; i++) same = buf[s + i] === b[i];
		if (!same) {
			this.#bytes = buf.slice(s, tab);
			this.raw = this.#dec.decode(this.#bytes);
			this.chrom = canonicalChrom(this.raw);
		}
		return this.chrom;
	}
}

/** Read a ClinVar VCF stream (plain or gzip/bgzip) into the compact table. */
export async function readClinVar(stream: ReadableStream<Uint8Array>, options: LineStreamOptions = {}): Promise<ClinVarDb> {
	let release = 'unknown';
	let build: RareBuild | null = null;
	const builder = new SiteTableBuilder([
		['sig', Uint8Array],
		['id', Uint32Array],
		['gene', Uint32Array],
		['clnsig', Uint16Array],
		['mc', Uint16Array]
	]);
	const genes = new Map<string, number>();
	const mcs = new Map<string, number>();
	const clnsigs = new Map<string, number>();
	const dec = new TextDecoder();
	let first = true;
	let sawClnsig = false;
	let sawHeader = false;
	await forEachLine(
		stream,
		(buf, s, e) => {
			if (first) {
				first = false;
				const head = dec.decode(buf.subarray(s, Math.min(e, s + 40)));
				if (!head.startsWith('##fileformat=VCF')) throw new RareError('input', 'bad-clinvar', 'The ClinVar file is not a VCF (it does not start with "##fileformat=VCF").');
			}
			if (buf[s] === 35) {
				const line = dec.decode(buf.subarray(s, Math.min(e, s + 2000)));
				if (line.startsWith('##fileDate=')) release = line.slice(11, 40).trim();
				else if (line.startsWith('##reference=')) build = /38/.test(line) ? 'GRCh38' : /37|19/.test(line) ? 'GRCh37' : null;
				else if (line.startsWith('##INFO=<ID=CLNSIG')) sawClnsig = true;
				else if (line.startsWith('#CHROM')) sawHeader = true;
				return;
			}
			if (!sawHeader) throw new RareError('input', 'bad-clinvar', 'The ClinVar VCF has no "#CHROM" header line before its first record.');
			const line = dec.decode(buf.subarray(s, e));
			const f = line.split('\t');
			if (f.length < 8) return;
			const info = f[7];
			const sig = /(?:^|;)CLNSIG=([^;]*)/.exec(info)?.[1];
			if (!sig) return;
			const significance = simplifySignificance(sig);
			if (significance === 'uncertain' || significance === 'other') return;
			const chrom = canonicalChrom(f[0]);
			const pos = Number(f[1]);
			if (!chrom || !Number.isInteger(pos) || pos < 1 || pos > 0xffffffff) return;
			const ref = f[3].toUpperCase();
			if (!/^[ACGTN]+$/.test(ref) || ref.length > MAX_ALLELE) return;
			const stars = reviewStars(/(?:^|;)CLNREVSTAT=([^;]*)/.exec(info)?.[1] ?? '');
			const geneName = /(?:^|;)GENEINFO=([^:;|]+)/.exec(info)?.[1] ?? null;
			let gene = 0;
			if (geneName && geneName.length <= 40) {
				gene = genes.get(geneName) ?? 0;
				// ClinVar names ≈ 40,000 genes; a file naming far more is not trusted with more memory.
				if (!gene && genes.size < MAX_CLINVAR_GENES) genes.set(geneName, (gene = genes.size + 1));
			}
			const sigText = sig.slice(0, 200);
			let sigIdx = clnsigs.get(sigText);
			if (sigIdx === undefined) {
				sigIdx = clnsigs.size < 65535 ? clnsigs.size : 0;
				if (clnsigs.size < 65535) clnsigs.set(sigText, sigIdx);
			}
			const id = /^\d{1,9}$/.test(f[2]) ? Number(f[2]) : 0;
			// MC: ClinVar's molecular consequence ("SO:0001587|nonsense,…"), read for the SF "truncating only" rule
			const mcText = /(?:^|;)MC=([^;]*)/.exec(info)?.[1]?.slice(0, 300);
			let mc = 0;
			if (mcText) {
				mc = mcs.get(mcText) ?? 0;
				if (!mc && mcs.size < 65534) mcs.set(mcText, (mc = mcs.size + 1));
			}
			const code = (SIG_CODES.indexOf(significance) << 3) | stars;
			for (const rawAlt of f[4].split(',')) {
				const alt = rawAlt.toUpperCase();
				if (alt === '.' || !/^[ACGTN]+$/.test(alt) || alt.length > MAX_ALLELE) continue;
				if (builder.count >= MAX_CLINVAR_RECORDS)
					throw new RareError('input', 'bad-clinvar', `The ClinVar file has more than ${MAX_CLINVAR_RECORDS.toLocaleString('en')} classified records; that is not a ClinVar release Qenome can keep.`);
				builder.push(chrom, pos, ref, alt, [code, id, gene, sigIdx, mc]);
			}
		},
		options
	);
	if (first) throw new RareError('input', 'bad-clinvar', 'The ClinVar file is empty.');
	if (!sawClnsig && builder.count === 0) throw new RareError('input', 'bad-clinvar', 'The ClinVar VCF has no CLNSIG field: is it the clinvar.vcf.gz NCBI publishes?');
	return clinVarFromTable({ release, build, parts: builder.finish(), genes: [...genes.keys()], clnsigs: [...clnsigs.keys()], mcs: [...mcs.keys()] });
}
