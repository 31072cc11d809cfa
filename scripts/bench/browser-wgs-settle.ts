/**
 * Diagnostic (not a bench module): the app tab renderer's memory across several 5M-record WGS
 * imports in a row in one tab (as `npm run bench -- browser-wgs` runs them): PSS before each
 * import, its peak during it, and the mappings that hold it right before the next import.
 *
 *   npm run build && npx tsx scripts/bench/browser-wgs-settle.ts [imports=3]
 */
import fs from 'node:fs';
import os from 'node:os';
import { makeVcf } from './genome.bench';
import { openBenchBrowser } from './bench-browser';
import { browserMem, browserPids, memOf, processRole } from './browser-wgs.bench';

const PORT = Number(process.env.QENOME_BENCH_PORT ?? 4343);
const MB = 1e6;

/** PSS (bytes) of one process by mapping name (anonymous mappings by their [anon:…] name). */
function smapsByName(pid: number): Map<string, number> {
	const out = new Map<string, number>();
	let name = '';
	for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
		const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
		if (head) {
			name = head[1] || `(anon @${(parseInt(line.slice(0, line.indexOf('-')), 16) / 2 ** 34).toFixed(0)}×16G)`;
		}
		else if (line.startsWith('Pss:')) {
			const key = name.replace(/^\/.*\//, '');
			out.set(key, (out.get(key) ?? 0) + Number(/(\d+)/.exec(line)![1]) * 1024);
		}
	}
	return out;
}

async function main(): Promise<void> {
	const n = Number(process.argv[2] ?? 3);
	const vcf = await makeVcf(5_000_000);
	const { base, context, userDataDir, close } = await openBenchBrowser('qenome-settle', PORT);
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		const renderers = () => browserPids(userDataDir).filter((p) => processRole(p) === 'renderer');
		let app = 0;
		let first: Map<string, number> | null = null;
		for (let run = 0; run < n; run++) {
			await page.goto(`${base}/`);
			await page.getByTestId('no-profiles').or(page.getByTestId('profile-row').first()).waitFor();
			await page.waitForLoadState('networkidle');
			const before = new Map(renderers().map((p) => [p, memOf(p).pss]));
			const total0 = browserMem(userDataDir).pss;
			let peakTotal = total0;
			const peak = new Map(before);
			const timer = setInterval(() => {
				for (const p of renderers()) peak.set(p, Math.max(peak.get(p) ?? 0, memOf(p).pss));
				peakTotal = Math.max(peakTotal, browserMem(userDataDir).pss);
			}, 100);
			if (run === 0) {
				const pid = [...before].sort((a, b) => b[1] - a[1])[0][0];
				first = smapsByName(pid);
				if (process.env.DUMP) fs.writeFileSync(`${process.env.DUMP}-0`, fs.readFileSync(`/proc/${pid}/smaps`));
			}
			const t0 = Date.now();
			await page.getByLabel('DNA file', { exact: true }).setInputFiles(vcf);
			await page.getByText(/Imported [\d,]+ records/).waitFor({ timeout: 600_000 });
			const ms = Date.now() - t0;
			clearInterval(timer);
			app = [...peak].sort((a, b) => b[1] - a[1])[0][0];
			const atDone = memOf(app).pss;
			await page.goto(new URL('/', page.url()).href);
			await page.getByRole('button', { name: 'Delete everything' }).click();
			await page.getByRole('button', { name: 'Yes, delete everything' }).click();
			await page.getByTestId('no-profiles').waitFor();
			const afterDelete = memOf(app).pss;
			const workers = fs.readdirSync(`/proc/${app}/task`).filter((t) => {
				try {
					return fs.readFileSync(`/proc/${app}/task/${t}/comm`, 'utf8').startsWith('DedicatedWorker');
				} catch {
					return false;
				}
			}).length;
			const cdp = await context.newCDPSession(page);
			const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number; backingStorageSize?: number };
			await cdp.detach();
			console.log(`   after delete: ${workers} DedicatedWorker threads; page heap ${(heap.usedSize / MB).toFixed(1)} used / ${(heap.totalSize / MB).toFixed(1)} reserved, backing ${((heap.backingStorageSize ?? 0) / MB).toFixed(1)} MB`);
			console.log(
				`import ${run + 1}: ${(ms / 1000).toFixed(2)} s; app renderer ${app} PSS before ${((before.get(app) ?? 0) / MB).toFixed(0)} → peak ${((peak.get(app) ?? 0) / MB).toFixed(0)} → done ${(atDone / MB).toFixed(0)} → after delete ${(afterDelete / MB).toFixed(0)} MB; all processes ${(total0 / MB).toFixed(0)} → peak ${(peakTotal / MB).toFixed(0)} MB; load ${os.loadavg()[0].toFixed(2)}`
			);
			if (process.env.DUMP) fs.writeFileSync(`${process.env.DUMP}-${run + 1}`, fs.readFileSync(`/proc/${app}/smaps`));
			const now = smapsByName(app);
			const by = [...now].sort((a, b) => b[1] - a[1]).slice(0, 10);
			console.log('   mappings: ' + by.map(([k, v]) => `${k} ${(v / MB).toFixed(1)}${first ? ` (${((v - (first.get(k) ?? 0)) / MB).toFixed(1)})` : ''}`).join(', '));
		}
		if (process.env.DUMP) {
			await new Promise((r) => setTimeout(r, 25_000));
			fs.writeFileSync(`${process.env.DUMP}-purged`, fs.readFileSync(`/proc/${app}/smaps`));
			console.log(`25 s later: app renderer ${(memOf(app).pss / MB).toFixed(0)} MB`);
		}
	} finally {
		await close();
	}
}

await main();
