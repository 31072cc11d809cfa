/**
 * The built-in gate set: OpenQASM's `U` and `CX`, every gate of the original qelib1.inc and the
 * later additions (u, p, sx, sxdg, cp, csx, cu, crx, cry, rxx, rzz, rccx, rc3x, c3x, c3sqrtx, c4x).
 *
 * Each gate is described natively — leading control qubits plus a small target matrix — so the
 * engine applies it in one pass. Matrices follow qelib1's definitions (e.g. rz(φ) = u1(φ) =
 * diag(1, e^{iφ}), rzz(θ) = diag(1, e^{iθ}, e^{iθ}, 1), c3sqrtx applies SX† — the square root of X its
 * qelib1 body produces); where a definition only fixes a gate up to
 * a global phase the standard matrix is used (sx = [[1+i, 1−i], [1−i, 1+i]]/2). The two
 * relative-phase Toffolis are expanded from their qelib1 bodies (`COMPOSITE_GATES`).
 */
import { expi, matrix, type CMatrix } from './complex';

/** How the target part of a gate acts. */
export type GateKind = 'dense' | 'diag' | 'swap';

/** A native gate: `controls` leading qubits, then `qubits − controls` targets. */
export interface GateDef {
	params: number;
	qubits: number;
	controls: number;
	kind: GateKind;
	/** Target matrix (2^targets square); for 'swap' the 4×4 swap matrix. */
	target(p: number[]): CMatrix;
}

const S2 = Math.SQRT1_2;
const c = (re: number, im = 0): [number, number] => [re, im];

/** OpenQASM's U(θ, φ, λ) = Rz(φ)·Ry(θ)·Rz(λ) with qelib1's phase convention. */
export function uMatrix(theta: number, phi: number, lambda: number): CMatrix {
	const cs = Math.cos(theta / 2);
	const sn = Math.sin(theta / 2);
	const [lr, li] = expi(lambda);
	const [pr, pi] = expi(phi);
	const [sr, si] = expi(phi + lambda);
	return matrix([
		[c(cs), c(-lr * sn, -li * sn)],
		[c(pr * sn, pi * sn), c(sr * cs, si * cs)]
	]);
}

const phase = (l: number): CMatrix => matrix([[c(1), c(0)], [c(0), expi(l)]]);
const X = matrix([[c(0), c(1)], [c(1), c(0)]]);
const Y = matrix([[c(0), c(0, -1)], [c(0, 1), c(0)]]);
const Z = matrix([[c(1), c(0)], [c(0), c(-1)]]);
const H = matrix([[c(S2), c(S2)], [c(S2), c(-S2)]]);
const I2 = matrix([[c(1), c(0)], [c(0), c(1)]]);
const SX = matrix([[c(0.5, 0.5), c(0.5, -0.5)], [c(0.5, -0.5), c(0.5, 0.5)]]);
const SXDG = matrix([[c(0.5, -0.5), c(0.5, 0.5)], [c(0.5, 0.5), c(0.5, -0.5)]]);
const SWAP = matrix([
	[c(1), c(0), c(0), c(0)],
	[c(0), c(0), c(1), c(0)],
	[c(0), c(1), c(0), c(0)],
	[c(0), c(0), c(0), c(1)]
]);
const rx = (t: number): CMatrix =>
	matrix([[c(Math.cos(t / 2)), c(0, -Math.sin(t / 2))], [c(0, -Math.sin(t / 2)), c(Math.cos(t / 2))]]);
const ry = (t: number): CMatrix =>
	matrix([[c(Math.cos(t / 2)), c(-Math.sin(t / 2))], [c(Math.sin(t / 2)), c(Math.cos(t / 2))]]);
const crzTarget = (l: number): CMatrix => matrix([[expi(-l / 2), c(0)], [c(0), expi(l / 2)]]);
const rxx = (t: number): CMatrix => {
	const cs = c(Math.cos(t / 2));
	const sn = c(0, -Math.sin(t / 2));
	const z = c(0);
	return matrix([
		[cs, z, z, sn],
		[z, cs, sn, z],
		[z, sn, cs, z],
		[sn, z, z, cs]
	]);
};
const rzz = (t: number): CMatrix => {
	const z = c(0);
	return matrix([
		[c(1), z, z, z],
		[z, expi(t), z, z],
		[z, z, expi(t), z],
		[z, z, z, c(1)]
	]);
};
/** e^{iγ}·U(θ, φ, λ) — the target of qelib1's 4-parameter `cu`. */
const cuTarget = (t: number, p: number, l: number, g: number): CMatrix => {
	const u = uMatrix(t, p, l);
	const [gr, gi] = expi(g);
	for (let i = 0; i < u.length; i += 2) {
		const re = u[i];
		const im = u[i + 1];
		u[i] = re * gr - im * gi;
		u[i + 1] = re * gi + im * gr;
	}
	return u;
};

const g = (
	params: number,
	qubits: number,
	controls: number,
	kind: GateKind,
	target: (p: number[]) => CMatrix
): GateDef => ({ params, qubits, controls, kind, target });
const fixed = (m: CMatrix) => () => m;

/** Every native gate by name. */
export const NATIVE_GATES: Readonly<Record<string, GateDef>> = {
	U: g(3, 1, 0, 'dense', (p) => uMatrix(p[0], p[1], p[2])),
	CX: g(0, 2, 1, 'dense', fixed(X)),
	u3: g(3, 1, 0, 'dense', (p) => uMatrix(p[0], p[1], p[2])),
	u: g(3, 1, 0, 'dense', (p) => uMatrix(p[0], p[1], p[2])),
	u2: g(2, 1, 0, 'dense', (p) => uMatrix(Math.PI / 2, p[0], p[1])),
	u1: g(1, 1, 0, 'diag', (p) => phase(p[0])),
	p: g(1, 1, 0, 'diag', (p) => phase(p[0])),
	u0: g(1, 1, 0, 'diag', fixed(I2)),
	id: g(0, 1, 0, 'diag', fixed(I2)),
	x: g(0, 1, 0, 'dense', fixed(X)),
	y: g(0, 1, 0, 'dense', fixed(Y)),
	z: g(0, 1, 0, 'diag', fixed(Z)),
	h: g(0, 1, 0, 'dense', fixed(H)),
	s: g(0, 1, 0, 'diag', fixed(phase(Math.PI / 2))),
	sdg: g(0, 1, 0, 'diag', fixed(phase(-Math.PI / 2))),
	t: g(0, 1, 0, 'diag', fixed(phase(Math.PI / 4))),
	tdg: g(0, 1, 0, 'diag', fixed(phase(-Math.PI / 4))),
	sx: g(0, 1, 0, 'dense', fixed(SX)),
	sxdg: g(0, 1, 0, 'dense', fixed(SXDG)),
	rx: g(1, 1, 0, 'dense', (p) => rx(p[0])),
	ry: g(1, 1, 0, 'dense', (p) => ry(p[0])),
	rz: g(1, 1, 0, 'diag', (p) => phase(p[0])),
	cx: g(0, 2, 1, 'dense', fixed(X)),
	cy: g(0, 2, 1, 'dense', fixed(Y)),
	cz: g(0, 2, 1, 'diag', fixed(Z)),
	ch: g(0, 2, 1, 'dense', fixed(H)),
	csx: g(0, 2, 1, 'dense', fixed(SX)),
	swap: g(0, 2, 0, 'swap', fixed(SWAP)),
	crx: g(1, 2, 1, 'dense', (p) => rx(p[0])),
	cry: g(1, 2, 1, 'dense', (p) => ry(p[0])),
	crz: g(1, 2, 1, 'diag', (p) => crzTarget(p[0])),
	cu1: g(1, 2, 1, 'diag', (p) => phase(p[0])),
	cp: g(1, 2, 1, 'diag', (p) => phase(p[0])),
	cu3: g(3, 2, 1, 'dense', (p) => uMatrix(p[0], p[1], p[2])),
	cu: g(4, 2, 1, 'dense', (p) => cuTarget(p[0], p[1], p[2], p[3])),
	rxx: g(1, 2, 0, 'dense', (p) => rxx(p[0])),
	rzz: g(1, 2, 0, 'diag', (p) => rzz(p[0])),
	ccx: g(0, 3, 2, 'dense', fixed(X)),
	cswap: g(0, 3, 1, 'swap', fixed(SWAP)),
	c3x: g(0, 4, 3, 'dense', fixed(X)),
	// qelib1's body (cu1(−π/8) first) yields the square root of X that is SX†, not SX.
	c3sqrtx: g(0, 4, 3, 'dense', fixed(SXDG)),
	c4x: g(0, 5, 4, 'dense', fixed(X))
};

/**
 * qelib1 gates that are defined by their bodies rather than natively (the relative-phase Toffolis),
 * as OpenQASM source parsed before every program.
 */
export const COMPOSITE_GATES = `
gate rccx a,b,c { u2(0,pi) c; u1(pi/4) c; cx b,c; u1(-pi/4) c; cx a,c; u1(pi/4) c; cx b,c; u1(-pi/4) c; u2(0,pi) c; }
gate rc3x a,b,c,d { u2(0,pi) d; u1(pi/4) d; cx c,d; u1(-pi/4) d; u2(0,pi) d; cx a,d; u1(pi/4) d; cx b,d; u1(-pi/4) d; cx a,d; u1(pi/4) d; cx b,d; u1(-pi/4) d; u2(0,pi) d; u1(pi/4) d; cx c,d; u1(-pi/4) d; u2(0,pi) d; }
`;

/** Names of every gate `include "qelib1.inc";` provides (natives except U/CX, plus composites). */
export const QELIB1_GATES: readonly string[] = [
	...Object.keys(NATIVE_GATES).filter((n) => n !== 'U' && n !== 'CX'),
	'rccx',
	'rc3x'
];
