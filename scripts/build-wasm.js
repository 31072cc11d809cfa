#!/usr/bin/env node
/**
 * Builds every AssemblyScript entry `wasm/assembly/<name>.entry.ts` to `static/wasm/<name>.wasm`.
 * Release build: -O3 --runtime stub --enable simd; output to static/wasm/<name>.wasm
 * (served to the browser; copied beside the CLI bundle by build-cli.js).
 *
 * Variants: an entry listed in VARIANTS is built once per variant instead, with extra flags. The
 * quantum engine (qsim) imports its memory from the host and is built three ways: SIMD
 * (`qsim.wasm`), SIMD + threads with a shared memory (`qsim-mt.wasm`, used by worker threads when
 * the page is cross-origin isolated) and scalar without SIMD (`qsim-scalar.wasm`, the reference path
 * the SIMD kernels are tested against).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'wasm', 'assembly');
const outDir = path.join(root, 'static', 'wasm');
fs.mkdirSync(outDir, { recursive: true });
const entries = fs.existsSync(srcDir) ? fs.readdirSync(srcDir).filter((f) => f.endsWith('.entry.ts')) : [];
const asc = path.join(root, 'node_modules', '.bin', 'asc');
const hostMemory = ['--importMemory', '--initialMemory', '1'];
/** @type {Record<string, { out: string, flags: string[] }[]>} */
const VARIANTS = {
	qsim: [
		{ out: 'qsim', flags: ['--enable', 'simd', ...hostMemory] },
		{ out: 'qsim-mt', flags: ['--enable', 'simd', '--enable', 'threads', ...hostMemory, '--sharedMemory', '--maximumMemory', '65536'] },
		{ out: 'qsim-scalar', flags: [...hostMemory] }
	]
};
for (const entry of entries) {
	const name = entry.replace(/\.entry\.ts$/, '');
	for (const variant of VARIANTS[name] ?? [{ out: name, flags: ['--enable', 'simd'] }]) {
		const args = [
			path.join('wasm', 'assembly', entry),
			'-o',
			path.join('static', 'wasm', `${variant.out}.wasm`),
			'-O3',
			'--runtime',
			'stub',
			'--noAssert',
			...variant.flags
		];
		const r = spawnSync(asc, args, { cwd: root, stdio: 'inherit' });
		if (r.status !== 0) process.exit(r.status ?? 1);
		console.log(`wasm: ${variant.out}.wasm`);
	}
}
if (!entries.length) console.log('wasm: no entries in wasm/assembly (nothing to build)');
