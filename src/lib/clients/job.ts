/**
 * One job helper for pages: runs a piece of work (usually a worker call) with an AbortController,
 * progress, a busy flag and an error, and says how it ended. Framework-free: the page passes an
 * `onChange` that copies the state into a Svelte 5 `$state` variable:
 *
 *     let state = $state(IDLE_JOB);
 *     const job = new PageJob((s) => (state = s));
 *     const out = await job.run(({ signal, onProgress }) => genomeWorker().call('importFile', [f], { signal, onProgress }));
 *     if (out.status === 'done') …
 *
 * A newer `run` supersedes (cancels) the one still running; progress and results of a superseded
 * or cancelled run never reach the state. Cancellation is recognised with `isCancelled`.
 */
import { isCancelled } from '../errors';
import type { Progress } from '../workers/bridge';

/** What a page shows for a job. */
export interface JobState {
	/** Work is running (the page disables its start button and shows progress + Cancel). */
	readonly busy: boolean;
	/** Fraction done in [0, 1], or null when unknown. */
	readonly fraction: number | null;
	/** Short stage text from the last progress report ('' when none). */
	readonly stage: string;
	/** The last progress report as sent (counters such as bytes read), or null. */
	readonly progress: Progress | null;
	/** The error of the last run that failed (never a cancellation), else null. */
	readonly error: unknown;
	/** The last run ended because it was cancelled. */
	readonly cancelled: boolean;
}

/** The state before any run. */
export const IDLE_JOB: JobState = Object.freeze({ busy: false, fraction: null, stage: '', progress: null, error: null, cancelled: false });

/** How one run ended. */
export type JobOutcome<T> =
	| { status: 'done'; value: T }
	| { status: 'cancelled' }
	| { status: 'failed'; error: unknown }
	/** A newer run started (or the page let go of the job) before this one ended; ignore it. */
	| { status: 'superseded' };

/** What the work receives: pass both to `WorkerClient.call`. */
export interface JobContext {
	signal: AbortSignal;
	onProgress: (p: Progress) => void;
}

/** Options of a job. */
export interface JobOptions {
	/**
	 * `cancel()` makes the job idle at once instead of when the work has stopped (for work whose
	 * late end changes nothing, e.g. a simulation; not for an import that must finish rolling back).
	 */
	releaseOnCancel?: boolean;
}

/** A page's job: one run at a time, the newest wins. */
export class PageJob {
	#state: JobState = IDLE_JOB;
	#controller: AbortController | null = null;
	#onChange: (state: JobState) => void;
	#options: JobOptions;

	/** @param onChange called with every new state (copy it into `$state`); @param options see JobOptions */
	constructor(onChange: (state: JobState) => void, options: JobOptions = {}) {
		this.#onChange = onChange;
		this.#options = options;
	}

	/** The current state. */
	get state(): JobState {
		return this.#state;
	}

	/** True while a run is in progress. */
	get busy(): boolean {
		return this.#state.busy;
	}

	#set(next: Partial<JobState>): void {
		this.#state = { ...this.#state, ...next };
		this.#onChange(this.#state);
	}

	/**
	 * Run `work`, cancelling a run still in progress. Resolves (never rejects) with how it ended;
	 * a failure is also kept in `state.error`.
	 * @param work the work, given the signal and progress callback
	 * @param initial the progress to show before the first report (default: 0 of unknown stage)
	 */
	async run<T>(work: (ctx: JobContext) => Promise<T>, initial: { fraction?: number | null; stage?: string } = {}): Promise<JobOutcome<T>> {
		this.#controller?.abort();
		const own = new AbortController();
		this.#controller = own;
		this.#set({ busy: true, fraction: initial.fraction === undefined ? 0 : initial.fraction, stage: initial.stage ?? '', progress: null, error: null, cancelled: false });
		const current = () => this.#controller === own;
		const onProgress = (p: Progress) => {
			if (current() && !own.signal.aborted) this.#set({ fraction: p.fraction, stage: typeof p.stage === 'string' ? p.stage : '', progress: p });
		};
		let outcome: JobOutcome<T>;
		try {
			const value = await work({ signal: own.signal, onProgress });
			outcome = own.signal.aborted ? { status: 'cancelled' } : { status: 'done', value };
		} catch (error) {
			outcome = isCancelled(error) || own.signal.aborted ? { status: 'cancelled' } : { status: 'failed', error };
		}
		if (!current()) return own.signal.aborted && outcome.status === 'cancelled' && this.#cancelledByUser.has(own) ? outcome : { status: 'superseded' };
		this.#controller = null;
		this.#set({
			busy: false,
			error: outcome.status === 'failed' ? outcome.error : null,
			cancelled: outcome.status === 'cancelled'
		});
		return outcome;
	}

	#cancelledByUser = new WeakSet<AbortController>();

	/** Cancel the run in progress (the person pressed Cancel). */
	cancel(): void {
		const own = this.#controller;
		if (!own) return;
		this.#cancelledByUser.add(own);
		own.abort();
		if (this.#options.releaseOnCancel) {
			this.#controller = null;
			this.#set({ busy: false, fraction: null, stage: '', progress: null, error: null, cancelled: true });
		}
	}

	/** Abort and forget the run in progress without reporting it (the page is left, or the inputs changed): idle, no error. */
	reset(): void {
		this.#controller?.abort();
		this.#controller = null;
		if (this.#state !== IDLE_JOB) this.#set(IDLE_JOB);
	}

	/** Clear a shown error or cancellation. */
	clear(): void {
		if (!this.#state.busy) this.#set({ error: null, cancelled: false });
	}
}
