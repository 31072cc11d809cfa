/** The page job helper: busy/progress/cancel/error and "the newest run wins". */
import { describe, expect, it } from 'vitest';
import { IDLE_JOB, PageJob, type JobState } from '../../../src/lib/clients/job';
import { QenomeError } from '../../../src/lib/errors';

/** Work that waits until released or aborted (like a worker call with a signal). */
function gate<T>() {
	let release!: (v: T) => void;
	const work = ({ signal }: { signal: AbortSignal }) =>
		new Promise<T>((resolve, reject) => {
			release = resolve;
			signal.addEventListener('abort', () => reject(new QenomeError('cancelled', 'cancelled', 'Cancelled.')), { once: true });
		});
	return { work, release: (v: T) => release(v) };
}

describe('PageJob', () => {
	it('reports busy, progress and the value', async () => {
		const states: JobState[] = [];
		const job = new PageJob((s) => states.push(s));
		expect(job.state).toBe(IDLE_JOB);
		const out = await job.run(async ({ onProgress }) => {
			onProgress({ fraction: 0.5, stage: 'Parsing', bytes: 10 });
			return 42;
		});
		expect(out).toEqual({ status: 'done', value: 42 });
		expect(states[0]).toMatchObject({ busy: true, fraction: 0 });
		expect(states[1]).toMatchObject({ busy: true, fraction: 0.5, stage: 'Parsing', progress: { bytes: 10 } });
		expect(job.state).toMatchObject({ busy: false, error: null, cancelled: false });
	});

	it('keeps a failure as the error, and a cancellation not as an error', async () => {
		const job = new PageJob(() => {});
		const boom = new QenomeError('input', 'bad-file', 'Bad file.');
		expect(await job.run(async () => Promise.reject(boom))).toEqual({ status: 'failed', error: boom });
		expect(job.state.error).toBe(boom);
		const g = gate<number>();
		const running = job.run(g.work);
		expect(job.busy).toBe(true);
		job.cancel();
		expect(job.busy).toBe(true); // stays busy until the work has stopped
		expect(await running).toEqual({ status: 'cancelled' });
		expect(job.state).toMatchObject({ busy: false, error: null, cancelled: true });
	});

	it('releaseOnCancel: idle at once; a late result is not shown', async () => {
		const job = new PageJob(() => {}, { releaseOnCancel: true });
		let release!: (v: number) => void;
		const running = job.run(() => new Promise<number>((r) => (release = r)));
		job.cancel();
		expect(job.state).toMatchObject({ busy: false, cancelled: true });
		release(7);
		expect(await running).toEqual({ status: 'cancelled' });
		expect(job.state.busy).toBe(false);
	});

	it('a newer run supersedes the older one, whose progress and result are dropped', async () => {
		const job = new PageJob(() => {});
		let first!: (p: { fraction: number }) => void;
		const older = job.run(({ signal, onProgress }) => {
			first = onProgress;
			return new Promise<number>((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('x', 'AbortError'))));
		});
		const g = gate<string>();
		const newer = job.run(g.work);
		first({ fraction: 0.9 });
		expect(job.state.fraction).toBe(0);
		expect(await older).toEqual({ status: 'superseded' });
		expect(job.busy).toBe(true);
		g.release('ok');
		expect(await newer).toEqual({ status: 'done', value: 'ok' });
	});
});
