/**
 * Whole genome in the browser (`npm run bench -- browser-wgs`): the synthetic 5M-record bgzipped
 * VCF (made by genome.bench.ts) imported in Chromium through the real UI — file chosen → parsed
 * by the genome worker's pool of BGZF workers → stored in IndexedDB → success shown.
 *
 * Measured in the same run: wall time from the input's change event to the success message;
 * memory of ALL Chromium processes of this browser from /proc every 100 ms (PSS, which splits
 * shared pages fairly, and plain RSS summed); the progress bar's values (steady = many distinct
 * values, never backwards, no long gap); the longest main-thread stall (gap between 50 ms timer
 * ticks beyond 50 ms). Targets (issue #19): < 8 s, < 600 MB, stalls ≤ 50 ms. Needs `npm run build`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { makeVcf } from './genome.bench';
import { waitForServer } from './wait-for-server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PORT = Number(process.env.QENOME_BENCH_PORT ?? 4218);
const RECORDS = Number(process.env.QENOME_WGS_RECORDS ?? 5_000_000);
const SAMPLE_MS = 100;

/** Processes whose command line names this browser's profile directory, and their descendants. */
export function browserPids(userDataDir: string): number[] {
	const procs: { pid: number; ppid: number; cmd: string }[] = [];
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			procs.push({ pid: Number(name), ppid, cmd: fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ') });
		} catch {
			// ended
		}
	}
	const keep = new Set(procs.filter((p) => p.cmd.includes(`--user-data-dir=${userDataDir}`)).map((p) => p.pid));
	for (let grew = true; grew; ) {
		grew = false;
		for (const p of procs)
			if (!keep.has(p.pid) && keep.has(p.ppid)) {
				keep.add(p.pid);
				grew = true;
			}
	}
	return [...keep];
}

/** PSS and RSS (bytes) of one process. */
function memOf(pid: number): { pss: number; rss: number } {
	try {
		const s = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
		const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? 0) * 1024;
		return { pss: kb('Pss'), rss: kb('Rss') };
	} catch {
		return { pss: 0, rss: 0 };
	}
}

/** Sum over the browser's processes. */
export function browserMem(userDataDir: string): { pss: number; rss: number } {
	let pss = 0;
	let rss = 0;
	for (const pid of browserPids(userDataDir)) {
		const m = memOf(pid);
		pss += m.pss;
		rss += m.rss;
	}
	return { pss, rss };
}

const MB = 1e6;

export default {
	title: 'Browser import (Chromium): 5M-record WGS VCF',
	async run(): Promise<string> {
		if (!fs.existsSync(path.join(root, 'build', 'index.html'))) throw new Error('build/ is missing: run `npm run build` first.');
		const vcf = await makeVcf(RECORDS);
		const server: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts', 'serve.js'), '--port', String(PORT)], { stdio: 'ignore' });
		const base = `http://localhost:${PORT}`;
		const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-wgs-browser-'));
		const context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
		});
		const load0 = os.loadavg();
		try {
			await waitForServer(base);
			const page = context.pages()[0] ?? (await context.newPage());
			const runs: { ms: number; peakPss: number; basePss: number; peakRss: number; values: number[]; backwards: boolean; maxGap: number; maxStall: number; records: string; parseS: number; saveS: number }[] = [];
			for (let run = 0; run < 2; run++) {
				await page.goto(`${base}/`);
				await page.getByTestId('no-profiles').or(page.getByTestId('profile-row').first()).waitFor();
				await page.evaluate(() => {
					type Rec = { t0: number; values: [number, number][]; maxStall: number; timer: number };
					const w = window as unknown as { __rec?: Rec };
					const rec: Rec = { t0: NaN, values: [], maxStall: 0, timer: 0 };
					let last = performance.now();
					rec.timer = window.setInterval(() => {
						const now = performance.now();
						rec.maxStall = Math.max(rec.maxStall, now - last - 50);
						last = now;
						const bar = document.querySelector<HTMLProgressElement>('progress[max]');
						if (bar && rec.values[rec.values.length - 1]?.[1] !== bar.value) rec.values.push([now, bar.value]);
					}, 50);
					document.querySelector('input[type=file]')?.addEventListener('change', () => (rec.t0 = performance.now()), { once: true, capture: true });
					w.__rec = rec;
				});
				let peak = browserMem(userDataDir);
				const before = peak;
				const timer = setInterval(() => {
					const m = browserMem(userDataDir);
					peak = { pss: Math.max(peak.pss, m.pss), rss: Math.max(peak.rss, m.rss) };
				}, SAMPLE_MS);
				await page.getByLabel('DNA file', { exact: true }).setInputFiles(vcf);
				const done = page.getByText(/Imported [\d,]+ records/);
				await done.waitFor({ timeout: 600_000 });
				clearInterval(timer);
				const records = (await done.textContent())?.match(/[\d,]+/)?.[0] ?? '';
				const timing = /Read in ([\d.]+) s, saved in ([\d.]+) s/.exec((await page.getByTestId('import-timing').textContent().catch(() => '')) ?? '');
				const rec = await page.evaluate(() => {
					const w = window as unknown as { __rec: { t0: number; values: [number, number][]; maxStall: number; timer: number } };
					clearInterval(w.__rec.timer);
					return { ms: performance.now() - w.__rec.t0, values: w.__rec.values, maxStall: w.__rec.maxStall, t0: w.__rec.t0 };
				});
				const vals = rec.values.map((v) => v[1]);
				let maxGap = 0;
				for (let i = 1; i < rec.values.length; i++) maxGap = Math.max(maxGap, rec.values[i][0] - rec.values[i - 1][0]);
				runs.push({
					ms: rec.ms,
					peakPss: peak.pss,
					basePss: before.pss,
					peakRss: peak.rss,
					values: vals,
					backwards: vals.some((v, i) => i > 0 && v < vals[i - 1]),
					maxGap,
					maxStall: rec.maxStall,
					records,
					parseS: timing ? Number(timing[1]) : NaN,
					saveS: timing ? Number(timing[2]) : NaN
				});
				await page.getByRole('button', { name: 'Delete everything' }).click();
				await page.getByRole('button', { name: 'Yes, delete everything' }).click();
				await page.getByTestId('no-profiles').waitFor();
			}
			const load1 = os.loadavg();
			const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
			const worstPss = Math.max(...runs.map((r) => r.peakPss));
			const worstRss = Math.max(...runs.map((r) => r.peakRss));
			const worstStall = Math.max(...runs.map((r) => r.maxStall));
			const ok = (b: boolean) => (b ? '✅' : '❌');
			const size = fs.statSync(vcf).size;
			return [
				`Chromium ${context.browser()?.version() ?? ''}; input: the synthetic ${(RECORDS / 1e6).toFixed(0)}M-record VCF (${(size / MB).toFixed(0)} MB bgzip) chosen with the Import page's file input (a disk-backed File); ${runs.length} runs, the first warms up. The genome worker hands batches of BGZF blocks to a pool of ${os.cpus().length} Web Workers (one per core) and stores the result in one IndexedDB transaction.`,
				'',
				'| measure | value | target |',
				'| --- | --- | --- |',
				`| file chosen → "Imported … records" shown (best of ${runs.length}) | ${(best.ms / 1000).toFixed(2)} s (runs: ${runs.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s), ${best.records} records | < 8 s ${ok(best.ms < 8000)} |`,
				`| of which: read + inflate + parse (genome worker + pool) / store (one IndexedDB transaction) | ${best.parseS.toFixed(2)} s / ${best.saveS.toFixed(2)} s | — |`,
				`| peak memory of all Chromium processes (PSS; worst run) | ${(worstPss / MB).toFixed(0)} MB | < 600 MB ${ok(worstPss < 600 * MB)} |`,
				`| of which the browser before the file was chosen (PSS) | ${(Math.max(...runs.map((r) => r.basePss)) / MB).toFixed(0)} MB | — |`,
				`| same, plain RSS summed over processes (counts shared pages once per process) | ${(worstRss / MB).toFixed(0)} MB | — |`,
				`| progress bar | ${best.values.length} distinct values, ${best.backwards ? 'went back ❌' : 'never went back'}, longest time without a change ${best.maxGap.toFixed(0)} ms | steady ${ok(!best.backwards && best.values.length >= 10)} |`,
				`| longest main-thread stall (50 ms timer; worst run) | ${worstStall.toFixed(0)} ms | ≤ 50 ms ${ok(worstStall <= 50)} |`,
				'',
				`Load average (1/5/15 min) at the start: ${load0.map((x) => x.toFixed(1)).join(' / ')}; at the end: ${load1.map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores (a busy machine slows the import; the browser gets no more than its share of the cores).`
			].join('\n');
		} finally {
			await context.close();
			server.kill();
			fs.rmSync(userDataDir, { recursive: true, force: true });
		}
	}
};
