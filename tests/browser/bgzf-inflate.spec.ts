/**
 * The BGZF pool worker's inflater in Chromium: a bgzipped VCF over 4 MiB is inflated by the
 * WebAssembly decoder (static/wasm/inflate.wasm, fetched by the pool worker), and when that module
 * cannot be loaded (the request refused) the import still completes with the same records (the
 * worker falls back to DecompressionStream; a batch a worker refuses would be redone serially).
 */
import { test, expect, importGenome } from './fixtures';
import { bgzippedVcf } from '../unit/genome/helpers';

for (const wasm of [true, false])
	test(`a large bgzipped VCF is inflated by the pool worker ${wasm ? 'with the WebAssembly decoder' : 'with DecompressionStream when inflate.wasm cannot load'}`, async ({ page, context }) => {
		const fetched: string[] = [];
		context.on('request', (r) => void (r.url().endsWith('/wasm/inflate.wasm') && fetched.push(r.url())));
		if (!wasm) await context.route('**/wasm/inflate.wasm', (route) => route.abort());
		await page.goto('/');
		await expect(page.getByTestId('no-profiles')).toBeVisible();
		const file = bgzippedVcf(170_000, ['chr1', 'chr2', 'chr3'], 99);
		expect(file.length).toBeGreaterThan(4 * 1024 * 1024);
		await importGenome(page, { name: 'wgs.vcf.gz', mimeType: 'application/gzip', buffer: file });
		await expect(page.getByTestId('import-done')).toContainText(/Imported 170,000 records/);
		await expect(page.getByTestId('records')).toHaveText('170,000');
		expect(fetched.length).toBeGreaterThan(0); // the pool worker asked for the decoder (served, or refused by the route)
	});
