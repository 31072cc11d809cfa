/**
 * The BGZF batch inflater in Chromium: a bgzipped VCF over 4 MiB is inflated by the WebAssembly
 * decoder (static/wasm/inflate.wasm, fetched by whoever runs the batches: the pool workers, or on
 * 2 cores the genome worker itself), and when that module cannot be loaded (the request refused)
 * the import still completes with the same records (the batches fall back to DecompressionStream;
 * a batch that is refused would be redone serially).
 */
import { test, expect, importGenome } from './fixtures';
import { bgzippedVcf } from '../unit/genome/helpers';

// on this 2-core CI machine the batches run inline on the genome worker; `qenome.bgzfWorkers`
// (the developer override) forces the pool of Web Workers that machines with more cores use
for (const [wasm, poolWorkers] of [[true, undefined], [true, 2], [false, 2]] as const)
	test(`a large bgzipped VCF is inflated in batches ${poolWorkers ? `on a pool of ${poolWorkers} workers` : 'by the batch runner of this machine'} ${wasm ? 'with the WebAssembly decoder' : 'with DecompressionStream when inflate.wasm cannot load'}`, async ({ page, context }) => {
		const fetched: string[] = [];
		const workers: string[] = [];
		context.on('request', (r) => void (r.url().endsWith('/wasm/inflate.wasm') && fetched.push(r.url())));
		page.on('worker', (w) => workers.push(w.url()));
		if (!wasm) await context.route('**/wasm/inflate.wasm', (route) => route.abort());
		if (poolWorkers) await page.addInitScript((n) => localStorage.setItem('qenome.bgzfWorkers', String(n)), poolWorkers);
		await page.goto('/');
		await expect(page.getByTestId('no-profiles')).toBeVisible();
		const file = bgzippedVcf(170_000, ['chr1', 'chr2', 'chr3'], 99);
		expect(file.length).toBeGreaterThan(4 * 1024 * 1024);
		await importGenome(page, { name: 'wgs.vcf.gz', mimeType: 'application/gzip', buffer: file });
		await expect(page.getByTestId('import-done')).toContainText(/Imported 170,000 records/);
		await expect(page.getByTestId('records')).toHaveText('170,000');
		expect(fetched.length).toBeGreaterThan(0); // the batch runner asked for the decoder (served, or refused by the route)
		// the forced pool really ran (when the browser reports nested workers at all)
		if (poolWorkers && workers.some((u) => u.includes('genome.worker'))) expect(workers.filter((u) => u.includes('bgzf.worker')).length).toBe(poolWorkers);
	});
