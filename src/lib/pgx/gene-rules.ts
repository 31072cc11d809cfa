/**
 * Per-gene rules of the star-allele caller, as a table: gene → hooks the generic caller runs at
 * fixed points (a caveat once the gene is tested, a genotype adjustment before phasing, a
 * resolution when the generic match is ambiguous or empty, notes after resolution). A gene
 * without an entry is called by the generic matcher alone.
 */
import type { KbGene } from './kb-types';
import { alleleBase, geneIndex, type SiteInput } from './match';
import { diplotypeName, phenotypeOf } from './phenotype';

/** What a rule sees after the generic match. */
export interface RuleContext {
	gene: KbGene;
	/** Observed genotype per site (null: not in the file). */
	alleles: (string[] | null)[];
	/** Per-site input the matcher used. */
	inputs: SiteInput[];
	/** Diplotype names the generic match produced. */
	names: string[];
	/** Whether every informative site was phased. */
	phased: boolean;
	sex: 'female' | 'male' | 'unknown';
	/** Warnings of the call (a rule appends). */
	warnings: string[];
}

/** A rule's resolution: replacement diplotype names, or a final diplotype + phenotype that ends the call. */
export type RuleResolution = { names: string[] } | { fallback: { diplotype: string; phenotype: string } };

/** Hooks of one gene's rule; each is optional. */
export interface GeneRule {
	/** Warning added whenever at least one position of the gene is tested. */
	caveat?: string;
	/** Adjust observed genotypes in place before phasing and matching. */
	adjustGenotypes?(gene: KbGene, alleles: (string[] | null)[], warnings: string[]): void;
	/**
	 * Positions adjustGenotypes may fill in from another (rsID → source rsID): a filled position
	 * takes the source's phase, so a phased file stays phased (DPYD intronic HapB3 from c.1236G>A).
	 */
	inferredFrom?: Readonly<Record<string, string>>;
	/** Resolve an empty or ambiguous match; null keeps the generic names. */
	resolve?(ctx: RuleContext): RuleResolution | null;
	/** Warnings that explain the resolved names. */
	note?(ctx: RuleContext): void;
}

/** How many different phenotypes the diplotype names give. */
function distinctPhenotypes(gene: KbGene, names: string[], sex: string): number {
	return new Set(names.map((n) => phenotypeOf(gene, n.split('/')[0], n.split('/')[1] ?? null, sex)?.phenotype ?? '?')).size;
}

/** SLCO1B1 from rs4149056 (c.521T>C) alone, as CPIC allows when the diplotype is unresolved. */
function slco1b1Fallback(gene: KbGene, alleles: (string[] | null)[]): { diplotype: string; phenotype: string } | null {
	const s = gene.sites.findIndex((x) => x.rsid === 'rs4149056');
	const g = s >= 0 ? alleles[s] : null;
	if (!g) return null;
	const c = g.filter((x) => x === 'C').length * (g.length === 1 ? 2 : 1);
	const phenotype = c === 0 ? 'Normal Function' : c === 1 ? 'Decreased Function' : 'Poor Function';
	return { diplotype: `rs4149056 ${[...g].sort().join('/')}`, phenotype };
}

const DPYD_HAPB3_EXONIC = 'rs56038477'; // c.1236G>A
const DPYD_HAPB3_INTRONIC = 'rs75017182'; // c.1129-5923C>G (the causal one)

/**
 * DPYD rules from the reference caller's HapB3 truth table, applied to the observed genotypes in
 * place: a base that no DPYD allele defines is read as reference; c.1236G>A without the intronic
 * c.1129-5923C>G (tested as reference) is not HapB3; c.1236G>A with the intronic site absent
 * from the file is taken as HapB3 (inferred, warned).
 */
function adjustDpydHapB3(gene: KbGene, alleles: (string[] | null)[], warnings: string[]): void {
	gene.sites.forEach((site, i) => {
		const g = alleles[i];
		if (!g || g.every((b) => site.alleles.includes(b))) return;
		const ref = alleleBase(gene, 0, i);
		warnings.push(`DPYD ${site.rsid ?? site.label}: base ${g.filter((b) => !site.alleles.includes(b)).join('/')} defines no DPYD allele; read as reference.`);
		alleles[i] = g.map((b) => (site.alleles.includes(b) ? b : ref));
	});
	const ex = gene.sites.findIndex((x) => x.rsid === DPYD_HAPB3_EXONIC);
	const inx = gene.sites.findIndex((x) => x.rsid === DPYD_HAPB3_INTRONIC);
	if (ex < 0 || inx < 0 || !alleles[ex]) return;
	const exRef = alleleBase(gene, 0, ex);
	const exAlt = alleles[ex]!.filter((b) => b !== exRef).length;
	if (!exAlt) return;
	const inRef = alleleBase(gene, 0, inx);
	const inAltBase = gene.sites[inx].alleles.find((b) => b !== inRef)!;
	const intronic = alleles[inx];
	if (!intronic) {
		alleles[inx] = alleles[ex]!.map((b) => (b === exRef ? inRef : inAltBase));
		warnings.push('DPYD: c.1236G>A found but the intronic HapB3 variant c.1129-5923C>G is not in the file; HapB3 is inferred from c.1236G>A (usually linked). Confirm if acting on it.');
	} else if (intronic.every((b) => b === inRef)) {
		alleles[ex] = alleles[ex]!.map(() => exRef);
		warnings.push('DPYD: c.1236G>A found without the intronic HapB3 variant c.1129-5923C>G (tested, reference); this is not HapB3 and is read as reference.');
	}
}

/** DPYD: variants present, the two lowest activity values (CPIC rule for unphased data). */
function dpydLowestTwo(gene: KbGene, alleles: (string[] | null)[]): string | null {
	const found: { name: string; activity: number; copies: number }[] = [];
	gene.alleles.forEach((al, a) => {
		if (a === 0) return;
		const sites = Object.keys(al.defined).map(Number).filter((s) => al.defined[s] !== alleleBase(gene, 0, s));
		if (!sites.length || sites.some((s) => !alleles[s])) return;
		const copies = Math.min(...sites.map((s) => alleles[s]!.filter((x) => x === al.defined[s]).length));
		if (copies > 0) found.push({ name: al.name, activity: al.activity ?? 1, copies });
	});
	// A HapB3 copy subsumes one copy of its intronic-only sub-allele.
	const hapB3Copies = found.find((f) => f.name.includes('HapB3'))?.copies ?? 0;
	const kept = found
		.map((f) => (f.name === 'c.1129-5923C>G' ? { ...f, copies: f.copies - hapB3Copies } : f))
		.filter((f) => f.copies > 0);
	if (!kept.length) return null;
	// Ties at equal activity: cDNA order (c.557A>G before c.1129-5923C>G before HapB3 before
	// c.2846A>T), the intronic-only HapB3 variant before HapB3 itself; as the reference truth table.
	const rank = (n: string) => Number(/^c\.(\d+)/.exec(n)?.[1] ?? 1e9) * 2 + (n.includes('HapB3') ? 1 : 0);
	const copies = kept.flatMap((f) => Array<typeof f>(Math.min(2, f.copies)).fill(f)).sort((x, y) => x.activity - y.activity || rank(x.name) - rank(y.name));
	const two = copies.slice(0, 2).map((f) => f.name);
	while (two.length < 2) two.push(gene.alleles[0].name);
	return diplotypeName(two[0], two[1]);
}

/** DPYD ordering: lower activity first, then cDNA position (as the reference truth table). */
function dpydRank(gene: KbGene, a: number): number {
	const al = gene.alleles[a];
	return (al.activity ?? 1) * 1e10 + Number(/^c\.(\d+)/.exec(al.name)?.[1] ?? 1e9) * 2 + (al.name.includes('HapB3') ? 1 : 0);
}

/** RYR1/CACNA1S ordering: malignant-hyperthermia-associated variants first. */
function mhsRank(gene: KbGene, a: number): number {
	return /Malignant Hyperthermia/i.test(gene.alleles[a].fn ?? '') ? 0 : 1;
}

/**
 * Phased data: the lowest-ranked variant allele carried by each haplotype (reference when none).
 * An allele whose variants are all part of another allele the haplotype carries is that allele's
 * sub-allele (e.g. DPYD c.1129-5923C>G inside HapB3) and does not count on its own.
 */
function lowestPerHaplotype(gene: KbGene, inputs: SiteInput[], rank: (g: KbGene, a: number) => number): string | null {
	const idx = geneIndex(gene);
	const picks: string[] = [];
	for (const h of [0, 1]) {
		const on: number[] = [];
		gene.alleles.forEach((al, a) => {
			const sites = idx.variantSites[a];
			if (a === 0 || !sites.length) return;
			const carried = sites.every((s) => {
				const o = inputs[s];
				if (!o) return false;
				const base = o.kind === 'call' ? o.alleles[Math.min(h, o.alleles.length - 1)] : o.slots[h];
				return base !== null && al.defined[s] === base;
			});
			if (carried) on.push(a);
		});
		const sub = (a: number, b: number) => {
			const va = idx.variantSites[a];
			const vb = idx.variantSites[b];
			return a !== b && va.length < vb.length && va.every((s) => vb.includes(s));
		};
		let bestA = -1;
		for (const a of on) {
			if (on.some((b) => sub(a, b))) continue;
			if (bestA < 0 || rank(gene, a) < rank(gene, bestA)) bestA = a;
		}
		picks.push(gene.alleles[bestA < 0 ? 0 : bestA].name);
	}
	return picks.every((p) => p === gene.alleles[0].name) ? null : diplotypeName(picks[0], picks[1]);
}

/**
 * Lowest-function rule for RYR1/CACNA1S (as CPIC/PharmCAT apply it): every variant allele whose
 * defining positions all show it in at least one copy; the two lowest-function copies are reported.
 */
function lowestFunctionVariants(gene: KbGene, inputs: SiteInput[]): { diplotype: string; variants: string[] } | null {
	const idx = geneIndex(gene);
	const found: { a: number; copies: number }[] = [];
	gene.alleles.forEach((al, a) => {
		const sites = idx.variantSites[a];
		if (a === 0 || !sites.length) return;
		let copies = 2;
		for (const s of sites) {
			const o = inputs[s];
			const bases = !o ? [] : o.kind === 'call' ? (o.alleles.length === 1 ? [o.alleles[0], o.alleles[0]] : o.alleles) : o.slots.filter((x): x is string => x !== null);
			copies = Math.min(copies, bases.filter((b) => b === al.defined[s]).length);
		}
		if (copies > 0) found.push({ a, copies });
	});
	if (!found.length) return null;
	const copies = found.flatMap((f) => Array<number>(f.copies).fill(f.a)).sort((x, y) => mhsRank(gene, x) - mhsRank(gene, y));
	const two = copies.slice(0, 2).map((a) => gene.alleles[a].name);
	while (two.length < 2) two.push(gene.alleles[0].name);
	return { diplotype: diplotypeName(two[0], two[1]), variants: found.map((f) => gene.alleles[f.a].name) };
}

/** RYR1 and CACNA1S: the lowest-function rule when the generic match is empty or ambiguous. */
const malignantHyperthermiaRule: GeneRule = {
	resolve({ gene, inputs, names, phased, sex, warnings }) {
		if (names.length && distinctPhenotypes(gene, names, sex) <= 1) return null;
		if (phased) {
			// Phased: the lowest-function variant of each haplotype (as for DPYD).
			const d = lowestPerHaplotype(gene, inputs, mhsRank);
			if (d) {
				warnings.push(`${gene.gene}: a phased haplotype carries several variants; following CPIC, the lowest-function variant of each haplotype is reported.`);
				return { names: [d] };
			}
		}
		const r = lowestFunctionVariants(gene, inputs);
		if (!r) return null;
		warnings.push(`${gene.gene}: ${r.variants.length} variants found (${r.variants.join(', ')}); following CPIC, any malignant-hyperthermia-associated variant means susceptibility, and the lowest-function variants are reported.`);
		return { names: [r.diplotype] };
	}
};

/** The per-gene rules, by gene symbol. */
export const GENE_RULES: Readonly<Record<string, GeneRule>> = {
	CYP2D6: {
		caveat: 'CYP2D6 from single-nucleotide variants only: no copy-number or hybrid detection (e.g. *5 deletion, duplications, *13/*36 hybrids are invisible). Confirm with a clinical CYP2D6 test before acting.'
	},
	DPYD: {
		adjustGenotypes: adjustDpydHapB3,
		inferredFrom: { [DPYD_HAPB3_INTRONIC]: DPYD_HAPB3_EXONIC },
		resolve({ gene, alleles, inputs, names, phased, warnings }) {
			if (names.length === 1) return null;
			const d = phased ? lowestPerHaplotype(gene, inputs, dpydRank) : dpydLowestTwo(gene, alleles);
			if (!d) return null;
			warnings.push(
				phased
					? 'DPYD: each phased haplotype carries several variants; following CPIC, the lowest-function variant of each haplotype was used.'
					: 'DPYD: unphased variants could not be assigned to haplotypes; following CPIC, the two lowest-function variants were used.'
			);
			return { names: [d] };
		}
	},
	RYR1: malignantHyperthermiaRule,
	CACNA1S: malignantHyperthermiaRule,
	SLCO1B1: {
		resolve({ gene, alleles, names, sex, warnings }) {
			if (names.length && distinctPhenotypes(gene, names, sex) <= 1) return null;
			const fb = slco1b1Fallback(gene, alleles);
			if (!fb) return null;
			warnings.push('SLCO1B1: the diplotype could not be resolved; phenotype from rs4149056 (c.521T>C) alone, as CPIC allows.');
			return { fallback: fb };
		}
	},
	UGT1A1: {
		note({ gene, inputs, warnings }) {
			const s28 = gene.sites.findIndex((s) => s.rsid === 'rs3064744');
			if (s28 >= 0 && !inputs[s28])
				warnings.push('UGT1A1*28 (TA repeat, rs3064744) was not tested, so *28 can be neither confirmed nor excluded; every diplotype that fits is listed.');
		}
	},
	TPMT: {
		note({ names, phased, warnings }) {
			if (names.some((n) => n.includes('*3A')) && names.length > 1 && !phased)
				warnings.push('TPMT: *3B and *3C on opposite chromosomes (*3B/*3C) cannot be told from *1/*3A without phasing; *1/*3A is far more common.');
		}
	}
};
