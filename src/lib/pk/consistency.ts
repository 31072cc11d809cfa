/**
 * Is the model's exposure change for a phenotype consistent with the CPIC recommendation?
 * Dose-fraction advice: the model's equivalent dose fraction lies within the CPIC range widened
 * by ±0.1; 'lower'/'higher': the equivalent dose is below/above the standard one (for non-linear drugs pass the equivalent dose fraction, since exposure is not
 * proportional to dose). 'standard': fraction within [0.67, 1.5]. 'avoid-low': exposure ≤ 0.8 of typical.
 * 'avoid-high': exposure ≥ 1.25 of typical.
 */
import type { CpicAdvice } from './data-types';

/** Tolerance on dose fractions when comparing with CPIC ranges. */
export const DOSE_FRACTION_TOLERANCE = 0.1;

/** Whether an exposure ratio agrees with one CPIC advice row; null when the row says nothing about exposure. */
export function consistentWithCpic(advice: CpicAdvice, exposureRatio: number, doseFraction = 1 / exposureRatio): boolean | null {
	const fraction = doseFraction;
	const imp = advice.implies;
	if (imp === 'not-addressed') return null;
	if (imp === 'standard') return fraction >= 0.67 && fraction <= 1.5;
	if (imp === 'lower') return fraction < 1;
	if (imp === 'higher') return fraction > 1;
	if (imp === 'avoid-low') return exposureRatio <= 0.8;
	if (imp === 'avoid-high') return exposureRatio >= 1.25;
	return fraction >= imp[0] - DOSE_FRACTION_TOLERANCE - 1e-9 && fraction <= imp[1] + DOSE_FRACTION_TOLERANCE + 1e-9;
}
