/**
 * Warfarin: the IWPC 2009 pharmacogenetic dosing algorithm (NEJM 360:753-764, supplementary
 * appendix) followed by the CPIC 2017 adult flowchart (Figure 2): CYP2C9 *5/*6/*8/*11 and CYP4F2
 * adjustments, rs12777823 for African Americans, "dose clinically" when required variants were not
 * tested, and "consider an alternative agent" for CYP2C9 poor metabolism.
 */
import type { GenomeView } from '../genome/types';
import type { GeneCall } from './caller';
import { PgxError } from './errors';
import type { PgxKb } from './kb-types';
import { observeSite } from './sites';

/** Self-reported race group, as the IWPC algorithm uses it. */
export type WarfarinRace = 'white' | 'asian' | 'black' | 'other' | 'unknown';

/** Clinical inputs. */
export interface WarfarinClinical {
	age: number;
	heightCm: number;
	weightKg: number;
	race: WarfarinRace;
	amiodarone: boolean;
	/** Carbamazepine, phenytoin, rifampin or rifampicin. */
	inducer: boolean;
}

/** IWPC CYP2C9 classes; 'unknown' when not determinable. */
export type Cyp2c9Iwpc = '*1/*1' | '*1/*2' | '*1/*3' | '*2/*2' | '*2/*3' | '*3/*3' | 'unknown';
/** VKORC1 -1639G>A (rs9923231); 'unknown' when not tested. */
export type Vkorc1Iwpc = 'G/G' | 'A/G' | 'A/A' | 'unknown';

/** Genetic inputs. */
export interface WarfarinGenetics {
	cyp2c9: Cyp2c9Iwpc;
	/** CYP2C9 diplotype as called (may include *5/*6/*8/*11), or null. */
	cyp2c9Diplotype: string | null;
	cyp2c9Poor: boolean;
	vkorc1: Vkorc1Iwpc;
	/** Were *2 and *3 tested? */
	star2and3Tested: boolean;
	/** Were *5, *6, *8 and *11 all tested? */
	africanVariantsTested: boolean;
	/** Copies of CYP2C9 *5/*6/*8/*11 (0–2), null if not tested. */
	africanVariantCopies: number | null;
	/** CYP4F2 rs2108622 T copies, null if not tested. */
	cyp4f2TCopies: number | null;
	/** rs12777823 A copies, null if not tested. */
	rs12777823ACopies: number | null;
}

/** Output of the calculator. */
export interface WarfarinResult {
	weeklyDoseMg: number | null;
	dailyDoseMg: number | null;
	/** IWPC dose before CPIC adjustments. */
	iwpcWeeklyDoseMg: number | null;
	genotypes: Record<string, string>;
	adjustments: { reason: string; percentRange: [number, number]; appliedPercent: number }[];
	recommendation: string;
	strength: string;
	alternativeAgent: boolean;
	doseClinically: boolean;
	warnings: string[];
}

/** IWPC 2009 pharmacogenetic coefficients (square-root weekly dose, mg). */
export const IWPC = {
	intercept: 5.6044,
	ageDecades: -0.2614,
	heightCm: 0.0087,
	weightKg: 0.0128,
	vkorc1: { 'G/G': 0, 'A/G': -0.8677, 'A/A': -1.6974, unknown: -0.4854 },
	cyp2c9: { '*1/*1': 0, '*1/*2': -0.5211, '*1/*3': -0.9357, '*2/*2': -1.0616, '*2/*3': -1.9206, '*3/*3': -2.3312, unknown: -0.2188 },
	race: { white: 0, asian: -0.1092, black: -0.276, other: -0.1032, unknown: -0.1032 },
	inducer: 1.1816,
	amiodarone: -0.5503
} as const;

/** Validate clinical inputs; throws PgxError with a specific message. */
export function checkClinical(c: WarfarinClinical): void {
	const bad = (m: string) => {
		throw new PgxError('warfarin-input', m);
	};
	if (!Number.isFinite(c.age) || c.age < 18 || c.age > 110) bad('age must be between 18 and 110 years (the IWPC algorithm is for adults)');
	if (!Number.isFinite(c.heightCm) || c.heightCm < 100 || c.heightCm > 230) bad('height must be between 100 and 230 cm');
	if (!Number.isFinite(c.weightKg) || c.weightKg < 30 || c.weightKg > 250) bad('weight must be between 30 and 250 kg');
	if (!(c.race in IWPC.race)) bad('race must be one of white, asian, black, other, unknown');
}

/** The IWPC weekly dose (mg/week): (sum of terms)², age in decades = floor(age / 10). */
export function iwpcWeeklyDose(c: WarfarinClinical, cyp2c9: Cyp2c9Iwpc, vkorc1: Vkorc1Iwpc): number {
	const root =
		IWPC.intercept +
		IWPC.ageDecades * Math.floor(c.age / 10) +
		IWPC.heightCm * c.heightCm +
		IWPC.weightKg * c.weightKg +
		IWPC.vkorc1[vkorc1] +
		IWPC.cyp2c9[cyp2c9] +
		IWPC.race[c.race] +
		(c.inducer ? IWPC.inducer : 0) +
		(c.amiodarone ? IWPC.amiodarone : 0);
	return root * root;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Apply the IWPC formula and the CPIC 2017 flowchart. */
export function warfarinDose(c: WarfarinClinical, g: WarfarinGenetics): WarfarinResult {
	checkClinical(c);
	const warnings: string[] = ['Most algorithms target an INR of 2–3. Monitor the INR; this is a starting estimate, not a prescription.'];
	const genotypes: Record<string, string> = {
		CYP2C9: g.cyp2c9Diplotype ?? 'not determined',
		VKORC1: g.vkorc1 === 'unknown' ? 'not tested' : `-1639 ${g.vkorc1}`,
		CYP4F2: g.cyp4f2TCopies === null ? 'not tested' : `rs2108622 T copies: ${g.cyp4f2TCopies}`,
		rs12777823: g.rs12777823ACopies === null ? 'not tested' : `A copies: ${g.rs12777823ACopies}`
	};
	const result: WarfarinResult = {
		weeklyDoseMg: null,
		dailyDoseMg: null,
		iwpcWeeklyDoseMg: null,
		genotypes,
		adjustments: [],
		recommendation: '',
		strength: '',
		alternativeAgent: false,
		doseClinically: false,
		warnings
	};
	const alternative = g.cyp2c9Poor;
	result.alternativeAgent = alternative;
	if (g.vkorc1 === 'unknown' || !g.star2and3Tested || g.cyp2c9 === 'unknown') {
		result.doseClinically = true;
		result.recommendation = 'Dose clinically: VKORC1 -1639G>A and CYP2C9 *2 and *3 were not all determined from this data, so a genotype-guided dose cannot be given (CPIC 2017).';
		result.strength = 'n/a';
		return result;
	}
	const african = c.race === 'black';
	if (african && !g.africanVariantsTested) {
		result.doseClinically = true;
		result.recommendation = 'Dose clinically: for African ancestry CPIC requires CYP2C9 *5, *6, *8 and *11 to have been tested, and they were not all in this data.';
		result.strength = 'n/a';
		return result;
	}
	if (c.race === 'other' || c.race === 'unknown') warnings.push('Ancestry not stated as white, Asian or Black: the IWPC "mixed or missing race" term is used and the non-African CPIC branch applied.');
	const iwpc = iwpcWeeklyDose(c, g.cyp2c9, g.vkorc1);
	result.iwpcWeeklyDoseMg = round1(iwpc);
	let dose = iwpc;
	const adjust = (reason: string, lo: number, hi: number) => {
		const applied = (lo + hi) / 2;
		result.adjustments.push({ reason, percentRange: [lo, hi], appliedPercent: applied });
		dose *= 1 + applied / 100;
	};
	if (g.africanVariantCopies && g.africanVariantCopies > 0)
		adjust(`Carrier of CYP2C9 *5, *6, *8 or *11 (${g.africanVariantCopies} cop${g.africanVariantCopies > 1 ? 'ies' : 'y'}): decrease the calculated dose by 15–30%${g.africanVariantCopies > 1 ? ' (homozygotes may need 20–40%)' : ''}`, -30, -15);
	if (!african && g.cyp4f2TCopies && g.cyp4f2TCopies > 0) adjust('Carrier of CYP4F2 rs2108622 T: increase the dose by 5–10%', 5, 10);
	if (!african && g.cyp4f2TCopies === null) warnings.push('CYP4F2 rs2108622 was not tested; its optional 5–10% increase could not be considered.');
	if (african) {
		warnings.push('For African ancestry, the rs12777823 step applies to African Americans (mainly West African origin); it is unknown whether it holds elsewhere in Africa.');
		if (g.rs12777823ACopies === null) warnings.push('rs12777823 was not tested; its optional 10–25% decrease could not be considered.');
		else if (g.rs12777823ACopies > 0) adjust('rs12777823 A carrier (African American): decrease the dose by 10–25%', -25, -10);
	}
	result.weeklyDoseMg = round1(dose);
	result.dailyDoseMg = round1(dose / 7);
	result.strength = african ? 'Moderate (CPIC 2017, African ancestry)' : 'Strong (CPIC 2017, non-African ancestry)';
	result.recommendation =
		`Estimated maintenance dose ${result.weeklyDoseMg} mg/week (${result.dailyDoseMg} mg/day) from the IWPC pharmacogenetic algorithm` +
		(result.adjustments.length ? ', with the CPIC adjustments listed (midpoint of each range applied).' : '.') +
		(alternative ? ' Consider an alternative anticoagulant: CYP2C9 genotype indicates poor metabolism (CPIC 2017).' : '');
	if (alternative && g.vkorc1 !== 'G/G') warnings.push('Increased VKORC1 sensitivity together with CYP2C9 poor metabolism: CPIC suggests considering an alternative agent.');
	return result;
}

function countOf(alleles: string[] | null, allele: string): number | null {
	if (!alleles) return null;
	const n = alleles.filter((a) => a === allele).length;
	return alleles.length === 1 ? n * 2 : n;
}

/** Derive the warfarin genetics from the gene calls (and, for rs12777823, the genome). */
export function warfarinGenetics(view: GenomeView | null, calls: GeneCall[], kb: PgxKb): WarfarinGenetics {
	const c9 = calls.find((c) => c.gene === 'CYP2C9');
	const vk = calls.find((c) => c.gene === 'VKORC1');
	const f2 = calls.find((c) => c.gene === 'CYP4F2');
	const tested = (call: GeneCall | undefined, rsid: string) =>
		call?.source === 'outside' || call?.evidence.some((e) => e.rsid === rsid && e.status === 'tested') === true;
	const star2and3Tested = tested(c9, 'rs1799853') && tested(c9, 'rs1057910');
	const africanVariantsTested = ['rs28371686', 'rs9332131', 'rs7900194', 'rs28371685'].every((r) => tested(c9, r));
	let cyp2c9: Cyp2c9Iwpc = 'unknown';
	let africanVariantCopies: number | null = africanVariantsTested ? 0 : null;
	const dips = c9?.diplotypes ?? [];
	const iwpcClasses = new Set<string>();
	const afr = new Set<number>();
	for (const d of dips) {
		const parts = d.split('/');
		const cls = parts.map((p) => (p === '*2' || p === '*3' ? p : ['*1', '*5', '*6', '*8', '*11'].includes(p) ? '*1' : '?'));
		iwpcClasses.add(cls.includes('?') ? 'unknown' : cls.sort().join('/'));
		afr.add(parts.filter((p) => ['*5', '*6', '*8', '*11'].includes(p)).length);
	}
	if (iwpcClasses.size === 1) {
		const only = [...iwpcClasses][0];
		if (only in IWPC.cyp2c9) cyp2c9 = only as Cyp2c9Iwpc;
	}
	if (afr.size === 1 && africanVariantsTested) africanVariantCopies = [...afr][0];
	let vkorc1: Vkorc1Iwpc = 'unknown';
	const m = /-1639 ([AG])([AG])/.exec(vk?.phenotype ?? '');
	if (m) vkorc1 = m[1] === m[2] ? (`${m[1]}/${m[2]}` as Vkorc1Iwpc) : 'A/G';
	const f2Site = f2?.evidence.find((e) => e.rsid === 'rs2108622');
	const cyp4f2TCopies = f2Site?.status === 'tested' && f2Site.genotype ? f2Site.genotype.split('/').filter((x) => x === 'T').length : null;
	let rs12777823ACopies: number | null = null;
	const extra = kb.extraSites.find((s) => s.rsid === 'rs12777823');
	if (view && extra) rs12777823ACopies = countOf(observeSite(view, '10', extra, view.summary.build).alleles, 'A');
	return {
		cyp2c9,
		cyp2c9Diplotype: dips.length ? dips.join(' or ') : null,
		cyp2c9Poor: c9?.phenotype === 'Poor Metabolizer',
		vkorc1,
		star2and3Tested,
		africanVariantsTested,
		africanVariantCopies,
		cyp4f2TCopies,
		rs12777823ACopies
	};
}
