/**
 * Quantum-methods worker: runs the genomics analyses of src/lib/qgenomics (SNP panel selection by
 * exact enumeration, annealing, XY-QAOA and penalty QAOA; epistasis; quantum-kernel classifier)
 * off the UI thread, with progress and cancel, on the wasm simulator.
 */
import { isCancelled } from '../errors/index';
import { exposeWorker, type Job } from './bridge';
import { workerSimulator } from './quantum-simulator';
import {
	describeCohort,
	epistasisSearch,
	kernelStudy,
	loadCohort,
	runPanel,
	PANEL_METHODS,
	QGenomicsError,
	type CohortInfo,
	type CohortSource,
	type EpistasisReport,
	type KernelReport,
	type PanelMethod,
	type PanelRun
} from '../qgenomics/index';

/** One method's outcome in a panel comparison: a run, or the reason it was refused. */
export interface PanelMethodOutcome {
	method: PanelMethod;
	run: PanelRun | null;
	error: { message: string; code?: string } | null;
}

const api = {
	/** Read a cohort and describe it (parse errors surface here, before any run). */
	async describe(source: CohortSource, _job: Job): Promise<CohortInfo> {
		return describeCohort(loadCohort(source));
	},
	/** Every panel method on the same cohort, classical first; a refused method is reported, not fatal. */
	async panel(
		source: CohortSource,
		options: { k: number; alpha: number; layers: number; shots: number; seed: number },
		job: Job
	): Promise<{ cohort: CohortInfo; outcomes: PanelMethodOutcome[] }> {
		const cohort = loadCohort(source);
		const sim = await workerSimulator();
		const outcomes: PanelMethodOutcome[] = [];
		const share = [0.02, 0.08, 0.6, 0.3];
		let base = 0;
		for (const [i, method] of PANEL_METHODS.entries()) {
			if (job.signal.aborted) throw new QGenomicsError('cancelled', 'The run was cancelled.');
			const label = { exact: 'Exact enumeration', anneal: 'Simulated annealing', qaoa: 'QAOA (XY mixer)', 'qaoa-penalty': 'QAOA (penalty, X mixer)' }[method];
			job.progress({ fraction: base, stage: label });
			const from = base;
			try {
				const run = await runPanel(
					cohort,
					{
						k: options.k,
						alpha: options.alpha,
						method,
						layers: options.layers,
						shots: method === 'anneal' ? 20 : options.shots,
						seed: options.seed,
						signal: job.signal,
						onProgress: (f, stage) => job.progress({ fraction: from + share[i] * f, stage: `${label}: ${stage}` })
					},
					sim
				);
				outcomes.push({ method, run, error: null });
			} catch (err) {
				if (isCancelled(err)) throw err;
				const e = err as { message?: string; code?: string };
				outcomes.push({ method, run: null, error: { message: e.message ?? String(err), code: e.code } });
			}
			base += share[i];
			await new Promise((r) => setTimeout(r, 0));
		}
		return { cohort: describeCohort(cohort), outcomes };
	},
	/** Exhaustive pairwise interaction tests and the pair QUBO by XY-QAOA and annealing. */
	async epistasis(source: CohortSource, options: { layers: number; seed: number }, job: Job): Promise<EpistasisReport> {
		const cohort = loadCohort(source);
		const sim = await workerSimulator();
		return epistasisSearch(cohort, { ...options, signal: job.signal, onProgress: (fraction, stage) => job.progress({ fraction, stage }) }, sim);
	},
	/** Quantum-kernel SVM beside RBF SVM and logistic regression. */
	async kernel(source: CohortSource, options: { features: number; seed: number }, job: Job): Promise<KernelReport> {
		const cohort = loadCohort(source);
		const sim = await workerSimulator();
		return kernelStudy(cohort, sim, { ...options, signal: job.signal, onProgress: (fraction, stage) => job.progress({ fraction, stage }) });
	}
};

/** The worker's API, for connectWorker<QGenomicsWorkerApi>. */
export type QGenomicsWorkerApi = typeof api;

exposeWorker(api);
