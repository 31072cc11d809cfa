/**
 * Genome worker: imports a file (stream → parse → save in bounded transactions) and answers lookups,
 * off the main thread. Pages talk to it through bridge.ts:
 *
 *   const genome = connectWorker<GenomeWorkerApi>(new Worker(new URL('$lib/workers/genome.worker.ts', import.meta.url), { type: 'module' }));
 *   const { id } = await genome.call('importFile', [file, {}], { signal, onProgress });
 *
 * Errors keep their `code` across the bridge: ImportError codes from the parser (`cancelled`,
 * `multi-sample` with `details.samples`, …) and StoreError codes (`quota`, …).
 */
import { exposeWorker, type Job } from './bridge';
import { createBrowserBgzfPool, importGenome, isBgzip, listVcfSamples, PARALLEL_MIN_BYTES } from '../genome';
import type { GenomeSummary, GenomeView } from '../genome/types';
import { lookupInView, openStore, parseLookupQuery, type LookupResult, type QenomeStore } from '../store';

/** Options of one import. */
export interface ImportFileOptions {
	/** For multi-sample VCFs: which sample to import. */
	sample?: string;
	/** Display name; defaults to the file name. */
	name?: string;
	/**
	 * Developer override (the page's `localStorage['qenome.bgzfWorkers']`, 1–4): run a large
	 * bgzipped VCF's batches on a pool of this many Web Workers whatever the core count, so the
	 * pool path is exercised on 2-core machines too (the browser tests); unset: `bgzfPoolPlan`.
	 */
	bgzfWorkers?: number;
}

/**
 * What a successful import returns: the saved profile's id and summary. The worker is the only
 * sealer: with the vault on, its store's codec (the realm's VaultSession) gets the data key from
 * the unlocked page over the vault's BroadcastChannel and seals every record; while the vault is
 * locked the save is refused (VaultError `locked`) and nothing is written. The parsed genome is
 * never cloned back to the page.
 */
export interface ImportFileResult {
	id: string;
	summary: GenomeSummary;
	/** Milliseconds spent parsing and saving. */
	parseMs: number;
	saveMs: number;
}

/** Share of the progress bar for reading+parsing, indexing and saving (they sum to 1). */
const SHARE = { read: 0.85, index: 0.05, save: 0.1 };

/** One fraction for the whole import, so the bar keeps moving through indexing and saving. */
function overallFraction(stage: string, readFraction: number | null, stageFraction: number | undefined): number | null {
	if (stage === 'indexing') return SHARE.read + SHARE.index * (stageFraction ?? 0);
	if (stage === 'saving') return SHARE.read + SHARE.index + SHARE.save * (stageFraction ?? 0);
	return readFraction == null ? null : SHARE.read * readFraction;
}

let storePromise: Promise<QenomeStore> | null = null;
function store(): Promise<QenomeStore> {
	storePromise ??= openStore().then(
		(s) => {
			// A deleted or replaced profile must not be answered from the cache.
			s.onChange((change) => {
				if (change.type === 'profiles' || change.type === 'all-deleted') cachedView = null;
			});
			return s;
		},
		(err) => {
			storePromise = null;
			throw err;
		}
	);
	return storePromise;
}

/** One cached lookup view (the profile page asks many questions of one genome). */
let cachedView: { id: string; view: Promise<GenomeView> } | null = null;

const api = {
	/**
	 * Parse `file` as a stream and save it as a new profile while it is parsed: each chromosome
	 * goes into IndexedDB (its own transaction) as soon as the file has moved past it, so the whole
	 * genome is never held here; the profile becomes visible when the commit removes its pending mark.
	 */
	async importFile(file: File, options: ImportFileOptions, job: Job): Promise<ImportFileResult> {
		const t0 = performance.now();
		// a large bgzipped VCF is inflated and parsed by a pool of workers (one per core)
		const bgzf = file.size >= PARALLEL_MIN_BYTES && isBgzip(new Uint8Array(await file.slice(0, 18).arrayBuffer()));
		const db = await store();
		// how much of the file has been parsed: projects the stored size for a quota refusal
		let parsedBytes = 0;
		const writer = await db.beginGenome(
			{ name: options.name ?? file.name, sourceFileName: file.name },
			{ signal: job.signal, estimateTotalBytes: (written) => (parsedBytes > 0 ? (written * file.size) / Math.min(parsedBytes, file.size) : written) }
		);
		const pool = bgzf ? createBrowserBgzfPool(options.bgzfWorkers) : null;
		try {
			const parsed = await importGenome(file.stream() as ReadableStream<Uint8Array>, {
				bgzfPool: pool ?? undefined,
				sink: writer,
				signal: job.signal,
				sample: options.sample,
				fileName: file.name,
				totalBytes: file.size,
				onProgress: (p) => {
					parsedBytes = Math.max(parsedBytes, p.doneBytes ?? p.bytesRead);
					job.progress({
						// halfway between bytes read and bytes parsed: moves while the pool starts up (reading
						// runs ahead) and while it drains at the end (parsing catches up); both never go back
						fraction: overallFraction(p.stage, p.totalBytes ? Math.min(1, (p.bytesRead + (p.doneBytes ?? p.bytesRead)) / 2 / p.totalBytes) : null, p.stageFraction),
						stage: p.stage,
						bytesRead: p.bytesRead,
						totalBytes: p.totalBytes,
						records: p.records
					});
				}
			}).finally(() => pool?.close());
			const t1 = performance.now();
			const saving = (f: number) =>
				job.progress({ fraction: overallFraction('saving', 1, f), stage: 'saving', bytesRead: parsed.bytes, totalBytes: parsed.bytes, records: parsed.summary.records });
			// the chromosomes still queued (the last ones read), then the commit
			const id = await writer.commit(parsed, { onProgress: saving });
			return { id, summary: parsed.summary, parseMs: t1 - t0, saveMs: performance.now() - t1 };
		} catch (err) {
			await writer.abort();
			throw err;
		}
	},

	/** Sample names of a (possibly compressed) VCF, so the page can ask which one to import. */
	async listSamples(file: File, _job: Job): Promise<string[]> {
		return listVcfSamples(file.stream() as ReadableStream<Uint8Array>);
	},

	/** Look up an rsID ("rs4244285") or a position ("10:94781859") in a stored profile. */
	async lookup(profileId: string, query: string, _job: Job): Promise<LookupResult> {
		const parsed = parseLookupQuery(query);
		const db = await store();
		if (!cachedView || cachedView.id !== profileId) {
			const view = db.openGenomeView(profileId);
			cachedView = { id: profileId, view };
			view.catch(() => {
				if (cachedView?.view === view) cachedView = null;
			});
		}
		return lookupInView(await cachedView.view, parsed);
	},

	/** Drop the cached lookup view (after a profile was deleted or replaced). */
	async forget(profileId: string, _job: Job): Promise<void> {
		if (cachedView?.id === profileId) cachedView = null;
	}
};

/** The API pages call through `connectWorker<GenomeWorkerApi>`. */
export type GenomeWorkerApi = typeof api;

exposeWorker(api);
