/**
 * Diplotype matching. Every named allele is a full haplotype (sites it does not state carry the
 * reference allele's base). Only tested sites are compared, so alleles that differ only at
 * untested sites tie and are all reported. Unphased genotypes admit every pair of alleles whose
 * bases, site by site, make up the observed genotype; the best pairs are those whose definitions
 * state the most tested sites (PharmCAT-style specificity), ties reported.
 *
 * Hot path: per site and base, a bitset of the alleles that carry it (built once per gene), so a
 * call is a few AND/ORs per site instead of comparing every pair of alleles.
 */
import type { KbGene } from './kb-types';

const IUPAC: Record<string, string> = {
	R: 'AG', Y: 'CT', S: 'CG', W: 'AT', K: 'GT', M: 'AC', B: 'CGT', D: 'AGT', H: 'ACT', V: 'ACG', N: 'ACGT'
};

/** Does definition text `def` accept observed allele `obs`? (IUPAC codes accept several bases.) */
export function definitionAccepts(def: string, obs: string): boolean {
	if (def === obs) return true;
	return def.length === 1 && obs.length === 1 && (IUPAC[def]?.includes(obs) ?? false);
}

interface GeneIndex {
	words: number;
	/** Per site: allele text → bitset of alleles carrying it. */
	carriers: Map<string, Uint32Array>[];
	/** Alleles taking part (not ignored). */
	active: Uint32Array;
	/** Per allele, per site: does the definition state the site. */
	states: Uint8Array[];
	/** Per allele: sites where it differs from the reference allele. */
	variantSites: number[][];
}

const indexCache = new WeakMap<KbGene, GeneIndex>();

/** Base of allele `a` at site `s` (reference allele's base when unstated). */
export function alleleBase(gene: KbGene, a: number, s: number): string {
	return gene.alleles[a].defined[s] ?? gene.alleles[0].defined[s] ?? gene.sites[s].ref38;
}

/** Build (once) the per-site carrier bitsets of a gene. */
export function geneIndex(gene: KbGene): GeneIndex {
	const hit = indexCache.get(gene);
	if (hit) return hit;
	const n = gene.alleles.length;
	const words = Math.ceil(n / 32);
	const carriers = gene.sites.map((site, s) => {
		const m = new Map<string, Uint32Array>();
		const texts = new Set([...site.alleles, 'A', 'C', 'G', 'T']);
		const bases: string[] = [];
		for (let a = 0; a < n; a++) bases.push(alleleBase(gene, a, s));
		for (const t of texts) {
			const bits = new Uint32Array(words);
			for (let a = 0; a < n; a++) if (bases[a] === t || definitionAccepts(bases[a], t)) bits[a >>> 5] |= 1 << (a & 31);
			m.set(t, bits);
		}
		return m;
	});
	const active = new Uint32Array(words);
	const ignored = new Set(gene.ignoredAlleles);
	gene.alleles.forEach((al, a) => {
		if (!ignored.has(al.name)) active[a >>> 5] |= 1 << (a & 31);
	});
	const states = gene.alleles.map((al) => {
		const st = new Uint8Array(gene.sites.length);
		for (const k of Object.keys(al.defined)) st[Number(k)] = 1;
		return st;
	});
	const variantSites = gene.alleles.map((al, a) =>
		a === 0 ? [] : Object.keys(al.defined).map(Number).filter((s) => al.defined[s] !== alleleBase(gene, 0, s))
	);
	const idx = { words, carriers, active, states, variantSites };
	indexCache.set(gene, idx);
	return idx;
}

function has(bits: Uint32Array, a: number): boolean {
	return (bits[a >>> 5] & (1 << (a & 31))) !== 0;
}

function* members(bits: Uint32Array): Generator<number> {
	for (let w = 0; w < bits.length; w++) {
		let x = bits[w];
		while (x) {
			const low = x & -x;
			yield w * 32 + (31 - Math.clz32(low));
			x ^= low;
		}
	}
}

/** One candidate diplotype: indexes into gene.alleles; b = -1 for a single (haploid) copy. */
export interface DiplotypeMatch {
	/** First haplotype (phased data: the first GT slot). Unphased: a ≤ b. */
	a: number;
	b: number;
	/** PharmCAT-style specificity: tested sites the two definitions state. */
	score: number;
}

/** What the input says at one site, as the matcher needs it. */
export type SiteInput =
	| null
	| { kind: 'call'; alleles: string[]; phased: boolean; phaseSet?: number }
	| { kind: 'half'; slots: [string | null, string | null]; phased: boolean; phaseSet?: number };

/** Options for `matchAll`. */
export interface MatchOptions {
	/** One copy (male X, mitochondria). */
	haploid?: boolean;
	/** Use the GT order of phased calls: `a` is the first haplotype, `b` the second. */
	phased?: boolean;
}

/**
 * Every allele pair consistent with the observations, with its specificity score (the number of
 * tested sites the two definitions state; nothing is subtracted for sites the file lacks, so an
 * allele that differs from another only at untested sites ties with it rather than losing).
 * A half-call constrains one copy only; with `phased`, GT slot 1 belongs to `a` and slot 2 to `b`.
 */
export function matchAll(gene: KbGene, inputs: SiteInput[], opts: MatchOptions = {}): DiplotypeMatch[] {
	const idx = geneIndex(gene);
	const empty = new Uint32Array(idx.words);
	const get = (s: number, t: string) => idx.carriers[s].get(t) ?? empty;
	const tested: number[] = [];
	for (let s = 0; s < inputs.length; s++) if (inputs[s]) tested.push(s);
	const score = (a: number) => {
		let n = 0;
		for (const s of tested) n += idx.states[a][s];
		return n;
	};
	// As PharmCAT: an allele none of whose stated positions was tested cannot be matched at all
	// (it is listed as untested), rather than being taken for the reference.
	const active = Uint32Array.from(idx.active);
	for (let a = 1; a < gene.alleles.length; a++) if (has(active, a) && score(a) === 0) active[a >>> 5] &= ~(1 << (a & 31));
	const found: DiplotypeMatch[] = [];
	if (opts.haploid) {
		for (const a of members(active)) {
			let ok = true;
			for (const s of tested) {
				const o = inputs[s]!;
				const bases = o.kind === 'call' ? o.alleles : (o.slots.filter((x) => x !== null) as string[]);
				// A haploid site written diploid must be homozygous to fit one copy.
				if (!bases.every((t) => has(get(s, t), a))) ok = false;
				if (!ok) break;
			}
			if (ok) found.push({ a, b: -1, score: score(a) });
		}
		return found;
	}
	// Candidates for the first copy: at every tested site they carry an allele the site shows.
	const candA = Uint32Array.from(active);
	for (const s of tested) {
		const o = inputs[s]!;
		if (o.kind === 'half' && !opts.phased) continue;
		for (let w = 0; w < idx.words; w++) {
			let any = 0;
			if (o.kind === 'call') {
				if (opts.phased && o.alleles.length === 2) any = get(s, o.alleles[0])[w];
				else for (const t of o.alleles) any |= get(s, t)[w];
			} else any = o.slots[0] === null ? ~0 : get(s, o.slots[0])[w];
			candA[w] &= any;
		}
	}
	const bMask = new Uint32Array(idx.words);
	for (const a of members(candA)) {
		bMask.set(active);
		for (const s of tested) {
			const o = inputs[s]!;
			if (o.kind === 'call') {
				const [g1, g2] = o.alleles.length === 1 ? [o.alleles[0], o.alleles[0]] : o.alleles;
				const m1 = get(s, g1);
				const m2 = get(s, g2);
				if (opts.phased) {
					for (let w = 0; w < idx.words; w++) bMask[w] &= m2[w];
				} else {
					const aHas1 = has(m1, a);
					const aHas2 = has(m2, a);
					for (let w = 0; w < idx.words; w++) bMask[w] &= (aHas1 ? m2[w] : 0) | (aHas2 ? m1[w] : 0);
				}
			} else if (opts.phased) {
				if (o.slots[1] !== null) {
					const m = get(s, o.slots[1]);
					for (let w = 0; w < idx.words; w++) bMask[w] &= m[w];
				}
			} else {
				// Unphased half-call: one of the two copies carries the observed allele.
				const t = (o.slots[0] ?? o.slots[1])!;
				const m = get(s, t);
				if (!has(m, a)) for (let w = 0; w < idx.words; w++) bMask[w] &= m[w];
			}
		}
		const sa = score(a);
		for (const b of members(bMask)) if (opts.phased || b >= a) found.push({ a, b, score: sa + score(b) });
	}
	return found;
}

/**
 * All best-scoring allele pairs consistent with the observed genotypes. `observed[s]` is the
 * allele list at site s (one entry for haploid, two for diploid) or null when untested. Every
 * consistent pair, whatever its score, is appended to `allConsistent` when given.
 */
export function matchDiplotypes(gene: KbGene, observed: (string[] | null)[], haploid = false, allConsistent?: DiplotypeMatch[]): DiplotypeMatch[] {
	const inputs: SiteInput[] = observed.map((o) => (o ? { kind: 'call', alleles: o, phased: false } : null));
	const found = matchAll(gene, inputs, { haploid });
	if (allConsistent) allConsistent.push(...found);
	if (!found.length) return [];
	const best = Math.max(...found.map((f) => f.score));
	return found.filter((f) => f.score === best);
}

/** Alleles none of whose defining variant sites were tested, and those only partly tested. */
export function untestedAlleles(gene: KbGene, observed: (string[] | null)[]): { untested: string[]; partial: string[] } {
	const idx = geneIndex(gene);
	const untested: string[] = [];
	const partial: string[] = [];
	gene.alleles.forEach((al, a) => {
		if (a === 0 || !has(idx.active, a)) return;
		const sites = idx.variantSites[a];
		if (!sites.length) return;
		const missing = sites.filter((s) => !observed[s]).length;
		if (missing === sites.length) untested.push(al.name);
		else if (missing > 0) partial.push(al.name);
	});
	return { untested, partial };
}
