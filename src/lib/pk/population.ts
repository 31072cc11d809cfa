/**
 * Virtual population: log-normal between-subject variability on clearance (or Vmax), volume and
 * absorption, a seeded RNG so results are reproducible, and 5th/50th/95th percentiles per time.
 */
import type { CompartmentParams } from './compartments';
import type { DrugModel } from './data-types';
import type { Regimen } from './regimen';
import { analyteSeries } from './simulate';

/** Seeded uniform RNG on [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Standard normal deviates from a uniform RNG (Box–Muller). */
export function normalSampler(rand: () => number): () => number {
	let spare: number | null = null;
	return () => {
		if (spare !== null) {
			const s = spare;
			spare = null;
			return s;
		}
		let u = 0;
		while (u === 0) u = rand();
		const v = rand();
		const r = Math.sqrt(-2 * Math.log(u));
		spare = r * Math.sin(2 * Math.PI * v);
		return r * Math.cos(2 * Math.PI * v);
	};
}

/** Percentile band of a virtual population, in the same units as the input series. */
export interface PopulationBand {
	p05: Float64Array;
	p50: Float64Array;
	p95: Float64Array;
	n: number;
}

/** Log-normal σ for a coefficient of variation. */
function sigmaFor(cv: number): number {
	return Math.sqrt(Math.log(1 + cv * cv));
}

/** Parameters of `n` virtual patients around `base` (median = base). */
export function samplePatients(base: CompartmentParams, drug: DrugModel, n: number, seed: number): CompartmentParams[] {
	const z = normalSampler(seededRandom(seed));
	const sCl = sigmaFor(drug.bsv.cl.value);
	const sV = sigmaFor(drug.bsv.v.value);
	const sKa = drug.bsv.ka ? sigmaFor(drug.bsv.ka.value) : 0;
	const out: CompartmentParams[] = [];
	for (let i = 0; i < n; i++) {
		const eCl = Math.exp(sCl * z());
		const eV = Math.exp(sV * z());
		const eKa = sKa ? Math.exp(sKa * z()) : 1;
		out.push({
			...base,
			cl: base.cl * eCl,
			vmax: base.vmax !== undefined ? base.vmax * eCl : undefined,
			v1: base.v1 * eV,
			v2: base.v2 !== undefined ? base.v2 * eV : undefined,
			ka: base.ka !== undefined ? base.ka * eKa : undefined
		});
	}
	return out;
}

/** Simulate a virtual population and return the 5–95 % band (mg/L × `factor`). */
export function populationBand(
	base: CompartmentParams,
	drug: DrugModel,
	reg: Regimen,
	times: Float64Array,
	options: { n?: number; seed?: number; factor?: number; signal?: AbortSignal; onProgress?: (fraction: number) => void } = {}
): PopulationBand {
	const n = options.n ?? 500;
	const factor = options.factor ?? 1;
	const patients = samplePatients(base, drug, n, options.seed ?? 1);
	const m = times.length;
	const all = new Float64Array(n * m);
	for (let i = 0; i < n; i++) {
		if (options.signal?.aborted) throw options.signal.reason ?? new DOMException('Cancelled', 'AbortError');
		all.set(analyteSeries(patients[i], drug, reg, times, 1e-4), i * m);
		if (options.onProgress && i % 50 === 49) options.onProgress((i + 1) / n);
	}
	const p05 = new Float64Array(m);
	const p50 = new Float64Array(m);
	const p95 = new Float64Array(m);
	const col = new Float64Array(n);
	const at = (q: number) => {
		const pos = q * (n - 1);
		const lo = Math.floor(pos);
		const hi = Math.min(n - 1, lo + 1);
		return col[lo] + (col[hi] - col[lo]) * (pos - lo);
	};
	for (let j = 0; j < m; j++) {
		for (let i = 0; i < n; i++) col[i] = all[i * m + j];
		col.sort();
		p05[j] = at(0.05) * factor;
		p50[j] = at(0.5) * factor;
		p95[j] = at(0.95) * factor;
	}
	return { p05, p50, p95, n };
}
