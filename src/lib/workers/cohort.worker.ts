/**
 * Cohort worker: pharmacogenomics for every sample of a small multi-sample VCF (≤ 200 samples in
 * the browser; larger cohorts belong to the CLI and the Snakemake workflow). One streaming pass
 * (readCohort keeps only the PGx positions), then the same caller as a single profile per sample.
 */
import { exposeWorker, type Job } from './bridge';
import { QenomeError } from '../errors';
import { createGenomeView, readCohort } from '../genome';
import { loadKb, pgxJsonFromView } from '../pgx';
import { PGX_TSV_COLUMNS, pgxKeep, pgxTsvRows, summarizePgxCohort, type CohortSummary } from '../cohort';

/** Most samples the browser page analyses. */
export const BROWSER_COHORT_LIMIT = 200;

/** What the cohort page shows. */
export interface CohortPageResult {
	samples: string[];
	build: string;
	columns: readonly string[];
	rows: string[][];
	summary: CohortSummary;
	kbVersion: string;
	records: number;
	kept: number;
	elapsedMs: number;
}

const api = {
	/** Analyse every sample of `file`; refuses more than BROWSER_COHORT_LIMIT samples before reading the records. */
	async analyse(file: File, job: Job): Promise<CohortPageResult> {
		const t0 = performance.now();
		job.progress({ fraction: null, stage: 'Reading the VCF' });
		const kb = await loadKb();
		const cohort = await readCohort(file.stream(), pgxKeep(kb), {
			signal: job.signal,
			onSamples: (names) => {
				if (names.length > BROWSER_COHORT_LIMIT)
					throw new QenomeError(
						'refused',
						'too-many-samples',
						`This VCF holds ${names.length.toLocaleString('en')} samples; the browser page analyses up to ${BROWSER_COHORT_LIMIT}. Use the command line (qenome pgx FILE --all-samples --tsv OUT.tsv) or the Snakemake workflow for larger cohorts.`
					);
			},
			totalBytes: file.size,
			onProgress: (p) => job.progress({ fraction: p.totalBytes ? (0.8 * p.bytesRead) / p.totalBytes : null, stage: 'Reading the VCF', records: p.records })
		});
		const rows: string[][] = [];
		const items = [];
		for (let i = 0; i < cohort.samples.length; i++) {
			if (job.signal.aborted) throw new QenomeError('cancelled', 'cancelled', 'The cohort analysis was cancelled.');
			const s = cohort.samples[i];
			const json = await pgxJsonFromView(createGenomeView(s.summary, s.chunks), { kb });
			rows.push(...pgxTsvRows(s.sample, json));
			items.push({ sample: s.sample, json });
			s.chunks = [];
			job.progress({ fraction: 0.8 + (0.2 * (i + 1)) / cohort.samples.length, stage: `Calling genes (${i + 1} of ${cohort.samples.length})` });
		}
		return {
			samples: cohort.samples.map((s) => s.sample),
			build: cohort.samples[0]?.summary.build ?? '',
			columns: PGX_TSV_COLUMNS,
			rows,
			summary: summarizePgxCohort(items),
			kbVersion: kb.version,
			records: cohort.records,
			kept: cohort.kept,
			elapsedMs: performance.now() - t0
		};
	}
};

/** The cohort worker's API, for `connectWorker<CohortWorkerApi>`. */
export type CohortWorkerApi = typeof api;

exposeWorker(api);
