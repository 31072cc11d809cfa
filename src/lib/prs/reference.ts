/**
 * The reference distribution of a score, only where it is honest: from allele frequencies of
 * exactly the matched variants, under Hardy–Weinberg equilibrium and independence between
 * variants (no linkage disequilibrium). Genotype probabilities (1−p)², 2p(1−p), p² per variant;
 * mean and variance of the weighted dosage summed over variants. For additive weights this is
 * mean = Σ 2·p·w and variance = Σ 2·p(1−p)·w²; dominant, recessive and per-dosage weights use the
 * same probabilities with their own contributions. The percentile is the normal approximation.
 */
import { contributionOf, isMatched } from './match';
import type { MatchLog, ReferenceDistribution, ScoreFile } from './types';

/** Mean and variance of one variant's contribution under HWE with effect-allele frequency p. */
export function variantMoments(score: ScoreFile, r: number, p: number): { mean: number; variance: number } {
	const q = 1 - p;
	const pr = [q * q, 2 * p * q, p * p];
	let m = 0;
	let m2 = 0;
	for (let d = 0; d < 3; d++) {
		const c = contributionOf(score, r, d);
		m += pr[d] * c;
		m2 += pr[d] * c * c;
	}
	return { mean: m, variance: Math.max(0, m2 - m * m) };
}

/**
 * Reference distribution from per-row effect-allele frequencies (NaN = unknown). Returns null
 * with the reason when any matched variant lacks a frequency (a partial sum would be dishonest).
 */
export function referenceFromFrequencies(
	score: ScoreFile,
	log: MatchLog,
	freq: ArrayLike<number>,
	source: string
): { reference: ReferenceDistribution | null; reason: string | null } {
	let mean = 0;
	let variance = 0;
	let lacking = 0;
	let used = 0;
	for (let r = 0; r < score.n; r++) {
		if (!isMatched(log.status[r])) continue;
		const p = freq[r];
		if (!(p >= 0 && p <= 1)) {
			lacking++;
			continue;
		}
		const v = variantMoments(score, r, p);
		mean += v.mean;
		variance += v.variance;
		used++;
	}
	if (used === 0) return { reference: null, reason: 'No matched variant has an allele frequency.' };
	if (lacking > 0)
		return {
			reference: null,
			reason: `${lacking.toLocaleString('en')} matched variants have no effect-allele frequency, so no reference distribution over exactly the matched variants can be formed.`
		};
	if (!(variance > 0)) return { reference: null, reason: 'The matched variants give the score no spread under these frequencies.' };
	return {
		reference: {
			mean,
			sd: Math.sqrt(variance),
			source: `${source}; over exactly the ${used.toLocaleString('en')} matched variants, assuming Hardy–Weinberg equilibrium and independent variants (no linkage disequilibrium); percentile by normal approximation`
		},
		reason: null
	};
}

/** Standard normal CDF (Abramowitz & Stegun 26.2.17, |error| < 7.5e-8). */
export function normalCdf(z: number): number {
	if (!Number.isFinite(z)) return z > 0 ? 1 : 0;
	const t = 1 / (1 + 0.2316419 * Math.abs(z));
	const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
	const tail = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
	return z >= 0 ? 1 - tail : tail;
}

/** A user-supplied frequency table for a named population. */
export interface FrequencyTable {
	population: string;
	/** Key `chrom:pos:ALLELE` (chromosome without "chr") → frequency of that allele. */
	byKey: Map<string, number>;
}

/**
 * Parse a frequency file: a `#population=NAME` line, then tab-separated columns `chr_name`,
 * `chr_position`, `effect_allele`, `allelefrequency_effect` (header line required), positions in
 * the same build as the coordinates the score is matched on.
 */
export function parseFrequencyFile(text: string): FrequencyTable {
	let population: string | null = null;
	let cols: string[] | null = null;
	const byKey = new Map<string, number>();
	const lines = text.split(/\r?\n/);
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		if (!line.trim()) continue;
		if (line.startsWith('#')) {
			const m = /^#\s*population\s*=\s*(.+)$/i.exec(line);
			if (m) population = m[1].trim();
			continue;
		}
		const f = line.split('\t');
		if (!cols) {
			cols = f.map((x) => x.trim());
			for (const need of ['chr_name', 'chr_position', 'effect_allele', 'allelefrequency_effect'])
				if (!cols.includes(need)) throw new Error(`The frequency file has no "${need}" column.`);
			continue;
		}
		const get = (k: string) => (f[cols!.indexOf(k)] ?? '').trim();
		const p = Number(get('allelefrequency_effect'));
		if (!(p >= 0 && p <= 1)) throw new Error(`Line ${i + 1} of the frequency file: "${get('allelefrequency_effect')}" is not a frequency between 0 and 1.`);
		const chrom = get('chr_name').replace(/^chr/i, '').toUpperCase();
		byKey.set(`${chrom}:${Number(get('chr_position'))}:${get('effect_allele').toUpperCase()}`, p);
	}
	if (!population) throw new Error('The frequency file must name its population in a "#population=NAME" line.');
	if (!cols) throw new Error('The frequency file has no column line.');
	return { population, byKey };
}
