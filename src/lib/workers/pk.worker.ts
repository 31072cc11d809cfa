/**
 * PK worker: runs a patient simulation plus its 500-patient variability band off the main thread.
 *
 *   const pk = connectWorker<PkWorkerApi>(new Worker(new URL('$lib/workers/pk.worker.ts', import.meta.url), { type: 'module' }));
 *   const result = await pk.call('simulate', [request, { n: 500 }], { signal, onProgress });
 *
 * PkError codes (unknown-drug, unknown-phenotype, bad-regimen, …) cross the bridge intact.
 */
import { exposeWorker, type Job } from './bridge';
import { simulateWithBand, type BandedResult, type PhenotypeInput, type SimulationRequest } from '../pk';
import { callAllGenes, loadKb } from '../pgx';
import { openStore } from '../store';

const api = {
	/** Simulate one patient and `n` virtual patients like them; reports progress per 50 patients. */
	async simulate(req: SimulationRequest, options: { n?: number; seed?: number }, job: Job): Promise<BandedResult & { elapsedMs: number }> {
		const t0 = performance.now();
		job.progress({ fraction: 0, stage: 'Simulating' });
		const result = simulateWithBand(req, {
			n: options.n,
			seed: options.seed,
			signal: job.signal,
			onProgress: (fraction) => job.progress({ fraction, stage: 'Virtual patients' })
		});
		return { ...result, elapsedMs: performance.now() - t0 };
	},

	/** Phenotypes of a stored profile from the pharmacogenomics caller (when no saved PGx result exists). */
	async profilePhenotypes(profileId: string, job: Job): Promise<PhenotypeInput> {
		job.progress({ fraction: null, stage: 'Reading your genes' });
		const store = await openStore();
		try {
			const view = await store.openGenomeView(profileId);
			const calls = callAllGenes(view, await loadKb());
			const out: PhenotypeInput = {};
			for (const c of calls) if (!c.screening) out[c.gene] = { phenotype: c.phenotype, activityScore: c.activityScore };
			return out;
		} finally {
			store.close();
		}
	}
};

/** The PK worker's API, for `connectWorker<PkWorkerApi>`. */
export type PkWorkerApi = typeof api;

exposeWorker(api);
