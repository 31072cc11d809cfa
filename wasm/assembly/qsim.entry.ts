/**
 * Qenome state-vector engine (AssemblyScript → WebAssembly).
 *
 * Layout: the host (src/lib/quantum/engine.ts) owns the memory. A state of n qubits is 2^n complex
 * f64 amplitudes, interleaved re/im (16 bytes each, one v128 per amplitude), at a byte offset the
 * host chooses. Basis index bit k is qubit k (qubit 0 = least significant bit).
 *
 * Every kernel works on a half-open range [lo, hi) of its own iteration space (pairs for 1-qubit
 * gates, quads for 2-qubit gates, amplitudes for diagonal gates) so that several threads sharing one
 * memory can split one gate between them. Matrices are read from memory (row-major complex f64).
 *
 * The same source builds three variants (scripts/build-wasm.js): SIMD (`qsim.wasm`), SIMD with a
 * shared memory for worker threads (`qsim-mt.wasm`) and scalar (`qsim-scalar.wasm`, no SIMD) — the
 * scalar path is the reference the SIMD path is tested against. No allocation, no static data.
 */

// ---------------------------------------------------------------------------------------------
// helpers

/** Complex multiply of a = (re, im) by m, where mre = (mr, mr) and mim = (-mi, mi). */
// @ts-ignore: decorator
@inline function cmul(a: v128, mre: v128, mim: v128): v128 {
	return f64x2.add(f64x2.mul(a, mre), f64x2.mul(v128.shuffle<f64>(a, a, 1, 0), mim));
}

/** Complex multiply when the swapped copy sa = (im, re) of a is already at hand (saves a shuffle). */
// @ts-ignore: decorator
@inline function cmulS(a: v128, sa: v128, mre: v128, mim: v128): v128 {
	return f64x2.add(f64x2.mul(a, mre), f64x2.mul(sa, mim));
}

/** (im, re) of a complex number. */
// @ts-ignore: decorator
@inline function swapped(a: v128): v128 {
	return v128.shuffle<f64>(a, a, 1, 0);
}

/** One output row of a 4×4 complex matrix-vector product, the row's table at tr (see apply2). */
// @ts-ignore: decorator
@inline function row2(tr: usize, a0: v128, s0: v128, a1: v128, s1: v128, a2: v128, s2: v128, a3: v128, s3: v128): v128 {
	return f64x2.add(
		f64x2.add(cmulS(a0, s0, v128.load(tr), v128.load(tr, 16)), cmulS(a1, s1, v128.load(tr, 32), v128.load(tr, 48))),
		f64x2.add(cmulS(a2, s2, v128.load(tr, 64), v128.load(tr, 80)), cmulS(a3, s3, v128.load(tr, 96), v128.load(tr, 112)))
	);
}

/** (−mi, mi) for the complex factor stored at p. */
// @ts-ignore: decorator
@inline function imPart(p: usize): v128 {
	const mi = load<f64>(p, 8);
	return f64x2.replace_lane(f64x2.splat(mi), 0, -mi);
}

/** A dense 2×2 gate on the amplitudes at pa (lower) and pb (upper); entries as (mr, mr) and (−mi, mi). */
// @ts-ignore: decorator
@inline function pairAt(pa: usize, pb: usize, r00: v128, i00: v128, r01: v128, i01: v128, r10: v128, i10: v128, r11: v128, i11: v128): void {
	const a = v128.load(pa);
	const b = v128.load(pb);
	const sa = swapped(a);
	const sb = swapped(b);
	v128.store(pa, f64x2.add(cmulS(a, sa, r00, i00), cmulS(b, sb, r01, i01)));
	v128.store(pb, f64x2.add(cmulS(a, sa, r10, i10), cmulS(b, sb, r11, i11)));
}

/** Remove bit `bit` of `i` (the bits above it move down by one). */
// @ts-ignore: decorator
@inline function removeBit(i: u32, bit: u32): u32 {
	const low: u32 = (<u32>1 << bit) - 1;
	return ((i >> 1) & ~low) | (i & low);
}

/** Insert a zero bit at position `bit` of `i`. */
// @ts-ignore: decorator
@inline function insertZero(i: u32, bit: u32): u32 {
	const low: u32 = (<u32>1 << bit) - 1;
	return ((i & ~low) << 1) | (i & low);
}

/**
 * Far pairs. AMD Zen's L1 data cache picks the way by a micro-tag hashed from linear-address bits
 * 12–27, so two lines whose addresses differ only in bits ≥ 28 (same set, same micro-tag) cannot be
 * in L1 together. A 1-qubit gate on target t pairs amplitudes 16·2^t bytes apart; from t = 24
 * (256 MiB) on, the lower and upper amplitude of every pair evict each other, all four accesses of
 * every pair miss L1, and the gate ran 4× slower than on a low qubit (n = 26 on the test machine).
 * Such gates go through `FAR_BLOCK` pairs at a time: gather the block's upper amplitudes into a
 * small per-thread buffer `buf`, update the lower amplitudes in place and the upper
 * ones in the buffer, then scatter the buffer back — so each phase touches one half only.
 */
// @ts-ignore: decorator
@inline const FAR_PAIR_BYTES: usize = 1 << 28;
/** Pairs per far block: 16 bytes each, so the caller's buffer `buf` must hold 8 KiB (FAR_BUFFER_BYTES in engine.ts). */
// @ts-ignore: decorator
@inline const FAR_BLOCK: u32 = 512;

/**
 * Mid-range pairs. A 1-qubit gate on target t = 5…10 pairs amplitudes 512 B – 16 KiB apart: each
 * block of 2^(t+1) amplitudes is two short runs (lower, upper) read and written interleaved. On the
 * test machine (AMD EPYC, Zen) such gates ran at 50–80 % of the copy probe while targets 0–4 and
 * ≥ 11 ran above it — the hardware does not stream such a zigzag of short runs from memory. The
 * SIMD kernel (no controls) therefore also walks one ascending pointer through the same memory,
 * `max(MID_AHEAD, 16·2^t)` bytes ahead of the update, loading one 64-byte line per two pairs (a
 * step's span): memory then sees one ascending stream, and the update hits in cache. With controls
 * the kernel touches each segment of MID_SEGMENT pairs in address order before updating it (simpler,
 * slower, still sequential). Measured at n = 26 interleaved with the copy probe (docs/quantum.md):
 * t = 5…9 from 50–80 % to 120–165 %. Touching in separate whole segments first reached only ~95 %;
 * touching both runs ahead (two streams) made it slower (~40 %); for other targets touching only adds
 * work (targets ≤ 4: a block is a few lines; ≥ 11: long runs already stream).
 */
// @ts-ignore: decorator
@inline const MID_FIRST: u32 = 5;
// @ts-ignore: decorator
@inline const MID_LAST: u32 = 10;
/**
 * Smallest range (pairs) that takes the mid-range path: below it (tile passes on a 512 KiB buffer,
 * small states) the amplitudes are in cache and touching would only add loads.
 */
// @ts-ignore: decorator
@inline const MID_MIN_PAIRS: u32 = 1 << 15;
/** How far ahead of the update the mid-range path touches the state (bytes of the span). */
// @ts-ignore: decorator
@inline const MID_AHEAD: usize = 4096;
/**
 * Single-control gates (apply1c1) update the half of the state where the control bit c is set, a
 * quad (two amplitudes 16·2^t bytes apart) at a time. Walked one index per quad, CX at n = 26 ran
 * at 27–80 % of the copy probe for most pairs with c or t in 2–10 (c = 3, t = 4: 27 %; c = 3,
 * t = 20: 38 %), while far-apart high qubits ran at ~200 % (the gate moves half the state) — the same
 * zigzag of short runs as MID_FIRST, here with gaps. The SIMD kernel now walks each run of quads with
 * pointers and touches the memory ahead of the update in address order, one or two loads per two
 * quads, in one of three ways (midControlMode):
 * 1. c ≤ MID_CONTROL_SPAN, t ≤ MID_LAST: one pointer sweeps the whole span (gaps included)
 *    2·max(MID_AHEAD, 16·2^t) bytes ahead, two lines per two quads;
 * 2. c > MID_CONTROL_SPAN, MID_FIRST ≤ t ≤ MID_LAST: the pointer walks only the amplitudes with bit
 *    c set (the gaps are ≥ 32 KiB; sweeping them read memory the gate does not need);
 * 3. 2 ≤ c ≤ MID_CONTROL_FAR_LAST, t > MID_LAST (not far): the runs lie ≥ 32 KiB apart: one
 *    index over the lower run's span, 8 KiB ahead of the update, touched in both runs.
 * Everything else (and ranges below MID_MIN_PAIRS quads) keeps the per-quad loop: c or t = 0 (runs
 * of one quad), c = 1 except t = 5…9 (every line is half used; touching halved t = 2…4 and 10),
 * c ≥ 11 with t ≤ 4, c ≥ 10 with t ≥ 11, t = 9…10 with c = 9…11 — touching only slowed those.
 * Measured in docs/quantum.md.
 */
// @ts-ignore: decorator
@inline const MID_CONTROL_SPAN: u32 = 10;
/** Highest control of mode 3 of MID_CONTROL_SPAN. */
// @ts-ignore: decorator
@inline const MID_CONTROL_FAR_LAST: u32 = 9;
/** Touch mode of apply1c1 for target t and control c (0: none; see MID_CONTROL_SPAN). */
// @ts-ignore: decorator
@inline function midControlMode(t: u32, c: u32): u32 {
	if (t == 0 || c == 0) return 0; // runs of one quad (lowBit = 0): the per-quad loop
	// t = 9…10 with c = 9…11: runs of ≥ 8 KiB, already ~150 %; touching lost 5–15 %
	if (t >= MID_LAST - 1 && c >= MID_LAST - 1 && c <= MID_LAST + 1) return 0;
	// c = 1: every line is half used; touching only helped t = 5…9
	if (c == 1 && (t < MID_FIRST || t >= MID_LAST)) return 0;
	if (t <= MID_LAST && c <= MID_CONTROL_SPAN) return 1;
	if (t <= MID_LAST && c > MID_CONTROL_SPAN) return t >= MID_FIRST ? 2 : 0;
	return c >= 2 && c <= MID_CONTROL_FAR_LAST ? 3 : 0;
}
/** Pairs per touched segment of the mid-range path with controls: 2 × 1024 amplitudes = a 32 KiB span. */
// @ts-ignore: decorator
@inline const MID_SEGMENT: u32 = 1024;
/**
 * Without controls, targets from RUN_FIRST up walk each block's two runs with pointers instead of
 * computing every pair's index (insertZero): measured ~1.3–1.6× faster at n = 26 for targets ≥ 2
 * (runs of 1–2 pairs, targets 0–1, keep the per-pair loop).
 */
// @ts-ignore: decorator
@inline const RUN_FIRST: u32 = 2;

/** Whether this build uses 128-bit SIMD (1) or the scalar path (0). */
export function simdEnabled(): i32 {
	if (ASC_FEATURE_SIMD) return 1;
	return 0;
}

// ---------------------------------------------------------------------------------------------
// state preparation and copying

/** Set the state at `state` (nAmp amplitudes) to the basis state |index⟩. */
export function initBasis(state: usize, nAmp: u32, index: u32): void {
	memory.fill(state, 0, <usize>nAmp << 4);
	store<f64>(state + (<usize>index << 4), 1.0);
}

/** Copy `bytes` bytes from src to dst (memory.copy; also the bandwidth probe). */
export function copyBytes(dst: usize, src: usize, bytes: usize): void {
	memory.copy(dst, src, bytes);
}

/** Multiply amplitudes [lo, hi) by the real factor s. */
export function scale(state: usize, s: f64, lo: u32, hi: u32): void {
	if (ASC_FEATURE_SIMD) {
		const v = f64x2.splat(s);
		for (let i = lo; i < hi; i++) {
			const p = state + (<usize>i << 4);
			v128.store(p, f64x2.mul(v128.load(p), v));
		}
	} else {
		for (let i = lo; i < hi; i++) {
			const p = state + (<usize>i << 4);
			store<f64>(p, load<f64>(p) * s);
			store<f64>(p, load<f64>(p, 8) * s, 8);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// gates

/**
 * Dense 2×2 gate on qubit t, applied only where every bit of cmask is set (controls). `m` holds
 * the 4 complex entries m00 m01 m10 m11; `buf` is this thread's far-pair buffer (see FAR_PAIR_BYTES).
 * Iterates over pair indices [lo, hi) of 2^(n−1).
 */
export function apply1(state: usize, t: u32, cmask: u32, m: usize, buf: usize, lo: u32, hi: u32): void {
	const off: usize = (<usize>1 << t) << 4;
	if (ASC_FEATURE_SIMD) {
		const r00 = f64x2.splat(load<f64>(m, 0)), i00 = imPart(m);
		const r01 = f64x2.splat(load<f64>(m, 16)), i01 = imPart(m + 16);
		const r10 = f64x2.splat(load<f64>(m, 32)), i10 = imPart(m + 32);
		const r11 = f64x2.splat(load<f64>(m, 48)), i11 = imPart(m + 48);
		if (off >= FAR_PAIR_BYTES) {
			// Pair indices below a multiple of 2^t map to consecutive amplitudes: each block's lower
			// and upper halves are contiguous runs, moved with memory.copy (see FAR_PAIR_BYTES).
			const runMask: u32 = (<u32>1 << t) - 1;
			for (let b0 = lo; b0 < hi; ) {
				const b1: u32 = min<u32>(min<u32>(hi, b0 + FAR_BLOCK), (b0 | runMask) + 1);
				const p0 = state + (<usize>insertZero(b0, t) << 4);
				const bytes: usize = <usize>(b1 - b0) << 4;
				memory.copy(buf, p0 + off, bytes);
				const base = insertZero(b0, t);
				if (cmask == 0) {
					// no controls: no per-amplitude test (it cost ~15 % of the pass at n = 26)
					for (let j: usize = 0; j < bytes; j += 16) {
						pairAt(p0 + j, buf + j, r00, i00, r01, i01, r10, i10, r11, i11);
					}
					memory.copy(p0 + off, buf, bytes);
					b0 = b1;
					continue;
				}
				for (let j: usize = 0; j < bytes; j += 16) {
					if (((base + <u32>(j >> 4)) & cmask) != cmask) continue;
					pairAt(p0 + j, buf + j, r00, i00, r01, i01, r10, i10, r11, i11);
				}
				memory.copy(p0 + off, buf, bytes);
				b0 = b1;
			}
			return;
		}
		const mid = t >= MID_FIRST && t <= MID_LAST && hi - lo >= MID_MIN_PAIRS;
		if (mid && cmask == 0 && lo < hi) {
			// see MID_FIRST: one ascending touch pointer max(MID_AHEAD, 16·2^t) bytes ahead, one
			// line per step of two pairs (a step's span: 32 bytes of each run)
			const runMask: u32 = (<u32>1 << t) - 1;
			const last = state + (<usize>insertZero(hi - 1, t) << 4) + off;
			let ahead = state + (<usize>insertZero(lo, t) << 4) + max<usize>(MID_AHEAD, off);
			let sink: u32 = 0;
			for (let b0 = lo; b0 < hi; ) {
				const b1: u32 = min<u32>(hi, (b0 | runMask) + 1);
				const p = state + (<usize>insertZero(b0, t) << 4);
				const e = p + (<usize>(b1 - b0) << 4);
				let p0 = p;
				for (; p0 + 32 <= e; p0 += 32) {
					sink ^= load<u32>(min<usize>(ahead, last));
					ahead += 64;
					pairAt(p0, p0 + off, r00, i00, r01, i01, r10, i10, r11, i11);
					pairAt(p0 + 16, p0 + 16 + off, r00, i00, r01, i01, r10, i10, r11, i11);
				}
				if (p0 < e) pairAt(p0, p0 + off, r00, i00, r01, i01, r10, i10, r11, i11);
				b0 = b1;
			}
			store<u32>(buf, sink); // keeps the touching loads
			return;
		}
		if (mid || (cmask == 0 && t >= RUN_FIRST)) {
			// Run by run: a block's lower and upper runs (2^t pairs each) are walked with pointers;
			// with controls on t = 5…10 each segment's span is touched first (see MID_FIRST).
			const runMask: u32 = (<u32>1 << t) - 1;
			let sink: u32 = 0;
			for (let s0 = lo; s0 < hi; ) {
				const s1: u32 = mid ? min<u32>(hi, s0 + MID_SEGMENT) : hi;
				if (mid) {
					const first = state + (<usize>insertZero(s0, t) << 4);
					const last = state + (<usize>insertZero(s1 - 1, t) << 4) + off;
					for (let q = first; q <= last; q += 64) sink ^= load<u32>(q);
				}
				for (let b0 = s0; b0 < s1; ) {
					const b1: u32 = min<u32>(s1, (b0 | runMask) + 1);
					if (cmask == 0) {
						const p = state + (<usize>insertZero(b0, t) << 4);
						const e = p + (<usize>(b1 - b0) << 4);
						for (let p0 = p; p0 < e; p0 += 16) pairAt(p0, p0 + off, r00, i00, r01, i01, r10, i10, r11, i11);
					} else {
						for (let i = b0; i < b1; i++) {
							const i0 = insertZero(i, t);
							if ((i0 & cmask) != cmask) continue;
							const p0 = state + (<usize>i0 << 4);
							pairAt(p0, p0 + off, r00, i00, r01, i01, r10, i10, r11, i11);
						}
					}
					b0 = b1;
				}
				s0 = s1;
			}
			if (mid) store<u32>(buf, sink); // keeps the touching loads
			return;
		}
		for (let i = lo; i < hi; i++) {
			const i0 = insertZero(i, t);
			if ((i0 & cmask) != cmask) continue;
			const p0 = state + (<usize>i0 << 4);
			pairAt(p0, p0 + off, r00, i00, r01, i01, r10, i10, r11, i11);
		}
	} else {
		const a00r = load<f64>(m, 0), a00i = load<f64>(m, 8), a01r = load<f64>(m, 16), a01i = load<f64>(m, 24);
		const a10r = load<f64>(m, 32), a10i = load<f64>(m, 40), a11r = load<f64>(m, 48), a11i = load<f64>(m, 56);
		for (let i = lo; i < hi; i++) {
			const i0 = insertZero(i, t);
			if ((i0 & cmask) != cmask) continue;
			const p0 = state + (<usize>i0 << 4);
			const p1 = p0 + off;
			const ar = load<f64>(p0), ai = load<f64>(p0, 8);
			const br = load<f64>(p1), bi = load<f64>(p1, 8);
			store<f64>(p0, a00r * ar - a00i * ai + a01r * br - a01i * bi);
			store<f64>(p0, a00r * ai + a00i * ar + a01r * bi + a01i * br, 8);
			store<f64>(p1, a10r * ar - a10i * ai + a11r * br - a11i * bi);
			store<f64>(p1, a10r * ai + a10i * ar + a11r * bi + a11i * br, 8);
		}
	}
}

/**
 * Dense 2×2 gate on qubit t with exactly one control qubit c: iterates only over the quarter of the
 * state where c = 1 and t = 0 (quad indices [lo, hi) of 2^(n−2)), so no iteration is wasted.
 * `buf` is this thread's far-pair buffer (see FAR_PAIR_BYTES).
 */
export function apply1c1(state: usize, t: u32, c: u32, m: usize, buf: usize, lo: u32, hi: u32): void {
	const off: usize = (<usize>1 << t) << 4;
	const lowBit = t < c ? t : c;
	const highBit = t < c ? c : t;
	const cbit: u32 = <u32>1 << c;
	if (ASC_FEATURE_SIMD) {
		const r00 = f64x2.splat(load<f64>(m, 0)), i00 = imPart(m);
		const r01 = f64x2.splat(load<f64>(m, 16)), i01 = imPart(m + 16);
		const r10 = f64x2.splat(load<f64>(m, 32)), i10 = imPart(m + 32);
		const r11 = f64x2.splat(load<f64>(m, 48)), i11 = imPart(m + 48);
		if (off >= FAR_PAIR_BYTES && lowBit >= 9) {
			// Runs of 2^lowBit quads map to consecutive amplitudes: move them with memory.copy.
			const runMask: u32 = (<u32>1 << lowBit) - 1;
			for (let b0 = lo; b0 < hi; ) {
				const b1: u32 = min<u32>(min<u32>(hi, b0 + FAR_BLOCK), (b0 | runMask) + 1);
				const p0 = state + (<usize>(insertZero(insertZero(b0, lowBit), highBit) | cbit) << 4);
				const bytes: usize = <usize>(b1 - b0) << 4;
				memory.copy(buf, p0 + off, bytes);
				for (let j: usize = 0; j < bytes; j += 16) {
					const a = v128.load(p0 + j);
					const b = v128.load(buf + j);
					const sa = swapped(a);
					const sb = swapped(b);
					v128.store(p0 + j, f64x2.add(cmulS(a, sa, r00, i00), cmulS(b, sb, r01, i01)));
					v128.store(buf + j, f64x2.add(cmulS(a, sa, r10, i10), cmulS(b, sb, r11, i11)));
				}
				memory.copy(p0 + off, buf, bytes);
				b0 = b1;
			}
			return;
		}
		if (off >= FAR_PAIR_BYTES) {
			// see FAR_PAIR_BYTES: gather the upper amplitudes, update, scatter back
			for (let b0 = lo; b0 < hi; b0 += FAR_BLOCK) {
				const b1: u32 = min<u32>(hi, b0 + FAR_BLOCK);
				for (let i = b0; i < b1; i++) {
					const p1 = state + (<usize>(insertZero(insertZero(i, lowBit), highBit) | cbit) << 4) + off;
					v128.store(buf + (<usize>(i - b0) << 4), v128.load(p1));
				}
				for (let i = b0; i < b1; i++) {
					const p0 = state + (<usize>(insertZero(insertZero(i, lowBit), highBit) | cbit) << 4);
					const q1 = buf + (<usize>(i - b0) << 4);
					const a = v128.load(p0);
					const b = v128.load(q1);
					const sa = swapped(a);
					const sb = swapped(b);
					v128.store(p0, f64x2.add(cmulS(a, sa, r00, i00), cmulS(b, sb, r01, i01)));
					v128.store(q1, f64x2.add(cmulS(a, sa, r10, i10), cmulS(b, sb, r11, i11)));
				}
				for (let i = b0; i < b1; i++) {
					const p1 = state + (<usize>(insertZero(insertZero(i, lowBit), highBit) | cbit) << 4) + off;
					v128.store(p1, v128.load(buf + (<usize>(i - b0) << 4)));
				}
			}
			return;
		}
		const mode = midControlMode(t, c);
		if (hi - lo >= MID_MIN_PAIRS && mode != 0 && lo < hi) {
			// see MID_CONTROL_SPAN: each run of 2^lowBit quads is walked with pointers while a
			// pointer touches the memory ahead of the update in address order
			const runMask: u32 = (<u32>1 << lowBit) - 1;
			const first: u32 = insertZero(insertZero(lo, lowBit), highBit) | cbit;
			const last = state + (<usize>(insertZero(insertZero(hi - 1, lowBit), highBit) | cbit) << 4) + off;
			// mode 1: a byte pointer over the whole span, twice the distance (half of it is skipped);
			// mode 2: an index over the amplitudes with bit c set (bit c removed); mode 3: an index
			// over the lower run's amplitudes (bit t removed), touched in both runs
			let ahead = state + (<usize>first << 4) + 2 * max<usize>(MID_AHEAD, off);
			let k: u32 = removeBit(first, c) + max<u32>(<u32>(MID_AHEAD >> 4), <u32>1 << t);
			let j: u32 = removeBit(first, t) + <u32>(MID_AHEAD >> 3);
			let sink: u32 = 0;
			for (let b0 = lo; b0 < hi; ) {
				const b1: u32 = min<u32>(hi, (b0 | runMask) + 1);
				const p = state + (<usize>(insertZero(insertZero(b0, lowBit), highBit) | cbit) << 4);
				const e = p + (<usize>(b1 - b0) << 4);
				let p0 = p;
				for (; p0 + 32 <= e; p0 += 32) {
					if (mode == 1) {
						sink ^= load<u32>(min<usize>(ahead, last)) ^ load<u32>(min<usize>(ahead + 64, last));
						ahead += 128;
					} else if (mode == 3) {
						const q = state + (<usize>insertZero(j, t) << 4);
						sink ^= load<u32>(min<usize>(q, last)) ^ load<u32>(min<usize>(q + off, last));
						j += 4;
					} else {
						sink ^= load<u32>(min<usize>(state + (<usize>(insertZero(k, c) | cbit) << 4), last));
						k += 4;
					}
					pairAt(p0, p0 + off, r00, i00, r01, i01, r10, i10, r11, i11);
					pairAt(p0 + 16, p0 + 16 + off, r00, i00, r01, i01, r10, i10, r11, i11);
				}
				if (p0 < e) {
					// an odd run end (split ranges only: runs are 2^lowBit ≥ 2 quads)
					sink ^= load<u32>(min<usize>(ahead, last));
					ahead += 64;
					k += 2;
					j += 2;
					pairAt(p0, p0 + off, r00, i00, r01, i01, r10, i10, r11, i11);
				}
				b0 = b1;
			}
			store<u32>(buf, sink); // keeps the touching loads
			return;
		}
		for (let i = lo; i < hi; i++) {
			const p0 = state + (<usize>(insertZero(insertZero(i, lowBit), highBit) | cbit) << 4);
			const p1 = p0 + off;
			const a = v128.load(p0);
			const b = v128.load(p1);
			const sa = swapped(a);
			const sb = swapped(b);
			v128.store(p0, f64x2.add(cmulS(a, sa, r00, i00), cmulS(b, sb, r01, i01)));
			v128.store(p1, f64x2.add(cmulS(a, sa, r10, i10), cmulS(b, sb, r11, i11)));
		}
	} else {
		const a00r = load<f64>(m, 0), a00i = load<f64>(m, 8), a01r = load<f64>(m, 16), a01i = load<f64>(m, 24);
		const a10r = load<f64>(m, 32), a10i = load<f64>(m, 40), a11r = load<f64>(m, 48), a11i = load<f64>(m, 56);
		for (let i = lo; i < hi; i++) {
			const p0 = state + (<usize>(insertZero(insertZero(i, lowBit), highBit) | cbit) << 4);
			const p1 = p0 + off;
			const ar = load<f64>(p0), ai = load<f64>(p0, 8);
			const br = load<f64>(p1), bi = load<f64>(p1, 8);
			store<f64>(p0, a00r * ar - a00i * ai + a01r * br - a01i * bi);
			store<f64>(p0, a00r * ai + a00i * ar + a01r * bi + a01i * br, 8);
			store<f64>(p1, a10r * ar - a10i * ai + a11r * br - a11i * bi);
			store<f64>(p1, a10r * ai + a10i * ar + a11r * bi + a11i * br, 8);
		}
	}
}

/**
 * Dense 4×4 gate on qubits (q0, q1) — sub-index = bit(q1)·2 + bit(q0) — with controls cmask.
 * `m` holds 16 complex entries, row-major; `buf` is this thread's far-pair buffer (see
 * FAR_PAIR_BYTES). Iterates over quad indices [lo, hi) of 2^(n−2).
 */
export function apply2(state: usize, q0: u32, q1: u32, cmask: u32, m: usize, buf: usize, lo: u32, hi: u32): void {
	const lowBit = q0 < q1 ? q0 : q1;
	const highBit = q0 < q1 ? q1 : q0;
	const o1: usize = (<usize>1 << q0) << 4;
	const o2: usize = (<usize>1 << q1) << 4;
	const o3: usize = o1 + o2;
	if (ASC_FEATURE_SIMD) {
		// Too many constants for the vector registers: expand the matrix once into a table of
		// (mr, mr) and (−mi, mi) vectors at m + 1024 (inside this thread's parameter slot) and load
		// them in the loop (L1 hits) instead of letting the compiler spill and shuffle them.
		const t = m + 1024;
		for (let e: usize = 0; e < 16; e++) {
			v128.store(t + (e << 5), f64x2.splat(load<f64>(m + (e << 4))));
			v128.store(t + (e << 5) + 16, imPart(m + (e << 4)));
		}
		if (max<usize>(o1, o2) >= FAR_PAIR_BYTES) {
			// see FAR_PAIR_BYTES: gather amplitudes 1–3 of each quad (FAR_BLOCK / 4 quads, 3 × 2 KiB
			// of the buffer), update, scatter back
			const blk: u32 = FAR_BLOCK >> 2;
			for (let b0 = lo; b0 < hi; b0 += blk) {
				const b1: u32 = min<u32>(hi, b0 + blk);
				for (let i = b0; i < b1; i++) {
					const p = state + (<usize>insertZero(insertZero(i, lowBit), highBit) << 4);
					const q = buf + (<usize>(i - b0) << 4);
					v128.store(q, v128.load(p + o1));
				}
				for (let i = b0; i < b1; i++) {
					const p = state + (<usize>insertZero(insertZero(i, lowBit), highBit) << 4);
					const q = buf + (<usize>(i - b0) << 4);
					v128.store(q, v128.load(p + o2), 2048);
				}
				for (let i = b0; i < b1; i++) {
					const p = state + (<usize>insertZero(insertZero(i, lowBit), highBit) << 4);
					const q = buf + (<usize>(i - b0) << 4);
					v128.store(q, v128.load(p + o3), 4096);
				}
				for (let i = b0; i < b1; i++) {
					const base = insertZero(insertZero(i, lowBit), highBit);
					if ((base & cmask) != cmask) continue;
					const p = state + (<usize>base << 4);
					const q = buf + (<usize>(i - b0) << 4);
					const a0 = v128.load(p);
					const a1 = v128.load(q);
					const a2 = v128.load(q, 2048);
					const a3 = v128.load(q, 4096);
					const s0 = swapped(a0);
					const s1 = swapped(a1);
					const s2 = swapped(a2);
					const s3 = swapped(a3);
					v128.store(p, row2(t, a0, s0, a1, s1, a2, s2, a3, s3));
					v128.store(q, row2(t + 128, a0, s0, a1, s1, a2, s2, a3, s3));
					v128.store(q, row2(t + 256, a0, s0, a1, s1, a2, s2, a3, s3), 2048);
					v128.store(q, row2(t + 384, a0, s0, a1, s1, a2, s2, a3, s3), 4096);
				}
				for (let i = b0; i < b1; i++) {
					const p = state + (<usize>insertZero(insertZero(i, lowBit), highBit) << 4);
					const q = buf + (<usize>(i - b0) << 4);
					v128.store(p + o1, v128.load(q));
				}
				for (let i = b0; i < b1; i++) {
					const p = state + (<usize>insertZero(insertZero(i, lowBit), highBit) << 4);
					const q = buf + (<usize>(i - b0) << 4);
					v128.store(p + o2, v128.load(q, 2048));
				}
				for (let i = b0; i < b1; i++) {
					const p = state + (<usize>insertZero(insertZero(i, lowBit), highBit) << 4);
					const q = buf + (<usize>(i - b0) << 4);
					v128.store(p + o3, v128.load(q, 4096));
				}
			}
			return;
		}
		// Mid-range (see MID_FIRST): without controls, when the higher qubit is 6…9 one ascending
		// pointer touches the state max(MID_AHEAD, 2·16·2^highBit) bytes ahead, one line per quad
		// (a quad's four amplitudes average 64 bytes of the span). At n = 26 RXX on (5, 6) went from
		// 30 % to 51 % of the copy probe, (8, 9) 45 → 50 %; with the higher qubit 5 or 10 (already
		// ~50–56 %: this kernel is bound by its arithmetic near 55 %) touching lost 10–15 %.
		const touch = cmask == 0 && highBit >= MID_FIRST + 1 && highBit <= MID_LAST - 1 && hi - lo >= MID_MIN_PAIRS;
		const lastT = state + (<usize>insertZero(insertZero(hi - 1, lowBit), highBit) << 4) + o3;
		let ahead = state + (<usize>insertZero(insertZero(lo, lowBit), highBit) << 4) + max<usize>(MID_AHEAD, 2 * max<usize>(o1, o2));
		let sink: u32 = 0;
		for (let i = lo; i < hi; i++) {
			if (touch) {
				sink ^= load<u32>(min<usize>(ahead, lastT));
				ahead += 64;
			}
			const base = insertZero(insertZero(i, lowBit), highBit);
			if ((base & cmask) != cmask) continue;
			const p = state + (<usize>base << 4);
			const a0 = v128.load(p);
			const a1 = v128.load(p + o1);
			const a2 = v128.load(p + o2);
			const a3 = v128.load(p + o3);
			const s0 = swapped(a0);
			const s1 = swapped(a1);
			const s2 = swapped(a2);
			const s3 = swapped(a3);
			v128.store(p, row2(t, a0, s0, a1, s1, a2, s2, a3, s3));
			v128.store(p + o1, row2(t + 128, a0, s0, a1, s1, a2, s2, a3, s3));
			v128.store(p + o2, row2(t + 256, a0, s0, a1, s1, a2, s2, a3, s3));
			v128.store(p + o3, row2(t + 384, a0, s0, a1, s1, a2, s2, a3, s3));
		}
		if (touch) store<u32>(buf, sink); // keeps the touching loads
	} else {
		for (let i = lo; i < hi; i++) {
			const base = insertZero(insertZero(i, lowBit), highBit);
			if ((base & cmask) != cmask) continue;
			const p = state + (<usize>base << 4);
			const x0r = load<f64>(p), x0i = load<f64>(p, 8);
			const x1r = load<f64>(p + o1), x1i = load<f64>(p + o1, 8);
			const x2r = load<f64>(p + o2), x2i = load<f64>(p + o2, 8);
			const x3r = load<f64>(p + o3), x3i = load<f64>(p + o3, 8);
			for (let row: u32 = 0; row < 4; row++) {
				const mr = m + (<usize>row << 6);
				const c0r = load<f64>(mr, 0), c0i = load<f64>(mr, 8), c1r = load<f64>(mr, 16), c1i = load<f64>(mr, 24);
				const c2r = load<f64>(mr, 32), c2i = load<f64>(mr, 40), c3r = load<f64>(mr, 48), c3i = load<f64>(mr, 56);
				const yr = c0r * x0r - c0i * x0i + c1r * x1r - c1i * x1i + c2r * x2r - c2i * x2i + c3r * x3r - c3i * x3i;
				const yi = c0r * x0i + c0i * x0r + c1r * x1i + c1i * x1r + c2r * x2i + c2i * x2r + c3r * x3i + c3i * x3r;
				const q: usize = row == 0 ? p : row == 1 ? p + o1 : row == 2 ? p + o2 : p + o3;
				// rows are written after all four inputs were read, so overwriting in place is safe
				store<f64>(q + 0x0, yr);
				store<f64>(q, yi, 8);
			}
		}
	}
}

/**
 * Diagonal gate on k qubits (their positions as u32 at `qubits`, least significant first): the
 * amplitude at basis index i is multiplied by diag[sub(i)], sub(i) gathering those k bits.
 * `diag` holds 2^k complex entries. `buf` is this thread's far-pair buffer (8 KiB), used here as
 * scratch for lookup tables. Iterates over amplitudes [lo, hi) of 2^n.
 */
export function applyDiag(state: usize, qubits: usize, k: u32, diag: usize, buf: usize, lo: u32, hi: u32): void {
	// The diagonal entry only changes when one of its qubits' bits changes, so indices come in runs of
	// 2^(lowest qubit) sharing one entry: gather once per run, then a plain complex scale over the run.
	let lowest: u32 = 31;
	for (let j: u32 = 0; j < k; j++) {
		const q = load<u32>(qubits + (<usize>j << 2));
		if (q < lowest) lowest = q;
	}
	if (ASC_FEATURE_SIMD) {
		if (lowest < DIAG_LOW_BITS && k <= 6) {
			// Short runs (a qubit below 8, as in QFT's controlled phases): gathering k bits per
			// amplitude cost more than the memory traffic. Instead, two tables in `buf`: the entries as
			// ready (re, re), (−im, im) vectors (2^k × 32 B at buf + 1 KiB), and for the low 8 index
			// bits the byte offset of their part of the entry (256 × u32 at buf); the high bits'
			// part is gathered once per 256 amplitudes.
			const vt = buf + 1024;
			for (let e: u32 = 0; e < (<u32>1 << k); e++) {
				const d = diag + (<usize>e << 4);
				v128.store(vt + (<usize>e << 5), f64x2.splat(load<f64>(d)));
				v128.store(vt + (<usize>e << 5) + 16, imPart(d));
			}
			for (let b: u32 = 0; b < 256; b++) {
				let sub: u32 = 0;
				for (let j: u32 = 0; j < k; j++) {
					const q = load<u32>(qubits + (<usize>j << 2));
					if (q < DIAG_LOW_BITS) sub |= ((b >> q) & 1) << j;
				}
				store<u32>(buf + (<usize>b << 2), sub << 5);
			}
			let i = lo;
			while (i < hi) {
				let high: u32 = 0;
				for (let j: u32 = 0; j < k; j++) {
					const q = load<u32>(qubits + (<usize>j << 2));
					if (q >= DIAG_LOW_BITS) high |= ((i >> q) & 1) << j;
				}
				const vh = vt + (<usize>high << 5);
				const end: u32 = min<u32>(hi, (i | 255) + 1);
				for (; i < end; i++) {
					const v = vh + <usize>load<u32>(buf + (<usize>(i & 255) << 2));
					const p = state + (<usize>i << 4);
					v128.store(p, cmul(v128.load(p), v128.load(v), v128.load(v, 16)));
				}
			}
			return;
		}
	}
	const runMask: u32 = (<u32>1 << lowest) - 1;
	let i = lo;
	while (i < hi) {
		let sub: u32 = 0;
		for (let j: u32 = 0; j < k; j++) sub |= ((i >> load<u32>(qubits + (<usize>j << 2))) & 1) << j;
		const end: u32 = min<u32>(hi, (i | runMask) + 1);
		const d = diag + (<usize>sub << 4);
		if (ASC_FEATURE_SIMD) {
			const dr = f64x2.splat(load<f64>(d));
			const di = imPart(d);
			for (; i < end; i++) {
				const p = state + (<usize>i << 4);
				v128.store(p, cmul(v128.load(p), dr, di));
			}
		} else {
			const dr = load<f64>(d), di = load<f64>(d, 8);
			for (; i < end; i++) {
				const p = state + (<usize>i << 4);
				const ar = load<f64>(p), ai = load<f64>(p, 8);
				store<f64>(p, dr * ar - di * ai);
				store<f64>(p, dr * ai + di * ar, 8);
			}
		}
	}
}

/** Diagonal qubits below this use the lookup-table path of applyDiag (index bits per table). */
// @ts-ignore: decorator
@inline const DIAG_LOW_BITS: u32 = 8;

/**
 * Monomial block (a permutation of basis states with a phase each — any run of X, CX, Toffoli,
 * swap and diagonal gates fuses into one) on k qubits. The state splits into groups of 2^k
 * amplitudes that share every bit outside the block; each group is permuted in place, cycle by
 * cycle: the block's `numCycles` cycles are listed one after the other in `offs` (amplitude-index
 * offsets, block bits only; `lens` gives each cycle's length), and the amplitude at a cycle's entry
 * i moves to its entry i+1 (the last to the first), times phase i. Entries in no cycle stay put.
 * Following cycles needs one load and one store per moved amplitude and no buffer. `qubits` holds
 * the k block qubits in ascending order (to build a group's base index); `phase` holds 4 f64 per
 * entry, (re, re, −im, im), and is skipped when hasPhase = 0. Iterates over groups [lo, hi) of 2^(n−k).
 *
 * Tried and dropped: doing several neighbouring groups per cycle step (to walk memory in address
 * order) was slower — a tile's groups no longer fit in L2 between steps.
 */
export function applyPerm(
	state: usize,
	qubits: usize,
	k: u32,
	offs: usize,
	phase: usize,
	lens: usize,
	numCycles: u32,
	hasPhase: u32,
	lo: u32,
	hi: u32
): void {
	for (let g = lo; g < hi; g++) {
		let base = g;
		for (let j: u32 = 0; j < k; j++) base = insertZero(base, load<u32>(qubits + (<usize>j << 2)));
		const b = state + (<usize>base << 4);
		let t: usize = 0;
		for (let c: u32 = 0; c < numCycles; c++) {
			const len = <usize>load<u32>(lens + (<usize>c << 2));
			const first = b + (<usize>load<u32>(offs + (t << 2)) << 4);
			if (ASC_FEATURE_SIMD) {
				let carry = v128.load(first);
				if (hasPhase != 0) {
					for (let i: usize = 1; i < len; i++) {
						const p = b + (<usize>load<u32>(offs + ((t + i) << 2)) << 4);
						const next = v128.load(p);
						const ph = phase + ((t + i - 1) << 5);
						v128.store(p, cmul(carry, v128.load(ph), v128.load(ph, 16)));
						carry = next;
					}
					const ph = phase + ((t + len - 1) << 5);
					v128.store(first, cmul(carry, v128.load(ph), v128.load(ph, 16)));
				} else {
					for (let i: usize = 1; i < len; i++) {
						const p = b + (<usize>load<u32>(offs + ((t + i) << 2)) << 4);
						const next = v128.load(p);
						v128.store(p, carry);
						carry = next;
					}
					v128.store(first, carry);
				}
			} else {
				let cr = load<f64>(first), ci = load<f64>(first, 8);
				for (let i: usize = 1; i <= len; i++) {
					const p = i < len ? b + (<usize>load<u32>(offs + ((t + i) << 2)) << 4) : first;
					const nr = load<f64>(p), ni = load<f64>(p, 8);
					if (hasPhase != 0) {
						const ph = phase + ((t + i - 1) << 5);
						const pr = load<f64>(ph), pi = load<f64>(ph, 24);
						store<f64>(p, pr * cr - pi * ci);
						store<f64>(p, pr * ci + pi * cr, 8);
					} else {
						store<f64>(p, cr);
						store<f64>(p, ci, 8);
					}
					cr = nr;
					ci = ni;
				}
			}
			t += len;
		}
	}
}

/** Layout of the table `tab` of applyK (byte offsets; the host writes qubits and the raw matrix). */
// @ts-ignore: decorator
@inline const K_QUBITS: usize = 0; // k × u32, local bit j = qubit j (op order)
// @ts-ignore: decorator
@inline const K_SORTED: usize = 32; // the same qubits ascending
// @ts-ignore: decorator
@inline const K_OFFS: usize = 64; // 2^k × u32 byte offsets of a group's amplitudes (kernel-written)
// @ts-ignore: decorator
@inline const K_AMPS: usize = 51200; // 2^k × 4 × v128 gathered amplitudes (4 groups)
// @ts-ignore: decorator
@inline const K_SWAPPED: usize = 53248; // the same, (im, re)
// @ts-ignore: decorator
@inline const K_MATRIX: usize = 2048; // 4^k complex f64, row-major (host-written)
// @ts-ignore: decorator
@inline const K_TABLE: usize = 2048 + 16384; // 4^k × ((mr, mr), (−mi, mi)) (kernel-written)

/**
 * Dense 2^k × 2^k gate on k = 3..5 qubits, from fusion (a run of gates on at most k qubits becomes one
 * matrix, one sweep). The state splits into groups of 2^k amplitudes sharing every bit outside the
 * block: each group is gathered into a small buffer, multiplied by the matrix (row by row, each row
 * a sum of 2^k complex products, two f64 lanes = one complex per v128) and written back. The table
 * `tab` (the thread's 64 KiB table slot) holds the qubits and the raw matrix, see K_QUBITS …
 * K_TABLE. Iterates over groups [lo, hi) of 2^(n−k).
 */
export function applyK(state: usize, k: u32, tab: usize, lo: u32, hi: u32): void {
	const d: usize = <usize>1 << k;
	for (let s: usize = 0; s < d; s++) {
		let off: u32 = 0;
		for (let j: u32 = 0; j < k; j++) if ((s >> j) & 1) off |= <u32>1 << load<u32>(tab + K_QUBITS + (<usize>j << 2));
		store<u32>(tab + K_OFFS + (s << 2), off << 4);
	}
	const m = tab + K_MATRIX;
	if (ASC_FEATURE_SIMD) {
		const tt = tab + K_TABLE;
		for (let e: usize = 0; e < d * d; e++) {
			v128.store(tt + (e << 5), f64x2.splat(load<f64>(m + (e << 4))));
			v128.store(tt + (e << 5), imPart(m + (e << 4)), 16);
		}
		const amps = tab + K_AMPS;
		const sw = tab + K_SWAPPED;
		// Four neighbouring groups at once when the block's lowest qubit is ≥ 2: their amplitudes
		// are consecutive, so each of the 2^k streams is read and written a whole 64-byte line at a
		// time (2^k streams 2^q apart alias in the L1 sets and would evict each other's lines
		// between groups) and each matrix entry is loaded once per four amplitudes.
		const wide = load<u32>(tab + K_SORTED) >= 2;
		for (let g = lo; g < hi; ) {
			let base = g;
			for (let j: u32 = 0; j < k; j++) base = insertZero(base, load<u32>(tab + K_SORTED + (<usize>j << 2)));
			const b = state + (<usize>base << 4);
			if (wide && (g & 3) == 0 && g + 4 <= hi) {
				for (let s: usize = 0; s < d; s++) {
					const p = b + <usize>load<u32>(tab + K_OFFS + (s << 2));
					const q = amps + (s << 6);
					const w = sw + (s << 6);
					const a0 = v128.load(p), a1 = v128.load(p, 16), a2 = v128.load(p, 32), a3 = v128.load(p, 48);
					v128.store(q, a0);
					v128.store(q, a1, 16);
					v128.store(q, a2, 32);
					v128.store(q, a3, 48);
					v128.store(w, swapped(a0));
					v128.store(w, swapped(a1), 16);
					v128.store(w, swapped(a2), 32);
					v128.store(w, swapped(a3), 48);
				}
				let row = tt;
				for (let r: usize = 0; r < d; r++) {
					let y0 = f64x2.splat(0), y1 = f64x2.splat(0), y2 = f64x2.splat(0), y3 = f64x2.splat(0);
					for (let s: usize = 0; s < d; s++) {
						const e = row + (s << 5);
						const mre = v128.load(e), mim = v128.load(e, 16);
						const q = amps + (s << 6);
						const w = sw + (s << 6);
						y0 = f64x2.add(y0, cmulS(v128.load(q), v128.load(w), mre, mim));
						y1 = f64x2.add(y1, cmulS(v128.load(q, 16), v128.load(w, 16), mre, mim));
						y2 = f64x2.add(y2, cmulS(v128.load(q, 32), v128.load(w, 32), mre, mim));
						y3 = f64x2.add(y3, cmulS(v128.load(q, 48), v128.load(w, 48), mre, mim));
					}
					const p = b + <usize>load<u32>(tab + K_OFFS + (r << 2));
					v128.store(p, y0);
					v128.store(p, y1, 16);
					v128.store(p, y2, 32);
					v128.store(p, y3, 48);
					row += d << 5;
				}
				g += 4;
				continue;
			}
			for (let s: usize = 0; s < d; s++) {
				const a = v128.load(b + <usize>load<u32>(tab + K_OFFS + (s << 2)));
				v128.store(amps + (s << 6), a);
				v128.store(sw + (s << 6), swapped(a));
			}
			let row = tt;
			for (let r: usize = 0; r < d; r++) {
				// two accumulators per row: shorter dependency chains
				let acc0 = f64x2.splat(0);
				let acc1 = f64x2.splat(0);
				for (let s: usize = 0; s < d; s += 2) {
					const e = row + (s << 5);
					acc0 = f64x2.add(acc0, cmulS(v128.load(amps + (s << 6)), v128.load(sw + (s << 6)), v128.load(e), v128.load(e, 16)));
					acc1 = f64x2.add(acc1, cmulS(v128.load(amps + (s << 6), 64), v128.load(sw + (s << 6), 64), v128.load(e, 32), v128.load(e, 48)));
				}
				v128.store(b + <usize>load<u32>(tab + K_OFFS + (r << 2)), f64x2.add(acc0, acc1));
				row += d << 5;
			}
			g++;
		}
	} else {
		const amps = tab + K_AMPS;
		for (let g = lo; g < hi; g++) {
			let base = g;
			for (let j: u32 = 0; j < k; j++) base = insertZero(base, load<u32>(tab + K_SORTED + (<usize>j << 2)));
			const b = state + (<usize>base << 4);
			for (let s: usize = 0; s < d; s++) {
				const p = b + <usize>load<u32>(tab + K_OFFS + (s << 2));
				store<f64>(amps + (s << 4), load<f64>(p));
				store<f64>(amps + (s << 4), load<f64>(p, 8), 8);
			}
			for (let r: usize = 0; r < d; r++) {
				let yr = 0.0, yi = 0.0;
				const row = m + ((r * d) << 4);
				for (let s: usize = 0; s < d; s++) {
					const mr = load<f64>(row + (s << 4)), mi = load<f64>(row + (s << 4), 8);
					const xr = load<f64>(amps + (s << 4)), xi = load<f64>(amps + (s << 4), 8);
					yr += mr * xr - mi * xi;
					yi += mr * xi + mi * xr;
				}
				const p = b + <usize>load<u32>(tab + K_OFFS + (r << 2));
				store<f64>(p, yr);
				store<f64>(p, yi, 8);
			}
		}
	}
}

/** Swap qubits a and b where the controls cmask are set. Iterates over [lo, hi) of 2^(n−2). */
export function swap(state: usize, a: u32, b: u32, cmask: u32, lo: u32, hi: u32): void {
	const lowBit = a < b ? a : b;
	const highBit = a < b ? b : a;
	const oa: usize = (<usize>1 << a) << 4;
	const ob: usize = (<usize>1 << b) << 4;
	for (let i = lo; i < hi; i++) {
		const base = insertZero(insertZero(i, lowBit), highBit);
		if ((base & cmask) != cmask) continue;
		const p = state + (<usize>base << 4);
		if (ASC_FEATURE_SIMD) {
			const x = v128.load(p + oa);
			v128.store(p + oa, v128.load(p + ob));
			v128.store(p + ob, x);
		} else {
			const xr = load<f64>(p + oa), xi = load<f64>(p + oa, 8);
			store<f64>(p + oa, load<f64>(p + ob));
			store<f64>(p + oa, load<f64>(p + ob, 8), 8);
			store<f64>(p + ob, xr);
			store<f64>(p + ob, xi, 8);
		}
	}
}

/**
 * Cache tiles (host: src/lib/quantum/tiles.ts). A tile is the 2^(lowBits + numHigh) amplitudes
 * that share every index bit outside the low `lowBits` bits and the `numHigh` qubits listed (u32,
 * ascending) at `high`: 2^numHigh contiguous segments of 2^lowBits amplitudes, `base` (the tile's
 * first index) apart from each other by those qubits' bits. gather = 1 copies the segments into the
 * contiguous buffer `buf` (segment s at s·2^lowBits: qubit high[j] becomes buffer bit lowBits + j);
 * gather = 0 copies them back. Several gates then run on the buffer while it sits in cache.
 */
export function tileCopy(state: usize, buf: usize, base: u32, high: usize, numHigh: u32, lowBits: u32, gather: u32): void {
	const seg: usize = (<usize>1 << lowBits) << 4;
	const count: u32 = <u32>1 << numHigh;
	for (let s: u32 = 0; s < count; s++) {
		let off: u32 = 0;
		for (let j: u32 = 0; j < numHigh; j++) if (((s >> j) & 1) != 0) off |= <u32>1 << load<u32>(high + (<usize>j << 2));
		const p = state + (<usize>(base | off) << 4);
		const b = buf + <usize>s * seg;
		if (gather != 0) memory.copy(b, p, seg);
		else memory.copy(p, b, seg);
	}
}

/**
 * Whether every amplitude of a tile (same arguments as tileCopy) is exactly zero — then every op
 * of a tile pass leaves it zero and the pass skips it (oracle and arithmetic circuits such as
 * QASMBench bwt_n21 keep most of the state at zero). Stops at the first non-zero amplitude.
 */
export function tileIsZero(state: usize, base: u32, high: usize, numHigh: u32, lowBits: u32): u32 {
	const seg: usize = (<usize>1 << lowBits) << 4;
	const count: u32 = <u32>1 << numHigh;
	for (let s: u32 = 0; s < count; s++) {
		let off: u32 = 0;
		for (let j: u32 = 0; j < numHigh; j++) if (((s >> j) & 1) != 0) off |= <u32>1 << load<u32>(high + (<usize>j << 2));
		const p = state + (<usize>(base | off) << 4);
		if (ASC_FEATURE_SIMD) {
			for (let i: usize = 0; i < seg; i += 64) {
				const a = v128.or(v128.or(v128.load(p + i), v128.load(p + i, 16)), v128.or(v128.load(p + i, 32), v128.load(p + i, 48)));
				// −0.0 counts as zero too: clear the sign bits before testing
				if (v128.any_true(v128.and(a, i64x2.splat(0x7fffffffffffffff)))) return 0;
			}
		} else {
			for (let i: usize = 0; i < seg; i += 8) if (load<f64>(p + i) != 0) return 0;
		}
	}
	return 1;
}

// ---------------------------------------------------------------------------------------------
// measurement and readout

/** Probability mass of qubit q being 1 over pair indices [lo, hi) of 2^(n−1) (unnormalised). */
export function prob1(state: usize, q: u32, lo: u32, hi: u32): f64 {
	const off: usize = (<usize>1 << q) << 4;
	let s: f64 = 0;
	for (let i = lo; i < hi; i++) {
		const p = state + (<usize>insertZero(i, q) << 4) + off;
		const r = load<f64>(p), im = load<f64>(p, 8);
		s += r * r + im * im;
	}
	return s;
}

/** Collapse qubit q to `outcome` (0/1): zero the other half, scale the kept half by s. Pairs [lo, hi). */
export function collapse(state: usize, q: u32, outcome: u32, s: f64, lo: u32, hi: u32): void {
	const off: usize = (<usize>1 << q) << 4;
	for (let i = lo; i < hi; i++) {
		const p0 = state + (<usize>insertZero(i, q) << 4);
		const keep = outcome != 0 ? p0 + off : p0;
		const drop = outcome != 0 ? p0 : p0 + off;
		store<f64>(keep, load<f64>(keep) * s);
		store<f64>(keep, load<f64>(keep, 8) * s, 8);
		store<f64>(drop, 0.0);
		store<f64>(drop, 0.0, 8);
	}
}

/** Write |amplitude|² of amplitudes [lo, hi) to the f64 array at out (out[i] for index i). */
export function probabilities(state: usize, out: usize, lo: u32, hi: u32): void {
	let i = lo;
	if (ASC_FEATURE_SIMD) {
		for (; i + 1 < hi; i += 2) {
			const p = state + (<usize>i << 4);
			const a = v128.load(p);
			const b = v128.load(p + 16);
			const sa = f64x2.mul(a, a);
			const sb = f64x2.mul(b, b);
			v128.store(out + (<usize>i << 3), f64x2.add(v128.shuffle<f64>(sa, sb, 0, 2), v128.shuffle<f64>(sa, sb, 1, 3)));
		}
	}
	for (; i < hi; i++) {
		const p = state + (<usize>i << 4);
		const r = load<f64>(p), im = load<f64>(p, 8);
		store<f64>(out + (<usize>i << 3), r * r + im * im);
	}
}

/** Sum of |amplitude|² over [lo, hi). */
export function norm2(state: usize, lo: u32, hi: u32): f64 {
	let s: f64 = 0;
	for (let i = lo; i < hi; i++) {
		const p = state + (<usize>i << 4);
		const r = load<f64>(p), im = load<f64>(p, 8);
		s += r * r + im * im;
	}
	return s;
}

/**
 * Sample shots in one pass: `rands` holds `shots` sorted uniform numbers in [0, total); each is
 * mapped to the basis index whose cumulative probability first exceeds it; indices (u32) go to out.
 */
export function sampleSorted(state: usize, nAmp: u32, rands: usize, shots: u32, out: usize): void {
	let acc: f64 = 0;
	let s: u32 = 0;
	let lastNonZero: u32 = 0;
	for (let i: u32 = 0; i < nAmp && s < shots; i++) {
		const p = state + (<usize>i << 4);
		const r = load<f64>(p), im = load<f64>(p, 8);
		const pr = r * r + im * im;
		if (pr > 0) lastNonZero = i;
		acc += pr;
		while (s < shots && load<f64>(rands + (<usize>s << 3)) < acc) {
			store<u32>(out + (<usize>s << 2), i);
			s++;
		}
	}
	for (; s < shots; s++) store<u32>(out + (<usize>s << 2), lastNonZero); // rounding at the tail
}

/**
 * Σ_i conj(ψ[i ⊕ x]) · (−1)^popcount(i & z) · ψ[i] over [lo, hi) of 2^n: ⟨ψ|X^x Z^z|ψ⟩ (the host
 * multiplies by i^(number of Y)). Writes re, im to out.
 */
export function pauliTerm(state: usize, xmask: u32, zmask: u32, out: usize, lo: u32, hi: u32): void {
	let sr: f64 = 0, si: f64 = 0;
	for (let i = lo; i < hi; i++) {
		const p = state + (<usize>i << 4);
		const q = state + (<usize>(i ^ xmask) << 4);
		const ar = load<f64>(q), ai = load<f64>(q, 8);
		const br = load<f64>(p), bi = load<f64>(p, 8);
		const re = ar * br + ai * bi;
		const im = ar * bi - ai * br;
		if ((popcnt<u32>(i & zmask) & 1) != 0) {
			sr -= re;
			si -= im;
		} else {
			sr += re;
			si += im;
		}
	}
	store<f64>(out, sr);
	store<f64>(out, si, 8);
}

/** Inner product ⟨a|b⟩ = Σ conj(a_i) b_i over nAmp amplitudes; writes re, im to out. */
export function inner(a: usize, b: usize, nAmp: u32, out: usize): void {
	let sr: f64 = 0, si: f64 = 0;
	for (let i: u32 = 0; i < nAmp; i++) {
		const pa = a + (<usize>i << 4);
		const pb = b + (<usize>i << 4);
		const ar = load<f64>(pa), ai = load<f64>(pa, 8);
		const br = load<f64>(pb), bi = load<f64>(pb, 8);
		sr += ar * br + ai * bi;
		si += ar * bi - ai * br;
	}
	store<f64>(out, sr);
	store<f64>(out, si, 8);
}
