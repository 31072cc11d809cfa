/**
 * Hostile compressed input (issue #16): decompression bombs nested at every level are refused
 * after a bounded amount of work and memory, a cancel acts within a second even while a bomb
 * is being inflated, and altered content that still inflates fails the gzip / zip CRC-32 and
 * size checks. The CLI runs the bomb under an address-space limit.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as zlib from 'node:zlib';
import { deflateRawSync, gzipSync as nodeGzip } from 'node:zlib';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32Js } from '../../../src/lib/genome/checksum';
import { asImportError } from '../../../src/lib/genome/containers';
import { ImportError, importGenome, importGenomeBytes, bytesToStream } from '../../../src/lib/genome/index';
import { concat, fixture, gzip } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);

/** `mib` MiB of blank-looking text lines (spaces), which the importer skips without a limit. */
function blankText(mib = 16): Uint8Array {
	return new Uint8Array(Buffer.alloc(mib << 20, ' '.repeat(1023) + '\n'));
}

/**
 * A gzip of a gzip bomb: the inner file is `copies` identical gzip members of 16 MiB of blank
 * lines (so `copies` × 16 MiB of text); the outer gzip squeezes the repeated members to a few KB.
 */
function nestedBomb(copies: number): Uint8Array {
	const member = new Uint8Array(nodeGzip(blankText(), { level: 9 }));
	const inner = new Uint8Array(member.length * copies);
	for (let i = 0; i < copies; i++) inner.set(member, i * member.length);
	return new Uint8Array(nodeGzip(inner, { level: 9 }));
}

/** Node's native CRC-32 (Node ≥ 20.15), else the JavaScript one. */
const nativeCrc = (zlib as unknown as { crc32?: (b: Uint8Array, c: number) => number }).crc32;

/** A zip whose entry is `mib` MiB of blank lines (deflate ~1000:1), deflated natively. */
function zipBomb(mib: number): Uint8Array {
	const text = blankText(mib);
	const data = new Uint8Array(deflateRawSync(text, { level: 9 }));
	const name = enc('genome.txt');
	const local = new Uint8Array(30 + name.length);
	const central = new Uint8Array(46 + name.length);
	const end = new Uint8Array(22);
	const l = new DataView(local.buffer);
	const c = new DataView(central.buffer);
	const e = new DataView(end.buffer);
	l.setUint32(0, 0x04034b50, true);
	c.setUint32(0, 0x02014b50, true);
	for (const [dv, o] of [[l, 4], [c, 6]] as const) {
		dv.setUint16(o, 20, true); // version needed
		dv.setUint16(o + 4, 8, true); // deflate
		dv.setUint32(o + 10, nativeCrc ? nativeCrc(text, 0) : crc32Js(text), true);
		dv.setUint32(o + 14, data.length, true);
		dv.setUint32(o + 18, text.length, true);
		dv.setUint16(o + 22, name.length, true);
	}
	local.set(name, 30);
	central.set(name, 46);
	e.setUint32(0, 0x06054b50, true);
	e.setUint16(8, 1, true);
	e.setUint16(10, 1, true);
	e.setUint32(12, central.length, true);
	e.setUint32(16, local.length + data.length, true);
	return concat(local, data, central, end);
}

/** Code of a refused import. */
async function refusedCode(p: Promise<unknown>): Promise<string> {
	try {
		await p;
	} catch (err) {
		expect(err).toBeInstanceOf(ImportError);
		return (err as ImportError).code;
	}
	throw new Error('expected a refusal');
}

/** Run `fn` while sampling this process's RSS; returns the peak growth in MB. */
async function peakRssGrowthMB(fn: () => Promise<unknown>): Promise<number> {
	const base = process.memoryUsage().rss;
	let peak = base;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	try {
		await fn();
	} finally {
		clearInterval(timer);
		peak = Math.max(peak, process.memoryUsage().rss);
	}
	return (peak - base) / 1e6;
}

describe('decompression bombs: refused early, at every nesting level', () => {
	it('a gzip of a gzip bomb (4 GiB of text in a few KB) is refused with too-large and bounded memory', async () => {
		const bomb = nestedBomb(256);
		expect(bomb.length).toBeLessThan(128 * 1024);
		let code = '';
		const growth = await peakRssGrowthMB(async () => (code = await refusedCode(importGenomeBytes(bomb))));
		expect(code).toBe('too-large');
		// before: the inner member was inflated whole (GBs); now at most a few 4 MiB pieces are alive
		expect(growth).toBeLessThan(300);
	});

	it('a zip bomb is refused from its stated size, before any inflating', async () => {
		const bomb = zipBomb(48);
		expect(bomb.length).toBeLessThan(1024 * 1024);
		const growth = await peakRssGrowthMB(async () => expect(await refusedCode(importGenomeBytes(bomb))).toBe('too-large'));
		expect(growth).toBeLessThan(200);
	});

	it('a zip bomb that lies about its size is stopped by the per-piece guard', async () => {
		const bomb = zipBomb(40);
		// patch the stated sizes in the central directory and the local header to something harmless
		const dv = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
		for (let i = bomb.length - 22; i >= 0; i--) {
			if (dv.getUint32(i, true) === 0x02014b50) {
				dv.setUint32(i + 24, 1000, true);
				break;
			}
		}
		dv.setUint32(22, 1000, true);
		const code = await refusedCode(importGenomeBytes(bomb));
		expect(['too-large', 'corrupt-zip']).toContain(code);
	});

	it('an allocation failure of the engine is reported as too-large, other errors pass unchanged', () => {
		for (const msg of ['Array buffer allocation failed', 'Invalid typed array length: 4294967296', 'Invalid array length']) {
			const e = asImportError(new RangeError(msg));
			expect(e).toBeInstanceOf(ImportError);
			expect((e as ImportError).code).toBe('too-large');
		}
		const other = new TypeError('x');
		expect(asImportError(other)).toBe(other);
	});

	it('cancel acts within a second while a bomb is being inflated', async () => {
		// ratio guard off for this test's file: a plain (not nested) bomb under the ratio limit would
		// still take seconds; here the cancel must win long before the guard or the end.
		const member = new Uint8Array(nodeGzip(blankText(), { level: 1 }));
		const big = new Uint8Array(member.length * 24);
		for (let i = 0; i < 24; i++) big.set(member, i * member.length);
		const ac = new AbortController();
		let abortedAt = 0;
		const started = importGenome(bytesToStream(big, 64 * 1024), {
			signal: ac.signal,
			onProgress: () => {
				if (!abortedAt) {
					abortedAt = performance.now();
					ac.abort();
				}
			}
		});
		expect(await refusedCode(started)).toBe('cancelled');
		expect(abortedAt).toBeGreaterThan(0);
		expect(performance.now() - abortedAt).toBeLessThan(1000);
	});
});

describe('integrity: CRC-32 and size of compressed input are checked', () => {
	const text = fixture('23andme-v5-female.txt');
	/** Position of a genotype byte to alter (in a stored, i.e. uncompressed, container). */
	const genotypeAt = (hay: Uint8Array) => {
		const needle = enc('\tAG\n');
		for (let i = hay.length >> 1; i < hay.length - 4; i++) if (hay[i] === needle[0] && hay[i + 1] === needle[1] && hay[i + 2] === needle[2] && hay[i + 3] === needle[3]) return i + 1;
		throw new Error('no AG genotype');
	};

	it('gzip: an altered genotype in a stored member is refused (CRC-32), the original imports', async () => {
		const g = new Uint8Array(nodeGzip(text, { level: 0 }));
		await expect(importGenomeBytes(g)).resolves.toBeTruthy();
		g[genotypeAt(g)] = 71; // A → G: still valid text, still a valid deflate stream
		const code = await refusedCode(importGenomeBytes(g));
		expect(code).toBe('corrupt-gzip');
		await importGenomeBytes(g).catch((e: Error) => expect(e.message).toMatch(/CRC-32/));
	});

	it('gzip: a wrong ISIZE or CRC in a trailer is refused, also in a middle member', async () => {
		const one = gzip(text);
		const badSize = one.slice();
		badSize[badSize.length - 1] ^= 1;
		expect(await refusedCode(importGenomeBytes(badSize))).toBe('corrupt-gzip');
		const badCrc = one.slice();
		badCrc[badCrc.length - 8] ^= 1;
		const multi = concat(badCrc, gzip(enc('')), gzip(enc('\n')));
		expect(await refusedCode(importGenomeBytes(multi))).toBe('corrupt-gzip');
		await expect(importGenomeBytes(concat(one, gzip(enc('\n'))))).resolves.toBeTruthy();
	});

	it('zip: an altered stored entry is refused (CRC-32), and so is a wrong stated size', async () => {
		const z = zipSync({ 'genome.txt': [text, { level: 0 }] });
		await expect(importGenomeBytes(z)).resolves.toBeTruthy();
		const altered = z.slice();
		altered[genotypeAt(altered)] = 71;
		expect(await refusedCode(importGenomeBytes(altered))).toBe('corrupt-zip');
		const deflated = zipSync({ 'genome.txt': [text, { level: 6 }] });
		const dv = new DataView(deflated.buffer, deflated.byteOffset, deflated.byteLength);
		for (let i = deflated.length - 22; i >= 0; i--)
			if (dv.getUint32(i, true) === 0x02014b50) {
				dv.setUint32(i + 24, text.length + 10, true);
				break;
			}
		expect(await refusedCode(importGenomeBytes(deflated))).toBe('corrupt-zip');
	});

	it('the CRC-32 implementation matches the standard check value', () => {
		expect(crc32Js(enc('123456789'))).toBe(0xcbf43926);
		expect(crc32Js(enc('56789'), crc32Js(enc('1234')))).toBe(0xcbf43926);
	});
});

describe('the CLI under a memory limit', () => {
	const root = path.resolve(__dirname, '..', '..', '..');
	it('refuses a nested gzip bomb with one line and exit 2, within a 2 GB address-space limit and < 400 MB RSS', async () => {
		// the bundled CLI (as shipped): tsx itself needs more address space than the limit allows
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-bomb-'));
		const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' } as const;
		const banner = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };
		await build({ ...common, banner, entryPoints: [path.join(root, 'src/cli/main.ts')], outfile: path.join(dir, 'qenome.mjs') });
		await build({ ...common, entryPoints: [path.join(root, 'src/lib/genome/node-worker.ts')], outfile: path.join(dir, 'genome-worker.mjs') });
		const file = path.join(dir, 'bomb.txt.gz');
		fs.writeFileSync(file, nestedBomb(256));
		const report = path.join(dir, 'maxrss');
		const preload = path.join(dir, 'rss.mjs');
		fs.writeFileSync(preload, `import fs from 'node:fs'; process.on('exit', () => fs.writeFileSync(${JSON.stringify(report)}, String(process.resourceUsage().maxRSS)));\n`);
		try {
			const r = spawnSync('bash', ['-c', `ulimit -v 2000000; exec "${process.execPath}" --import "${preload}" "${path.join(dir, 'qenome.mjs')}" import "${file}" --json`], {
				encoding: 'utf8'
			});
			expect(r.stdout).toBe('');
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).toMatch(/too-large/);
			expect(r.status).toBe(2);
			const maxRssMB = Number(fs.readFileSync(report, 'utf8')) / 1024;
			expect(maxRssMB).toBeLessThan(400);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);
});
