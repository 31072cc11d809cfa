/**
 * Diagnostic (not a bench module): where the app tab's memory goes during the 5M-record WGS import
 * in Chromium, per JavaScript isolate — the page, the genome worker and the BGZF pool's workers.
 * For each it prints the peaks of V8's heap (used / reserved) and of ArrayBuffer backing stores
 * (typed arrays, inflater output), from the DevTools protocol's `Runtime.getHeapUsage` sampled
 * every 150 ms. Workers are reached through auto-attached (non-flat) DevTools sessions, nested
 * ones (the pool lives inside the genome worker) through their parent's session.
 *
 *   npm run build && npx tsx scripts/bench/browser-wgs-heap.ts
 *
 * Uses the benchmark's VCF (scripts/bench/genome.bench.ts makes it once) and serves build/ on
 * QENOME_BENCH_PORT (4219 by default). Measured 5 Dec 2026 (peaks in MB, each column its own
 * maximum). With DecompressionStream in the pool (load ≈ 3, two runs): genome worker heap used
 * 15–17 / reserved 32, backing stores 42–43 (before its texts were shared, session 13: 32–37 /
 * 59–61, 52–58); the one pool worker heap 8–9 / 17–18, backing stores 84–88 (DecompressionStream's
 * output buffers awaiting a full garbage collection); the page 5 / 7, 0. With the pool worker's
 * WebAssembly inflater (load ≈ 3.5–4.5): the pool worker heap 2–3 / 5–7, backing stores 1–2 (its 4–8 MB
 * of WebAssembly memory is not counted there); the genome worker 17–22 / 32–33, 39–40; the page
 * unchanged.
 *
 * Session 14 (gwheap, 5 Dec, load ≈ 8–19): a snapshot of the genome worker mid-import holds only
 * ≈ 1.5–2 MB of JS objects (code, the interner, the builders' side tables) beside ≈ 20–24 MB of
 * ArrayBuffer data: its 14–22 MB of heap "used" was garbage. The sampling profile (`=all`) named
 * it: the pool's replies deserialised as arrays of strings and pair arrays (≈ 14 MB by 3 s), the
 * destructuring of each allele pair in applyBatch (≈ 12 MB), approximateBytes' for-of iterators
 * over every stored pair (≈ 9 MB), the interner's pair keys (≈ 2 MB). With the texts packed in
 * typed arrays and looked up by code units: the genome worker 6 used / 11 reserved (9 / 14 in one
 * run at load 19), 38–46 of backing stores; the pool worker 2 / 4 (its parser's pair array per ALT
 * lookup and its per-batch side-table arrays gone: 20.8 → 1.3 MB sampled by 3.5 s).
 *
 * Options (environment): `HEAP_SNAPSHOT_AT=2500,4000` takes a heap snapshot of the genome worker
 * that many ms after the file was chosen (it pauses the worker; a snapshot collects garbage first,
 * so it shows what is live) and prints what holds it (heap-snapshot-summary.ts; `HEAP_SNAPSHOT_DIR`
 * keeps the files); `HEAP_SAMPLING=1` runs V8's sampling heap profiler in the genome worker and
 * prints, with each snapshot, the allocation sites of the sampled objects still live (`=all`:
 * of every sampled allocation since the worker started, collected or not — the allocation rate);
 * `HEAP_SERIES=1` prints the genome worker's heap used / reserved over time; `HEAP_TARGET=bgzf`
 * points all three at the (first) pool worker instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession } from 'playwright-core';
import { makeVcf } from './genome.bench';
import { openBenchBrowser } from './bench-browser';
import { printHeapSummary } from './heap-snapshot-summary';

const PORT = Number(process.env.QENOME_BENCH_PORT ?? 4219);
/** Which worker the snapshot, sampling and series options look at (`HEAP_TARGET=bgzf`: the pool's). */
const target = new RegExp(process.env.HEAP_TARGET ?? 'genome');

interface HeapUsage {
	usedSize: number;
	totalSize: number;
	backingStorageSize?: number;
}

/** A DevTools session of a worker: its label and the session it was attached through (null: the page's). */
interface WorkerSession {
	label: string;
	parent: string | null;
}

/** A node of V8's sampling heap profile (allocation call tree of the sampled live objects). */
interface SamplingNode {
	callFrame: { functionName: string; url: string; lineNumber: number };
	selfSize: number;
	children: SamplingNode[];
}

/** Print the sampled live bytes by allocating function (with its caller), biggest first. */
function printSampling(root: SamplingNode): void {
	const by = new Map<string, number>();
	const walk = (n: SamplingNode, caller: string) => {
		const f = `${n.callFrame.functionName || '(anonymous)'}@${n.callFrame.url.split('/').pop()?.replace(/-[\w-]{8}\.js$/, '')}:${n.callFrame.lineNumber}`;
		if (n.selfSize) by.set(`${f} ← ${caller}`, (by.get(`${f} ← ${caller}`) ?? 0) + n.selfSize);
		for (const c of n.children) walk(c, f);
	};
	walk(root, '');
	const total = [...by.values()].reduce((a, b) => a + b, 0);
	console.log(`  sampled live allocations ${(total / 1e6).toFixed(2)} MB, by site:`);
	for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`    ${(v / 1024).toFixed(0).padStart(8)} KiB  ${k}`);
}

async function main(): Promise<void> {
	const vcf = await makeVcf(5_000_000);
	const { base, context, close } = await openBenchBrowser('qenome-heap', PORT);
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`${base}/`);
		await page.getByTestId('no-profiles').or(page.getByTestId('profile-row').first()).waitFor();
		await page.waitForLoadState('networkidle');
		const cdp: CDPSession = await context.newCDPSession(page);
		const sessions = new Map<string, WorkerSession>();
		const replies = new Map<number, (result: unknown) => void>();
		let nextId = 1;
		// A command for a nested session travels as Target.sendMessageToTarget through each parent.
		const envelope = (sessionId: string, message: object): { method: string; params: object } => {
			const inner = { method: 'Target.sendMessageToTarget', params: { sessionId, message: JSON.stringify(message) } };
			const parent = sessions.get(sessionId)?.parent;
			return parent ? envelope(parent, { id: nextId++, ...inner }) : inner;
		};
		const send = async <T>(sessionId: string, method: string, params: object = {}, waitMs = 2000): Promise<T | null> => {
			const id = nextId++;
			const reply = new Promise<T>((resolve) => replies.set(id, resolve as (r: unknown) => void));
			const outer = envelope(sessionId, { id, method, params });
			await cdp.send(outer.method as 'Target.sendMessageToTarget', outer.params as never);
			// a worker that ended never answers
			return Promise.race([reply, new Promise<null>((r) => setTimeout(() => r(null), waitMs))]);
		};
		const attached = (parent: string | null, p: { sessionId: string; targetInfo: { type: string; url: string } }) => {
			sessions.set(p.sessionId, { label: `${p.targetInfo.type} ${p.targetInfo.url.split('/').pop()?.replace(/-[\w-]{8}\.js$/, '')}`, parent });
			void send(p.sessionId, 'Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
			if (process.env.HEAP_SAMPLING && target.test(p.targetInfo.url)) void send(p.sessionId, 'HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: process.env.HEAP_SAMPLING === 'all', includeObjectsCollectedByMinorGC: process.env.HEAP_SAMPLING === 'all' });
		};
		const chunks = new Map<string, string[]>();
		const received = (ev: { sessionId: string; message: string }) => {
			const m = JSON.parse(ev.message) as { id?: number; result?: unknown; method?: string; params?: never };
			if (m.id !== undefined && replies.has(m.id)) {
				replies.get(m.id)!(m.result);
				replies.delete(m.id);
			} else if (m.method === 'HeapProfiler.addHeapSnapshotChunk') {
				const list = chunks.get(ev.sessionId) ?? [];
				list.push((m.params as unknown as { chunk: string }).chunk);
				chunks.set(ev.sessionId, list);
			} else if (m.method === 'Target.attachedToTarget') attached(ev.sessionId, m.params!);
			else if (m.method === 'Target.receivedMessageFromTarget') received(m.params!);
		};
		cdp.on('Target.attachedToTarget', (p) => attached(null, p));
		cdp.on('Target.receivedMessageFromTarget', received);
		await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
		const peaks = new Map<string, { used: number; total: number; backing: number }>();
		const t0 = Date.now();
		const series: string[] = [];
		const note = (label: string, u: HeapUsage) => {
			if (process.env.HEAP_SERIES && target.test(label)) series.push(`${((Date.now() - t0) / 1000).toFixed(1)}s ${(u.usedSize / 1e6).toFixed(1)}/${(u.totalSize / 1e6).toFixed(1)}`);
			const p = peaks.get(label) ?? { used: 0, total: 0, backing: 0 };
			peaks.set(label, { used: Math.max(p.used, u.usedSize), total: Math.max(p.total, u.totalSize), backing: Math.max(p.backing, u.backingStorageSize ?? 0) });
		};
		let sampling = false;
		const timer = setInterval(async () => {
			if (sampling) return;
			sampling = true;
			try {
				note('page', (await cdp.send('Runtime.getHeapUsage')) as HeapUsage);
				for (const [id, s] of sessions) {
					if (s.label.startsWith('service_worker')) continue;
					const u = await send<HeapUsage>(id, 'Runtime.getHeapUsage');
					if (u) note(s.label, u);
				}
			} catch {
				// a session that ended between listing and asking
			} finally {
				sampling = false;
			}
		}, 150);
		const genomeSession = () => [...sessions].find(([, s]) => target.test(s.label))?.[0];
		const snapshot = async (atMs: number) => {
			const id = genomeSession();
			if (!id) return console.log(`snapshot at ${atMs} ms: no genome worker session`);
			const sampled = process.env.HEAP_SAMPLING ? await send<{ profile: { head: SamplingNode } }>(id, 'HeapProfiler.getSamplingProfile', {}, 20_000) : null;
			chunks.set(id, []);
			const took = await send(id, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false }, 120_000);
			const text = (chunks.get(id) ?? []).join('');
			chunks.delete(id);
			if (!took || !text) return console.log(`snapshot at ${atMs} ms: no answer (the import may have ended)`);
			if (process.env.HEAP_SNAPSHOT_DIR) fs.writeFileSync(path.join(process.env.HEAP_SNAPSHOT_DIR, `genome-${atMs}.heapsnapshot`), text);
			printHeapSummary(`${target.source} worker at ${atMs} ms after the file was chosen`, JSON.parse(text), 20);
			if (sampled) printSampling(sampled.profile.head);
		};
		const at = (process.env.HEAP_SNAPSHOT_AT ?? '').split(',').filter(Boolean).map(Number);
		const tFile = Date.now();
		await page.getByLabel('DNA file', { exact: true }).setInputFiles(vcf);
		for (const ms of at) {
			await new Promise((r) => setTimeout(r, Math.max(0, tFile + ms - Date.now())));
			await snapshot(ms);
		}
		await page.getByText(/Imported [\d,]+ records/).waitFor({ timeout: 600_000 });
		clearInterval(timer);
		if (series.length) console.log(`genome worker heap used/reserved MB over time: ${series.join(', ')}`);
		const mb = (b: number) => (b / 1e6).toFixed(0);
		console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}; peaks in MB (each column its own maximum)`);
		for (const [label, p] of peaks) console.log(`${label.padEnd(28)} heap used ${mb(p.used)} · heap reserved ${mb(p.total)} · ArrayBuffer backing stores ${mb(p.backing)}`);
	} finally {
		await close();
	}
}

await main();
