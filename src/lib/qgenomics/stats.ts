/**
 * Small statistics used by the genomics analyses: Pearson correlation over pairwise-complete
 * observations (NaN = missing), χ² tests and the χ² upper tail, a seeded normal generator.
 */
import type { Uniform } from '../quantum/index';

/**
 * Pearson correlation of a and b over the rows where both are present (not NaN). 0 when either is
 * constant over those rows, or fewer than 2 rows remain (the pinned convention: a constant column
 * carries no information).
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
	let n = 0;
	let sa = 0;
	let sb = 0;
	for (let i = 0; i < a.length; i++) {
		const x = a[i];
		const y = b[i];
		if (Number.isNaN(x) || Number.isNaN(y)) continue;
		n++;
		sa += x;
		sb += y;
	}
	if (n < 2) return 0;
	const ma = sa / n;
	const mb = sb / n;
	let sab = 0;
	let saa = 0;
	let sbb = 0;
	for (let i = 0; i < a.length; i++) {
		const x = a[i];
		const y = b[i];
		if (Number.isNaN(x) || Number.isNaN(y)) continue;
		sab += (x - ma) * (y - mb);
		saa += (x - ma) ** 2;
		sbb += (y - mb) ** 2;
	}
	// Relative threshold: a column of identical values leaves only rounding residue.
	if (saa <= 1e-24 * Math.max(1, ma * ma * n) || sbb <= 1e-24 * Math.max(1, mb * mb * n)) return 0;
	return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/** ln Γ(x) (Lanczos, g = 7), for x > 0. */
function logGamma(x: number): number {
	const c = [
		0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
		12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
	];
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
	x -= 1;
	let a = c[0];
	const t = x + 7.5;
	for (let i = 1; i < 9; i++) a += c[i] / (x + i);
	return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised upper incomplete gamma Q(s, x) (series below s + 1, continued fraction above). */
function gammaQ(s: number, x: number): number {
	if (x <= 0) return 1;
	if (x < s + 1) {
		let sum = 1 / s;
		let term = sum;
		for (let n = 1; n < 500; n++) {
			term *= x / (s + n);
			sum += term;
			if (term < sum * 1e-15) break;
		}
		return Math.max(0, 1 - sum * Math.exp(-x + s * Math.log(x) - logGamma(s)));
	}
	let b = x + 1 - s;
	let c = 1e300;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i < 500; i++) {
		const an = -i * (i - s);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < 1e-300) d = 1e-300;
		c = b + an / c;
		if (Math.abs(c) < 1e-300) c = 1e-300;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < 1e-15) break;
	}
	return Math.exp(-x + s * Math.log(x) - logGamma(s)) * h;
}

/** P(χ²_df ≥ x): the p-value of a χ² statistic. */
export function chiSquareTail(x: number, df: number): number {
	if (df <= 0) return 1;
	return gammaQ(df / 2, x / 2);
}

/**
 * Pearson's χ² test of independence on an r×c table of counts (rows/columns with zero total are
 * dropped). Returns the statistic and its degrees of freedom.
 */
export function chiSquareTable(table: number[][]): { statistic: number; df: number } {
	const rows = table.filter((r) => r.reduce((a, b) => a + b, 0) > 0);
	if (!rows.length) return { statistic: 0, df: 0 };
	const cols = rows[0].map((_, j) => j).filter((j) => rows.some((r) => r[j] > 0));
	const total = rows.reduce((s, r) => s + cols.reduce((a, j) => a + r[j], 0), 0);
	const rowSum = rows.map((r) => cols.reduce((a, j) => a + r[j], 0));
	const colSum = cols.map((j) => rows.reduce((a, r) => a + r[j], 0));
	let stat = 0;
	for (let i = 0; i < rows.length; i++)
		for (let c = 0; c < cols.length; c++) {
			const e = (rowSum[i] * colSum[c]) / total;
			if (e > 0) stat += (rows[i][cols[c]] - e) ** 2 / e;
		}
	return { statistic: stat, df: (rows.length - 1) * (cols.length - 1) };
}

/** A seeded standard normal (Box–Muller over a seeded uniform): the PK population's sampler. */
export { normalSampler as normalFrom } from '../pk/index';
