/**
 * Phenotype likelihood ratios per disease.
 *
 * Model (our own, after the published idea of per-term likelihood ratios): for an observed term q
 * and a disease D,
 * - exact/implied: D is annotated with q or a more specific term (frequency f) →
 *   LR = f / bg(q), where bg(q) is the fraction of diseases whose annotations imply q;
 * - partial: D and q share an ancestor a (the most informative one) → LR = κ · f_a / bg(a): the
 *   patient has an abnormality of the kind D explains, the specific term being a chance pick under a;
 * - LR is never below a floor ε (patients carry features their disease does not explain, and
 *   annotations are incomplete).
 * An excluded term e that D has with frequency f gives LR = max(1 − f, ε_x); otherwise 1.
 * Unstated frequencies count as `unknownFrequency`. ln LR is summed over the terms, plus a weighted
 * semantic similarity (see `similarityWeight`).
 */
import type { Annotations, Ontology } from './kb';
import { PHENOTYPIC_ABNORMALITY } from './kb';
import type { TermMatch } from './types';

/** Tunable constants of the phenotype model (see docs/benchmarks.md for how they were chosen). */
export interface PhenotypeParams {
	/** Frequency assumed when an annotation states none. */
	unknownFrequency: number;
	/** Discount of a partial (shared-ancestor) match. */
	partial: number;
	/** Lowest LR of an observed term. */
	floor: number;
	/** Lowest LR of an excluded term the disease has. */
	excludedFloor: number;
	/**
	 * Incomplete annotation: a disease with n < 20 annotated terms gets the floor raised to
	 * floor × (1 + sparseFloor × (1 − n/20)) — a term a sparsely annotated disease lacks is weaker
	 * evidence against it than one a thoroughly annotated disease lacks.
	 */
	sparseFloor: number;
	/**
	 * Weight of the semantic similarity added to the ln LR: for each observed term, the information
	 * content (−ln background frequency) of its most informative ancestor the disease also has,
	 * averaged over the observed terms (Resnik, query → disease). It ranks a disease that explains
	 * the patient's features at a specific level above one that merely shares broad categories,
	 * without punishing a disease for terms its annotation lacks. Off by default (0): weight 5,
	 * chosen on the train cohorts, helped phenotype-only ranking on unseen cohorts but lowered the
	 * combined ranking there (docs/benchmarks.md).
	 */
	similarityWeight: number;
}

/** Defaults, tuned on training cohorts only (see scripts/validate-rare.ts). */
export const PHENOTYPE_PARAMS: PhenotypeParams = {
	unknownFrequency: 0.5,
	partial: 0.2,
	floor: 0.1,
	excludedFloor: 0.2,
	sparseFloor: 0,
	similarityWeight: 0
};

/** The observed-term LR floor of each disease (see PhenotypeParams.sparseFloor). */
export function diseaseFloors(ann: Annotations, params: PhenotypeParams): Float64Array {
	return Float64Array.from(ann.diseases, (d) => params.floor * (1 + params.sparseFloor * Math.max(0, 1 - d.terms.length / 20)));
}

/** A prepared query: term indices restricted to phenotypic abnormalities. */
export interface PreparedQuery {
	observed: number[];
	excluded: number[];
}

/** Keep terms under "Phenotypic abnormality", drop duplicates and terms implied by more specific observed ones. */
export function prepareQuery(ontology: Ontology, observed: number[], excluded: number[]): PreparedQuery {
	const obs = [...new Set(observed)].filter((t) => ontology.isA(t, ontologyIndex(ontology)));
	// drop an observed term when a more specific observed term implies it (avoids double counting)
	const implied = new Set<number>();
	for (const t of obs) for (const a of ontology.ancestors[t]) if (a !== t) implied.add(a);
	const ex = [...new Set(excluded)].filter((t) => ontology.isA(t, ontologyIndex(ontology)) && !obs.includes(t));
	return { observed: obs.filter((t) => !implied.has(t)), excluded: ex };
}

function ontologyIndex(ontology: Ontology): number {
	return ontology.indexOf('HP:' + String(PHENOTYPIC_ABNORMALITY).padStart(7, '0'));
}

/** Per-disease phenotype ln LR for all diseases, plus a function that explains one disease. */
export interface PhenotypeScores {
	/** ln LR per disease index. */
	logLR: Float64Array;
	/** Term-by-term evidence for one disease. */
	explain(disease: number): TermMatch[];
}

/** Score every disease against the query. Cost ≈ (#terms × Σ annotation ancestors), a few ms per term. */
export function scorePhenotype(
	ontology: Ontology,
	ann: Annotations,
	query: PreparedQuery,
	params: PhenotypeParams = PHENOTYPE_PARAMS
): PhenotypeScores {
	const nD = ann.diseases.length;
	const logLR = new Float64Array(nD);
	const bg = ann.background;
	const best = new Float64Array(nD);
	const floors = diseaseFloors(ann, params);
	const lnFloors = floors.map(Math.log);
	const u = params.unknownFrequency;
	const uninformative = new Set([ontology.indexOf('HP:0000001'), ontology.indexOf('HP:0000118')]);
	const simW = params.similarityWeight / Math.max(1, query.observed.length);
	const bestIc = new Float64Array(nD);
	const meanIcs: number[] = [];
	for (const q of query.observed) {
		best.fill(0);
		bestIc.fill(0);
		for (const a of ontology.ancestors[q]) {
			if (uninformative.has(a)) continue;
			const w = (a === q ? 1 : params.partial) / bg[a];
			const ic = simW !== 0 ? -Math.log(bg[a]) : 0;
			for (let j = ann.postStart[a], end = ann.postStart[a + 1]; j < end; j++) {
				const f = ann.postUnknown[j] ? Math.max(ann.postFreq[j], u) : ann.postFreq[j];
				const v = f * w;
				const d = ann.postDisease[j];
				if (v > best[d]) best[d] = v;
			}
			if (simW !== 0) for (let j = ann.postStart[a], end = ann.postStart[a + 1]; j < end; j++) if (ic > bestIc[ann.postDisease[j]]) bestIc[ann.postDisease[j]] = ic;
		}
		// the similarity is centred on its mean over diseases: it moves diseases relative to one
		// another, not against genes without any annotation (score.ts unannotatedPrior)
		let meanIc = 0;
		if (simW !== 0) {
			for (let d = 0; d < nD; d++) meanIc += bestIc[d];
			meanIc /= Math.max(1, nD);
		}
		meanIcs.push(meanIc);
		for (let d = 0; d < nD; d++) logLR[d] += (best[d] > floors[d] ? Math.log(best[d]) : lnFloors[d]) + (simW !== 0 ? simW * (bestIc[d] - meanIc) : 0);
	}
	for (const e of query.excluded) {
		for (let j = ann.postStart[e], end = ann.postStart[e + 1]; j < end; j++) {
			const f = ann.postUnknown[j] ? Math.max(ann.postFreq[j], u) : ann.postFreq[j];
			if (f > 0) logLR[ann.postDisease[j]] += Math.log(Math.max(1 - f, params.excludedFloor));
		}
	}
	return {
		logLR,
		explain: (d) => explainDisease(ontology, ann, d, query, params, floors[d], meanIcs)
	};
}

/** Highest frequency of an annotation of disease d that implies term t (0 when none). */
function impliedFrequency(ontology: Ontology, ann: Annotations, d: number, t: number, params: PhenotypeParams): number {
	const dz = ann.diseases[d];
	let best = 0;
	for (let k = 0; k < dz.terms.length; k++) {
		if (!ontology.isA(dz.terms[k], t)) continue;
		const f = dz.freqs[k] < 0 ? params.unknownFrequency : dz.freqs[k];
		if (f > best) best = f;
	}
	return best;
}

function explainDisease(ontology: Ontology, ann: Annotations, d: number, query: PreparedQuery, params: PhenotypeParams, floor: number, meanIcs: number[]): TermMatch[] {
	const dz = ann.diseases[d];
	const bg = ann.background;
	const out: TermMatch[] = [];
	const root = ontology.indexOf('HP:0000001');
	const abnormal = ontology.indexOf('HP:0000118');
	for (const [qi, q] of query.observed.entries()) {
		const qAnc = new Set(ontology.ancestors[q]);
		let best = 0;
		let bestTerm = -1;
		let bestVia = -1;
		let bestIc = 0;
		for (let k = 0; k < dz.terms.length; k++) {
			const f = dz.freqs[k] < 0 ? params.unknownFrequency : dz.freqs[k];
			for (const a of ontology.ancestors[dz.terms[k]]) {
				if (!qAnc.has(a) || a === root || a === abnormal) continue;
				bestIc = Math.max(bestIc, -Math.log(bg[a]));
				const v = (f * (a === q ? 1 : params.partial)) / bg[a];
				if (v > best) {
					best = v;
					bestTerm = dz.terms[k];
					bestVia = a;
				}
			}
		}
		const lr = Math.max(floor, best || floor);
		const kind: TermMatch['kind'] = lr <= floor ? 'none' : bestVia === q ? 'exact' : 'partial';
		out.push({
			query: ontology.idOf(q),
			queryName: ontology.names[q],
			matched: kind === 'none' || bestTerm < 0 ? null : ontology.idOf(kind === 'partial' ? bestVia : bestTerm),
			matchedName: kind === 'none' || bestTerm < 0 ? null : ontology.names[kind === 'partial' ? bestVia : bestTerm],
			kind,
			logLR: Math.log(lr) + (params.similarityWeight / Math.max(1, query.observed.length)) * (bestIc - meanIcs[qi])
		});
	}
	for (const e of query.excluded) {
		const f = impliedFrequency(ontology, ann, d, e, params);
		out.push({
			query: ontology.idOf(e),
			queryName: ontology.names[e],
			matched: f > 0 ? ontology.idOf(e) : null,
			matchedName: f > 0 ? ontology.names[e] : null,
			kind: f > 0 ? 'excluded-present' : 'excluded-absent',
			logLR: f > 0 ? Math.log(Math.max(1 - f, params.excludedFloor)) : 0
		});
	}
	return out;
}
