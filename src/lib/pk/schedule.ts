/**
 * The dose-event scheduler shared by both PK solvers (the exact exponential-mode one in
 * superposition.ts and the ODE one in compartments.ts): it walks output times and dose events in
 * order, tells the solver to advance its state to each breakpoint, applies boluses, switches
 * infusion rates on and off at their start and end, and asks for an output at every time.
 */
import type { DoseEvent } from './regimen';

/** What a solver does at the scheduler's request. */
export interface DoseScheduleHandlers {
	/** Move the state forward to time `to` (h) under the current infusion rate; never backwards. */
	advance(to: number): void;
	/** A bolus or oral dose of `amount` mg is given now. */
	bolus(amount: number): void;
	/** The total infusion rate is now `rate` mg/h (0 when no infusion runs). */
	setInfusionRate(rate: number): void;
	/** Record the state as output number `k` (its time is `times[k]`). */
	output(k: number): void;
}

/**
 * Run `events` (ascending times) against `times` (ascending output times, h). `scale` multiplies
 * every dose amount. Infusions overlap correctly (rates add; each ends at its own time).
 */
export function runDoseSchedule(events: readonly DoseEvent[], times: Float64Array, h: DoseScheduleHandlers, scale = 1): void {
	const ends: { time: number; rate: number }[] = [];
	let rate = 0;
	let next = 0;
	for (let k = 0; k < times.length; k++) {
		const tout = times[k];
		for (;;) {
			const tEvent = next < events.length ? events[next].time : Infinity;
			const tEnd = ends.length ? ends[0].time : Infinity;
			const tb = Math.min(tEvent, tEnd);
			if (tb > tout) break;
			h.advance(tb);
			if (tEnd <= tEvent) {
				rate -= ends.shift()!.rate;
				if (Math.abs(rate) < 1e-15) rate = 0;
				h.setInfusionRate(rate);
			} else {
				const ev = events[next++];
				const amount = ev.amount * scale;
				if (ev.duration > 0) {
					const r = amount / ev.duration;
					rate += r;
					ends.push({ time: ev.time + ev.duration, rate: r });
					ends.sort((a, b) => a.time - b.time);
					h.setInfusionRate(rate);
				} else h.bolus(amount);
			}
		}
		h.advance(tout);
		h.output(k);
	}
}
