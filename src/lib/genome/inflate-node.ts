/**
 * Node loader of the WebAssembly raw-DEFLATE decoder (inflate-wasm.ts): reads `inflate.wasm` from
 * beside the bundled CLI or from the project's `static/wasm/` (`npm run build:wasm`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INFLATE_WASM_FILE, WasmInflater } from './inflate-wasm';

let compiled: Promise<WebAssembly.Module> | null = null;

/** Compile (once) the decoder from disk; rejects when the file is missing. */
export function loadInflateModuleNode(): Promise<WebAssembly.Module> {
	if (compiled) return compiled;
	const here = path.dirname(fileURLToPath(import.meta.url));
	const list = [path.join(here, INFLATE_WASM_FILE)];
	for (let dir = here, i = 0; i < 6; i++, dir = path.dirname(dir)) list.push(path.join(dir, 'static', 'wasm', INFLATE_WASM_FILE));
	list.push(path.join(process.cwd(), 'static', 'wasm', INFLATE_WASM_FILE));
	const found = list.find((f) => fs.existsSync(f));
	if (!found) return Promise.reject(new Error(`${INFLATE_WASM_FILE} was not found (run "npm run build:wasm")`));
	return (compiled = WebAssembly.compile(fs.readFileSync(found)));
}

/** A new decoder instance in Node. */
export async function createWasmInflaterNode(): Promise<WasmInflater> {
	return WasmInflater.create(await loadInflateModuleNode());
}
