/**
 * PRS worker: parses a PGS Catalog scoring file (streamed from the File), matches it to a
 * genome's chunks and returns the record the page saves (the page saves, so the vault's codec in
 * the page seals it). Progress per stage; cancel honoured while reading and matching.
 *
 *   const prs = connectWorker<PrsWorkerApi>(new Worker(new URL('$lib/workers/prs.worker.ts', import.meta.url), { type: 'module' }));
 *   const rec = await prs.call('score', [file, summary, chunks, { keepAmbiguous }], { signal, onProgress });
 */
import * as Comlink from 'comlink';
import { exposeWorker, type Job } from './bridge';
import type { GenomeChunk, GenomeSummary } from '../genome/types';
import { makeLogTable, parseFrequencyFile, parseScoreFile, runPrs, type PrsRecord } from '../prs';

/** Options of one scoring run. */
export interface PrsScoreOptions {
	keepAmbiguous?: boolean;
	/** Text of a user-supplied frequency file (`#population=NAME` + columns). */
	frequenciesText?: string;
}

const api = {
	/** Score `file` on the genome (summary + chunks); returns the record to save, with timings. */
	async score(file: File, summary: GenomeSummary, chunks: GenomeChunk[], options: PrsScoreOptions, job: Job): Promise<PrsRecord & { parseMs: number; matchMs: number }> {
		const t0 = performance.now();
		job.progress({ fraction: 0, stage: 'Reading the scoring file' });
		const score = await parseScoreFile(file.stream(), {
			signal: job.signal,
			totalBytes: file.size,
			onProgress: (p) => job.progress({ fraction: p.totalBytes ? (0.8 * p.bytesRead) / p.totalBytes : null, stage: 'Reading the scoring file', variants: p.variants })
		});
		const t1 = performance.now();
		job.progress({ fraction: 0.8, stage: 'Matching variants', variants: score.n });
		const frequencies = options.frequenciesText ? parseFrequencyFile(options.frequenciesText) : undefined;
		const result = runPrs(score, { summary, chunks }, {
			keepAmbiguous: options.keepAmbiguous,
			frequencies,
			signal: job.signal,
			onProgress: (f) => job.progress({ fraction: 0.8 + 0.2 * f, stage: 'Matching variants', variants: score.n })
		});
		const t2 = performance.now();
		const { log, ...rest } = result;
		void log;
		const record = { result: rest, log: makeLogTable(score, result), fileName: file.name, computed: new Date().toISOString(), parseMs: t1 - t0, matchMs: t2 - t1 };
		// hand the log's columns (tens of MB for a 1M-variant score) over instead of copying them
		const buffers = new Set<ArrayBuffer>();
		for (const v of Object.values(record.log)) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
		return Comlink.transfer(record, [...buffers]);
	}
};

/** The PRS worker's API, for `connectWorker<PrsWorkerApi>`. */
export type PrsWorkerApi = typeof api;

exposeWorker(api);
