/**
 * The one loader of the pharmacogenomics knowledge base. A dynamic `import()` of the committed
 * JSON: Vite splits it into its own chunk for the browser, esbuild inlines it into the CLI bundle,
 * and Node tests (vitest/tsx) read it directly. Loaded once and cached.
 */
import type { PgxKb } from './kb-types';

let cached: Promise<PgxKb> | null = null;

/** Load (once) and return the knowledge base. */
export function loadKb(): Promise<PgxKb> {
	cached ??= import('../../../static/kb/pgx.json').then((m) => (m.default ?? m) as unknown as PgxKb);
	return cached;
}
