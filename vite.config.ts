import { sveltekit } from '@sveltejs/kit/vite';
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

export default defineConfig({
	plugins: [announcerWithoutInlineStyle(), sveltekit()],
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
