/** Small dense linear algebra and logistic regression (Newton/IRLS) for the classical baselines. */

/** Solve A·x = b for a small symmetric positive (semi)definite A (row-major d×d) by Cholesky with a tiny ridge. */
export function solveSpd(a: Float64Array, b: Float64Array, d: number): Float64Array {
	const l = new Float64Array(d * d);
	let scale = 0;
	for (let i = 0; i < d; i++) scale = Math.max(scale, Math.abs(a[i * d + i]));
	const ridge = 1e-10 * (scale || 1);
	for (let i = 0; i < d; i++)
		for (let j = 0; j <= i; j++) {
			let s = a[i * d + j] + (i === j ? ridge : 0);
			for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
			l[i * d + j] = i === j ? Math.sqrt(Math.max(s, ridge)) : s / l[j * d + j];
		}
	const y = new Float64Array(d);
	for (let i = 0; i < d; i++) {
		let s = b[i];
		for (let k = 0; k < i; k++) s -= l[i * d + k] * y[k];
		y[i] = s / l[i * d + i];
	}
	const x = new Float64Array(d);
	for (let i = d - 1; i >= 0; i--) {
		let s = y[i];
		for (let k = i + 1; k < d; k++) s -= l[k * d + i] * x[k];
		x[i] = s / l[i * d + i];
	}
	return x;
}

/**
 * Weighted logistic regression by Newton's method (IRLS). rows[s] are the covariates of row s
 * (an intercept column is added), y in {0,1}, weight = how many observations the row stands for.
 * `l2` penalises the non-intercept coefficients. Returns the coefficients (intercept first) and
 * the log-likelihood.
 */
export function logisticFit(
	rows: ArrayLike<number>[],
	y: ArrayLike<number>,
	weight: ArrayLike<number> | null,
	l2 = 0,
	iterations = 50
): { beta: Float64Array; logLikelihood: number } {
	const d = (rows[0]?.length ?? 0) + 1;
	let beta = new Float64Array(d);
	const x = (s: number, j: number) => (j === 0 ? 1 : rows[s][j - 1]);
	const ll = (bt: Float64Array) => {
		let v = 0;
		for (let s = 0; s < rows.length; s++) {
			let eta = 0;
			for (let j = 0; j < d; j++) eta += bt[j] * x(s, j);
			const w = weight ? weight[s] : 1;
			// log σ(η) and log(1 − σ(η)) computed stably.
			v += w * (y[s] * -softplus(-eta) + (1 - y[s]) * -softplus(eta));
		}
		for (let j = 1; j < d; j++) v -= 0.5 * l2 * bt[j] * bt[j];
		return v;
	};
	let current = ll(beta);
	for (let it = 0; it < iterations; it++) {
		const g = new Float64Array(d);
		const h = new Float64Array(d * d);
		for (let s = 0; s < rows.length; s++) {
			let eta = 0;
			for (let j = 0; j < d; j++) eta += beta[j] * x(s, j);
			const p = 1 / (1 + Math.exp(-eta));
			const w = weight ? weight[s] : 1;
			for (let j = 0; j < d; j++) {
				g[j] += w * (y[s] - p) * x(s, j);
				for (let k = 0; k <= j; k++) h[j * d + k] += w * p * (1 - p) * x(s, j) * x(s, k);
			}
		}
		for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) h[k * d + j] = h[j * d + k];
		for (let j = 1; j < d; j++) {
			g[j] -= l2 * beta[j];
			h[j * d + j] += l2;
		}
		const step = solveSpd(h, g, d);
		// Damped: halve the step until the likelihood does not fall (separable data stays finite).
		let t = 1;
		let next = beta.map((b, j) => b + t * step[j]);
		let value = ll(next);
		while (value < current - 1e-12 && t > 1e-4) {
			t /= 2;
			next = beta.map((b, j) => b + t * step[j]);
			value = ll(next);
		}
		const done = Math.abs(value - current) < 1e-10;
		beta = next;
		current = value;
		if (done) break;
	}
	return { beta, logLikelihood: current };
}

function softplus(z: number): number {
	return z > 30 ? z : z < -30 ? Math.exp(z) : Math.log1p(Math.exp(z));
}
