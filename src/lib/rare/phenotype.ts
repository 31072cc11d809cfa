/**
 * Phenotype likelihood ratios per disease.
 *
 * Model (our own, after the published idea of per-term likelihood ratios): for an observed term q
 * and a disease D,
 * - exact/implied: D is annotated with q or a more specific term (frequency f) →
 *   LR = f / bg(q), where bg(q) is the fraction of diseases whose annotations imply q;
 * - subsumed: D is annotated with an ancestor a of q itself (the patient is described more
 *   specifically) → LR = κ_s · f / bg(a) (κ_s = `subsumed`);
 * - partial: D and q share an ancestor a (the most informative one) → LR = κ · f_a / bg(a): the
 *   patient has an abnormality of the kind D explains, the specific term being a chance pick under a;
 * - LR is never below a floor ε (patients carry features their disease does not explain, and
 *   annotations are incomplete);
 * - contradicted: D is annotated NOT to have q or an ancestor of q (HPOA qualifier NOT or frequency
 *   0) and does not imply q otherwise → LR = `contradicted` (strong evidence against D).
 * An excluded term e that D has with frequency f ≥ `excludedMinFrequency` (very frequent, near
 * obligate features) gives LR = max(1 − f, ε_x); otherwise 1 — case reports state as absent the
 * features of the suspected syndrome a patient lacks, so the absence of a variable feature is
 * ascertained because of that disease and is no evidence against it.
 * Unstated frequencies count as `unknownFrequency`. ln LR is summed over the terms, plus a weighted,
 * centred disease → query similarity (`reverseWeight`) and optionally a query → disease one
 * (`similarityWeight`, off).
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
	/**
	 * Discount of a match where the disease is annotated with an ancestor a of the observed term q
	 * itself (the patient is described more specifically than the annotation): LR = subsumed · f / bg(a).
	 * Under "a patient with a would be coded as any of a's descendants as often as the background
	 * says", P(q | D) ≈ f · bg(q)/bg(a) and P(q | ¬D) ≈ bg(q), i.e. subsumed = 1 (LIRICAL treats this
	 * case as a match of the annotated term). Equal to `partial`, it is the plain shared-ancestor match.
	 */
	subsumed: number;
	/**
	 * Weight of the disease → query direction of the best-match similarity (Phenomizer's symmetric
	 * score): for each annotated term of a disease, the information content of the most informative
	 * ancestor it shares with any observed term, averaged over the disease's terms weighted by their
	 * frequency — how much of the disease's own picture the patient shows — centred over diseases.
	 */
	reverseWeight: number;
	/**
	 * Weight of the per-disease likelihood normaliser: each observed term's ln LR is lowered by
	 * ln E[LR_D(q)] over terms q drawn from the annotation corpus (centred over diseases; a proper
	 * P(q | D) makes that mean 1). Off (0): tried on train in session 13 — weight 1 lowered the
	 * ranking, 0.5 raised phenotype-only with the 2023 release but lowered it with the built-in one
	 * (docs/benchmarks.md). The first use costs ~1,000 single-term scorings per annotation set.
	 */
	normalise: number;
	/**
	 * An excluded term lowers a disease only when the disease has it with at least this frequency
	 * (0.8: HPO's "very frequent" class, 80–99 %, and obligate features). A case report lists as
	 * absent the features of the suspected syndrome that were looked for and not found, so an
	 * excluded term tends to be a feature of the true disease; for a variable feature that
	 * ascertainment cancels the evidence of its absence. Session 13 (train): 0 → 0.8 raised
	 * phenotype-only top-10 with both annotation releases (docs/benchmarks.md).
	 */
	excludedMinFrequency: number;
	/**
	 * How a disease's frequency of a term t is read from its annotations that imply t (t itself or
	 * more specific terms): 0 = the highest one; 1 = noisy-OR, 1 − Π(1 − f) (a patient with any of
	 * the disease's specific seizure types has "Seizure": three types at 30 % each give 66 %, not 30 %).
	 */
	noisyOr: number;
	/**
	 * Unstated frequencies from the annotation set itself instead of the constant `unknownFrequency`
	 * (1 = on). In HPO's annotations the stated frequencies fall with the length of a disease's list
	 * (2023 release: mean 0.74 for diseases with < 10 terms, 0.52 for 20–29, 0.32 for ≥ 100) — a
	 * patient shows a limited number of features, so a long list's unstated feature is less likely
	 * than a short list's. The unstated frequency of a disease with n terms is then exp(α + β ln n),
	 * a least-squares fit over the diseases with stated frequencies (weighted by how many are stated),
	 * clamped to [0.05, 0.95]: an empirical prior of the release, fitted on no case.
	 */
	unknownByLength: number;
	/**
	 * LR of an observed term that the disease is explicitly annotated NOT to have (the term or one of
	 * its ancestors: HPOA qualifier NOT, or frequency 0) and does not otherwise imply — a feature
	 * curators recorded as absent in the disease counts as strong evidence against it, replacing the
	 * term's LR. 0 = off (such annotations are ignored, as before). Only a phenotype.hpoa file
	 * carries NOT annotations (Disease.notTerms).
	 */
	contradicted: number;
}

/**
 * Defaults, tuned on training cohorts only (see scripts/validate-rare.ts and docs/benchmarks.md):
 * session 12 chose subsumed 1, reverseWeight 1 and partial 0.1 (was 0.2 when it also covered the
 * subsumed case) on the 847 train cases with both annotation releases; session 13
 * excludedMinFrequency 0.8 (was 0: every annotated excluded term counted); session 14 contradicted
 * 0.01 (HPOA NOT annotations count); noisyOr, partial 0.05 and unknownByLength were tried on
 * train and left off (docs/benchmarks.md).
 */
export const PHENOTYPE_PARAMS: PhenotypeParams = {
	unknownFrequency: 0.5,
	partial: 0.1,
	floor: 0.1,
	excludedFloor: 0.2,
	sparseFloor: 0,
	similarityWeight: 0,
	subsumed: 1,
	reverseWeight: 1,
	normalise: 0,
	excludedMinFrequency: 0.8,
	noisyOr: 0,
	unknownByLength: 0,
	contradicted: 0.01
};

/** Inverted index of the NOT annotations: for term t, the diseases annotated NOT to have t. */
const notCache = new WeakMap<Annotations, Map<number, number[]>>();
function notIndex(ann: Annotations): Map<number, number[]> {
	let ix = notCache.get(ann);
	if (ix) return ix;
	ix = new Map();
	ann.diseases.forEach((d, di) => {
		for (const t of d.notTerms ?? []) {
			const l = ix!.get(t);
			if (l) l.push(di);
			else ix!.set(t, [di]);
		}
	});
	notCache.set(ann, ix);
	return ix;
}

/**
 * Diseases explicitly annotated NOT to have observed term q (q or an ancestor of q) that do not
 * imply q through a positive annotation.
 */
function contradictedBy(ontology: Ontology, ann: Annotations, q: number): Set<number> {
	const out = new Set<number>();
	const ix = notIndex(ann);
	if (!ix.size) return out;
	for (const a of ontology.ancestors[q]) for (const d of ix.get(a) ?? []) out.add(d);
	if (out.size) for (let j = ann.postStart[q], end = ann.postStart[q + 1]; j < end; j++) out.delete(ann.postDisease[j]);
	return out;
}

/** Per-annotation-set term statistics under a parameter set: posting frequencies and background. */
interface TermStats {
	/** Frequency of each posting of the propagated index (Annotations.postDisease order), unstated → unknownFrequency. */
	freq: Float32Array;
	/** Background frequency of each term (P(t | a random disease)). */
	bg: Float64Array;
	/** Frequency assumed for each disease's unstated annotations. */
	unknown: Float64Array;
}

/**
 * Unstated frequency per disease (see PhenotypeParams.unknownByLength): exp(α + β ln n) fitted over
 * the diseases with stated frequencies (ln of their mean stated frequency against ln of their number
 * of terms, weighted by the number stated), or the constant `unknownFrequency`.
 */
export function unknownFrequencies(ann: Annotations, params: PhenotypeParams): Float64Array {
	const out = new Float64Array(ann.diseases.length).fill(params.unknownFrequency);
	if (!params.unknownByLength) return out;
	let sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
	for (const d of ann.diseases) {
		let n = 0;
		let sum = 0;
		for (const f of d.freqs)
			if (f >= 0) {
				n++;
				sum += f;
			}
		if (!n || sum <= 0) continue;
		const x = Math.log(d.terms.length);
		const y = Math.log(sum / n);
		sw += n;
		sx += n * x;
		sy += n * y;
		sxx += n * x * x;
		sxy += n * x * y;
	}
	const den = sw * sxx - sx * sx;
	if (sw === 0 || Math.abs(den) < 1e-9) return out;
	const beta = (sw * sxy - sx * sy) / den;
	const alpha = (sy - beta * sx) / sw;
	ann.diseases.forEach((d, i) => (out[i] = Math.min(0.95, Math.max(0.05, Math.exp(alpha + beta * Math.log(Math.max(1, d.terms.length)))))));
	return out;
}
const statsCache = new WeakMap<Annotations, Map<string, TermStats>>();
/** Posting frequencies and background of `ann` for the frequency-related parameters (cached). */
function termStats(ontology: Ontology, ann: Annotations, params: PhenotypeParams): TermStats {
	const key = `${params.unknownFrequency},${params.noisyOr},${params.unknownByLength}`;
	let byKey = statsCache.get(ann);
	if (!byKey) statsCache.set(ann, (byKey = new Map()));
	const hit = byKey.get(key);
	if (hit) return hit;
	const unknown = unknownFrequencies(ann, params);
	const n = ann.postDisease.length;
	const freq = new Float32Array(n);
	if (params.noisyOr) {
		// 1 − Π(1 − f) over the disease's annotations implying the term; postings of a term are in
		// disease order, so walk the diseases in order with a fill pointer per term (as Annotations does)
		const miss = new Float64Array(n).fill(1);
		const fill = ann.postStart.slice(0, ontology.size);
		const seen = new Int32Array(ontology.size).fill(-1);
		const slot = new Int32Array(ontology.size);
		ann.diseases.forEach((d, di) => {
			for (let k = 0; k < d.terms.length; k++) {
				const f = d.freqs[k] < 0 ? unknown[di] : d.freqs[k];
				for (const a of ontology.ancestors[d.terms[k]]) {
					if (seen[a] !== di) {
						seen[a] = di;
						slot[a] = fill[a]++;
					}
					miss[slot[a]] *= 1 - Math.min(1, f);
				}
			}
		});
		for (let j = 0; j < n; j++) freq[j] = 1 - miss[j];
	} else for (let j = 0; j < n; j++) freq[j] = ann.postUnknown[j] ? Math.max(ann.postFreq[j], unknown[ann.postDisease[j]]) : ann.postFreq[j];
	// the background stays the fraction of diseases implying the term (a frequency-weighted one,
	// LIRICAL's definition, was tried in session 14 and ranked worse)
	const bg = ann.background;
	const out = { freq, bg, unknown };
	byKey.set(key, out);
	return out;
}

/** Direct (not propagated) annotations by term: for term t, entries start[t]..start[t+1]. */
interface DirectIndex {
	start: Int32Array;
	disease: Int32Array;
	freq: Float32Array;
}
const directCache = new WeakMap<Annotations, DirectIndex>();
function directIndex(ontology: Ontology, ann: Annotations): DirectIndex {
	let ix = directCache.get(ann);
	if (ix) return ix;
	const start = new Int32Array(ontology.size + 1);
	for (const d of ann.diseases) for (const t of d.terms) start[t + 1]++;
	for (let t = 0; t < ontology.size; t++) start[t + 1] += start[t];
	const fill = start.slice(0, ontology.size);
	const disease = new Int32Array(start[ontology.size]);
	const freq = new Float32Array(start[ontology.size]);
	ann.diseases.forEach((d, di) => {
		for (let k = 0; k < d.terms.length; k++) {
			const j = fill[d.terms[k]]++;
			disease[j] = di;
			freq[j] = d.freqs[k];
		}
	});
	ix = { start, disease, freq };
	directCache.set(ann, ix);
	return ix;
}

/**
 * Disease → query similarity of every disease (see PhenotypeParams.reverseWeight), centred over
 * diseases: frequency-weighted mean over a disease's terms of the IC of the most informative
 * ancestor shared with an observed term.
 */
function reverseSimilarity(ontology: Ontology, ann: Annotations, query: PreparedQuery, params: PhenotypeParams): Float64Array {
	const { bg, unknown } = termStats(ontology, ann, params);
	const inQuery = new Uint8Array(ontology.size);
	for (const q of query.observed) for (const a of ontology.ancestors[q]) inQuery[a] = 1;
	inQuery[ontology.indexOf('HP:0000001')] = 0;
	inQuery[ontology.indexOf('HP:0000118')] = 0;
	const icToQuery = new Float64Array(ontology.size).fill(-1);
	const icOf = (t: number) => {
		if (icToQuery[t] >= 0) return icToQuery[t];
		let best = 0;
		for (const a of ontology.ancestors[t]) if (inQuery[a]) best = Math.max(best, -Math.log(bg[a]));
		return (icToQuery[t] = best);
	};
	const out = new Float64Array(ann.diseases.length);
	let mean = 0;
	ann.diseases.forEach((d, di) => {
		let num = 0;
		let den = 0;
		for (let k = 0; k < d.terms.length; k++) {
			const w = d.freqs[k] < 0 ? unknown[di] : d.freqs[k];
			num += w * icOf(d.terms[k]);
			den += w;
		}
		out[di] = den > 0 ? num / den : 0;
		mean += out[di];
	});
	mean /= Math.max(1, out.length);
	for (let i = 0; i < out.length; i++) out[i] -= mean;
	return out;
}

/**
 * Best LR numerator per disease for one observed term q (before the floor): exact/implied,
 * subsumed and partial matches (see the module comment). `best` is filled in place (max).
 */
function termMatches(ontology: Ontology, ann: Annotations, q: number, params: PhenotypeParams, direct: DirectIndex | null, uninformative: Set<number>, best: Float64Array): void {
	const { bg, freq, unknown } = termStats(ontology, ann, params);
	for (const a of ontology.ancestors[q]) {
		if (uninformative.has(a)) continue;
		const w = (a === q ? 1 : params.partial) / bg[a];
		for (let j = ann.postStart[a], end = ann.postStart[a + 1]; j < end; j++) {
			const v = freq[j] * w;
			const d = ann.postDisease[j];
			if (v > best[d]) best[d] = v;
		}
		if (direct && a !== q) {
			// the disease is annotated with a itself: the patient is described more specifically
			const ws = params.subsumed / bg[a];
			for (let j = direct.start[a], end = direct.start[a + 1]; j < end; j++) {
				const d = direct.disease[j];
				const f = direct.freq[j] < 0 ? unknown[d] : direct.freq[j];
				const v = f * ws;
				if (v > best[d]) best[d] = v;
			}
		}
	}
}

/** Number of annotation terms sampled for the per-disease normaliser. */
const NORMALISER_SAMPLES = 1000;
const normCache = new WeakMap<Annotations, { key: string; value: Float64Array }>();

/**
 * Per-disease normaliser (see PhenotypeParams.normalise), centred over diseases: ln of the mean
 * LR a disease gives to one observed term drawn from the annotation corpus (every k-th
 * disease–term annotation, i.e. a term of a random disease: P(q | not D)). For a proper model
 * P(q | D) sums to 1 over terms, so that mean is 1; a disease whose broad or long annotation
 * list gives LR > 1 to many terms has a mean above 1 and is scaled down by it.
 */
function termNormaliser(ontology: Ontology, ann: Annotations, params: PhenotypeParams): Float64Array {
	const key = `${params.partial},${params.subsumed},${params.floor},${params.sparseFloor},${params.unknownFrequency},${params.noisyOr},${params.unknownByLength}`;
	const hit = normCache.get(ann);
	if (hit && hit.key === key) return hit.value;
	const nD = ann.diseases.length;
	let total = 0;
	for (const d of ann.diseases) total += d.terms.length;
	const step = Math.max(1, Math.floor(total / NORMALISER_SAMPLES));
	const root = ontology.indexOf('HP:0000001');
	const abnormal = ontology.indexOf('HP:0000118');
	const uninformative = new Set([root, abnormal]);
	const direct = params.subsumed > params.partial ? directIndex(ontology, ann) : null;
	const floors = diseaseFloors(ann, params);
	const sum = new Float64Array(nD);
	const best = new Float64Array(nD);
	let n = 0;
	let k = 0;
	for (const dz of ann.diseases)
		for (const t of dz.terms) {
			if (k++ % step !== 0 || !ontology.isA(t, abnormal)) continue;
			best.fill(0);
			termMatches(ontology, ann, t, params, direct, uninformative, best);
			for (let d = 0; d < nD; d++) sum[d] += Math.max(best[d], floors[d]);
			n++;
		}
	const out = new Float64Array(nD);
	let mean = 0;
	for (let d = 0; d < nD; d++) mean += out[d] = Math.log(sum[d] / Math.max(1, n));
	mean /= Math.max(1, nD);
	for (let d = 0; d < nD; d++) out[d] -= mean;
	normCache.set(ann, { key, value: out });
	return out;
}

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
	const stats = termStats(ontology, ann, params);
	const bg = stats.bg;
	const best = new Float64Array(nD);
	const floors = diseaseFloors(ann, params);
	const lnFloors = floors.map(Math.log);
	const uninformative = new Set([ontology.indexOf('HP:0000001'), ontology.indexOf('HP:0000118')]);
	const simW = params.similarityWeight / Math.max(1, query.observed.length);
	const bestIc = new Float64Array(nD);
	const meanIcs: number[] = [];
	const direct = params.subsumed > params.partial ? directIndex(ontology, ann) : null;
	const norm = params.normalise !== 0 && query.observed.length ? termNormaliser(ontology, ann, params) : null;
	for (const q of query.observed) {
		best.fill(0);
		bestIc.fill(0);
		termMatches(ontology, ann, q, params, direct, uninformative, best);
		if (simW !== 0)
			for (const a of ontology.ancestors[q]) {
				if (uninformative.has(a)) continue;
				const ic = -Math.log(bg[a]);
				for (let j = ann.postStart[a], end = ann.postStart[a + 1]; j < end; j++) if (ic > bestIc[ann.postDisease[j]]) bestIc[ann.postDisease[j]] = ic;
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
		if (params.contradicted > 0)
			for (const d of contradictedBy(ontology, ann, q)) logLR[d] += Math.log(params.contradicted) - (best[d] > floors[d] ? Math.log(best[d]) : lnFloors[d]);
	}
	if (norm) for (let d = 0; d < nD; d++) logLR[d] -= params.normalise * query.observed.length * norm[d];
	const reverse = params.reverseWeight !== 0 && query.observed.length ? reverseSimilarity(ontology, ann, query, params) : null;
	if (reverse) for (let d = 0; d < nD; d++) logLR[d] += params.reverseWeight * reverse[d];
	for (const e of query.excluded) {
		for (let j = ann.postStart[e], end = ann.postStart[e + 1]; j < end; j++) {
			const f = stats.freq[j];
			if (f > 0 && f >= params.excludedMinFrequency) logLR[ann.postDisease[j]] += Math.log(Math.max(1 - f, params.excludedFloor));
		}
	}
	return {
		logLR,
		explain: (d) => explainDisease(ontology, ann, d, query, params, floors[d], meanIcs, reverse ? params.reverseWeight * reverse[d] : 0, norm ? params.normalise * norm[d] : 0)
	};
}

/** Frequency of term t in disease d as the scorer reads it (propagated posting; 0 when d does not imply t). */
function postingFrequency(ann: Annotations, stats: TermStats, t: number, d: number): number {
	// postings of a term are in disease order
	let lo = ann.postStart[t];
	let hi = ann.postStart[t + 1] - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const x = ann.postDisease[mid];
		if (x === d) return stats.freq[mid];
		if (x < d) lo = mid + 1;
		else hi = mid - 1;
	}
	return 0;
}

function explainDisease(ontology: Ontology, ann: Annotations, d: number, query: PreparedQuery, params: PhenotypeParams, floor: number, meanIcs: number[], reverseLn: number, normLn: number): TermMatch[] {
	const dz = ann.diseases[d];
	const stats = termStats(ontology, ann, params);
	const bg = stats.bg;
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
			const f = dz.freqs[k] < 0 ? stats.unknown[d] : dz.freqs[k];
			for (const a of ontology.ancestors[dz.terms[k]]) {
				if (!qAnc.has(a) || a === root || a === abnormal) continue;
				bestIc = Math.max(bestIc, -Math.log(bg[a]));
				// as termMatches: the disease's (propagated) frequency of a, or of its own term a (subsumed)
				const subsumed = a !== q && a === dz.terms[k] && params.subsumed > params.partial;
				const kappa = a === q ? 1 : subsumed ? params.subsumed : params.partial;
				const v = ((subsumed ? f : postingFrequency(ann, stats, a, d)) * kappa) / bg[a];
				if (v > best) {
					best = v;
					bestTerm = dz.terms[k];
					bestVia = a;
				}
			}
		}
		const lr = Math.max(floor, best || floor);
		const kind: TermMatch['kind'] = lr <= floor ? 'none' : bestVia === q ? 'exact' : 'partial';
		const against = params.contradicted > 0 && contradictedBy(ontology, ann, q).has(d) ? (dz.notTerms ?? []).find((t) => ontology.isA(q, t)) : undefined;
		if (against !== undefined) {
			out.push({
				query: ontology.idOf(q),
				queryName: ontology.names[q],
				matched: ontology.idOf(against),
				matchedName: ontology.names[against],
				kind: 'contradicted',
				logLR: Math.log(params.contradicted) + (params.similarityWeight / Math.max(1, query.observed.length)) * (bestIc - meanIcs[qi]) + reverseLn / query.observed.length - normLn
			});
			continue;
		}
		out.push({
			query: ontology.idOf(q),
			queryName: ontology.names[q],
			matched: kind === 'none' || bestTerm < 0 ? null : ontology.idOf(kind === 'partial' ? bestVia : bestTerm),
			matchedName: kind === 'none' || bestTerm < 0 ? null : ontology.names[kind === 'partial' ? bestVia : bestTerm],
			kind,
			// the disease → query similarity is a disease-level term: shown spread over the observed terms
			logLR: Math.log(lr) + (params.similarityWeight / Math.max(1, query.observed.length)) * (bestIc - meanIcs[qi]) + reverseLn / query.observed.length - normLn
		});
	}
	for (const e of query.excluded) {
		const f = postingFrequency(ann, stats, e, d);
		const counts = f > 0 && f >= params.excludedMinFrequency;
		out.push({
			query: ontology.idOf(e),
			queryName: ontology.names[e],
			matched: f > 0 ? ontology.idOf(e) : null,
			matchedName: f > 0 ? ontology.names[e] : null,
			kind: f > 0 ? 'excluded-present' : 'excluded-absent',
			logLR: counts ? Math.log(Math.max(1 - f, params.excludedFloor)) : 0
		});
	}
	return out;
}
