/** Dosing regimens: validation and the list of dose events they produce. */
import { PkError } from './errors';

/** How a dose enters the body. */
export type Route = 'oral' | 'iv-bolus' | 'iv-infusion';

/** A repeated-dose regimen. */
export interface Regimen {
	route: Route;
	/** Maintenance dose, mg. */
	dose: number;
	/** Hours between doses. */
	interval: number;
	/** Number of doses (including the loading dose when there is one). */
	doses: number;
	/** Optional first dose that differs from the maintenance dose, mg. */
	loadingDose?: number;
	/** Infusion duration per dose, hours (iv-infusion only; ≤ interval). */
	infusionHours?: number;
}

/** One administration: `amount` mg at `time` h, infused over `duration` h (0 = bolus/oral). */
export interface DoseEvent {
	time: number;
	amount: number;
	duration: number;
}

/** Most output points of one curve (a screen has fewer pixels; each point costs memory per patient). */
export const MAX_POINTS = 100_000;

/** Throw a PkError (code bad-parameter) unless `points` is a whole number from 2 to MAX_POINTS. */
export function validatePoints(points: number): void {
	if (!Number.isInteger(points) || points < 2 || points > MAX_POINTS)
		throw new PkError('bad-parameter', `the number of output points must be a whole number from 2 to ${MAX_POINTS.toLocaleString('en')}, got ${points}`);
}

/** Largest number of doses one simulation accepts (a year of hourly doses). */
export const MAX_DOSES = 8760;

/** Throw a PkError (code bad-regimen) unless the regimen is usable. */
export function validateRegimen(r: Regimen): void {
	const bad = (msg: string) => {
		throw new PkError('bad-regimen', msg);
	};
	if (!['oral', 'iv-bolus', 'iv-infusion'].includes(r.route))
		bad(`route must be oral, iv-bolus or iv-infusion, got "${String(r.route)}"`);
	if (!Number.isFinite(r.dose) || r.dose <= 0) bad(`dose must be a positive number of mg, got ${r.dose}`);
	if (!Number.isFinite(r.interval) || r.interval <= 0) bad(`interval must be a positive number of hours, got ${r.interval}`);
	if (!Number.isInteger(r.doses) || r.doses < 1 || r.doses > MAX_DOSES)
		bad(`number of doses must be a whole number from 1 to ${MAX_DOSES}, got ${r.doses}`);
	if (r.loadingDose !== undefined && (!Number.isFinite(r.loadingDose) || r.loadingDose <= 0))
		bad(`loading dose must be a positive number of mg, got ${r.loadingDose}`);
	if (r.route === 'iv-infusion') {
		const d = r.infusionHours;
		if (d === undefined || !Number.isFinite(d) || d <= 0 || d > r.interval)
			bad(`infusion duration must be more than 0 h and at most the dosing interval (${r.interval} h)`);
	}
}

/** The dose events of a regimen, in time order. */
export function doseEvents(r: Regimen): DoseEvent[] {
	validateRegimen(r);
	const duration = r.route === 'iv-infusion' ? (r.infusionHours ?? 0) : 0;
	const out: DoseEvent[] = [];
	for (let i = 0; i < r.doses; i++) {
		out.push({ time: i * r.interval, amount: i === 0 && r.loadingDose ? r.loadingDose : r.dose, duration });
	}
	return out;
}

/** Evenly spaced output times from 0 to `end` hours inclusive, about `points` of them. */
export function timeGrid(end: number, points: number): Float64Array {
	const n = Math.max(2, Math.round(points));
	const out = new Float64Array(n);
	for (let i = 0; i < n; i++) out[i] = (end * i) / (n - 1);
	return out;
}
