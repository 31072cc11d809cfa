/**
 * The compartment model as differential equations, for the Dormand–Prince solver: gut depot,
 * central and optional peripheral compartment, linear or Michaelis–Menten elimination, and an
 * optional metabolite formed from the parent's elimination. Linear models also have a closed
 * form (see exponentials.ts); this form is what non-linear models need and what the tests use
 * to check the closed forms.
 */
import { DormandPrince, type OdeOptions } from './ode';
import type { DoseEvent, Route } from './regimen';
import { runDoseSchedule } from './schedule';

/** Parameters of one (virtual) patient's model. Amounts in mg, volumes in L, time in h. */
export interface CompartmentParams {
	/** Linear clearance, L/h (ignored when vmax is set). */
	cl: number;
	/** Michaelis–Menten elimination: maximum rate mg/h and concentration at half-maximum mg/L. */
	vmax?: number;
	km?: number;
	v1: number;
	q?: number;
	v2?: number;
	/** First-order absorption rate constant, 1/h (oral). */
	ka?: number;
	/** Oral bioavailability, 0–1. */
	f?: number;
	/** Metabolite formed from the parent's elimination. */
	metabolite?: { fraction: number; cl: number; v: number };
}

/** Parent and (when modelled) metabolite concentrations, mg/L, at the requested times. */
export interface ConcentrationSeries {
	parent: Float64Array;
	metabolite: Float64Array | null;
}

/** Integrate the model over the doses and report concentrations at `times` (ascending). */
export function simulateOde(
	p: CompartmentParams,
	route: Route,
	events: DoseEvent[],
	times: Float64Array,
	options: OdeOptions = {}
): ConcentrationSeries {
	const k12 = p.q && p.v2 ? p.q / p.v1 : 0;
	const k21 = p.q && p.v2 ? p.q / p.v2 : 0;
	const ka = p.ka ?? 0;
	const met = p.metabolite;
	let rateIn = 0;
	// y = [gut, central, peripheral, metabolite] amounts (mg)
	const rhs = (_t: number, y: Float64Array, dy: Float64Array) => {
		const c = y[1] / p.v1;
		const elim = p.vmax !== undefined && p.km !== undefined ? (p.vmax * c) / (p.km + c) : p.cl * c;
		const absorbed = ka * y[0];
		dy[0] = -absorbed;
		dy[1] = absorbed + rateIn - elim - k12 * y[1] + k21 * y[2];
		dy[2] = k12 * y[1] - k21 * y[2];
		dy[3] = met ? met.fraction * elim - (met.cl / met.v) * y[3] : 0;
	};
	const solver = new DormandPrince(rhs, 4, options);
	const y = new Float64Array(4);
	const parent = new Float64Array(times.length);
	const metabolite = met ? new Float64Array(times.length) : null;
	let t = 0;
	runDoseSchedule(events, times, {
		advance(to) {
			// The step size is kept across doses: error control shrinks it if a jump needs that.
			if (to > t) solver.integrate(y, t, to);
			t = Math.max(t, to);
		},
		bolus(amount) {
			if (route === 'oral') y[0] += amount * (p.f ?? 1);
			else y[1] += amount;
		},
		setInfusionRate(rate) {
			rateIn = rate;
		},
		output(k) {
			parent[k] = y[1] / p.v1;
			if (metabolite && met) metabolite[k] = y[3] / met.v;
		}
	});
	return { parent, metabolite };
}

/** Analytic average steady-state concentration under Michaelis–Menten elimination for a dosing rate (mg/h, bioavailable). */
export function michaelisMentenSteadyState(vmax: number, km: number, rate: number): number {
	if (rate >= vmax) return Infinity;
	return (km * rate) / (vmax - rate);
}

/** Dosing rate (mg/h, bioavailable) that gives the average steady-state concentration `css` under Michaelis–Menten elimination. */
export function michaelisMentenRateFor(vmax: number, km: number, css: number): number {
	return (vmax * css) / (km + css);
}
