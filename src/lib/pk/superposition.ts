/**
 * Multiple-dose linear kinetics, exactly: each exponential mode of the unit response is a state
 * that decays by e^(−λh) between breakpoints and jumps at each bolus (or integrates a constant
 * infusion rate exactly). This equals the sum over doses of the closed-form single-dose response
 * (superposition) but costs O(times × modes) instead of O(times × doses × modes).
 */
import { evalBolus, evalInfusion, type ExpSum } from './exponentials';
import type { DoseEvent } from './regimen';
import { runDoseSchedule } from './schedule';

/** Concentrations at `times` (ascending, h) for the given doses; `scale` multiplies every dose. */
export function simulateModes(r: ExpSum, events: DoseEvent[], times: Float64Array, scale = 1): Float64Array {
	const n = r.rate.length;
	const x = new Float64Array(n);
	const out = new Float64Array(times.length);
	let rateIn = 0;
	let t = 0;
	runDoseSchedule(
		events,
		times,
		{
			advance(to) {
				const h = to - t;
				if (h <= 0) return;
				for (let i = 0; i < n; i++) {
					const l = r.rate[i];
					const e = Math.exp(-l * h);
					x[i] = x[i] * e + (rateIn !== 0 ? (r.coef[i] * rateIn * -Math.expm1(-l * h)) / l : 0);
				}
				t = to;
			},
			bolus(amount) {
				for (let i = 0; i < n; i++) x[i] += r.coef[i] * amount;
			},
			setInfusionRate(rate) {
				rateIn = rate;
			},
			output(k) {
				let c = 0;
				for (let i = 0; i < n; i++) c += x[i];
				out[k] = c;
			}
		},
		scale
	);
	return out;
}

/** Reference implementation: the plain sum over doses of the single-dose closed form at time t. */
export function superpose(r: ExpSum, events: DoseEvent[], t: number, scale = 1): number {
	let c = 0;
	for (const ev of events) {
		if (ev.time > t) break;
		const a = ev.amount * scale;
		c += ev.duration > 0 ? a * evalInfusion(r, t - ev.time, ev.duration) : a * evalBolus(r, t - ev.time);
	}
	return c;
}
