/**
 * Small dense complex matrices as Float64Array, interleaved re/im, row-major: entry (r, c) of a
 * d×d matrix is at 2·(r·d + c). Used for gate definitions and the fusion pass (d ≤ 4, or 2^k
 * diagonals), never for states.
 */

/** A d×d complex matrix (interleaved re/im, row-major). */
export type CMatrix = Float64Array;

/** Build a matrix from rows of [re, im] pairs. */
export function matrix(rows: [number, number][][]): CMatrix {
	const d = rows.length;
	const m = new Float64Array(2 * d * d);
	rows.forEach((row, r) =>
		row.forEach(([re, im], c) => {
			m[2 * (r * d + c)] = re;
			m[2 * (r * d + c) + 1] = im;
		})
	);
	return m;
}

/** Dimension d of a d×d matrix. */
export function dim(m: CMatrix): number {
	return Math.round(Math.sqrt(m.length / 2));
}

/** The d×d identity. */
export function identity(d: number): CMatrix {
	const m = new Float64Array(2 * d * d);
	for (let i = 0; i < d; i++) m[2 * (i * d + i)] = 1;
	return m;
}

/** Matrix product a·b. */
export function multiply(a: CMatrix, b: CMatrix): CMatrix {
	const d = dim(a);
	const out = new Float64Array(2 * d * d);
	for (let r = 0; r < d; r++)
		for (let c = 0; c < d; c++) {
			let re = 0;
			let im = 0;
			for (let k = 0; k < d; k++) {
				const ar = a[2 * (r * d + k)];
				const ai = a[2 * (r * d + k) + 1];
				const br = b[2 * (k * d + c)];
				const bi = b[2 * (k * d + c) + 1];
				re += ar * br - ai * bi;
				im += ar * bi + ai * br;
			}
			out[2 * (r * d + c)] = re;
			out[2 * (r * d + c) + 1] = im;
		}
	return out;
}

/** Whether every off-diagonal entry is exactly zero. */
export function isDiagonal(m: CMatrix): boolean {
	const d = dim(m);
	for (let r = 0; r < d; r++)
		for (let c = 0; c < d; c++) if (r !== c && (m[2 * (r * d + c)] !== 0 || m[2 * (r * d + c) + 1] !== 0)) return false;
	return true;
}

/** The diagonal of m as interleaved complex entries. */
export function diagonalOf(m: CMatrix): Float64Array {
	const d = dim(m);
	const out = new Float64Array(2 * d);
	for (let i = 0; i < d; i++) {
		out[2 * i] = m[2 * (i * d + i)];
		out[2 * i + 1] = m[2 * (i * d + i) + 1];
	}
	return out;
}

/** e^{iθ} as [re, im]. */
export function expi(theta: number): [number, number] {
	return [Math.cos(theta), Math.sin(theta)];
}
