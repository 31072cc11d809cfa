/**
 * Dormand–Prince 5(4) explicit Runge–Kutta with adaptive step-size control (the method behind
 * MATLAB's ode45 and SciPy's RK45). Used for non-linear (Michaelis–Menten) kinetics and, in the
 * tests, to check the closed forms.
 */
import { PkError } from './errors';

/** dy/dt = f(t, y), written into `dy`. */
export type Rhs = (t: number, y: Float64Array, dy: Float64Array) => void;

/** Tolerances and limits of the solver. */
export interface OdeOptions {
	/** Relative tolerance (default 1e-8). */
	rtol?: number;
	/** Absolute tolerance (default 1e-10). */
	atol?: number;
	/** Largest step, h (default: unlimited). */
	hMax?: number;
	/** Give up after this many steps per call (default 1e6). */
	maxSteps?: number;
}

const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const B1 = 35 / 384, B3 = 500 / 1113, B4 = 125 / 192, B5 = -2187 / 6784, B6 = 11 / 84;
// Error coefficients: 5th-order minus embedded 4th-order weights.
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;

/** A reusable integrator for systems of a fixed size; remembers its last accepted step size. */
export class DormandPrince {
	private readonly n: number;
	private readonly k: Float64Array[];
	private readonly tmp: Float64Array;
	private readonly y5: Float64Array;
	private h = 0;
	/** Steps accepted so far (for diagnostics and benchmarks). */
	steps = 0;

	/** @param f right-hand side; @param n system size; @param options tolerances */
	constructor(
		private readonly f: Rhs,
		n: number,
		private readonly options: OdeOptions = {}
	) {
		this.n = n;
		this.k = Array.from({ length: 7 }, () => new Float64Array(n));
		this.tmp = new Float64Array(n);
		this.y5 = new Float64Array(n);
	}

	/** Advance `y` in place from t0 to t1 (t1 ≥ t0). */
	integrate(y: Float64Array, t0: number, t1: number): void {
		const { n, k, tmp, y5, f } = this;
		const rtol = this.options.rtol ?? 1e-8;
		const atol = this.options.atol ?? 1e-10;
		const hMax = this.options.hMax ?? Infinity;
		const maxSteps = this.options.maxSteps ?? 1_000_000;
		let t = t0;
		if (t1 <= t0) return;
		f(t, y, k[0]);
		let hProp = this.h > 0 ? this.h : this.initialStep(y, t0, t1, rtol, atol);
		let taken = 0;
		while (t < t1) {
			if (++taken > maxSteps)
				throw new PkError('solver-failed', 'the ODE solver needed too many steps; the model is too stiff for this regimen');
			let h = Math.min(hProp, hMax);
			const last = t + h >= t1;
			if (last) h = t1 - t;
			for (let i = 0; i < n; i++) tmp[i] = y[i] + h * A21 * k[0][i];
			f(t + C2 * h, tmp, k[1]);
			for (let i = 0; i < n; i++) tmp[i] = y[i] + h * (A31 * k[0][i] + A32 * k[1][i]);
			f(t + C3 * h, tmp, k[2]);
			for (let i = 0; i < n; i++) tmp[i] = y[i] + h * (A41 * k[0][i] + A42 * k[1][i] + A43 * k[2][i]);
			f(t + C4 * h, tmp, k[3]);
			for (let i = 0; i < n; i++)
				tmp[i] = y[i] + h * (A51 * k[0][i] + A52 * k[1][i] + A53 * k[2][i] + A54 * k[3][i]);
			f(t + C5 * h, tmp, k[4]);
			for (let i = 0; i < n; i++)
				tmp[i] = y[i] + h * (A61 * k[0][i] + A62 * k[1][i] + A63 * k[2][i] + A64 * k[3][i] + A65 * k[4][i]);
			f(t + h, tmp, k[5]);
			for (let i = 0; i < n; i++)
				y5[i] = y[i] + h * (B1 * k[0][i] + B3 * k[2][i] + B4 * k[3][i] + B5 * k[4][i] + B6 * k[5][i]);
			f(t + h, y5, k[6]);
			let err = 0;
			for (let i = 0; i < n; i++) {
				const e = h * (E1 * k[0][i] + E3 * k[2][i] + E4 * k[3][i] + E5 * k[4][i] + E6 * k[5][i] + E7 * k[6][i]);
				const sc = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(y5[i]));
				err += (e / sc) ** 2;
			}
			err = Math.sqrt(err / n);
			if (!Number.isFinite(err)) throw new PkError('solver-failed', 'the ODE solver produced a non-finite value');
			const factor = err === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * err ** -0.2));
			if (err <= 1) {
				t = last ? t1 : t + h;
				y.set(y5);
				k[0].set(k[6]); // first-same-as-last
				this.steps++;
				// A step shortened to land on t1 says nothing new about the natural step size.
				if (!last || h >= hProp) hProp = h * factor;
			} else {
				hProp = h * factor;
				if (hProp < 1e-14 * Math.max(1, Math.abs(t))) throw new PkError('solver-failed', 'the ODE solver step size underflowed');
			}
		}
		this.h = hProp;
	}

	private initialStep(y: Float64Array, t0: number, t1: number, rtol: number, atol: number): number {
		let d0 = 0;
		let d1 = 0;
		for (let i = 0; i < this.n; i++) {
			const sc = atol + rtol * Math.abs(y[i]);
			d0 += (y[i] / sc) ** 2;
			d1 += (this.k[0][i] / sc) ** 2;
		}
		d0 = Math.sqrt(d0 / this.n);
		d1 = Math.sqrt(d1 / this.n);
		const h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
		return Math.min(h0, t1 - t0);
	}
}
