/**
 * A user-supplied ClinVar VCF (clinvar.vcf.gz as NCBI publishes it: CLNSIG, CLNREVSTAT, GENEINFO)
 * read into a lookup keyed by chrom:pos:ref:alt. Only classified assertions are kept (pathogenic,
 * likely pathogenic, conflicting, benign, likely benign); uncertain ones add nothing to a ranking.
 */
import { RareError } from './errors';
import { forEachLine, type LineStreamOptions } from './stream';
import type { ClinVarAssertion, RareBuild } from './types';

/** ClinVar records kept for lookup. */
export interface ClinVarDb {
	/** File date (##fileDate) and build (##reference) as the file states them. */
	release: string;
	build: RareBuild | null;
	records: Map<string, ClinVarAssertion & { gene: string | null; mc?: string }>;
	/** Keys "chrom:pos" of pathogenic/likely pathogenic records (reader prefilter). */
	pathogenicSites: Set<string>;
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

/** Read a ClinVar VCF stream (plain or gzip/bgzip). */
export async function readClinVar(stream: ReadableStream<Uint8Array>, options: LineStreamOptions = {}): Promise<ClinVarDb> {
	const db: ClinVarDb = { release: 'unknown', build: null, records: new Map(), pathogenicSites: new Set() };
	const dec = new TextDecoder();
	let first = true;
	let sawClnsig = false;
	await forEachLine(
		stream,
		(buf, s, e) => {
			if (first) {
				first = false;
				const head = dec.decode(buf.subarray(s, Math.min(e, s + 40)));
				if (!head.startsWith('##fileformat=VCF')) throw new RareError('input', 'bad-clinvar', 'The ClinVar file is not a VCF (it does not start with "##fileformat=VCF").');
			}
			if (buf[s] === 35) {
				const line = dec.decode(buf.subarray(s, e));
				if (line.startsWith('##fileDate=')) db.release = line.slice(11);
				else if (line.startsWith('##reference=')) db.build = /38/.test(line) ? 'GRCh38' : /37|19/.test(line) ? 'GRCh37' : null;
				else if (line.startsWith('##INFO=<ID=CLNSIG')) sawClnsig = true;
				return;
			}
			const line = dec.decode(buf.subarray(s, e));
			const f = line.split('\t');
			if (f.length < 8) return;
			const info = f[7];
			const sig = /(?:^|;)CLNSIG=([^;]*)/.exec(info)?.[1];
			if (!sig) return;
			const significance = simplifySignificance(sig);
			if (significance === 'uncertain' || significance === 'other') return;
			const chrom = canonicalChrom(f[0]);
			if (!chrom) return;
			const stars = reviewStars(/(?:^|;)CLNREVSTAT=([^;]*)/.exec(info)?.[1] ?? '');
			const gene = /(?:^|;)GENEINFO=([^:;|]+)/.exec(info)?.[1] ?? null;
			// MC: ClinVar's molecular consequence ("SO:0001587|nonsense,…"), read for the SF "truncating only" rule
			const mc = /(?:^|;)MC=([^;]*)/.exec(info)?.[1];
			for (const alt of f[4].split(',')) {
				if (alt === '.' || alt.startsWith('<')) continue;
				db.records.set(`${chrom}:${f[1]}:${f[3]}:${alt}`, mc ? { significance, stars, clnsig: sig, id: f[2], gene, mc } : { significance, stars, clnsig: sig, id: f[2], gene });
			}
			if (significance === 'pathogenic' || significance === 'likely_pathogenic') db.pathogenicSites.add(`${chrom}:${f[1]}`);
		},
		options
	);
	if (!sawClnsig && db.records.size === 0) throw new RareError('input', 'bad-clinvar', 'The ClinVar VCF has no CLNSIG field: is it the clinvar.vcf.gz NCBI publishes?');
	return db;
}
