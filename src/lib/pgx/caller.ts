/**
 * Star-allele caller: genotypes → diplotypes → phenotype for every gene in the knowledge base,
 * with the gene rules a clinician expects (DPYD lowest-two, SLCO1B1 rs4149056 fallback, UGT1A1
 * *80/*28, TPMT *3A, NAT2 priorities, G6PD by sex, CYP2D6 SNV-only caveat), HLA tag-SNP
 * screening and MT-RNR1.
 */
import type { GenomeView } from '../genome/types';
import type { KbGene, PgxKb } from './kb-types';
import { alleleBase, matchDiplotypes, untestedAlleles, type DiplotypeMatch } from './match';
import { observeSite, type SiteObservation } from './sites';

/** Evidence for one site used by a call. */
export interface SiteEvidence {
	rsid: string | null;
	/** Position on the profile's build, or null when found by rsID only / not mapped. */
	position: string;
	label: string;
	genotype: string | null;
	status: 'tested' | 'missing' | 'unreadable';
	palindromic: boolean;
}

/** One gene's call. */
export interface GeneCall {
	gene: string;
	/** Every best diplotype (ties reported); empty when nothing could be determined. */
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
}

export const NOT_DETERMINABLE = 'Not determinable';

/** Natural order for allele names: reference first, then star numbers, then text. */
export function compareAlleleNames(x: string, y: string): number {
	const nx = /^\*(\d+)/.exec(x);
	const ny = /^\*(\d+)/.exec(y);
	if (nx && ny && nx[1] !== ny[1]) return Number(nx[1]) - Number(ny[1]);
	const rx = /reference/i.test(x) ? 0 : 1;
	const ry = /reference/i.test(y) ? 0 : 1;
	if (rx !== ry) return rx - ry;
	return x.localeCompare(y, 'en', { numeric: true });
}

/** "a/b" in natural order. */
export function diplotypeName(a: string, b: string | null): string {
	if (b === null) return a;
	return [a, b].sort(compareAlleleNames).join('/');
}

function scoreFormat(x: number): string {
	return x.toFixed(Number.isInteger(x * 2) ? 1 : 2);
}

/** Phenotype of one diplotype from the gene's tables; null when not in them. */
export function phenotypeOf(gene: KbGene, a: string, b: string | null, sex: string): { phenotype: string; activityScore: number | null; lookupKey: string } | null {
	const al = (n: string) => gene.alleles.find((x) => x.name === n);
	if (gene.phenotypeMethod === 'functions') {
		const keys = (b === null ? [a] : [a, b]).map((n) => gene.lookupKeys[n] ?? n).sort();
		const e = gene.phenotypeByFunctions[keys.join('|')];
		return e ? { phenotype: e.phenotype, activityScore: e.activityScore, lookupKey: e.lookupKey } : null;
	}
	if (gene.phenotypeMethod === 'activity-score') {
		const va = al(a)?.activity;
		const vb = b === null ? 0 : al(b)?.activity;
		if (va == null || vb == null) return null;
		const s = va + vb;
		const band = gene.scoreBands.find((x) => s >= x.min && (x.max === null || s < x.max));
		return band ? { phenotype: band.phenotype, activityScore: s, lookupKey: scoreFormat(s) } : null;
	}
	if (gene.phenotypeMethod === 'g6pd') {
		const cls = (n: string | null) => {
			if (n === null) return null;
			const f = al(n)?.fn ?? '';
			if (/Class IV|Class V\b|Normal/i.test(f)) return 'normal';
			if (/Class I\b|CNSHA/i.test(f)) return 'cnsha';
			if (/Deficient|Class II|Class III/i.test(f)) return 'deficient';
			return null;
		};
		const ca = cls(a);
		const cb = b === null ? null : cls(b);
		if (!ca || (b !== null && !cb)) return null;
		const list = b === null ? [ca] : [ca, cb!];
		let p: string;
		if (list.length === 1 || sex === 'male') p = ca === 'normal' ? 'Normal' : ca === 'cnsha' ? 'Deficient with CNSHA' : 'Deficient';
		else if (list.every((x) => x === 'normal')) p = 'Normal';
		else if (list.every((x) => x !== 'normal')) p = list.every((x) => x === 'cnsha') ? 'Deficient with CNSHA' : 'Deficient';
		else p = 'Variable';
		return { phenotype: p, activityScore: null, lookupKey: p };
	}
	if (gene.phenotypeMethod === 'ryr-cacna') {
		const mhs = (n: string | null) => n !== null && /Malignant Hyperthermia/i.test(al(n)?.fn ?? '');
		const p = mhs(a) || mhs(b) ? 'Malignant Hyperthermia Susceptibility' : 'Uncertain Susceptibility';
		return { phenotype: p, activityScore: null, lookupKey: p };
	}
	return null;
}

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
			status: o.alleles ? 'tested' : o.raw && o.raw !== '--' ? 'unreadable' : 'missing',
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
		if (names.every((n) => p.list.includes(n)) && p.list.every((d) => consistent.has(d))) {
			warnings.push(`Unphased data fit ${p.list.join(' or ')}; ${p.pick} is reported as the more likely (curated priority, as PharmCAT). Phasing would confirm.`);
			alternatives.push(...p.list.filter((d) => d !== p.pick));
			return [p.pick];
		}
	}
	return names;
}

/** Call one gene from the genome. */
export function callGene(view: GenomeView, gene: KbGene): GeneCall {
	const { alleles, evidence, obs } = observeGene(view, gene);
	const sex = view.summary.sex;
	const warnings: string[] = [];
	const tested = alleles.filter(Boolean).length;
	const missing = alleles.length - tested;
	const { untested, partial } = untestedAlleles(gene, alleles);
	const base: GeneCall = {
		gene: gene.gene,
		diplotypes: [],
		phenotype: NOT_DETERMINABLE,
		activityScore: null,
		lookupKey: null,
		untested,
		partiallyTested: partial,
		missingPositions: missing,
		testedPositions: tested,
		warnings,
		evidence,
		source: 'file'
	};
	for (const [i, o] of obs.entries()) if (o.problem && o.raw && o.raw !== '--') warnings.push(`${gene.sites[i].rsid ?? gene.sites[i].label}: ${o.problem}; position not used.`);
	if (obs.some((o) => o.alleles && o.palindromic) && view.summary.format !== 'vcf')
		warnings.push('Some tested sites are strand-ambiguous (A/T or C/G); array strand cannot be verified there.');
	if (tested === 0) {
		warnings.push('None of the positions that define this gene’s alleles are in the file.');
		return base;
	}
	if (gene.gene === 'CYP2D6')
		warnings.push('CYP2D6 from single-nucleotide variants only: no copy-number or hybrid detection (e.g. *5 deletion, duplications, *13/*36 hybrids are invisible). Confirm with a clinical CYP2D6 test before acting.');
	const haploid = gene.gene === 'G6PD' && sex === 'male';
	if (gene.gene === 'G6PD' && sex === 'unknown')
		warnings.push('Sex could not be inferred from the file; G6PD was called as two copies (female). For a male, read the single allele.');
	if (gene.gene === 'DPYD') adjustDpydHapB3(gene, alleles, warnings);
	const consistentMatches: DiplotypeMatch[] = [];
	let matches: DiplotypeMatch[] = matchDiplotypes(gene, alleles, haploid, consistentMatches);
	if (!matches.length && haploid) matches = matchDiplotypes(gene, alleles, false, consistentMatches);
	const nameOf = (m: DiplotypeMatch) => diplotypeName(gene.alleles[m.a].name, m.b < 0 ? null : gene.alleles[m.b].name);
	let names = [...new Set(matches.map(nameOf))].sort();
	if (gene.unphasedPriorities.length && names.length)
		names = applyPriorities(gene, names, new Set(consistentMatches.map(nameOf)), warnings, (base.alternatives = []));
	if (gene.gene === 'DPYD' && (names.length !== 1)) {
		const d = dpydLowestTwo(gene, alleles);
		if (d) {
			warnings.push('DPYD: unphased variants could not be assigned to haplotypes; following CPIC, the two lowest-function variants were used.');
			names = [d];
		}
	}
	if (gene.gene === 'SLCO1B1' && (names.length === 0 || distinctPhenotypes(gene, names, sex) > 1)) {
		const fb = slco1b1Fallback(gene, alleles);
		if (fb) {
			warnings.push('SLCO1B1: the diplotype could not be resolved; phenotype from rs4149056 (c.521T>C) alone, as CPIC allows.');
			return finishFallback(base, fb);
		}
	}
	if (gene.gene === 'UGT1A1') {
		const s28 = gene.sites.findIndex((s) => s.rsid === 'rs3064744');
		const s80 = gene.sites.findIndex((s) => s.rsid === 'rs887829');
		if (s28 >= 0 && !alleles[s28] && s80 >= 0 && alleles[s80])
			warnings.push('UGT1A1*28 (TA repeat) was not tested; *80 (rs887829) is in strong linkage with *28 and is used in its place, as CPIC allows.');
	}
	if (gene.gene === 'TPMT' && names.some((n) => n.includes('*3A')) && names.length > 1)
		warnings.push('TPMT: *3B and *3C on opposite chromosomes (*3B/*3C) cannot be told from *1/*3A without phasing; *1/*3A is far more common.');
	if (!names.length) {
		warnings.push('The genotypes fit no pair of defined alleles (possible novel allele, or a variant the definitions do not combine).');
		return base;
	}
	base.diplotypes = names;
	const phenos = names.map((n) => {
		const [a, b] = n.split('/');
		return phenotypeOf(gene, a, b ?? null, sex);
	});
	if (names.length > 1) warnings.push(`Unphased or partly tested data fit ${names.length} diplotypes equally well: ${names.join(', ')}.`);
	const distinct = new Set(phenos.map((p) => (p ? `${p.phenotype}|${p.activityScore}` : 'none')));
	if (distinct.size === 1 && phenos[0]) {
		base.phenotype = phenos[0].phenotype;
		base.activityScore = phenos[0].activityScore;
		base.lookupKey = phenos[0].lookupKey;
	} else if (distinct.size > 1) {
		base.phenotype = 'Indeterminate';
		base.lookupKey = 'Indeterminate';
		warnings.push('The possible diplotypes have different phenotypes, so the phenotype is indeterminate.');
	} else if (gene.phenotypeMethod === 'none' || (gene.phenotypeMethod === 'functions' && !Object.keys(gene.phenotypeByFunctions).length)) {
		base.phenotype = 'No CPIC phenotype';
	}
	if (untested.length) warnings.push(`${untested.length} allele(s) could not be tested because none of their positions are in the file.`);
	return base;
}

function distinctPhenotypes(gene: KbGene, names: string[], sex: string): number {
	return new Set(names.map((n) => phenotypeOf(gene, n.split('/')[0], n.split('/')[1] ?? null, sex)?.phenotype ?? '?')).size;
}

function finishFallback(base: GeneCall, fb: { diplotype: string; phenotype: string }): GeneCall {
	base.diplotypes = [fb.diplotype];
	base.phenotype = fb.phenotype;
	base.lookupKey = fb.phenotype;
	return base;
}

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

/** MT-RNR1 (haploid, mitochondrial). */
export function callMtRnr1(view: GenomeView, kb: PgxKb): GeneCall {
	const evidence: SiteEvidence[] = [];
	const found: string[] = [];
	const warnings: string[] = [];
	let tested = 0;
	for (const v of kb.mtRnr1) {
		const call = view.byPosition('MT', v.pos);
		const g = call?.alleles ?? null;
		evidence.push({ rsid: null, position: `MT:${v.pos}`, label: v.name, genotype: g ? g.join('/') : null, status: g ? 'tested' : 'missing', palindromic: false });
		if (!g) continue;
		tested++;
		if (g.includes(v.alt)) {
			found.push(v.name);
			if (new Set(g).size > 1) warnings.push(`${v.name} heteroplasmic (mixed) call in the file.`);
		}
	}
	const missing = kb.mtRnr1.length - tested;
	const m1555 = kb.mtRnr1.find((v) => v.name === 'm.1555A>G');
	let phenotype = NOT_DETERMINABLE;
	if (tested) {
		const hits = kb.mtRnr1.filter((v) => found.includes(v.name));
		const inc = hits.find((v) => /Increased/i.test(v.phenotype));
		phenotype = inc ? inc.phenotype : hits.length ? hits[0].phenotype : 'Normal risk of aminoglycoside-induced hearing loss';
		if (!inc && missing) warnings.push(`${missing} MT-RNR1 positions were not in the file; only the tested ones were checked.`);
		if (m1555 && evidence[kb.mtRnr1.indexOf(m1555)].status !== 'tested') phenotype = NOT_DETERMINABLE;
	}
	if (!tested || phenotype === NOT_DETERMINABLE) warnings.push('m.1555A>G was not in the file.');
	return {
		gene: 'MT-RNR1',
		diplotypes: tested ? [found.length ? found.join('+') : 'Reference'] : [],
		phenotype,
		activityScore: null,
		lookupKey: phenotype === NOT_DETERMINABLE ? null : phenotype.toLowerCase(),
		untested: kb.mtRnr1.filter((_, i) => evidence[i].status !== 'tested').map((v) => v.name),
		partiallyTested: [],
		missingPositions: missing,
		testedPositions: tested,
		warnings,
		evidence,
		source: 'file'
	};
}

/** Call every gene in the knowledge base, plus HLA screening and MT-RNR1. */
export function callAllGenes(view: GenomeView, kb: PgxKb): GeneCall[] {
	const calls = Object.keys(kb.genes)
		.sort()
		.map((g) => callGene(view, kb.genes[g]));
	calls.push(...screenHla(view, kb), callMtRnr1(view, kb));
	return calls.sort((a, b) => a.gene.localeCompare(b.gene));
}
