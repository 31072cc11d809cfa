/**
 * The BGZF batch inflater in Chromium: a bgzipped VCF over 4 MiB is inflated by the WebAssembly
 * decoder (static/wasm/inflate.wasm, fetched by whoever runs the batches: the pool workers, or on
 * 2 cores the genome worker itself), and when that module cannot be loaded (the request refused)
 * the import still completes with the same records (the batches fall back to DecompressionStream;
 * a batch that is refused would be redone serially).
 */
import { test, expect, importGenome } from './fixtures';
import { bgzip } from '../unit/genome/helpers';

/** A single-sample VCF of `n` records on chr1–chr3 (bgzipped > 4 MiB, so the pool takes it). */
function vcf(n: number): Buffer {
	const lines = ['##fileformat=VCFv4.2', '##reference=GRCh38', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1'];
	let x = 99;
	const rnd = () => (x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32;
	for (let i = 0; i < n; i++) {
		const chrom = ['chr1', 'chr2', 'chr3'][Math.floor((i * 3) / n)];
		const gt = ['0/1', '1/1', '0|1', './.'][Math.floor(rnd() * 4)];
		lines.push(`${chrom}\t${10_000 + (i % Math.ceil(n / 3)) * 37}\trs${Math.floor(rnd() * 1e9)}\tC\tT\t${(rnd() * 900).toFixed(2)}\tPASS\tDP=${Math.floor(rnd() * 1e6)};QD=${rnd().toFixed(6)}\tGT:PL\t${gt}:${Math.floor(rnd() * 900)},0,${Math.floor(rnd() * 900)}`);
	}
	return Buffer.from(bgzip(Buffer.from(lines.join('\n') + '\n')));
}

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
		const file = vcf(170_000);
		expect(file.length).toBeGreaterThan(4 * 1024 * 1024);
		await importGenome(page, { name: 'wgs.vcf.gz', mimeType: 'application/gzip', buffer: file });
		await expect(page.getByTestId('import-done')).toContainText(/Imported 170,000 records/);
		await expect(page.getByTestId('records')).toHaveText('170,000');
		expect(fetched.length).toBeGreaterThan(0); // the batch runner asked for the decoder (served, or refused by the route)
		// the forced pool really ran (when the browser reports nested workers at all)
		if (poolWorkers && workers.some((u) => u.includes('genome.worker'))) expect(workers.filter((u) => u.includes('bgzf.worker')).length).toBe(poolWorkers);
	});
