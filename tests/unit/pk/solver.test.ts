/**
 * The closed forms (sums of exponentials, superposition) against the adaptive Dormand–Prince
 * solver, and the solver against exact solutions: agreement to 1e-6 relative.
 */
import { describe, expect, it } from 'vitest';
import {
	DormandPrince,
	bolusResponse,
	doseEvents,
	evalBolus,
	evalInfusion,
	evalSteadyState,
	metaboliteResponse,
	michaelisMentenSteadyState,
	simulateModes,
	simulateOde,
	superpose,
	totalArea,
	withFirstOrderInput,
	type CompartmentParams,
	type Regimen
} from '../../../src/lib/pk/index';

const TIGHT = { rtol: 1e-10, atol: 1e-13 };

/** max |a−b| / max|b| over a series (relative to the series' scale). */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
	let scale = 0;
	let err = 0;
	for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
	for (let i = 0; i < b.length; i++) err = Math.max(err, Math.abs(a[i] - b[i]));
	return err / scale;
}

const grid = (end: number, n: number) => Float64Array.from({ length: n }, (_, i) => (end * i) / (n - 1));

describe('Dormand–Prince solver', () => {
	it('solves y′ = −k·y to 1e-9 relative', () => {
		const solver = new DormandPrince((_t, y, dy) => (dy[0] = -0.3 * y[0]), 1, TIGHT);
		const y = Float64Array.of(5);
		solver.integrate(y, 0, 10);
		expect(Math.abs(y[0] - 5 * Math.exp(-3)) / (5 * Math.exp(-3))).toBeLessThan(1e-9);
	});

	it('solves the non-linear logistic equation to 1e-8 relative', () => {
		const r = 1.3;
		const K = 10;
		const solver = new DormandPrince((_t, y, dy) => (dy[0] = r * y[0] * (1 - y[0] / K)), 1, TIGHT);
		const y = Float64Array.of(0.5);
		solver.integrate(y, 0, 6);
		const exact = K / (1 + ((K - 0.5) / 0.5) * Math.exp(-r * 6));
		expect(Math.abs(y[0] - exact) / exact).toBeLessThan(1e-8);
	});

	it('needs fewer steps at loose tolerance (error control is active)', () => {
		const f = (_t: number, y: Float64Array, dy: Float64Array) => {
			dy[0] = y[1];
			dy[1] = -y[0];
		};
		const loose = new DormandPrince(f, 2, { rtol: 1e-4, atol: 1e-6 });
		const tight = new DormandPrince(f, 2, TIGHT);
		loose.integrate(Float64Array.of(1, 0), 0, 20);
		tight.integrate(Float64Array.of(1, 0), 0, 20);
		expect(loose.steps).toBeLessThan(tight.steps / 3);
	});
});

describe('closed forms vs the ODE solver', () => {
	const times = grid(48, 97);

	it('IV bolus, one compartment: C = D/V·e^(−kt)', () => {
		const p: CompartmentParams = { cl: 4, v1: 40 };
		const reg: Regimen = { route: 'iv-bolus', dose: 100, interval: 48, doses: 1 };
		const ode = simulateOde(p, 'iv-bolus', doseEvents(reg), times, TIGHT).parent;
		const exact = times.map((t) => (100 / 40) * Math.exp(-0.1 * t));
		expect(relErr(ode, exact)).toBeLessThan(1e-6);
		expect(relErr(times.map((t) => 100 * evalBolus(bolusResponse(p), t)), exact)).toBeLessThan(1e-12);
	});

	it('oral, one compartment: the Bateman function', () => {
		const p: CompartmentParams = { cl: 5, v1: 50, ka: 1.2, f: 0.7 };
		const reg: Regimen = { route: 'oral', dose: 200, interval: 48, doses: 1 };
		const k = 0.1;
		const bateman = times.map((t) => ((0.7 * 200 * 1.2) / (50 * (1.2 - k))) * (Math.exp(-k * t) - Math.exp(-1.2 * t)));
		const ode = simulateOde(p, 'oral', doseEvents(reg), times, TIGHT).parent;
		const closed = times.map((t) => 200 * evalBolus(withFirstOrderInput(bolusResponse(p), 1.2, 0.7), t));
		expect(relErr(ode, bateman)).toBeLessThan(1e-6);
		expect(relErr(closed, bateman)).toBeLessThan(1e-12);
	});

	it('oral, two compartments, and the active metabolite', () => {
		const p: CompartmentParams = { cl: 6, v1: 30, q: 10, v2: 80, ka: 0.9, f: 0.8, metabolite: { fraction: 0.3, cl: 12, v: 40 } };
		const reg: Regimen = { route: 'oral', dose: 100, interval: 48, doses: 1 };
		const ode = simulateOde(p, 'oral', doseEvents(reg), times, TIGHT);
		const parentR = withFirstOrderInput(bolusResponse(p), 0.9, 0.8);
		const metR = metaboliteResponse(parentR, 0.3 * 6, 12, 40);
		expect(relErr(times.map((t) => 100 * evalBolus(parentR, t)), ode.parent)).toBeLessThan(1e-6);
		expect(relErr(times.map((t) => 100 * evalBolus(metR, t)), ode.metabolite!)).toBeLessThan(1e-6);
	});

	it('IV infusion, two compartments', () => {
		const p: CompartmentParams = { cl: 3, v1: 20, q: 6, v2: 60 };
		const reg: Regimen = { route: 'iv-infusion', dose: 500, interval: 48, doses: 1, infusionHours: 2 };
		const ode = simulateOde(p, 'iv-infusion', doseEvents(reg), times, TIGHT).parent;
		const closed = times.map((t) => 500 * evalInfusion(bolusResponse(p), t, 2));
		expect(relErr(closed, ode)).toBeLessThan(1e-6);
	});

	it('the area under a single dose is F·D/CL', () => {
		const p: CompartmentParams = { cl: 5, v1: 50, q: 4, v2: 70 };
		expect(100 * totalArea(withFirstOrderInput(bolusResponse(p), 1.5, 0.6))).toBeCloseTo((0.6 * 100) / 5, 10);
	});
});

describe('multiple doses: superposition vs numerical solution', () => {
	it('oral two-compartment regimen with a loading dose: modal stepping = plain superposition = ODE', () => {
		const p: CompartmentParams = { cl: 6, v1: 30, q: 10, v2: 80, ka: 0.9, f: 0.8 };
		const reg: Regimen = { route: 'oral', dose: 100, interval: 12, doses: 14, loadingDose: 250 };
		const times = grid(7 * 24, 337);
		const events = doseEvents(reg);
		const r = withFirstOrderInput(bolusResponse(p), 0.9, 0.8);
		const modal = simulateModes(r, events, times);
		const direct = times.map((t) => superpose(r, events, t));
		const ode = simulateOde(p, 'oral', events, times, TIGHT).parent;
		expect(relErr(modal, direct)).toBeLessThan(1e-12);
		expect(relErr(modal, ode)).toBeLessThan(1e-6);
	});

	it('repeated infusions: modal stepping = ODE', () => {
		const p: CompartmentParams = { cl: 3, v1: 20, q: 6, v2: 60 };
		const reg: Regimen = { route: 'iv-infusion', dose: 300, interval: 8, doses: 9, infusionHours: 1.5 };
		const times = grid(80, 321);
		const events = doseEvents(reg);
		const modal = simulateModes(bolusResponse(p), events, times);
		const ode = simulateOde(p, 'iv-infusion', events, times, TIGHT).parent;
		expect(relErr(modal, ode)).toBeLessThan(1e-6);
	});

	it('steady state and the accumulation factor 1/(1 − e^(−kτ))', () => {
		const p: CompartmentParams = { cl: 4, v1: 40 };
		const k = 0.1;
		const tau = 12;
		const r = bolusResponse(p);
		const accumulation = 1 / (1 - Math.exp(-k * tau));
		// Closed-form steady state: peak = single-dose peak × R.
		expect(evalSteadyState(r, 0, tau) / evalBolus(r, 0)).toBeCloseTo(accumulation, 12);
		// Numerical: after many doses the peak approaches the same factor.
		const reg: Regimen = { route: 'iv-bolus', dose: 1, interval: tau, doses: 200 };
		const last = Float64Array.of(199 * tau);
		const ode = simulateOde(p, 'iv-bolus', doseEvents(reg), last, TIGHT).parent[0];
		expect(Math.abs(ode / evalBolus(r, 0) - accumulation) / accumulation).toBeLessThan(1e-6);
	});

	it('periodic steady state of an oral regimen equals the long-run ODE solution', () => {
		const p: CompartmentParams = { cl: 5, v1: 60, q: 5, v2: 100, ka: 1, f: 0.9 };
		const tau = 24;
		const r = withFirstOrderInput(bolusResponse(p), 1, 0.9);
		const reg: Regimen = { route: 'oral', dose: 50, interval: tau, doses: 150 };
		const ts = Float64Array.from({ length: 25 }, (_, i) => 149 * tau + i);
		const ode = simulateOde(p, 'oral', doseEvents(reg), ts, TIGHT).parent;
		const closed = Array.from(ts, (t) => 50 * evalSteadyState(r, t - 149 * tau, tau));
		expect(relErr(closed, ode)).toBeLessThan(1e-6);
	});

	it('infusion steady state (closed form) equals the long-run ODE solution', () => {
		const p: CompartmentParams = { cl: 3, v1: 20, q: 6, v2: 60 };
		const tau = 8;
		const reg: Regimen = { route: 'iv-infusion', dose: 300, interval: tau, doses: 120, infusionHours: 1.5 };
		const ts = Float64Array.from({ length: 17 }, (_, i) => 119 * tau + i * 0.5);
		const ode = simulateOde(p, 'iv-infusion', doseEvents(reg), ts, TIGHT).parent;
		const closed = Array.from(ts, (t) => 300 * evalSteadyState(bolusResponse(p), t - 119 * tau, tau, 1.5));
		expect(relErr(closed, ode)).toBeLessThan(1e-6);
	});
});

describe('Michaelis–Menten', () => {
	it('steady state under a constant infusion matches Km·R/(Vmax − R)', () => {
		const p: CompartmentParams = { cl: 0, vmax: 20, km: 4, v1: 45 };
		const rate = 12; // mg/h
		const reg: Regimen = { route: 'iv-infusion', dose: rate * 24, interval: 24, doses: 60, infusionHours: 24 };
		const c = simulateOde(p, 'iv-infusion', doseEvents(reg), Float64Array.of(60 * 24), TIGHT).parent[0];
		const analytic = michaelisMentenSteadyState(20, 4, rate);
		expect(Math.abs(c - analytic) / analytic).toBeLessThan(1e-6);
	});

	it('reduces to the linear model when concentrations are far below Km', () => {
		const km = 1e6;
		const vmax = 5 * km; // Vmax/Km = CL = 5 L/h
		const times = grid(48, 49);
		const reg: Regimen = { route: 'oral', dose: 10, interval: 48, doses: 1 };
		const mm = simulateOde({ cl: 0, vmax, km, v1: 50, ka: 1, f: 1 }, 'oral', doseEvents(reg), times, TIGHT).parent;
		const lin = simulateOde({ cl: 5, v1: 50, ka: 1, f: 1 }, 'oral', doseEvents(reg), times, TIGHT).parent;
		expect(relErr(mm, lin)).toBeLessThan(1e-5);
	});
});

describe('population tolerance', () => {
	it('the looser ODE tolerance used for the variability band changes phenytoin levels by < 0.1 %', async () => {
		const { analyteSeries, getDrug, personalize, resolveRegimen } = await import('../../../src/lib/pk/index');
		const drug = getDrug('phenytoin');
		const reg = resolveRegimen(drug, { doses: 60 });
		const p = personalize(drug, {}).params;
		const times = grid(60 * 12, 241);
		expect(relErr(analyteSeries(p, drug, reg, times, 1e-4), analyteSeries(p, drug, reg, times, 1e-8))).toBeLessThan(1e-3);
	});
});
