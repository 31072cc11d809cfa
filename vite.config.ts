import { sveltekit } from '@sveltejs/kit/vite';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * SvelteKit's route announcer (generated root.svelte) carries an inline style attribute, which
 * our CSP (`style-src 'self'`) blocks (sveltejs/kit#11993). Strip the attribute; the same
 * visually-hidden rules live in src/app.css under `#svelte-announcer`.
 */
function announcerWithoutInlineStyle(): Plugin {
	return {
		name: 'qenome:announcer-without-inline-style',
		enforce: 'pre',
		transform(code, id) {
			if (!id.includes('generated') || !id.endsWith('root.svelte')) return null;
			return code.replace(/(<div id="svelte-announcer"[^>]*?)\s+style="[^"]*"/, '$1');
		}
	};
}

/**
 * Writes `build/precache-manifest.json` (`{ "files": ["/_app/…", …] }`) listing every file the
 * static adapter wrote, after it wrote them. The service worker (src/service-worker.ts) precaches
 * this list on top of SvelteKit's own, which omits Web Worker chunks and `.wasm` assets.
 * `build` is the adapter's output folder (svelte.config.js).
 */
function precacheManifest(outDir = 'build'): Plugin {
	let isServerBuild = false;
	const listFiles = (dir: string): string[] =>
		readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
			entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]
		);
	return {
		name: 'qenome:precache-manifest',
		apply: 'build',
		configResolved(config) {
			isServerBuild = Boolean(config.build.ssr);
		},
		closeBundle: {
			order: 'post',
			sequential: true,
			handler() {
				if (!isServerBuild) return;
				const files = listFiles(outDir)
					.map((file) => '/' + relative(outDir, file).split(sep).join('/'))
					.filter((url) => url !== '/service-worker.js' && url !== '/precache-manifest.json')
					.sort();
				writeFileSync(join(outDir, 'precache-manifest.json'), JSON.stringify({ files }, null, '\t'));
			}
		}
	};
}

export default defineConfig({
	plugins: [announcerWithoutInlineStyle(), sveltekit(), precacheManifest()],
	worker: { format: 'es' },
	build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
	server: {
		headers: {
			'Cross-Origin-Opener-Policy': 'same-origin',
			'Cross-Origin-Embedder-Policy': 'require-corp'
		}
	},
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks'
	}
});
