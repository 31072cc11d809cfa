/**
 * Checks before any family analysis: who is related to whom, and does the pedigree agree?
 *
 * - Pairwise kinship by the KING-robust estimator (Manichaikul et al. 2010, Bioinformatics
 *   26:2867): φ = (N_Aa,Aa − 2·N_AA,aa) / (N_Aa(i) + N_Aa(j)) over autosomal SNVs both members
 *   have called. Robust to population structure because it uses each pair's own heterozygosity,
 *   not allele frequencies (which a family of three cannot estimate). Degree cut-offs are KING's:
 *   > 0.354 duplicate / identical twin, > 0.177 first degree, > 0.088 second, > 0.044 third.
 * - IBS0 (the fraction of those sites where the two are opposite homozygotes) separates
 *   parent–offspring (IBS0 ≈ 0: a child always shares an allele with each parent) from full
 *   siblings (who share no allele IBD at ¼ of the genome). See `PO_IBS0_RATIO` for the rule.
 * - Inferred sex (the importer's X heterozygosity / Y call rate) against the PED's stated sex.
 * - Mendelian-error rate per PED trio.
 * - PED contradictions (a stated parent who is unrelated, a sample mix-up, swapped parents).
 */
import { CHROMOSOMES, type Chromosome } from '../genome/index';
import { alignChromosome, isSnvCall, type AlignedChromosome } from './aligned';
import { pedigreeKinship, pedigreeTrios, statedRelationship, type PedMember, type PedSex, type Pedigree } from './ped';
import { checkSamples, type FamilySample } from './samples';
import { throwIfCancelled } from '../errors/index';

/** Relationship classes inferred from the data. */
export type Relationship = 'duplicate' | 'parent-offspring' | 'sibling' | 'second-degree' | 'third-degree' | 'unrelated';

/** KING kinship cut-offs (2^-1.5, 2^-2.5, 2^-3.5, 2^-4.5 rounded as KING prints them). */
export const KINSHIP_CUTOFFS = { duplicate: 0.354, firstDegree: 0.177, secondDegree: 0.088, thirdDegree: 0.044 } as const;

/**
 * A first-degree pair is parent–offspring when opposite homozygotes are rare relative to shared
 * heterozygotes: N_AA,aa / N_Aa,Aa < 0.02. Unrelated pairs sit near 0.5 at common SNPs and full
 * siblings near 0.05–0.1 (they are IBD0 at ¼ of the genome); parent–child pairs are 0 up to
 * genotyping error. A ratio, unlike KING's fixed IBS0 < 0.0012 (calibrated on array SNP sets),
 * does not depend on how many monomorphic sites a file lists, so it holds for arrays, joint VCFs
 * and variant-only VCFs alike. IBS0 itself is reported as KING defines it.
 */
export const PO_IBS0_RATIO = 0.02;

/** Fewer comparable heterozygous sites than this and the estimate is flagged as unreliable. */
export const MIN_INFORMATIVE_SITES = 300;

/** One sample in the relate result. */
export interface RelateSample {
	id: string;
	statedSex: PedSex | null;
	inferredSex: 'male' | 'female' | 'unknown';
	source: 'vcf' | 'array';
}

/** One pair of members. */
export interface RelatePair {
	a: string;
	b: string;
	/** KING-robust kinship coefficient (0.5 duplicate, 0.25 first degree, 0 unrelated). */
	kinship: number;
	/** Fraction of comparable sites where the two are opposite homozygotes. */
	ibs0: number;
	relationship: Relationship;
	/** Autosomal SNV sites both have called. */
	sites: number;
	/** Sites where both are heterozygous, and where they are opposite homozygotes. */
	hetHet: number;
	oppositeHomozygous: number;
	/** What the PED states about this pair, when a PED was given. */
	stated: string | null;
}

/** Mendelian consistency of one PED trio. */
export interface TrioCheck {
	child: string;
	father: string;
	mother: string;
	/** Autosomal SNV sites called in all three where the trio is not all one homozygote. */
	sites: number;
	mendelianErrors: number;
	/** mendelianErrors / sites (0 when no sites). */
	rate: number;
}

/** The result of the relatedness checks. */
export interface RelateResult {
	samples: RelateSample[];
	pairs: RelatePair[];
	/** PED contradictions, in plain words; empty when the data agree with the PED (or no PED). */
	pedErrors: string[];
	trios: TrioCheck[];
	/** Caveats about the estimates (few sites, mixed arrays and VCFs, assumptions). */
	warnings: string[];
}

/** A Mendelian-error rate above this (on SNVs) contradicts a stated trio. Genotyping error in
 * real trios gives 0.1–2 %; a non-parent gives ≳ 5–10 %. */
export const MENDELIAN_ERROR_LIMIT = 0.03;

/** Classify a pair from its kinship and IBS0 ratio. */
export function classifyRelationship(kinship: number, hetHet: number, oppositeHom: number): Relationship {
	if (kinship > KINSHIP_CUTOFFS.duplicate) return 'duplicate';
	if (kinship > KINSHIP_CUTOFFS.firstDegree) {
		const ratio = hetHet > 0 ? oppositeHom / hetHet : 1;
		return ratio < PO_IBS0_RATIO ? 'parent-offspring' : 'sibling';
	}
	if (kinship > KINSHIP_CUTOFFS.secondDegree) return 'second-degree';
	if (kinship > KINSHIP_CUTOFFS.thirdDegree) return 'third-degree';
	return 'unrelated';
}

/** Pair counts accumulated over chromosomes. */
interface PairCounts {
	sites: number;
	hetA: number;
	hetB: number;
	hetHet: number;
	ibs0: number;
}

/** Add one chromosome's counts for members i, j. */
function countPair(al: AlignedChromosome, i: number, j: number, c: PairCounts): void {
	const a1 = al.allele1[i];
	const a2 = al.allele2[i];
	const b1 = al.allele1[j];
	const b2 = al.allele2[j];
	const f = al.filtered;
	const n = al.positions.length;
	for (let s = 0; s < n; s++) {
		if (f[s]) continue;
		const x1 = a1[s];
		const x2 = a2[s];
		const y1 = b1[s];
		const y2 = b2[s];
		if (!isSnvCall(x1, x2) || !isSnvCall(y1, y2)) continue;
		const hetX = x1 !== x2;
		const hetY = y1 !== y2;
		if (hetX && hetY) {
			// Same two alleles? (a multi-allelic A/C vs A/G is neither het-het nor IBS0)
			if (!((x1 === y1 && x2 === y2) || (x1 === y2 && x2 === y1))) continue;
			c.hetHet++;
		} else if (!hetX && !hetY && x1 !== y1) {
			c.ibs0++;
		}
		c.sites++;
		if (hetX) c.hetA++;
		if (hetY) c.hetB++;
	}
}

/** Count Mendelian errors of one trio on one chromosome. */
function countTrio(al: AlignedChromosome, child: number, father: number, mother: number, t: { sites: number; errors: number }): void {
	const n = al.positions.length;
	const [C1, C2, F1, F2, M1, M2, filtered] = [al.allele1[child], al.allele2[child], al.allele1[father], al.allele2[father], al.allele1[mother], al.allele2[mother], al.filtered];
	for (let s = 0; s < n; s++) {
		if (filtered[s]) continue;
		const c1 = C1[s];
		const c2 = C2[s];
		const f1 = F1[s];
		const f2 = F2[s];
		const m1 = M1[s];
		const m2 = M2[s];
		if (!isSnvCall(c1, c2) || !isSnvCall(f1, f2) || !isSnvCall(m1, m2)) continue;
		if (c1 === c2 && f1 === f2 && m1 === m2 && c1 === f1 && c1 === m1) continue; // uninformative
		t.sites++;
		// (no closures here: this loop runs once per site and trio)
		const c1F = c1 === f1 || c1 === f2;
		const c2F = c2 === f1 || c2 === f2;
		const c1M = c1 === m1 || c1 === m2;
		const c2M = c2 === m1 || c2 === m2;
		if (!((c1F && c2M) || (c2F && c1M))) t.errors++;
	}
}

/** Options for `relate`. */
export interface RelateOptions {
	pedigree?: Pedigree | null;
	signal?: AbortSignal;
}

/** Round for stable JSON. */
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/** Run every relatedness check over the members' genomes (and a PED when given). */
export function relate(samples: readonly FamilySample[], options: RelateOptions = {}): RelateResult {
	checkSamples(samples);
	const ped = options.pedigree ?? null;
	const members = ped?.members ?? [];
	const byId = new Map(members.map((m) => [m.id, m]));
	const k = samples.length;
	const counts: PairCounts[][] = [];
	for (let i = 0; i < k; i++) {
		counts.push([]);
		for (let j = 0; j < k; j++) counts[i].push({ sites: 0, hetA: 0, hetB: 0, hetHet: 0, ibs0: 0 });
	}
	const index = new Map(samples.map((s, i) => [s.id, i]));
	const trios = pedigreeTrios(members).filter((t) => index.has(t.child) && index.has(t.father) && index.has(t.mother));
	const trioCounts = trios.map(() => ({ sites: 0, errors: 0 }));
	const autosomes = CHROMOSOMES.filter((c) => /^\d+$/.test(c)) as Chromosome[];
	for (const chrom of autosomes) {
		throwIfCancelled(options.signal, 'The relatedness check');
		const al = alignChromosome(samples, chrom);
		if (!al) continue;
		for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) countPair(al, i, j, counts[i][j]);
		trios.forEach((t, n) => countTrio(al, index.get(t.child)!, index.get(t.father)!, index.get(t.mother)!, trioCounts[n]));
	}
	const warnings: string[] = [];
	const pedErrors: string[] = [...(ped?.issues ?? [])];
	const kinFromPed = ped ? pedigreeKinship(members) : null;
	const pairs: RelatePair[] = [];
	for (let i = 0; i < k; i++) {
		for (let j = i + 1; j < k; j++) {
			const c = counts[i][j];
			const denom = c.hetA + c.hetB;
			const kinship = denom > 0 ? (c.hetHet - 2 * c.ibs0) / denom : 0;
			const relationship = classifyRelationship(kinship, c.hetHet, c.ibs0);
			const a = samples[i].id;
			const b = samples[j].id;
			const stated = ped && byId.has(a) && byId.has(b) ? statedRelationship(members, a, b, kinFromPed!) : null;
			pairs.push({ a, b, kinship: round(kinship), ibs0: round(c.sites ? c.ibs0 / c.sites : 0, 5), relationship, sites: c.sites, hetHet: c.hetHet, oppositeHomozygous: c.ibs0, stated });
			if (Math.min(c.hetA, c.hetB) < MIN_INFORMATIVE_SITES)
				warnings.push(`${a}–${b}: only ${Math.min(c.hetA, c.hetB)} heterozygous sites in common; the kinship estimate is unreliable.`);
			if (samples[i].source !== samples[j].source)
				warnings.push(`${a}–${b}: an array and a VCF are compared only where both files have a record; a VCF lists mostly the sites where that person differs from the reference, so treat this kinship as approximate.`);
		}
	}
	const vcfSeparate = samples.filter((s) => s.source === 'vcf' && !s.jointCalled).length;
	if (vcfSeparate >= 2)
		warnings.push('Separate single-sample VCFs: a site missing from one file is read as reference there, which assumes both were called over the same regions (a joint-called VCF avoids this).');
	const result: RelateResult = {
		samples: samples.map((s) => ({ id: s.id, statedSex: byId.get(s.id)?.sex ?? null, inferredSex: s.summary.sex, source: s.source })),
		pairs,
		pedErrors,
		trios: trios.map((t, n) => ({ ...t, sites: trioCounts[n].sites, mendelianErrors: trioCounts[n].errors, rate: round(trioCounts[n].sites ? trioCounts[n].errors / trioCounts[n].sites : 0, 5) })),
		warnings
	};
	if (ped) pedErrors.push(...pedContradictions(result, members));
	return result;
}

const RELATION_WORDS: Record<Relationship, string> = {
	duplicate: 'the same person (or identical twins)',
	'parent-offspring': 'parent and child',
	sibling: 'siblings',
	'second-degree': 'second-degree relatives (e.g. grandparent, aunt/uncle, half-sibling)',
	'third-degree': 'third-degree relatives (e.g. first cousins)',
	unrelated: 'unrelated'
};

/** Compare the data with the PED; one plain sentence per contradiction. */
export function pedContradictions(result: RelateResult, members: readonly PedMember[]): string[] {
	const out: string[] = [];
	const byId = new Map(members.map((m) => [m.id, m]));
	for (const s of result.samples) {
		if (!byId.has(s.id)) out.push(`${s.id} has a genome but is not in the PED.`);
		if (s.statedSex && s.statedSex !== 'unknown' && s.inferredSex !== 'unknown' && s.statedSex !== s.inferredSex)
			out.push(`${s.id} is stated ${s.statedSex} in the PED but the DNA looks ${s.inferredSex} (X/Y chromosomes): a sample mix-up or a PED error.`);
	}
	// Swapped parents: the stated father looks female and the stated mother male.
	for (const m of members) {
		if (!m.father || !m.mother) continue;
		const f = result.samples.find((s) => s.id === m.father);
		const mo = result.samples.find((s) => s.id === m.mother);
		if (f?.inferredSex === 'female' && mo?.inferredSex === 'male')
			out.push(`${m.id}'s father (${m.father}) looks female and mother (${m.mother}) male in the DNA: father and mother appear swapped in the PED.`);
	}
	for (const p of result.pairs) {
		if (!p.stated || p.stated === 'not-stated') continue;
		const kin = `kinship ${p.kinship.toFixed(3)}`;
		if (p.relationship === 'duplicate') {
			out.push(`${p.a} and ${p.b} are the same person in the DNA (${kin}) but the PED lists them as ${p.stated}: a sample mix-up or a duplicated file.`);
			continue;
		}
		const want = p.stated === 'distant' ? 'unrelated' : p.stated;
		if (want === p.relationship) continue;
		if (want === 'unrelated' && (p.relationship === 'third-degree' || p.relationship === 'second-degree')) continue; // reported as a warning below
		if (p.stated === 'parent-offspring') {
			const childM = byId.get(p.a)?.father === p.b || byId.get(p.a)?.mother === p.b ? p.a : p.b;
			const parent = childM === p.a ? p.b : p.a;
			const role = byId.get(childM)?.father === parent ? 'father' : 'mother';
			out.push(`${parent} is listed as ${childM}'s ${role} but the DNA says they are ${RELATION_WORDS[p.relationship]} (${kin}, IBS0 ${p.ibs0}).`);
		} else {
			out.push(`The PED implies ${p.a} and ${p.b} are ${p.stated === 'unrelated' ? 'unrelated' : p.stated}, but the DNA says ${RELATION_WORDS[p.relationship]} (${kin}).`);
		}
	}
	for (const t of result.trios) {
		if (t.sites >= 100 && t.rate > MENDELIAN_ERROR_LIMIT)
			out.push(`Trio ${t.child} (father ${t.father}, mother ${t.mother}): ${(100 * t.rate).toFixed(1)} % of sites break Mendelian inheritance (limit ${(100 * MENDELIAN_ERROR_LIMIT).toFixed(0)} %); one of the parents is probably not the biological parent, or a sample is swapped.`);
	}
	for (const p of result.pairs) {
		if (p.stated === 'unrelated' && (p.relationship === 'second-degree' || p.relationship === 'third-degree'))
			result.warnings.push(`${p.a} and ${p.b} have no common ancestor in the PED but are ${RELATION_WORDS[p.relationship]} in the DNA (kinship ${p.kinship.toFixed(3)}); for parents this means consanguinity, which raises the chance of recessive disease.`);
	}
	return out;
}
