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

/** One candidate diplotype: indexes into gene.alleles, a ≤ b; b = -1 for a single (haploid) copy. */
export interface DiplotypeMatch {
	a: number;
	b: number;
	score: number;
}

/**
 * All best-scoring allele pairs consistent with the observed genotypes. `observed[s]` is the
 * allele list at site s (one entry for haploid, two for diploid) or null when untested. Every
 * consistent pair, whatever its score, is appended to `allConsistent` when given.
 */
export function matchDiplotypes(gene: KbGene, observed: (string[] | null)[], haploid = false, allConsistent?: DiplotypeMatch[]): DiplotypeMatch[] {
	const idx = geneIndex(gene);
	const empty = new Uint32Array(idx.words);
	const get = (s: number, t: string) => idx.carriers[s].get(t) ?? empty;
	const tested: number[] = [];
	for (let s = 0; s < observed.length; s++) if (observed[s]) tested.push(s);
	// Specificity: the number of tested sites a definition states (PharmCAT's score), after a
	// penalty for every defining variant at a site the input lacks: between alleles that look the
	// same on what was tested, the one that assumes nothing about unseen sites wins, and the
	// others are listed as partly tested. With every site present the penalty is zero.
	const score = (a: number) => {
		let n = 0;
		for (const s of tested) n += idx.states[a][s];
		for (const s of idx.variantSites[a]) if (!observed[s]) n -= 1000;
		return n;
	};
	// Alleles that can be one haplotype: at every tested site they carry one of the observed alleles.
	const candA = Uint32Array.from(idx.active);
	for (const s of tested) {
		const obs = observed[s]!;
		for (let w = 0; w < idx.words; w++) {
			let any = 0;
			for (const t of obs) any |= get(s, t)[w];
			candA[w] &= any;
		}
	}
	const found: DiplotypeMatch[] = [];
	if (haploid) {
		for (const a of members(candA)) {
			if (tested.every((s) => has(get(s, observed[s]![0]), a))) found.push({ a, b: -1, score: score(a) });
		}
	} else {
		const bMask = new Uint32Array(idx.words);
		for (const a of members(candA)) {
			bMask.set(idx.active);
			for (const s of tested) {
				const obs = observed[s]!;
				const [g1, g2] = obs.length === 1 ? [obs[0], obs[0]] : obs;
				const m1 = get(s, g1);
				const m2 = get(s, g2);
				const aHas1 = has(m1, a);
				const aHas2 = has(m2, a);
				for (let w = 0; w < idx.words; w++) bMask[w] &= (aHas1 ? m2[w] : 0) | (aHas2 ? m1[w] : 0);
			}
			const sa = score(a);
			for (const b of members(bMask)) if (b >= a) found.push({ a, b, score: sa + score(b) });
		}
	}
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
