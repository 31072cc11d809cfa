/** A simulation plus its virtual-population band: what the worker computes for the page. */
import { getDrug, personalize } from './personalize';
import { populationBand } from './population';
import { simulate, resolveRegimen, type SimulationRequest, type SimulationResult } from './simulate';

/** Simulation result with the 90 % band of virtual patients who share this patient's genotype. */
export interface BandedResult extends SimulationResult {
	band: { p05: number[]; p95: number[]; n: number; seed: number };
}

/**
 * Simulate the patient and `n` virtual patients like them (same genotype and co-medications,
 * log-normal variability). Refuses (PkError 'phenotype-not-modelled', before any patient is
 * simulated) exactly what simulate() refuses: there is no partial result.
 */
export function simulateWithBand(
	req: SimulationRequest,
	options: { n?: number; seed?: number; signal?: AbortSignal; onProgress?: (fraction: number) => void } = {}
): BandedResult {
	const result = simulate(req);
	const drug = getDrug(req.drug);
	const person = personalize(drug, req.phenotypes ?? {}, req.comedications ?? [], req.weightKg ?? 70);
	const reg = resolveRegimen(drug, req.regimen);
	const times = Float64Array.from(result.times);
	const seed = options.seed ?? 20261124;
	const band = populationBand(person.params, drug, reg, times, {
		n: options.n ?? 500,
		seed,
		factor: result.displayFactor,
		signal: options.signal,
		onProgress: options.onProgress
	});
	const r = (a: Float64Array) => Array.from(a, (x) => Math.round(x * 1e6) / 1e6);
	return { ...result, band: { p05: r(band.p05), p95: r(band.p95), n: band.n, seed } };
}
