/**
 * Fuzz: thousands of seeded random mutations and truncations of the fixtures (plain and inside
 * gzip/zip) must either import or be refused with an ImportError — never another exception,
 * never a hang. Total time is bounded.
 */
import { describe, expect, it } from 'vitest';
import { ImportError, importGenomeBytes } from '../../../src/lib/genome/index';
import { mulberry32 } from '../../../scripts/make-demo-genome';
import { concat, fixture, gzip, zip } from './helpers';

const FILES = [
	'23andme-v5-female.txt',
	'ancestry-v2-male.txt',
	'myheritage-v2.csv',
	'myheritage-extra-quotes.csv',
	'ftdna.csv',
	'livingdna.txt',
	'vcf-grch38-chr.vcf',
	'vcf-multisample.vcf',
	'23andme-bom-crlf-tabs.txt'
];
const ITERATIONS = 3000;
const BUDGET_MS = 20_000;
const INTERESTING = [0, 9, 10, 13, 34, 35, 44, 46, 47, 48, 49, 124, 0x1f, 0x8b, 0xff, 0xef, 0xbb, 0xbf, 65, 67, 71, 84, 45];

/** Apply 1–8 random edits: flip/set bytes, insert, delete, duplicate a span, or truncate. */
function mutate(src: Uint8Array, rnd: () => number): Uint8Array {
	let b: Uint8Array = src.slice();
	const edits = 1 + Math.floor(rnd() * 8);
	for (let e = 0; e < edits && b.length > 0; e++) {
		const at = Math.floor(rnd() * b.length);
		const kind = Math.floor(rnd() * 6);
		if (kind === 0) b[at] ^= 1 << Math.floor(rnd() * 8);
		else if (kind === 1) b[at] = INTERESTING[Math.floor(rnd() * INTERESTING.length)];
		else if (kind === 2) b = concat(b.subarray(0, at), Uint8Array.of(Math.floor(rnd() * 256)), b.subarray(at));
		else if (kind === 3) b = concat(b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + Math.floor(rnd() * 40))));
		else if (kind === 4) {
			const len = Math.floor(rnd() * 200);
			b = concat(b.subarray(0, at), b.subarray(at, at + len), b.subarray(at));
		} else b = b.subarray(0, at);
	}
	return b;
}

describe('fuzz', () => {
	it(`${ITERATIONS} mutated inputs: only ImportError, no hang`, async () => {
		const rnd = mulberry32(0xc0ffee);
		const sources = FILES.map((f) => fixture(f));
		const t0 = performance.now();
		const codes = new Map<string, number>();
		let ok = 0;
		let n = 0;
		for (; n < ITERATIONS && performance.now() - t0 < BUDGET_MS; n++) {
			const src = sources[n % sources.length];
			const container = n % 5;
			let input: Uint8Array;
			if (container === 3) input = mutate(gzip(src), rnd);
			else if (container === 4) input = mutate(zip(src), rnd);
			else {
				input = mutate(src, rnd);
				if (container === 1) input = gzip(input);
			}
			try {
				await importGenomeBytes(input, n % 7 === 0 ? { sample: 'child' } : {});
				ok++;
			} catch (err) {
				if (!(err instanceof ImportError)) {
					throw new Error(`iteration ${n}: non-ImportError ${(err as Error)?.name}: ${(err as Error)?.message}`);
				}
				expect(err.message.length).toBeGreaterThan(10);
				codes.set(err.code, (codes.get(err.code) ?? 0) + 1);
			}
		}
		console.log(`fuzz: ${n} inputs in ${Math.round(performance.now() - t0)} ms; imported ${ok}; refusals`, Object.fromEntries(codes));
		// thousands on an idle 2-core machine (~4 s); the floor leaves room for a loaded CI box
		expect(n).toBeGreaterThanOrEqual(500);
		expect(ok).toBeGreaterThan(0);
		expect(codes.size).toBeGreaterThan(5);
	}, 60_000);
});
