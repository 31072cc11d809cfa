/**
 * Session state of the sharing pages: the identity unlocked once per session (kept in memory
 * only — never written anywhere — so it is forgotten on reload or Lock), the worker connection
 * and the store. Browser-only; pages call these from onMount or event handlers.
 */
import { connectWorker, type WorkerClient } from '$lib/workers/bridge';
import type { ShareWorkerApi } from '$lib/workers/share.worker';
import { openStore, type QenomeStore } from '$lib/store';
import { loadIdentityFile, type IdentityFile, type UnlockedIdentity } from '$lib/share';

/** Reactive session: the unlocked identity (or null). */
export const session = $state<{ identity: UnlockedIdentity | null }>({ identity: null });

let worker: WorkerClient<ShareWorkerApi> | null = null;
let storePromise: Promise<QenomeStore> | null = null;

/** The sharing worker (started on first use). */
export function shareWorker(): WorkerClient<ShareWorkerApi> {
	worker ??= connectWorker<ShareWorkerApi>(
		new Worker(new URL('../../lib/workers/share.worker.ts', import.meta.url), { type: 'module' })
	);
	return worker;
}

/** The on-device store (opened once). */
export function store(): Promise<QenomeStore> {
	storePromise ??= openStore();
	return storePromise;
}

/** The stored identity file, if any. */
export async function storedIdentity(): Promise<IdentityFile | undefined> {
	return loadIdentityFile(await store());
}

/** Unlock the stored identity for this session. */
export async function unlock(passphrase: string): Promise<UnlockedIdentity> {
	const file = await storedIdentity();
	if (!file) throw new Error('Create your keys first.');
	const id = await shareWorker().call('unlock', [file, passphrase]);
	session.identity = id;
	return id;
}

/** Forget the unlocked identity. */
export function lock(): void {
	session.identity = null;
}

/** Offer bytes or a Blob as a download with a file name. */
export function download(data: Blob | string, fileName: string, type = 'application/octet-stream'): void {
	const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A user-facing message from any error (typed errors keep their message across the worker). */
export function messageOf(e: unknown): string {
	if (e instanceof Error) return e.message;
	return String(e);
}

/** Human size (the one byte formatter, `src/lib/format`). */
export { formatBytes as formatSize } from '$lib/format';
