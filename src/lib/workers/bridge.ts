/**
 * The one bridge between UI code and Web Workers (Squoosh-style split: the UI never touches
 * comlink directly, workers never touch the DOM).
 *
 * Worker side:   `exposeWorker({ async importGenome(file, job) { ... } })`
 * UI side:       `const w = connectWorker<Api>(new Worker(new URL('./genome.worker.ts', import.meta.url), { type: 'module' }))`
 *                `await w.call('importGenome', [file], { signal, onProgress })`
 *
 * Cancellation: an AbortSignal on the UI side is forwarded as a `cancel(jobId)` message; the
 * worker method receives a `Job` whose `signal` aborts. Progress callbacks are comlink proxies.
 */
import * as Comlink from 'comlink';
import { QenomeError, errorKind, type ErrorKind } from '../errors';

/** Progress report sent from a worker job to the UI. */
export interface Progress {
	/** Fraction done in [0, 1], or null when unknown. */
	fraction: number | null;
	/** Short human-readable stage, e.g. "Parsing", "Saving". */
	stage?: string;
	/** Optional counters (bytes read, records parsed, ...). */
	[counter: string]: unknown;
}

/** What a worker method receives as its last argument. */
export interface Job {
	/** Aborts when the UI cancels the call. */
	signal: AbortSignal;
	/** Report progress to the UI (throttle in hot loops). */
	progress(p: Progress): void;
}

/** An error as it crosses the worker boundary: name, kind, message, code and details survive. */
export class WorkerError extends QenomeError {
	/** @param name the original error's name; @param message its message; @param code its code; @param details its details; @param kind its kind */
	constructor(name: string, message: string, code?: string, details?: unknown, kind: ErrorKind = 'failed') {
		super(kind, code ?? kind, message, (details ?? {}) as Record<string, unknown>);
		this.name = name;
	}
}

interface SerializedError {
	isError: true;
	value: { name: string; message: string; kind: ErrorKind; code?: string; details?: unknown } | unknown;
}

// Keep `name`, `kind` and `code` of thrown errors (comlink's default keeps only message and stack), so the
// UI can show an ImportError's user-facing message and tell a cancellation from a failure.
const defaultThrowHandler = Comlink.transferHandlers.get('throw')!;
Comlink.transferHandlers.set('throw', {
	canHandle: defaultThrowHandler.canHandle,
	serialize({ value }: { value: unknown }): [SerializedError, Transferable[]] {
		if (value instanceof Error) {
			const e = value as Error & { code?: unknown; details?: unknown };
			let details: unknown;
			try {
				details = e.details === undefined ? undefined : structuredClone(e.details);
			} catch {
				details = undefined;
			}
			return [
				{
					isError: true,
					value: {
						name: e.name,
						message: e.message,
						kind: errorKind(e),
						code: typeof e.code === 'string' ? e.code : undefined,
						details
					}
				},
				[]
			];
		}
		return [{ isError: false as unknown as true, value }, []];
	},
	deserialize(serialized: SerializedError): never {
		if (serialized.isError) {
			const v = serialized.value as { name: string; message: string; kind: ErrorKind; code?: string; details?: unknown };
			throw new WorkerError(v.name, v.message, v.code, v.details, v.kind);
		}
		throw serialized.value;
	}
} as unknown as Comlink.TransferHandler<unknown, unknown>);

type AnyFn = (...args: never[]) => unknown;
/** A worker API: methods whose last parameter is a Job. */
export type WorkerApi = Record<string, AnyFn>;

/** Arguments of a worker method without its trailing Job. */
export type ArgsOf<F> = F extends (...args: [...infer A, Job]) => unknown ? A : never;

interface WireApi {
	__invoke(
		method: string,
		args: unknown[],
		jobId: number,
		onProgress: ((p: Progress) => void) | null
	): Promise<unknown>;
	__cancel(jobId: number): void;
}

/**
 * Expose an API object from inside a worker. Each method is called with its arguments followed
 * by a Job (signal + progress).
 */
export function exposeWorker(api: WorkerApi): void {
	const controllers = new Map<number, AbortController>();
	const wire: WireApi = {
		async __invoke(method, args, jobId, onProgress) {
			const fn = api[method] as unknown as ((...a: unknown[]) => unknown) | undefined;
			if (typeof fn !== 'function') throw new Error(`Unknown worker method: ${method}`);
			const controller = new AbortController();
			controllers.set(jobId, controller);
			const job: Job = {
				signal: controller.signal,
				progress: (p) => {
					if (onProgress) void onProgress(p);
				}
			};
			try {
				return await fn.call(api, ...args, job);
			} finally {
				controllers.delete(jobId);
			}
		},
		__cancel(jobId) {
			controllers.get(jobId)?.abort(new DOMException('Cancelled by the user', 'AbortError'));
		}
	};
	Comlink.expose(wire);
}

/** Options for one call into a worker. */
export interface CallOptions {
	signal?: AbortSignal;
	onProgress?: (p: Progress) => void;
	/** Objects to transfer rather than copy (ArrayBuffers). */
	transfer?: Transferable[];
}

/** A connected worker: typed calls with progress and cancel, and terminate. */
export interface WorkerClient<T extends WorkerApi> {
	call<K extends keyof T & string>(
		method: K,
		args: ArgsOf<T[K]>,
		options?: CallOptions
	): Promise<Awaited<ReturnType<T[K]>>>;
	terminate(): void;
}

let nextJobId = 1;

/** Connect to a worker created with `new Worker(new URL(...), { type: 'module' })`. */
export function connectWorker<T extends WorkerApi>(worker: Worker): WorkerClient<T> {
	const remote = Comlink.wrap<WireApi>(worker);
	return {
		async call<K extends keyof T & string>(
			method: K,
			args: ArgsOf<T[K]>,
			options: CallOptions = {}
		): Promise<Awaited<ReturnType<T[K]>>> {
			const jobId = nextJobId++;
			const { signal, onProgress, transfer } = options;
			signal?.throwIfAborted();
			const onAbort = () => void remote.__cancel(jobId);
			signal?.addEventListener('abort', onAbort, { once: true });
			try {
				const argList = transfer ? Comlink.transfer(args as unknown[], transfer) : (args as unknown[]);
				const result = await remote.__invoke(
					method,
					argList,
					jobId,
					onProgress ? Comlink.proxy(onProgress) : null
				);
				return result as Awaited<ReturnType<T[K]>>;
			} finally {
				signal?.removeEventListener('abort', onAbort);
			}
		},
		terminate() {
			remote[Comlink.releaseProxy]();
			worker.terminate();
		}
	};
}
