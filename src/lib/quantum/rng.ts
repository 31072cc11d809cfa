/**
 * Seeded pseudo-random numbers (xoshiro128**, seeded through splitmix32) so that shots and
 * mid-circuit measurements are reproducible with --seed.
 */

/** A function returning uniform doubles in [0, 1) with 53 random bits. */
export type Uniform = () => number;

/** A reproducible uniform generator from an integer seed (any safe integer). */
export function seededUniform(seed: number): Uniform {
	let x = (seed >>> 0) ^ Math.floor(seed / 2 ** 32);
	const split = () => {
		x = (x + 0x9e3779b9) | 0;
		let z = x;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) >>> 0;
	};
	const s = [split(), split(), split(), split()];
	const next = () => {
		const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
		const t = s[1] << 9;
		s[2] ^= s[0];
		s[3] ^= s[1];
		s[1] ^= s[2];
		s[0] ^= s[3];
		s[2] ^= t;
		s[3] = rotl(s[3], 11);
		return result;
	};
	return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}

function rotl(x: number, k: number): number {
	return (x << k) | (x >>> (32 - k));
}
