/**
 * Node loader of the rare-disease knowledge base (CLI, tests, scripts): reads static/kb/rare/*.json.gz
 * from the repository (found by walking up from this module, so it works from src/ and build-cli/).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { RareError } from './errors';
import { createRareKb, type RareKb, type RareKbSource } from './kb';

/** Directory holding the committed rare-disease knowledge files. */
export function rareKbDir(): string {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 6; i++) {
		const candidate = path.join(dir, 'static', 'kb', 'rare');
		if (fs.existsSync(path.join(candidate, 'hpo.json.gz'))) return candidate;
		dir = path.dirname(dir);
	}
	throw new RareError('failed', 'knowledge-missing', 'The rare-disease knowledge base (static/kb/rare) was not found.');
}

function readJson<T>(name: string): Promise<T> {
	const buf = fs.readFileSync(path.join(rareKbDir(), name));
	return Promise.resolve(JSON.parse(zlib.gunzipSync(buf).toString('utf8')) as T);
}

/** The Node source of the knowledge files. */
export const nodeKbSource: RareKbSource = {
	hpo: () => readJson('hpo.json.gz'),
	annotations: () => readJson('annotations.json.gz'),
	genes: (build) => readJson(`genes-${build}.json.gz`),
	text: () => readJson('hpo-text.json.gz')
};

let cached: Promise<RareKb> | null = null;
/** Load (once) the knowledge base from the repository's static/kb/rare. */
export function loadRareKbNode(): Promise<RareKb> {
	cached ??= createRareKb(nodeKbSource);
	return cached;
}
