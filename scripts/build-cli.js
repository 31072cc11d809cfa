#!/usr/bin/env node
/**
 * Bundles the `qenome` command (src/cli/main.ts) with esbuild into build-cli/qenome.mjs, and
 * copies the wasm engine(s) beside it so the bundle runs on its own.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build-cli');
fs.mkdirSync(out, { recursive: true });
await build({
	entryPoints: [path.join(root, 'src/cli/main.ts')],
	outfile: path.join(out, 'qenome.mjs'),
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	sourcemap: true,
	logLevel: 'warning',
	banner: {
		js: "import { createRequire as __qenomeCreateRequire } from 'node:module'; const require = __qenomeCreateRequire(import.meta.url);"
	}
});
// worker_threads entry of the parallel BGZF import (src/lib/genome/node.ts finds it beside the CLI)
await build({
	entryPoints: [path.join(root, 'src/lib/genome/node-worker.ts')],
	outfile: path.join(out, 'genome-worker.mjs'),
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	sourcemap: true,
	logLevel: 'warning'
});
const wasmDir = path.join(root, 'static', 'wasm');
if (fs.existsSync(wasmDir)) {
	for (const f of fs.readdirSync(wasmDir)) {
		if (f.endsWith('.wasm')) fs.copyFileSync(path.join(wasmDir, f), path.join(out, f));
	}
}
console.log('CLI bundled: build-cli/qenome.mjs');
