#!/usr/bin/env node
/**
 * Builds every AssemblyScript entry `wasm/assembly/<name>.entry.ts` to `static/wasm/<name>.wasm`.
 * Release build: -O3 --runtime stub --enable simd; output to static/wasm/<name>.wasm
 * (served to the browser; copied beside the CLI bundle by build-cli.js).
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
for (const entry of entries) {
	const name = entry.replace(/\.entry\.ts$/, '');
	const args = [
		path.join('wasm', 'assembly', entry),
		'-o',
		path.join('static', 'wasm', `${name}.wasm`),
		'-O3',
		'--runtime',
		'stub',
		'--enable',
		'simd',
		'--noAssert'
	];
	const r = spawnSync(asc, args, { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
	console.log(`wasm: ${name}.wasm`);
}
if (!entries.length) console.log('wasm: no entries in wasm/assembly (nothing to build)');
