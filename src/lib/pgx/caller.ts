/**
 * Star-allele caller: genotypes → diplotypes → phenotype for every gene in the knowledge base,
 * with the gene rules a clinician expects (the per-gene table in gene-rules.ts: DPYD lowest-two
 * and HapB3, RYR1/CACNA1S lowest function, SLCO1B1 rs4149056 fallback, UGT1A1 *28 untested,
 * TPMT *3A, CYP2D6 SNV-only caveat; from the knowledge base: NAT2 priorities, G6PD by sex),
 * HLA tag-SNP screening and MT-RNR1.
 */
import type { GenomeView } from '../genome/types';
import type { KbGene, PgxKb } from './kb-types';
import { GENE_RULES, type GeneRule, type RuleContext } from './gene-rules';
import { alleleBase, definitionAccepts, geneIndex, matchAll, untestedAlleles, type DiplotypeMatch, type SiteInput } from './match';
import { cpicAlleleName, diplotypeName, phenotypeOf } from './phenotype';
import { observeSite, type SiteObservation } from './sites';

export { compareAlleleNames, cpicAlleleName, diplotypeName, phenotypeOf } from './phenotype';

/** Evidence for one site used by a call. */
export interface SiteEvidence {
	rsid: string | null;
	/** Position on the profile's build, or null when found by rsID only / not mapped. */
	position: string;
	label: string;
	genotype: string | null;
	/** 'half-call' = one copy called, the other missing (`./1`). */
	status: 'tested' | 'missing' | 'unreadable' | 'half-call';
	palindromic: boolean;
}

/**
 * How much of what matters was tested: 'complete' = every defining position; 'partial' = some
 * positions missing but every key allele tested; 'limited' = a key allele (see `untestedKeyAlleles`)
 * could not be tested, so a normal result is not confirmed; 'none' = nothing tested.
 */
export type CoverageVerdict = 'complete' | 'partial' | 'limited' | 'none';

/** One gene's call. */
export interface GeneCall {
	gene: string;
	/**
	 * Every diplotype that fits the data (ties reported; alternatives that differ only at positions
	 * the file lacks are included), best-supported first; empty when nothing could be determined.
	 */
	diplotypes: string[];
	phenotype: string;
	activityScore: number | null;
	/** Key that CPIC recommendations use for this gene, or null when not determinable. */
	lookupKey: string | null;
	untested: string[];
	partiallyTested: string[];
	missingPositions: number;
	testedPositions: number;
	warnings: string[];
	evidence: SiteEvidence[];
	/** 'array' = derived from the file; 'outside' = entered by the user. */
	source: 'file' | 'outside';
	/** Diplotypes that fit the data equally but were set aside by a curated unphased priority. */
	alternatives?: string[];
	/** Screening (HLA tag SNPs) is never a typed result. */
	screening?: boolean;
	/** Every heterozygous (or half-called) position of the gene was written phased, and the call used the phase. */
	phased: boolean;
	/** X-linked genes only: the sex the call assumed, and where that came from. */
	sexAssumed?: 'female' | 'male' | 'unknown';
	sexSource?: 'given' | 'genome' | 'genotypes' | 'none';
	coverage: CoverageVerdict;
	/** Key alleles (clinically most relevant) none of whose positions were tested. */
	untestedKeyAlleles: string[];
	/** Variants seen in half-calls (one copy called), e.g. "rs4244285 A (other copy not called)". */
	halfCalls: string[];
	/** When the phenotype is indeterminate: the untested positions that would decide between the options. */
	decidingPositions: string[];
	/** When the phenotype is indeterminate: the CPIC lookup keys of every diplotype that fits. */
	possibleLookupKeys?: string[];
}

/** Options for calling. */
export interface CallOptions {
	/** Sex given by the user (page) or `--sex` (CLI); overrides inference for X-linked genes. */
	sex?: 'female' | 'male';
}

/**
 * Key alleles per gene (AMP/CPIC tier-1 style: the variants a clinical test must cover). When none
 * of a key allele's positions was tested the coverage is 'limited': a normal result is not confirmed.
 */
export const KEY_ALLELES: Record<string, string[]> = {
	CYP2C19: ['*2', '*3', '*17'],
	CYP2C9: ['*2', '*3'],
	CYP2D6: ['*3', '*4', '*6', '*10', '*17', '*41'],
	DPYD: ['c.1905+1G>A (*2A)', 'c.1679T>G (*13)', 'c.2846A>T', 'c.1129-5923C>G, c.1236G>A (HapB3)'],
	TPMT: ['*2', '*3A', '*3B', '*3C'],
	NUDT15: ['*3'],
	UGT1A1: ['*28', '*6'],
	SLCO1B1: ['*5', '*15'],
	CYP3A5: ['*3'],
	CYP2B6: ['*6'],
	VKORC1: ['rs9923231 variant (T)'],
	CYP4F2: ['*3']
};

/**
 * Alleles that can never be assumed from the reference base at a position the file lacks: when
 * one of them and the called allele agree at every tested position, both are reported (e.g.
 * CYP2C19 *1 vs *38 without rs3758581; UGT1A1 *1 vs *28 without the TA repeat).
 */
const NOT_ASSUMABLE: Record<string, string[]> = {
	CYP2C19: ['*1', '*38'],
	UGT1A1: ['*1', '*28', '*36', '*37', '*80', '*80+*28', '*80+*37']
};

/** The phenotype text of a gene the file could not call (never read as normal function). */
export const NOT_DETERMINABLE = 'Not determinable';

interface Observed {
	obs: SiteObservation[];
	alleles: (string[] | null)[];
	evidence: SiteEvidence[];
}

function observeGene(view: GenomeView, gene: KbGene): Observed {
	const build = view.summary.build;
	const obs = gene.sites.map((s) => observeSite(view, gene.chrom, s, build));
	const evidence = gene.sites.map((s, i): SiteEvidence => {
		const o = obs[i];
		const pos = build === 'GRCh38' ? s.pos38 : s.pos37;
		return {
			rsid: s.rsid,
			position: pos != null ? `${gene.chrom}:${pos}` : 'unmapped on ' + build,
			label: s.label,
			genotype: o.raw,
			status: o.alleles ? 'tested' : o.half ? 'half-call' : o.raw && o.raw !== '--' ? 'unreadable' : 'missing',
			palindromic: o.palindromic
		};
	});
	return { obs, alleles: obs.map((o) => o.alleles), evidence };
}

/**
 * Apply a curated unphased-priority pick (PharmCAT exemptions): when the best diplotype belongs to
 * a curated list and every diplotype of that list fits the data, report the curated pick.
 */
function applyPriorities(gene: KbGene, names: string[], consistent: Set<string>, warnings: string[], alternatives: string[]): string[] {
	for (const p of gene.unphasedPriorities) {
		// PharmCAT applies the pick when the curated diplotypes are all among the best ones, even if
		// a diplotype with a partly tested allele ties with them (then listed as an alternative).
		if ((names.every((n) => p.list.includes(n)) && p.list.every((d) => consistent.has(d))) || p.list.every((d) => names.includes(d))) {
			warnings.push(`Unphased data fit ${p.list.join(' or ')}; ${p.pick} is reported as the more likely (curated priority, as PharmCAT). Phasing would confirm.`);
			alternatives.push(...new Set([...p.list, ...names].filter((d) => d !== p.pick)));
			return [p.pick];
		}
	}
	return names;
}

/** Sex for an X-linked gene: given > genome-wide inference > the gene's own genotypes > unknown. */
function sexForX(view: GenomeView, inputs: SiteInput[], opts: CallOptions): { sex: 'female' | 'male' | 'unknown'; source: GeneCall['sexSource'] } {
	if (opts.sex) return { sex: opts.sex, source: 'given' };
	const x = view.summary.perChromosome.X;
	// Genome-wide evidence only: a file with a handful of X records (a PGx panel VCF) says nothing.
	if (view.summary.sex !== 'unknown' && x && x.records >= 1000) return { sex: view.summary.sex, source: 'genome' };
	let haploid = 0;
	let het = 0;
	for (const o of inputs) {
		if (o?.kind !== 'call') continue;
		if (o.alleles.length === 1) haploid++;
		else if (o.alleles[0] !== o.alleles[1]) het++;
	}
	if (het && !haploid) return { sex: 'female', source: 'genotypes' };
	if (haploid && !het) return { sex: 'male', source: 'genotypes' };
	return { sex: 'unknown', source: 'none' };
}

/** Coverage verdict and untested key alleles of a gene. */
function coverageOf(gene: KbGene, inputs: SiteInput[]): { coverage: CoverageVerdict; untestedKeyAlleles: string[] } {
	const tested = inputs.filter(Boolean).length;
	if (!tested) return { coverage: 'none', untestedKeyAlleles: [] };
	const idx = geneIndex(gene);
	const untestedKeyAlleles = (KEY_ALLELES[gene.gene] ?? []).filter((name) => {
		const a = gene.alleles.findIndex((x) => x.name === name || cpicAlleleName(x.name) === name);
		if (a < 0) return false;
		const sites = idx.variantSites[a];
		return sites.length > 0 && sites.every((s) => !inputs[s]);
	});
	const coverage: CoverageVerdict = untestedKeyAlleles.length ? 'limited' : tested === inputs.length ? 'complete' : 'partial';
	return { coverage, untestedKeyAlleles };
}

/** A fresh, empty call for a gene. */
function emptyCall(gene: string): GeneCall {
	return {
		gene,
		diplotypes: [],
		phenotype: NOT_DETERMINABLE,
		activityScore: null,
		lookupKey: null,
		untested: [],
		partiallyTested: [],
		missingPositions: 0,
		testedPositions: 0,
		warnings: [],
		evidence: [],
		source: 'file',
		phased: false,
		coverage: 'none',
		untestedKeyAlleles: [],
		halfCalls: [],
		decidingPositions: []
	};
}

/** Call one gene from the genome. */
export function callGene(view: GenomeView, gene: KbGene, opts: CallOptions = {}): GeneCall {
	const { alleles, evidence, obs } = observeGene(view, gene);
	const warnings: string[] = [];
	const ps = (o: SiteObservation) => (o.phaseSet !== undefined ? { phaseSet: o.phaseSet } : {});
	let inputs: SiteInput[] = obs.map((o) =>
		o.alleles ? { kind: 'call', alleles: o.alleles, phased: o.phased, ...ps(o) } : o.half ? { kind: 'half', slots: o.half, phased: o.phased, ...ps(o) } : null
	);
	const tested = inputs.filter(Boolean).length;
	const missing = alleles.length - tested;
	const { untested, partial } = untestedAlleles(gene, inputs.map((o) => (o ? ['?'] : null)));
	const base: GeneCall = {
		...emptyCall(gene.gene),
		untested,
		partiallyTested: partial,
		missingPositions: missing,
		testedPositions: tested,
		warnings,
		evidence,
		...coverageOf(gene, inputs)
	};
	const siteName = (i: number) => gene.sites[i].rsid ?? gene.sites[i].label;
	for (const [i, o] of obs.entries()) {
		if (o.half) {
			const seen = o.half.filter((x): x is string => x !== null);
			const ref = alleleBase(gene, 0, i);
			for (const t of seen) if (t !== ref) base.halfCalls.push(`${siteName(i)} ${t} (other copy not called)`);
			warnings.push(`${siteName(i)}: only one copy was called (${o.raw}); the observed allele is used, the other copy is unknown.`);
		} else if (o.problem && o.raw && o.raw !== '--') warnings.push(`${siteName(i)}: ${o.problem}; position not used.`);
	}
	if (obs.some((o) => o.alleles && o.palindromic) && view.summary.format !== 'vcf')
		warnings.push('Some tested sites are strand-ambiguous (A/T or C/G); array strand cannot be verified there.');
	if (tested === 0) {
		warnings.push('None of the positions that define this gene’s alleles are in the file.');
		return base;
	}
	const rule: GeneRule = GENE_RULES[gene.gene] ?? {};
	if (rule.caveat) warnings.push(rule.caveat);
	// Sex (X-linked genes).
	let sex: 'female' | 'male' | 'unknown' = 'unknown';
	if (gene.chrom === 'X') {
		const sx = sexForX(view, inputs, opts);
		sex = sx.sex;
		base.sexAssumed = sx.sex;
		base.sexSource = sx.source;
	}
	const haploidCalls = inputs.some((o) => o?.kind === 'call' && o.alleles.length === 1);
	const haploid = gene.chrom === 'X' && (sex === 'male' || (sex === 'unknown' && haploidCalls));
	if (gene.chrom === 'X' && sex === 'male') {
		// A male X written diploid and homozygous is one copy.
		inputs = inputs.map((o) => (o?.kind === 'call' && o.alleles.length === 2 && o.alleles[0] === o.alleles[1] ? { ...o, alleles: [o.alleles[0]] } : o));
	}
	if (rule.adjustGenotypes) {
		const before = alleles.map((a) => a?.join());
		rule.adjustGenotypes(gene, alleles, warnings);
		const from = (i: number) => {
			const src = rule.inferredFrom?.[gene.sites[i].rsid ?? ''];
			const k = src && !obs[i].alleles && !obs[i].half ? gene.sites.findIndex((x) => x.rsid === src) : -1;
			return k >= 0 ? obs[k] : obs[i];
		};
		inputs = inputs.map((o, i) => (alleles[i]?.join() !== before[i] ? (alleles[i] ? { kind: 'call', alleles: alleles[i]!, phased: from(i).phased, ...ps(from(i)) } : o) : o));
	}
	// Phase: used when every heterozygous or half-called position of the gene was written phased.
	// Phase sets (VCF FORMAT/PS; a phased call without PS is in the default set): calls in
	// different sets are phased within their set only, so every relative orientation of the sets
	// is tried and each diplotype that fits one of them is listed (cis and trans).
	const informative = inputs.filter((o) => o && (o.kind === 'half' || (o.alleles.length === 2 && o.alleles[0] !== o.alleles[1])));
	const allPhased = !haploid && informative.length > 0 && informative.every((o) => o!.phased);
	const sets = allPhased ? [...new Set(informative.map((o) => o!.phaseSet ?? -1))] : [];
	const phased = allPhased && sets.length === 1;
	base.phased = phased || (!haploid && informative.length === 0 && inputs.some((o) => o?.phased));
	let all: DiplotypeMatch[];
	if (allPhased && sets.length > 1 && sets.length <= MAX_PHASE_SETS) {
		warnings.push(
			`The file phases this gene in ${sets.length} separate phase sets (VCF PS); the phase between them is unknown, so every arrangement of the sets was considered.`
		);
		all = matchAcrossPhaseSets(gene, inputs, informative, sets);
	} else {
		if (allPhased && sets.length > MAX_PHASE_SETS) warnings.push(`The file phases this gene in ${sets.length} separate phase sets; read as unphased.`);
		all = matchAll(gene, inputs, { haploid, phased });
	}
	if (!all.length && haploid) all = matchAll(gene, inputs, { haploid: false, phased });
	const nameOf = (m: DiplotypeMatch) => diplotypeName(cpicAlleleName(gene.alleles[m.a].name), m.b < 0 ? null : cpicAlleleName(gene.alleles[m.b].name));
	const best = all.length ? Math.max(...all.map((m) => m.score)) : 0;
	let top = all.filter((m) => m.score === best);
	// Alternatives that differ only where the file is silent exist only when positions are missing.
	if (inputs.some((o) => !o)) top = expandNotAssumable(gene, top, inputs, phased, view.summary.format === 'vcf');
	top = expandHalfCalls(gene, top, all, inputs);
	let names = [...new Set(top.sort((x, y) => y.score - x.score).map(nameOf))];
	// The curated unphased pick is for unphased data; blocks phased apart list every arrangement.
	if (gene.unphasedPriorities.length && names.length && !phased && sets.length <= 1)
		names = applyPriorities(gene, names, new Set(all.map(nameOf)), warnings, (base.alternatives = []));
	const ctx: RuleContext = { gene, alleles, inputs, names, phased, sex, warnings };
	const resolved = rule.resolve?.(ctx);
	if (resolved && 'fallback' in resolved) return finishFallback(base, resolved.fallback);
	if (resolved) names = ctx.names = resolved.names;
	rule.note?.(ctx);
	if (!names.length) {
		warnings.push('The genotypes fit no pair of defined alleles (possible novel allele, or a variant the definitions do not combine).');
		return base;
	}
	base.diplotypes = names;
	// An allele reported as fitting is not "untested" (e.g. *1 vs *38 without rs3758581: both fit).
	const reported = new Set(top.flatMap((m) => (m.b < 0 ? [m.a] : [m.a, m.b])).map((x) => gene.alleles[x].name));
	const inNames = new Set(names.flatMap((n) => n.split('/')));
	base.untested = base.untested.filter((a) => !(reported.has(a) && inNames.has(cpicAlleleName(a))));
	const phenoOf = (n: string, sx: string) => {
		const [a, b] = n.split('/');
		return phenotypeOf(gene, a, b ?? null, sx);
	};
	let phenos = names.map((n) => phenoOf(n, sex));
	if (gene.chrom === 'X' && sex === 'unknown' && !haploid) {
		// Unknown sex, diploid calls: the result holds only if a male reading (one copy) agrees.
		const male = names.map((n) => (n.includes('/') && n.split('/')[0] === n.split('/')[1] ? phenoOf(n.split('/')[0], 'male') : phenoOf(n, 'female')));
		const same = phenos.every((p, i) => p?.phenotype === male[i]?.phenotype);
		if (!same) phenos = [...phenos, ...male];
		warnings.push(
			same
				? 'Sex is not known from this file (too few X-chromosome positions to infer it); this result is the same for a female or a male.'
				: 'Sex is not known from this file and the result depends on it: enter your sex to get a result.'
		);
	}
	if (names.length > 1) warnings.push(`${phased ? 'The' : 'Unphased or partly tested'} data fit ${names.length} diplotypes: ${names.join(', ')}.`);
	const distinct = new Set(phenos.map((p) => (p ? `${p.phenotype}|${p.activityScore}` : 'none')));
	if (distinct.size === 1 && phenos[0]) {
		base.phenotype = phenos[0].phenotype;
		base.activityScore = phenos[0].activityScore;
		base.lookupKey = phenos[0].lookupKey;
	} else if (distinct.size > 1) {
		base.phenotype = 'Indeterminate';
		base.lookupKey = 'Indeterminate';
		if (phenos.every((p) => p)) base.possibleLookupKeys = [...new Set(phenos.map((p) => p!.lookupKey))];
		base.decidingPositions = decidingPositions(gene, top, inputs);
		warnings.push(
			`The diplotypes that fit have different phenotypes, so the phenotype is indeterminate${base.decidingPositions.length ? `; testing ${base.decidingPositions.join(', ')} would decide` : ''}.`
		);
	} else if (gene.phenotypeMethod === 'none' || (gene.phenotypeMethod === 'functions' && !Object.keys(gene.phenotypeByFunctions).length)) {
		base.phenotype = 'No CPIC phenotype';
	}
	if (untested.length) warnings.push(`${untested.length} allele(s) could not be tested because none of their positions are in the file.`);
	return base;
}

/** More phase sets than this in one gene are read as unphased (2^(n-1) arrangements). */
const MAX_PHASE_SETS = 8;

/**
 * Phased matching over several phase sets: the first set keeps its GT order, every other set is
 * tried both ways round; the best pairs of every arrangement are pooled as equally good (each
 * once, as an unordered pair since the sets' order relative to each other is unknown).
 */
function matchAcrossPhaseSets(gene: KbGene, inputs: SiteInput[], informative: SiteInput[], sets: number[]): DiplotypeMatch[] {
	const out = new Map<string, DiplotypeMatch>();
	const setOf = (o: SiteInput) => o!.phaseSet ?? -1;
	for (let mask = 0; mask < 1 << (sets.length - 1); mask++) {
		const flip = new Set(sets.filter((_, k) => k > 0 && mask & (1 << (k - 1))));
		const oriented = inputs.map((o): SiteInput => {
			if (!o || !informative.includes(o) || !flip.has(setOf(o))) return o;
			return o.kind === 'call' ? { ...o, alleles: [o.alleles[1], o.alleles[0]] } : { ...o, slots: [o.slots[1], o.slots[0]] };
		});
		// Each arrangement is a phased reading of its own: its best pairs fit as well as any other
		// arrangement's (the specificity score compares definitions, not arrangements).
		const found = matchAll(gene, oriented, { phased: true });
		const best = Math.max(...found.map((m) => m.score));
		for (const m of found) {
			if (m.score !== best) continue;
			const key = `${Math.min(m.a, m.b)}:${Math.max(m.a, m.b)}`;
			if (!out.has(key)) out.set(key, m.a <= m.b ? m : { a: m.b, b: m.a, score: m.score });
		}
	}
	const top = Math.max(...[...out.values()].map((m) => m.score));
	return [...out.values()].map((m) => ({ ...m, score: top }));
}

/** End a call with a rule's final diplotype and phenotype. */
function finishFallback(base: GeneCall, fb: { diplotype: string; phenotype: string }): GeneCall {
	base.diplotypes = [fb.diplotype];
	base.phenotype = fb.phenotype;
	base.lookupKey = fb.phenotype;
	return base;
}

/** At most this many partly tested alleles are listed beside a called one (key alleles always). */
const MAX_HIDDEN_ALTERNATIVES = 3;

/**
 * Alleles the data cannot tell from a called one (they agree at every tested site) are reported
 * too when choosing the called one would assume something about an untested site: a sub-allele
 * whose variants are a subset of the called allele's (the called one assumes variants the file
 * does not show), and the NOT_ASSUMABLE pairs (reference bases at a missing position).
 */
function expandNotAssumable(gene: KbGene, top: DiplotypeMatch[], inputs: SiteInput[], phased: boolean, sequenced: boolean): DiplotypeMatch[] {
	// An alternative must itself fit the genotypes: "agrees at every tested site" is judged on the
	// definitions, and an IUPAC code (e.g. CYP2C19 *4's Y at rs12248560) accepts bases the sample lacks.
	const fit = (a: number, b: number) => pairFits(gene, inputs, a, b, phased);
	const list = NOT_ASSUMABLE[gene.gene] ?? [];
	const gi = geneIndex(gene);
	const ignored = new Set(gene.ignoredAlleles);
	const testedSites = inputs.map((o, i) => (o ? i : -1)).filter((i) => i >= 0);
	const same = (x: number, y: number) => testedSites.every((s) => alleleBase(gene, x, s) === alleleBase(gene, y, s));
	// x's definition accepts y's base at every tested site (IUPAC codes accept several bases).
	const covers = (x: number, y: number) => testedSites.every((s) => definitionAccepts(alleleBase(gene, x, s), alleleBase(gene, y, s)));
	const keys = new Set(KEY_ALLELES[gene.gene] ?? []);
	const superset = (y: number, vx: Set<number>, x: number) => {
		const vy = gi.variantSites[y];
		if (vy.length <= vx.size || ![...vx].every((s) => vy.includes(s))) return false;
		// Every extra variant position of y is untested or (IUPAC) also accepts x's base there; at
		// least one is untested; and y is partly tested (else it is listed as untested).
		const extra = vy.filter((s) => !vx.has(s));
		return (
			extra.every((s) => !inputs[s] || definitionAccepts(alleleBase(gene, y, s), alleleBase(gene, x, s))) &&
			extra.some((s) => !inputs[s]) &&
			vy.some((s) => inputs[s])
		);
	};
	const subset = (y: number, vx: Set<number>) => {
		const vy = gi.variantSites[y];
		return vy.length > 0 && vy.length < vx.size && vy.every((s) => vx.has(s)) && vy.some((s) => inputs[s]);
	};
	const cache = new Map<number, number[]>();
	const alts = (x: number): number[] => {
		if (x < 0) return [x];
		let r = cache.get(x);
		if (!r) {
			r = [x];
			const hidden: number[] = [];
			const vx = new Set(gi.variantSites[x]);
			const xListed = list.includes(gene.alleles[x].name);
			gene.alleles.forEach((al, y) => {
				if (y === x || ignored.has(al.name)) return;
				if ((vx.size > 1 || xListed) && ((xListed && list.includes(al.name) && same(x, y)) || (subset(y, vx) && covers(x, y)))) r!.push(y);
				// The reverse: y adds variants to x only at positions the file lacks, so calling x would
				// assume the reference there (e.g. CYP2C19 *1 vs *17 without rs12248560).
				else if (superset(y, vx, x) && covers(y, x)) hidden.push(y);
			});
			// Key alleles always. Other hidden alleles from a sequencing file (VCF), where a defined
			// position is missing only as a gap, when few are hidden; an array does not assay most
			// positions by design: those alleles are reported as partly tested and in the coverage verdict.
			const few = sequenced && hidden.length <= MAX_HIDDEN_ALTERNATIVES;
			r.push(...(few ? hidden : hidden.filter((y) => keys.has(cpicAlleleName(gene.alleles[y].name)))));
			cache.set(x, r);
		}
		return r;
	};
	const out = new Map<string, DiplotypeMatch>();
	for (const m of top)
		for (const a of alts(m.a))
			for (const b of alts(m.b)) {
				const original = a === m.a && b === m.b;
				if (original || fit(a, b)) out.set(`${Math.min(a, b)}:${Math.max(a, b)}`, { a, b, score: m.score });
			}
	return [...out.values()];
}

/**
 * Does the pair (a, b) make up the called genotype at every tested site? (b = -1: one copy.)
 * Half-calls are not checked here (one copy unknown); phased calls are checked in GT order.
 */
function pairFits(gene: KbGene, inputs: SiteInput[], a: number, b: number, phased: boolean): boolean {
	const idx = geneIndex(gene);
	const carries = (s: number, t: string, x: number) => {
		const bits = idx.carriers[s].get(t);
		return bits !== undefined && (bits[x >>> 5] & (1 << (x & 31))) !== 0;
	};
	for (let s = 0; s < inputs.length; s++) {
		const o = inputs[s];
		if (o?.kind !== 'call') continue;
		if (b < 0) {
			if (!o.alleles.every((t) => carries(s, t, a))) return false;
			continue;
		}
		const [g1, g2] = o.alleles.length === 1 ? [o.alleles[0], o.alleles[0]] : o.alleles;
		const inOrder = carries(s, g1, a) && carries(s, g2, b);
		if (!inOrder && (phased || !(carries(s, g2, a) && carries(s, g1, b)))) return false;
	}
	return true;
}

/**
 * Half-calls leave one copy unknown at their positions: every consistent diplotype that differs
 * from a best one only at half-called positions fits as well as it does (no reference assumed).
 */
function expandHalfCalls(gene: KbGene, top: DiplotypeMatch[], all: DiplotypeMatch[], inputs: SiteInput[]): DiplotypeMatch[] {
	const half = new Set(inputs.map((o, i) => (o?.kind === 'half' ? i : -1)).filter((i) => i >= 0));
	if (!half.size) return top;
	const same = (x: number, y: number) => {
		if (x === y) return true;
		if (x < 0 || y < 0) return false;
		for (let s = 0; s < gene.sites.length; s++) {
			if (half.has(s)) continue;
			const bx = alleleBase(gene, x, s);
			const by = alleleBase(gene, y, s);
			if (!definitionAccepts(bx, by) && !definitionAccepts(by, bx)) return false;
		}
		return true;
	};
	const out = [...top];
	for (const m of all) {
		if (out.includes(m)) continue;
		if (top.some((t) => (same(t.a, m.a) && same(t.b, m.b)) || (same(t.a, m.b) && same(t.b, m.a)))) out.push({ ...m, score: top[0].score });
	}
	return out;
}

/** Untested positions at which the alleles of the fitting diplotypes differ. */
function decidingPositions(gene: KbGene, top: DiplotypeMatch[], inputs: SiteInput[]): string[] {
	const involved = [...new Set(top.flatMap((m) => (m.b < 0 ? [m.a] : [m.a, m.b])))];
	const out: string[] = [];
	gene.sites.forEach((site, s) => {
		if (inputs[s]?.kind === 'call') return;
		if (new Set(involved.map((a) => alleleBase(gene, a, s))).size > 1) out.push(site.rsid ?? site.label);
	});
	return out;
}

/** Shown for HLA-B: no validated tag SNP for HLA-B*15:02 (CPIC/NCBI Medical Genetics Summaries: tag SNPs unreliable). */
export const HLA_B1502_NOT_SCREENED = 'HLA-B*15:02: not screened — no validated tag SNP on this data; requires HLA typing';

/** HLA tag-SNP screening (never a typed HLA result). */
export function screenHla(view: GenomeView, kb: PgxKb): GeneCall[] {
	const out: GeneCall[] = [];
	for (const gene of ['HLA-A', 'HLA-B'] as const) {
		const tags = kb.hla.filter((h) => h.gene === gene);
		const warnings = ['Screening by a tag SNP only — not HLA typing. A positive or negative screen must be confirmed by clinical HLA genotyping before prescribing.'];
		const evidence: SiteEvidence[] = [];
		const results: string[] = [];
		let anyTested = false;
		for (const t of tags) {
			const call = view.byRsid(t.rsid);
			const g = call?.alleles ?? null;
			evidence.push({ rsid: t.rsid, position: 'by rsID', label: `${gene}${t.allele} tag ${t.tagAllele}`, genotype: g ? g.join('/') : null, status: g ? 'tested' : 'missing', palindromic: ['AT', 'TA', 'CG', 'GC'].includes(t.tagAllele + t.otherAllele) });
			if (!g) continue;
			anyTested = true;
			const positive = g.includes(t.tagAllele);
			results.push(`${t.allele} ${positive ? 'positive' : 'negative'}`);
			warnings.push(t.note);
		}
		const notScreened = gene === 'HLA-B' ? ['*15:02'] : [];
		out.push({
			...emptyCall(gene),
			coverage: !anyTested ? 'none' : 'limited',
			untestedKeyAlleles: [...tags.filter((t, i) => evidence[i].status !== 'tested').map((t) => t.allele), ...notScreened],
			gene,
			diplotypes: results,
			phenotype: anyTested ? `Screening: ${results.join(', ')}${notScreened.length ? '; *15:02 not screened' : ''}` : NOT_DETERMINABLE,
			activityScore: null,
			lookupKey: null,
			untested: [...tags.filter((t, i) => evidence[i].status !== 'tested').map((t) => t.allele), ...notScreened],
			partiallyTested: [],
			missingPositions: evidence.filter((e) => e.status !== 'tested').length,
			testedPositions: evidence.filter((e) => e.status === 'tested').length,
			warnings: notScreened.length ? [...warnings, HLA_B1502_NOT_SCREENED] : warnings,
			evidence,
			source: 'file',
			screening: true
		});
	}
	return out;
}

/** Lookup keys for HLA recommendations ("*57:01 positive") from a screening or outside call. */
export function hlaLookups(call: GeneCall): Map<string, string> {
	const m = new Map<string, string>();
	for (const d of call.diplotypes) {
		const r = /^(\*\d\d:\d\d) (positive|negative)$/.exec(d);
		if (r) m.set(r[1], d);
	}
	return m;
}

/** MT-RNR1 (mitochondrial; CPIC aminoglycoside guideline variants) from chrM/MT records. */
export function callMtRnr1(view: GenomeView, kb: PgxKb): GeneCall {
	const evidence: SiteEvidence[] = [];
	const found: string[] = [];
	const warnings: string[] = [];
	let tested = 0;
	for (const v of kb.mtRnr1) {
		const call = view.byPosition('MT', v.pos);
		const g = call?.alleles ?? (call?.partial ? (call.partial.filter((x) => x !== null) as string[]) : null);
		evidence.push({ rsid: null, position: `MT:${v.pos}`, label: v.name, genotype: g ? g.join('/') : null, status: g ? (call?.partial ? 'half-call' : 'tested') : 'missing', palindromic: false });
		if (!g) continue;
		tested++;
		if (g.includes(v.alt)) {
			found.push(v.name);
			if (new Set(g).size > 1) warnings.push(`${v.name}: mixed (heteroplasmic) call in the file; treated as present.`);
		}
	}
	const missing = kb.mtRnr1.length - tested;
	const increased = kb.mtRnr1.filter((v) => /Increased/i.test(v.phenotype));
	const untestedIncreased = increased.filter((v) => evidence[kb.mtRnr1.indexOf(v)].status === 'missing').map((v) => v.name);
	const hits = kb.mtRnr1.filter((v) => found.includes(v.name));
	const inc = hits.find((v) => /Increased/i.test(v.phenotype));
	const uncertain = hits.find((v) => /Uncertain/i.test(v.phenotype));
	let phenotype = NOT_DETERMINABLE;
	if (inc) phenotype = inc.phenotype;
	else if (uncertain) phenotype = uncertain.phenotype;
	else if (tested && !untestedIncreased.length) phenotype = hits[0]?.phenotype ?? 'Normal risk of aminoglycoside-induced hearing loss';
	if (!inc && untestedIncreased.length)
		warnings.push(`Not tested in this file: ${untestedIncreased.join(', ')} (variants that raise the risk of hearing loss from aminoglycosides); a normal result cannot be given.`);
	const call: GeneCall = {
		...emptyCall('MT-RNR1'),
		diplotypes: tested ? [found.length ? found.join('+') : 'Reference'] : [],
		phenotype,
		lookupKey: phenotype === NOT_DETERMINABLE ? null : phenotype.toLowerCase(),
		untested: kb.mtRnr1.filter((_, i) => evidence[i].status === 'missing').map((v) => v.name),
		missingPositions: missing,
		testedPositions: tested,
		warnings,
		evidence,
		coverage: !tested ? 'none' : untestedIncreased.length && !inc ? 'limited' : missing ? 'partial' : 'complete',
		untestedKeyAlleles: untestedIncreased,
		phased: true
	};
	return call;
}

/** Call every gene in the knowledge base, plus HLA screening and MT-RNR1. */
export function callAllGenes(view: GenomeView, kb: PgxKb, opts: CallOptions = {}): GeneCall[] {
	const calls = Object.keys(kb.genes)
		.sort()
		.map((g) => callGene(view, kb.genes[g], opts));
	calls.push(...screenHla(view, kb), callMtRnr1(view, kb));
	return calls.sort((a, b) => a.gene.localeCompare(b.gene));
}
