/**
 * Patient-specific parameters: enzyme activity per gene from phenotype/activity score and
 * co-medications, then CL = CL_typical × S(patient)/S(reference) with
 * S = Σ fm_i × activity_i + (1 − Σ fm_i), and the same for the formation of an active metabolite.
 */
import { findComedication, COMEDICATIONS } from './comedications';
import type { CompartmentParams } from './compartments';
import type { Cited, Comedication, DrugModel, PhenotypeKey } from './data-types';
import { DRUGS } from './drugs';
import { PkError } from './errors';
import { assertModelled } from './not-modelled';
import {
	DEFAULT_ACTIVITY,
	NORMAL_ACTIVITY_SCORE,
	parsePhenotype,
	phenotypeFromScore,
	phenotypeLabel,
	type PhenotypeInput
} from './phenotypes';

/** CYP2C9 activity by activity score, from the per-allele S-warfarin clearance factors (Hamberg 2007). */
const CYP2C9_BY_SCORE: Record<string, number> = { '2': 1, '1.5': 0.88, '1': 0.63, '0.5': 0.88 * 0.63, '0': 0.63 * 0.63 };

/** How one gene's activity was decided. */
export interface GeneActivity {
	gene: string;
	/** Phenotype label used, or "not given (… assumed, as in the typical patient)". */
	phenotype: string;
	phenotypeKey: PhenotypeKey;
	activityScore: number | null;
	/** Activity from the genotype alone, relative to normal. */
	genetic: number;
	/** After co-medications. */
	activity: number;
	source: Cited | null;
	comedications: { name: string; multiplier: number; strength: string }[];
}

/** The personalised model of one patient. */
export interface Personalized {
	drug: DrugModel;
	params: CompartmentParams;
	activities: GeneActivity[];
	/** Clearance (or Vmax) relative to the typical patient. */
	clearanceRatio: number;
	/** Formation of the active moiety relative to the typical patient (1 when not applicable). */
	formationRatio: number;
	warnings: string[];
}

/** Find a drug by id or name; throws PkError listing the options. */
export function getDrug(idOrName: string): DrugModel {
	const q = idOrName.trim().toLowerCase();
	const d = DRUGS.find((x) => x.id === q || x.name.toLowerCase() === q);
	if (!d) throw new PkError('unknown-drug', `unknown drug "${idOrName}"; choose one of: ${DRUGS.map((x) => x.id).join(', ')}`);
	return d;
}

/** Resolve co-medication names; throws PkError listing the options for an unknown one. */
export function resolveComedications(names: string[]): Comedication[] {
	return names.map((n) => {
		const c = findComedication(n);
		if (!c)
			throw new PkError('unknown-comed', `unknown co-medication "${n}"; choose from: ${COMEDICATIONS.map((x) => x.id).join(', ')}`);
		return c;
	});
}

function scoreActivity(gene: string, score: number): number {
	if (gene === 'CYP2C9') {
		const key = String(Math.round(score * 2) / 2);
		return CYP2C9_BY_SCORE[key] ?? score / 2;
	}
	return score / (NORMAL_ACTIVITY_SCORE[gene] ?? 2);
}

/** Activity of one gene for one drug (before co-medications). */
function geneticActivity(drug: DrugModel, gene: string, input: PhenotypeInput, warnings: string[]): Omit<GeneActivity, 'activity' | 'comedications'> {
	const pathway = drug.pathways.find((p) => p.gene === gene);
	const given = input[gene];
	const score = given?.activityScore ?? null;
	if (score !== null && score !== undefined && gene in NORMAL_ACTIVITY_SCORE) {
		if (!Number.isFinite(score) || score < 0 || score > 6)
			throw new PkError('unknown-phenotype', `${gene} activity score must be between 0 and 6, got ${score}`);
		const override = pathway?.activity?.[String(score)];
		const key = phenotypeFromScore(gene, score);
		const value = override?.value ?? scoreActivity(gene, score);
		return {
			gene,
			phenotype: `${phenotypeLabel(gene, key)} (activity score ${score})`,
			phenotypeKey: key,
			activityScore: score,
			genetic: value,
			source: override ?? { value, source: gene === 'CYP2C9' ? 'hamberg-2007' : 'cpic-activity-score', where: 'activity score ÷ normal score', note: gene === 'CYP2C9' ? 'per-allele S-warfarin clearance factors (*2: 0.88, *3: 0.63)' : undefined }
		};
	}
	if (!given?.phenotype) {
		// Unknown genotype: the patient is modelled like the population the typical parameters describe.
		const key = drug.reference?.[gene] ?? 'normal';
		return {
			gene,
			phenotype: `not given (${phenotypeLabel(gene, key)} assumed, as in the typical patient)`,
			phenotypeKey: key,
			activityScore: null,
			genetic: referenceActivity(drug, gene),
			source: null
		};
	}
	const key = parsePhenotype(gene, given.phenotype);
	const cited = pathway?.activity?.[key] ?? DEFAULT_ACTIVITY[gene]?.[key] ?? null;
	if (!cited) {
		warnings.push(
			`No reliable figure is known for ${gene} ${phenotypeLabel(gene, key)} with ${drug.name}; modelled as normal activity.`
		);
		return { gene, phenotype: `${phenotypeLabel(gene, key)} (modelled as normal)`, phenotypeKey: key, activityScore: null, genetic: 1, source: null };
	}
	return { gene, phenotype: phenotypeLabel(gene, key), phenotypeKey: key, activityScore: null, genetic: cited.value, source: cited };
}

/** Activity of the drug's reference population for a gene (normal unless the drug says otherwise). */
function referenceActivity(drug: DrugModel, gene: string): number {
	const key = drug.reference?.[gene];
	if (!key) return 1;
	return drug.pathways.find((p) => p.gene === gene)?.activity?.[key]?.value ?? DEFAULT_ACTIVITY[gene]?.[key]?.value ?? 1;
}

function weighted(shares: { share: number; activity: number }[]): number {
	let s = 0;
	let rest = 1;
	for (const x of shares) {
		s += x.share * x.activity;
		rest -= x.share;
	}
	return s + Math.max(0, rest);
}

/** Typical-patient parameters for a body weight (kg), before any genotype effect. */
export function typicalParams(drug: DrugModel, weightKg = 70): CompartmentParams {
	const pk = drug.pk;
	const w = pk.perKg ? weightKg : 1;
	const base: CompartmentParams =
		pk.kind === 'linear'
			? {
					cl: pk.cl.value * w,
					v1: pk.v1.value * w,
					q: pk.q ? pk.q.value * w : undefined,
					v2: pk.v2 ? pk.v2.value * w : undefined,
					ka: pk.ka?.value,
					f: pk.f?.value ?? 1
				}
			: { cl: 0, vmax: pk.vmax.value * w, km: pk.km.value, v1: pk.v1.value * w, ka: pk.ka?.value, f: pk.f?.value ?? 1 };
	if (drug.metabolite) {
		const mw = drug.metabolite.perKg ? weightKg : 1;
		base.metabolite = { fraction: drug.metabolite.fraction.value, cl: drug.metabolite.cl.value * mw, v: drug.metabolite.v.value * mw };
	}
	return base;
}

/**
 * Personalise a drug's model for a patient's phenotypes, co-medications and weight. Throws PkError
 * 'phenotype-not-modelled' for results the drug's model does not simulate (see not-modelled.ts).
 */
export function personalize(drug: DrugModel, phenotypes: PhenotypeInput, comedNames: string[] = [], weightKg = 70): Personalized {
	if (!Number.isFinite(weightKg) || weightKg < 2 || weightKg > 400)
		throw new PkError('bad-parameter', `body weight must be between 2 and 400 kg, got ${weightKg}`);
	assertModelled(drug, phenotypes);
	const warnings: string[] = [];
	const used = new Set(drug.pathways.map((p) => p.gene));
	const comeds = resolveComedications(comedNames);
	const activities: GeneActivity[] = drug.pathways.map((p) => {
		const base = geneticActivity(drug, p.gene, phenotypes, warnings);
		const effects = comeds.flatMap((c) =>
			c.effects.filter((e) => e.gene === p.gene).map((e) => ({ name: c.name, multiplier: e.multiplier.value, strength: e.strength }))
		);
		const activity = effects.reduce((a, e) => a * e.multiplier, base.genetic);
		return { ...base, activity, comedications: effects };
	});
	const irrelevant = comeds.filter((c) => !c.effects.some((e) => used.has(e.gene)));
	for (const c of irrelevant) warnings.push(`${c.name} does not act on the enzymes in ${drug.name}'s model; it has no effect here.`);

	const s = weighted(drug.pathways.map((p, i) => ({ share: p.fmParent.value, activity: activities[i].activity })));
	const sRef = weighted(drug.pathways.map((p) => ({ share: p.fmParent.value, activity: referenceActivity(drug, p.gene) })));
	const formation = drug.pathways.filter((p) => p.formationShare);
	const fForm = weighted(formation.map((p) => ({ share: p.formationShare!.value, activity: activities[drug.pathways.indexOf(p)].activity })));
	const fFormRef = weighted(formation.map((p) => ({ share: p.formationShare!.value, activity: referenceActivity(drug, p.gene) })));
	const clearanceRatio = s / sRef;
	const formationRatio = formation.length ? fForm / fFormRef : 1;

	const params = typicalParams(drug, weightKg);
	if (params.vmax !== undefined) params.vmax *= clearanceRatio;
	else params.cl *= clearanceRatio;
	if (formation.length) {
		if (params.metabolite) params.metabolite.fraction *= formationRatio / clearanceRatio;
		else params.f = (params.f ?? 1) * formationRatio;
	}
	return { drug, params, activities, clearanceRatio, formationRatio, warnings };
}
