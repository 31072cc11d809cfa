/**
 * One simulation: the patient's and the typical patient's concentration–time curves for a
 * regimen, steady-state metrics, the exposure ratio, the dose that gives this patient the
 * typical exposure, and CPIC advice beside it.
 */
import {
	michaelisMentenRateFor,
	simulateOde,
	type CompartmentParams
} from './compartments';
import type { CpicAdvice, CpicGuideline, DrugModel } from './data-types';
import { PkError } from './errors';
import { assertModelled } from './not-modelled';
import {
	bolusResponse,
	evalSteadyState,
	metaboliteResponse,
	totalArea,
	withFirstOrderInput,
	type ExpSum
} from './exponentials';
import { personalize, getDrug, typicalParams, type GeneActivity } from './personalize';
import { phenotypeLabel, type PhenotypeInput } from './phenotypes';
import { doseEvents, timeGrid, validatePoints, validateRegimen, type Regimen } from './regimen';
import { simulateModes } from './superposition';
import { SOURCES } from './sources';

/** What to simulate. */
export interface SimulationRequest {
	drug: string;
	phenotypes?: PhenotypeInput;
	comedications?: string[];
	/** Overrides of the drug's default regimen. */
	regimen?: Partial<Regimen>;
	weightKg?: number;
	/** Output points of the curves (default 600). */
	points?: number;
}

/** Steady-state figures over one dosing interval, in display units (AUC: unit·h). */
export interface SteadyStateMetrics {
	cmax: number;
	cmin: number;
	/** AUC over one interval. */
	auc: number;
	/** Average concentration over the interval. */
	cavg: number;
	/** Fraction of the interval inside the therapeutic window (null when none). */
	timeInWindow: number | null;
	/** False when levels never settle (saturated elimination): the figures are then the end of a long run. */
	settles: boolean;
}

/** A simulation's answer. */
export interface SimulationResult {
	drug: { id: string; name: string; use: string; analyteName: string; kind: 'linear' | 'michaelis-menten' };
	unit: string;
	/** Multiply mg/L by this to get the display unit. */
	displayFactor: number;
	regimen: Regimen;
	weightKg: number;
	/** Hours. */
	times: number[];
	patient: number[];
	typical: number[];
	window: { low: number; high: number; what: string } | null;
	steadyState: { patient: SteadyStateMetrics; typical: SteadyStateMetrics };
	/** Patient's steady-state AUC ÷ the typical patient's. */
	exposureRatio: number;
	/** Dose (mg, same interval) giving this patient the typical average exposure; null with a reason when none does. */
	equivalentDose: { mg: number; fraction: number } | { mg: null; reason: string };
	activities: GeneActivity[];
	clearanceRatio: number;
	formationRatio: number;
	/** The CPIC row for the patient's phenotype: guideline (with version), knowledge-base lookup key and advice. */
	cpic: { guideline: string; gene: string; phenotype: string; lookup: string; population: string; advice: CpicAdvice | null } | null;
	warnings: string[];
	caveats: string[];
	pharmacodynamicNotes: { gene: string; text: string }[];
	/** Sources used by this drug's numbers: key → citation. */
	sources: Record<string, string>;
}

/** Complete a regimen from the drug's default and validate it. */
export function resolveRegimen(drug: DrugModel, override: Partial<Regimen> = {}): Regimen {
	const r: Regimen = { ...drug.regimen, ...Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined)) };
	if (r.route !== 'iv-infusion') delete r.infusionHours;
	if (override.dose !== undefined && override.loadingDose === undefined && drug.regimen.loadingDose)
		r.loadingDose = drug.regimen.loadingDose * (override.dose / drug.regimen.dose);
	validateRegimen(r);
	return r;
}

/** Unit response (mg/L per mg dosed) of the displayed analyte for linear parameters. */
export function analyteResponse(p: CompartmentParams, drug: DrugModel, route: Regimen['route']): ExpSum {
	const central = bolusResponse({ cl: p.cl, v1: p.v1, q: p.q, v2: p.v2 });
	const parent = route === 'oral' ? withFirstOrderInput(central, p.ka ?? 1, p.f ?? 1) : central;
	if (drug.analyte === 'metabolite' && p.metabolite) {
		return metaboliteResponse(parent, p.metabolite.fraction * p.cl, p.metabolite.cl, p.metabolite.v);
	}
	return parent;
}

/** Steady-state metrics of a linear model in mg/L (window in mg/L). */
function linearSteadyState(r: ExpSum, reg: Regimen, window: { low: number; high: number } | null): SteadyStateMetrics {
	const duration = reg.route === 'iv-infusion' ? (reg.infusionHours ?? 0) : 0;
	const n = 400;
	let cmax = -Infinity;
	let cmin = Infinity;
	let inside = 0;
	for (let i = 0; i < n; i++) {
		const t = (reg.interval * i) / n;
		const c = reg.dose * evalSteadyState(r, t, reg.interval, duration);
		cmax = Math.max(cmax, c);
		cmin = Math.min(cmin, c);
		if (window && c >= window.low && c <= window.high) inside++;
	}
	const auc = reg.dose * totalArea(r);
	return { cmax, cmin, auc, cavg: auc / reg.interval, timeInWindow: window ? inside / n : null, settles: true };
}

/** Steady-state metrics of an ODE model: run until successive troughs agree, measure the last interval. */
function odeSteadyState(p: CompartmentParams, drug: DrugModel, reg: Regimen, window: { low: number; high: number } | null): SteadyStateMetrics {
	const perInterval = 96;
	let doses = Math.max(reg.doses, 20);
	// Saturated elimination never settles: one run of the regimen is all there is to measure.
	const saturated = ((p.f ?? 1) * reg.dose) / reg.interval >= (p.vmax ?? Infinity);
	const attempts = saturated ? 1 : 4;
	for (let attempt = 0; attempt < attempts; attempt++, doses *= 2) {
		const r: Regimen = { ...reg, doses, loadingDose: undefined };
		const end = doses * reg.interval;
		const times = new Float64Array(2 * perInterval + 1);
		for (let i = 0; i < times.length; i++) times[i] = end - 2 * reg.interval + (reg.interval * i) / perInterval;
		const series = simulateOde(p, reg.route, doseEvents(r), times, { rtol: 1e-7, atol: 1e-9 });
		const c = drug.analyte === 'metabolite' && series.metabolite ? series.metabolite : series.parent;
		const prevTrough = c[0];
		const lastTrough = c[perInterval];
		if (Math.abs(lastTrough - prevTrough) <= 1e-3 * Math.max(lastTrough, 1e-12) || attempt === attempts - 1) {
			let cmax = -Infinity;
			let cmin = Infinity;
			let auc = 0;
			let inside = 0;
			for (let i = perInterval; i <= 2 * perInterval; i++) {
				cmax = Math.max(cmax, c[i]);
				cmin = Math.min(cmin, c[i]);
				if (i > perInterval) auc += ((c[i] + c[i - 1]) / 2) * (reg.interval / perInterval);
				if (i < 2 * perInterval && window && c[i] >= window.low && c[i] <= window.high) inside++;
			}
			const settles = !saturated;
			return { cmax, cmin, auc, cavg: auc / reg.interval, timeInWindow: window ? inside / perInterval : null, settles };
		}
	}
	throw new PkError('solver-failed', 'steady state was not reached');
}

/**
 * Concentration series of the analyte (mg/L) at `times`. `rtol` sets the ODE solver's relative
 * tolerance for non-linear drugs (default 1e-6; the population band uses 1e-4, far below the
 * spread it shows).
 */
export function analyteSeries(p: CompartmentParams, drug: DrugModel, reg: Regimen, times: Float64Array, rtol = 1e-6): Float64Array {
	const events = doseEvents(reg);
	if (p.vmax !== undefined) {
		const s = simulateOde(p, reg.route, events, times, { rtol, atol: 1e-9 });
		return drug.analyte === 'metabolite' && s.metabolite ? s.metabolite : s.parent;
	}
	return simulateModes(analyteResponse(p, drug, reg.route), events, times);
}

/** Steady-state metrics in mg/L for given parameters. */
export function steadyState(p: CompartmentParams, drug: DrugModel, reg: Regimen, windowMgL: { low: number; high: number } | null): SteadyStateMetrics {
	return p.vmax !== undefined ? odeSteadyState(p, drug, reg, windowMgL) : linearSteadyState(analyteResponse(p, drug, reg.route), reg, windowMgL);
}

/** Factor from mg/L to the display unit; relative units need the typical steady-state peak. */
export function displayFactor(drug: DrugModel, typicalPeakMgL: number): { unit: string; factor: number } {
	if ('relative' in drug.display) return { unit: drug.display.unit, factor: 100 / typicalPeakMgL };
	return { unit: drug.display.unit, factor: drug.display.factor };
}

function scaleMetrics(m: SteadyStateMetrics, f: number): SteadyStateMetrics {
	return { ...m, cmax: m.cmax * f, cmin: m.cmin * f, auc: m.auc * f, cavg: m.cavg * f };
}

/** Activity score CPIC uses for a phenotype when only the phenotype is known. */
const DEFAULT_SCORE: Partial<Record<string, number>> = { poor: 0, intermediate: 1, normal: 2, ultrarapid: 3 };

/** The knowledge-base lookup key of the patient's phenotype for a guideline ("Poor Metabolizer" or "1.0"). */
export function cpicLookupKey(guideline: CpicGuideline, activity: GeneActivity | undefined): string {
	if (guideline.lookupBy === 'activity-score') {
		const score = activity?.activityScore ?? DEFAULT_SCORE[activity?.phenotypeKey ?? 'normal'] ?? 2;
		return score.toFixed(1);
	}
	return phenotypeLabel(guideline.gene, activity?.phenotypeKey ?? 'normal');
}

/** The CPIC advice row that applies to the patient's phenotype for this drug. */
function cpicFor(drug: DrugModel, activities: GeneActivity[]): SimulationResult['cpic'] {
	if (!drug.cpic) return null;
	const g = drug.cpic;
	const a = activities.find((x) => x.gene === g.gene);
	const key = cpicLookupKey(g, a);
	return {
		guideline: SOURCES[g.source]?.citation ?? g.source,
		gene: g.gene,
		phenotype: a?.phenotype ?? 'not given',
		lookup: key,
		population: g.population,
		advice: g.advice[key] ?? null
	};
}

/** Source keys used anywhere in a drug's data. */
export function drugSources(drug: DrugModel): Record<string, string> {
	const keys = new Set<string>();
	const walk = (v: unknown) => {
		if (!v || typeof v !== 'object') return;
		const o = v as Record<string, unknown>;
		if (typeof o.source === 'string' && o.source in SOURCES) keys.add(o.source);
		for (const x of Object.values(o)) walk(x);
	};
	walk(drug);
	return Object.fromEntries([...keys].sort().map((k) => [k, SOURCES[k].citation]));
}

/**
 * Run one simulation (patient vs typical). Throws PkError on bad input, and PkError
 * 'phenotype-not-modelled' (no curve, no equivalent dose) for results the drug's model does not simulate.
 */
export function simulate(req: SimulationRequest): SimulationResult {
	const drug = getDrug(req.drug);
	assertModelled(drug, req.phenotypes ?? {});
	const weightKg = req.weightKg ?? 70;
	const reg = resolveRegimen(drug, req.regimen);
	const person = personalize(drug, req.phenotypes ?? {}, req.comedications ?? [], weightKg);
	const typical = typicalParams(drug, weightKg);
	const end = reg.doses * reg.interval;
	validatePoints(req.points ?? 600);
	const times = timeGrid(end, req.points ?? 600);

	// Steady state (mg/L) of the typical patient first: relative units are defined by its peak.
	const displayWindowToMgL = (f: number) =>
		drug.window ? { low: drug.window.low.value / f, high: drug.window.high.value / f } : null;
	const typicalRaw = steadyState(typical, drug, reg, null);
	const disp = displayFactor(drug, typicalRaw.cmax);
	const windowMgL = displayWindowToMgL(disp.factor);
	const ssTypical = scaleMetrics(steadyState(typical, drug, reg, windowMgL), disp.factor);
	const ssPatient = scaleMetrics(steadyState(person.params, drug, reg, windowMgL), disp.factor);

	if (person.params.vmax !== undefined) {
		const rate = ((person.params.f ?? 1) * reg.dose) / reg.interval;
		if (rate >= person.params.vmax)
			person.warnings.push(
				`At ${reg.dose} mg every ${reg.interval} h this patient's elimination saturates (the dosing rate exceeds the maximum elimination rate): levels keep rising and never settle. The steady-state figures show the end of a long run, not a true steady state.`
			);
	}
	const patientSeries = analyteSeries(person.params, drug, reg, times);
	const typicalSeries = analyteSeries(typical, drug, reg, times);
	const exposureRatio = ssPatient.auc / ssTypical.auc;

	let equivalentDose: SimulationResult['equivalentDose'];
	if (!ssTypical.settles) {
		equivalentDose = { mg: null, reason: `At this dose even a typical patient's levels never settle, so there is no typical exposure to match.` };
	} else if (!(exposureRatio > 0.05)) {
		equivalentDose = { mg: null, reason: `This patient forms almost none of the ${drug.analyteName}: no dose of ${drug.name} reaches the typical exposure.` };
	} else if (person.params.vmax !== undefined && typical.vmax !== undefined) {
		const targetCss = ssTypical.cavg / disp.factor;
		const rate = michaelisMentenRateFor(person.params.vmax, person.params.km!, targetCss);
		const mg = (rate * reg.interval) / (person.params.f ?? 1);
		equivalentDose = { mg, fraction: mg / reg.dose };
	} else {
		equivalentDose = { mg: reg.dose / exposureRatio, fraction: 1 / exposureRatio };
	}

	const f = disp.factor;
	const round = (a: Float64Array) => Array.from(a, (x) => Math.round(x * f * 1e6) / 1e6);
	return {
		drug: { id: drug.id, name: drug.name, use: drug.use, analyteName: drug.analyteName, kind: drug.pk.kind },
		unit: disp.unit,
		displayFactor: disp.factor,
		regimen: reg,
		weightKg,
		times: Array.from(times, (t) => Math.round(t * 1e4) / 1e4),
		patient: round(patientSeries),
		typical: round(typicalSeries),
		window: drug.window ? { low: drug.window.low.value, high: drug.window.high.value, what: drug.window.what } : null,
		steadyState: { patient: ssPatient, typical: ssTypical },
		exposureRatio,
		equivalentDose,
		activities: person.activities,
		clearanceRatio: person.clearanceRatio,
		formationRatio: person.formationRatio,
		cpic: cpicFor(drug, person.activities),
		warnings: person.warnings,
		caveats: drug.caveats,
		pharmacodynamicNotes: (drug.pharmacodynamicNotes ?? []).map((n) => ({ gene: n.gene, text: n.text })),
		sources: drugSources(drug)
	};
}
