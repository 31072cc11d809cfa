/**
 * Browser/worker loader of the rare-disease knowledge base: fetches /kb/rare/*.json.gz from this
 * origin (precached for offline use) and inflates it with DecompressionStream — unless the server
 * already removed the gzip layer (checked by magic bytes, never by headers).
 */
import { RareError } from './errors';
import { createRareKb, type HpoTextJson, type RareKb, type RareKbSource } from './kb';

async function fetchJson<T>(name: string, base: string): Promise<T> {
	const res = await fetch(`${base}/kb/rare/${name}`);
	if (!res.ok) throw new RareError('failed', 'knowledge-missing', `The rare-disease knowledge file ${name} could not be loaded (${res.status}).`);
	const bytes = new Uint8Array(await res.arrayBuffer());
	let text: string;
	if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
		const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
		text = await new Response(stream).text();
	} else text = new TextDecoder().decode(bytes);
	return JSON.parse(text) as T;
}

/** The browser source of the knowledge files (`base` = site origin + base path, default ''). */
export function browserKbSource(base = ''): RareKbSource {
	return {
		hpo: () => fetchJson('hpo.json.gz', base),
		annotations: () => fetchJson('annotations.json.gz', base),
		genes: (build) => fetchJson(`genes-${build}.json.gz`, base),
		text: () => fetchJson<HpoTextJson>('hpo-text.json.gz', base)
	};
}

let cached: Promise<RareKb> | null = null;
/** Load (once per realm) the knowledge base over fetch. */
export function loadRareKbBrowser(base = ''): Promise<RareKb> {
	cached ??= createRareKb(browserKbSource(base)).catch((err) => {
		cached = null;
		throw err;
	});
	return cached;
}
