/**
 * Reading one definition site from a genome: by position on the profile's build (GRCh37 via the
 * GRCh37↔38 table), then by rsID. A site the input has no record for is a NO-CALL — never
 * assumed to be reference (the reference base even differs between builds, e.g. CYP3A5 rs776746).
 */
import type { GenomeBuild, GenomeView } from '../genome/types';
import type { KbSite } from './kb-types';

/** What the input says at one site. */
export interface SiteObservation {
	/** Allele texts in definition (VCF) form; null = not tested / no call / half-call. */
	alleles: string[] | null;
	/**
	 * Half-call (`./1`, `1|.`): the two GT slots in definition form, null for the missing one.
	 * The observed allele is real evidence; the other copy is unknown.
	 */
	half: [string | null, string | null] | null;
	/** The genotype was written phased (`|`). */
	phased: boolean;
	/** Phased calls: the VCF FORMAT/PS phase set (absent = the default set). */
	phaseSet?: number;
	/** The genotype as written in the input, e.g. "A/G" or "DI". */
	raw: string | null;
	/** How the record was found. */
	foundBy: 'position' | 'rsid' | null;
	/** A/T or C/G site: array strand cannot be checked. */
	palindromic: boolean;
	/** Why the site could not be used, when it could not. */
	problem: string | null;
}

/** True when the site's SNV alleles are complementary (A/T or C/G). */
export function isPalindromic(site: Pick<KbSite, 'alleles'>): boolean {
	const snv = site.alleles.filter((a) => a.length === 1);
	if (snv.length !== 2) return false;
	const s = new Set(snv);
	return (s.has('A') && s.has('T')) || (s.has('C') && s.has('G'));
}

/** Map an input allele text onto the site's definition alleles (array D/I → indel texts). */
function normaliseAllele(a: string, site: KbSite): string | null {
	if (site.alleles.includes(a)) return a;
	const lengths = site.alleles.map((x) => x.length);
	const shortest = site.alleles[lengths.indexOf(Math.min(...lengths))];
	const longest = site.alleles[lengths.indexOf(Math.max(...lengths))];
	const isIndel = Math.min(...lengths) !== Math.max(...lengths);
	if (isIndel && (a === 'D' || a === '-')) return shortest;
	if (isIndel && a === 'I') return longest;
	if (isIndel) {
		// A VCF on another build may anchor the indel differently: match by length when unique.
		const same = site.alleles.filter((x) => x.length === a.length);
		if (same.length === 1) return same[0];
	}
	return /^[ACGT]+$/.test(a) ? a : null;
}

/** Observe one site in `view` for a profile on `build`. */
export function observeSite(view: GenomeView, chrom: string, site: KbSite, build: GenomeBuild): SiteObservation {
	const palindromic = isPalindromic(site);
	const pos = build === 'GRCh38' ? site.pos38 : site.pos37;
	let call = pos != null ? view.byPosition(chrom, pos) : null;
	let foundBy: SiteObservation['foundBy'] = call ? 'position' : null;
	if (!call && site.rsid) {
		call = view.byRsid(site.rsid);
		if (call) foundBy = 'rsid';
	}
	const none = { half: null, phased: false };
	if (!call) return { alleles: null, raw: null, foundBy: null, palindromic, problem: 'not in the file', ...none };
	if (call.partial) {
		const [p1, p2] = call.partial;
		const raw = `${p1 ?? '.'}${call.phased ? '|' : '/'}${p2 ?? '.'}`;
		const m = (a: string | null) => (a === null ? null : normaliseAllele(a.toUpperCase(), site));
		const half: [string | null, string | null] = [m(p1), m(p2)];
		if (half[0] === null && half[1] === null)
			return { alleles: null, raw, foundBy, palindromic, problem: `allele "${raw}" cannot be read at this site`, ...none };
		return { alleles: null, raw, foundBy, palindromic, problem: 'half-call: one copy not called', half, phased: call.phased, ...(call.phased && call.phaseSet !== undefined ? { phaseSet: call.phaseSet } : {}) };
	}
	if (!call.alleles || call.alleles.length === 0)
		return { alleles: null, raw: '--', foundBy, palindromic, problem: 'no call in the file', ...none };
	const raw = call.alleles.join(call.phased ? '|' : '/');
	const mapped = call.alleles.map((a) => normaliseAllele(a.toUpperCase(), site));
	if (mapped.some((a) => a === null))
		return { alleles: null, raw, foundBy, palindromic, problem: `allele "${raw}" cannot be read at this site`, ...none };
	const phased = call.phased && mapped.length === 2;
	return { alleles: mapped as string[], raw, foundBy, palindromic, problem: null, half: null, phased, ...(phased && call.phaseSet !== undefined ? { phaseSet: call.phaseSet } : {}) };
}
