/**
 * Rare disease in the browser (`npm run bench -- rare-browser`): the /rare page in Chromium ranks
 * genes for 10 HPO terms (entered through the page's term picker) and
 * - the synthetic 5M-record bgzipped WGS VCF (made by genome.bench.ts, shared with browser-wgs),
 *   chosen with the page's file input (a disk-backed File, streamed once by the rare worker);
 * - an exome-size VCF (rare.bench.ts's 40,000 coding variants), chosen the same way;
 * - the same WGS stored as a profile (imported on the home page first; the ranking reads it from
 *   IndexedDB).
 * Measured: "Rank genes" click → "Best explanation" shown (wall, Playwright), the worker's own
 * elapsed time, and peak memory of ALL Chromium processes (PSS and RSS from /proc every 100 ms).
 * Targets (issue 12): WGS < 10 s and < 1 GB; exome < 2 s. Two runs each (the first loads the
 * knowledge base into the worker). Needs `npm run build`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { makeVcf } from './genome.bench';
import { browserMem } from './browser-wgs.bench';
import { exomeVcfText, TERMS } from './rare.bench';
import { appHydrated, openBenchBrowser } from './bench-browser';
import { loadRareKbNode } from '../../src/lib/rare/kb-node';
import { analyseRare } from '../../src/lib/rare/index';
import { Readable } from 'node:stream';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PORT = Number(process.env.QENOME_BENCH_PORT ?? 4219);
const RECORDS = Number(process.env.QENOME_WGS_RECORDS ?? 5_000_000);
const MB = 1e6;
/** Ten distinct terms (rare.bench's list names HP:0001263 twice). */
const TEN = [...new Set(TERMS), 'HP:0001344'].slice(0, 10);

interface Run {
	wallMs: number;
	workerS: number;
	peakPss: number;
	peakRss: number;
	basePss: number;
	candidates: string;
	top: string;
}

async function addTerms(page: Page): Promise<void> {
	await appHydrated(page);
	const search = page.getByLabel(/Search by name/);
	for (const id of TEN) {
		await search.fill(id);
		// Wait for this term's own hit (the previous search's hits stay until the debounced search answers).
		// (the first search also loads the knowledge base into the worker: slow on a busy machine)
		await page.locator('ul.hits li', { hasText: id }).getByRole('button', { name: /^Observed\s*:/ }).click({ timeout: 180_000 });
	}
	await page.getByText(`${TEN.length} observed, 0 excluded`).waitFor();
}

async function rank(page: Page, userDataDir: string): Promise<Run> {
	let peak = browserMem(userDataDir);
	const before = peak;
	const timer = setInterval(() => {
		const m = browserMem(userDataDir);
		peak = { pss: Math.max(peak.pss, m.pss), rss: Math.max(peak.rss, m.rss) };
	}, 100);
	const t0 = performance.now();
	await page.getByRole('button', { name: 'Rank genes' }).click();
	const done = page.getByText('Best explanation:');
	await done.waitFor({ timeout: 600_000 });
	const wallMs = performance.now() - t0;
	clearInterval(timer);
	const line = (await page.locator('.summary p.small').first().textContent()) ?? '';
	return {
		wallMs,
		workerS: Number(/· ([\d.]+) s/.exec(line)?.[1] ?? NaN),
		peakPss: Math.max(peak.pss, browserMem(userDataDir).pss),
		peakRss: peak.rss,
		basePss: before.pss,
		candidates: /([\d,]+) candidate variants/.exec(line)?.[1] ?? '?',
		top: ((await page.locator('ol.genes > li').first().locator('summary strong').textContent()) ?? '').trim()
	};
}

export default {
	title: 'Rare disease in the browser (Chromium): WGS, exome and a stored profile',
	async run(): Promise<string> {
		if (!fs.existsSync(path.join(root, 'build', 'index.html'))) throw new Error('build/ is missing: run `npm run build` first.');
		const wgs = await makeVcf(RECORDS);
		const exomeFile = path.join(os.tmpdir(), 'qenome-bench', 'rare-exome.vcf');
		const kb = await loadRareKbNode();
		const ex = await exomeVcfText(kb);
		fs.writeFileSync(exomeFile, ex.text);
		// The same library code in Node on the same files, in the same run (the ratio survives a busy machine).
		const nodeRun = async (file: string) => {
			const t = performance.now();
			const stream = Readable.toWeb(fs.createReadStream(file, { highWaterMark: 1 << 20 })) as unknown as ReadableStream<Uint8Array>;
			await analyseRare(kb, { query: { observed: TEN, excluded: [], sex: 'female' }, vcf: { stream, name: file } });
			return performance.now() - t;
		};
		const nodeMs = { exome: Math.min(await nodeRun(exomeFile), await nodeRun(exomeFile)), wgs: await nodeRun(wgs) };
		const { base, context, userDataDir, close } = await openBenchBrowser('qenome-rare-browser', PORT);
		const load0 = os.loadavg();
		try {
			const page = context.pages()[0] ?? (await context.newPage());
			const results: Record<string, Run[]> = { wgs: [], exome: [], profile: [] };
			for (const [key, file] of [
				['exome', exomeFile],
				['wgs', wgs]
			] as const) {
				for (let r = 0; r < 2; r++) {
					await page.goto(`${base}/rare`);
					await addTerms(page);
					await page.getByTestId('genome-source').selectOption('file');
					await page.getByLabel(/Genome file/).setInputFiles(file);
					results[key].push(await rank(page, userDataDir));
				}
			}
			// The same WGS as a stored profile: import on the home page, then rank it from IndexedDB.
			await page.goto(`${base}/`);
			await page.getByLabel('DNA file', { exact: true }).setInputFiles(wgs);
			await page.getByTestId('profile-row').or(page.getByTestId('import-done')).first().waitFor({ timeout: 900_000 });
			for (let r = 0; r < 2; r++) {
				await page.goto(`${base}/rare`);
				await addTerms(page);
				await page.getByTestId('genome-source').selectOption({ index: 1 });
				results.profile.push(await rank(page, userDataDir));
			}
			const load1 = os.loadavg();
			const ok = (b: boolean) => (b ? '✅' : '❌');
			const row = (label: string, runs: Run[], targetS: number | null, targetMb: number | null) => {
				const best = runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
				const pss = Math.max(...runs.map((x) => x.peakPss));
				const rss = Math.max(...runs.map((x) => x.peakRss));
				return `| ${label} | ${best.candidates} | ${(best.wallMs / 1000).toFixed(2)} s (runs: ${runs.map((x) => (x.wallMs / 1000).toFixed(2)).join(', ')} s; worker ${runs.map((x) => x.workerS.toFixed(1)).join(', ')} s)${targetS ? ` ${ok(best.wallMs < targetS * 1000)} < ${targetS} s` : ''} | ${(pss / MB).toFixed(0)} MB PSS (RSS ${(rss / MB).toFixed(0)} MB; before ${(Math.max(...runs.map((x) => x.basePss)) / MB).toFixed(0)} MB)${targetMb ? ` ${ok(pss < targetMb * MB)} < ${targetMb} MB` : ''} | ${best.top} |`;
			};
			return [
				`Chromium ${context.browser()?.version() ?? ''}, the built app served locally, ${os.cpus().length} cores. Ten HPO terms (${TEN.join(', ')}) entered through the term picker; genomes chosen with the /rare page's file input (disk-backed Files, streamed once through the rare worker: only CHROM/POS are parsed for records outside the exons of disease genes) or read from a stored profile (IndexedDB → the profile's non-reference records streamed as a VCF to the same reader). Wall = "Rank genes" click → "Best explanation" shown; worker = the worker's own elapsed time (includes loading the 4.8 MB knowledge base on the first run); memory = all Chromium processes from /proc, sampled every 100 ms (PSS splits shared pages fairly; RSS counts them once per process).`,
				'',
				'| input (+ 10 HPO terms) | candidates | time (best of 2) | peak memory (worst run) | top gene |',
				'| --- | --- | --- | --- | --- |',
				row(`exome-size VCF (${ex.records.toLocaleString('en')} coding variants, plain text)`, results.exome, 2, null),
				row(`WGS VCF (${(RECORDS / 1e6).toFixed(0)}M records, ${(fs.statSync(wgs).size / MB).toFixed(0)} MB bgzip)`, results.wgs, 10, 1000),
				row(`the same WGS as a stored profile (IndexedDB)`, results.profile, 10, 1000),
				'',
				`Same library code in Node ${process.version} in this run (no browser, no worker; file streamed from disk): exome ${(nodeMs.exome / 1000).toFixed(2)} s, WGS ${(nodeMs.wgs / 1000).toFixed(2)} s — the browser's wall time is ${(Math.min(...results.exome.map((x) => x.wallMs)) / nodeMs.exome).toFixed(1)}× (exome) and ${(Math.min(...results.wgs.map((x) => x.wallMs)) / nodeMs.wgs).toFixed(1)}× (WGS) that. Most of the WGS time is inflating 145 MB of BGZF (in the rare worker the app's WebAssembly decoder since session 13, a batch at a time into reused memory — it was DecompressionStream per block from session 11, whose per-block buffers await the garbage collector: the WGS peak was 989 MB PSS with it, 6.40 s — and fflate before; zlib in Node; see src/lib/genome/bgzf-text.ts) and splitting 5 M lines; the stored profile skips both (records outside the scored regions are never formatted).`,
				'',
				`Load average (1/5/15 min) at the start: ${load0.map((x) => x.toFixed(1)).join(' / ')}; at the end: ${load1.map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores (shared machine: the browser gets its share of the cores only).`,
				'',
				'Peers (published figures, not run here): Exomiser 12 needs ~3 GB RAM and 15–90 s per exome VCF on a desktop plus a ~80 GB data bundle (Smedley et al., Nat Protoc 2015;10:2004–15; Exomiser docs); LIRICAL reports minutes per exome with its own data download (Robinson et al., AJHG 2020). Qenome ranks on the device with 4.8 MB of built-in knowledge; its missense evidence is weaker (no predictor scores; see the validation section).'
			].join('\n');
		} finally {
			await close();
		}
	}
};
