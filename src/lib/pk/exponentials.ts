/**
 * Closed-form linear pharmacokinetics as sums of exponentials.
 *
 * Every linear compartment model's response to a unit dose is Σ cᵢ·e^(−λᵢ·t) (its "unit impulse
 * response", concentration per mg). Oral absorption and metabolite formation are convolutions
 * with first-order processes, which map a sum of exponentials to another one in closed form.
 * Multiple doses add up by superposition.
 */

/** Concentration (mg/L) per mg of dose as Σ coef[i]·exp(−rate[i]·t). */
export interface ExpSum {
	coef: number[];
	rate: number[];
}

/** Parameters of a linear one- or two-compartment model (two when q and v2 are given). */
export interface LinearDisposition {
	/** Clearance from the central compartment, L/h. */
	cl: number;
	/** Central volume, L. */
	v1: number;
	/** Inter-compartmental clearance, L/h (two-compartment only). */
	q?: number;
	/** Peripheral volume, L (two-compartment only). */
	v2?: number;
}

/** Keep two rates from coinciding (the closed forms divide by their difference). */
function separate(a: number, b: number): number {
	const tol = 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-12);
	return Math.abs(a - b) < tol ? a * (1 + 1e-7) + 1e-12 : a;
}

/**
 * Unit response of the central compartment to an IV bolus of 1 mg.
 * One compartment: e^(−k·t)/V. Two: A·e^(−α·t) + B·e^(−β·t) with the usual α, β.
 */
export function bolusResponse(p: LinearDisposition): ExpSum {
	const k10 = p.cl / p.v1;
	if (!p.q || !p.v2) return { coef: [1 / p.v1], rate: [k10] };
	const k12 = p.q / p.v1;
	const k21 = p.q / p.v2;
	const sum = k10 + k12 + k21;
	const disc = Math.sqrt(sum * sum - 4 * k10 * k21);
	const alpha = (sum + disc) / 2;
	const beta = (sum - disc) / 2;
	return {
		coef: [(alpha - k21) / (p.v1 * (alpha - beta)), (k21 - beta) / (p.v1 * (alpha - beta))],
		rate: [alpha, beta]
	};
}

/**
 * Convolve a response with a first-order input k·e^(−k·t) scaled by `gain`:
 * used for oral absorption (k = ka, gain = F).
 */
export function withFirstOrderInput(r: ExpSum, k: number, gain: number): ExpSum {
	const coef: number[] = [];
	const rate: number[] = [];
	let kCoef = 0;
	let ka = k;
	for (const l of r.rate) ka = separate(ka, l);
	for (let i = 0; i < r.rate.length; i++) {
		const c = (gain * r.coef[i] * ka) / (ka - r.rate[i]);
		coef.push(c);
		rate.push(r.rate[i]);
		kCoef -= c;
	}
	coef.push(kCoef);
	rate.push(ka);
	return { coef, rate };
}

/**
 * Metabolite concentration per mg of parent dose: the metabolite is formed at rate
 * `formationCl`·C_parent(t) and eliminated from its own volume `vm` with clearance `clm`.
 */
export function metaboliteResponse(parent: ExpSum, formationCl: number, clm: number, vm: number): ExpSum {
	let km = clm / vm;
	for (const l of parent.rate) km = separate(km, l);
	const coef: number[] = [];
	const rate: number[] = [];
	let kmCoef = 0;
	for (let i = 0; i < parent.rate.length; i++) {
		const c = ((formationCl / vm) * parent.coef[i]) / (km - parent.rate[i]);
		coef.push(c);
		rate.push(parent.rate[i]);
		kmCoef -= c;
	}
	coef.push(kmCoef);
	rate.push(km);
	return { coef, rate };
}

/** Concentration at time t ≥ 0 after a 1 mg bolus (0 before). */
export function evalBolus(r: ExpSum, t: number): number {
	if (t < 0) return 0;
	let c = 0;
	for (let i = 0; i < r.rate.length; i++) c += r.coef[i] * Math.exp(-r.rate[i] * t);
	return c;
}

/** Concentration at time t after 1 mg infused at a constant rate over `duration` hours from t = 0. */
export function evalInfusion(r: ExpSum, t: number, duration: number): number {
	if (t <= 0) return 0;
	let c = 0;
	for (let i = 0; i < r.rate.length; i++) {
		const l = r.rate[i];
		const a = r.coef[i] / (l * duration);
		c += t < duration ? a * -Math.expm1(-l * t) : a * (Math.exp(-l * (t - duration)) - Math.exp(-l * t));
	}
	return c;
}

/**
 * Periodic steady state at time t ∈ [0, tau) after the latest of infinitely many 1 mg doses given
 * every `tau` hours, as bolus/oral (duration 0) or as infusions of `duration` ≤ tau hours.
 */
export function evalSteadyState(r: ExpSum, t: number, tau: number, duration = 0): number {
	let c = 0;
	for (let i = 0; i < r.rate.length; i++) {
		const l = r.rate[i];
		const denom = -Math.expm1(-l * tau);
		if (duration <= 0) {
			c += (r.coef[i] * Math.exp(-l * t)) / denom;
		} else {
			const a = r.coef[i] / (l * duration);
			c +=
				t < duration
					? a * (-Math.expm1(-l * t) + (Math.exp(-l * (t - duration + tau)) - Math.exp(-l * (t + tau))) / denom)
					: (a * (Math.exp(-l * (t - duration)) - Math.exp(-l * t))) / denom;
		}
	}
	return c;
}

/** Area under Σ cᵢe^(−λᵢt) from 0 to ∞ (per mg). */
export function totalArea(r: ExpSum): number {
	let a = 0;
	for (let i = 0; i < r.rate.length; i++) a += r.coef[i] / r.rate[i];
	return a;
}
