/**
 * Session state of the sharing pages: the identity unlocked once per session (kept in memory
 * only — never written anywhere — so it is forgotten on reload or Lock), the worker connection
 * and the store. Browser-only; pages call these from onMount or event handlers.
 */
import type { QenomeStore } from '$lib/store';
import { downloadFile, pageStore, shareWorker } from '$lib/clients';
import { loadIdentityFile, type IdentityFile, type UnlockedIdentity } from '$lib/share';

/** Reactive session: the unlocked identity (or null). */
export const session = $state<{ identity: UnlockedIdentity | null }>({ identity: null });

/** The sharing worker and the tab's one store connection (src/lib/clients). */
export { shareWorker } from '$lib/clients';

/** The on-device store: the tab's one connection (the same one every page uses). */
export function store(): Promise<QenomeStore> {
	return pageStore();
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

/** Offer bytes or a Blob as a download with a file name (the client layer's helper). */
export function download(data: Blob | string, fileName: string, type = 'application/octet-stream'): void {
	downloadFile(data, fileName, type);
}

/** A user-facing message from any error (typed errors keep their message across the worker). */
export function messageOf(e: unknown): string {
	if (e instanceof Error) return e.message;
	return String(e);
}

/** Human size (the one byte formatter, `src/lib/format`). */
export { formatBytes as formatSize } from '$lib/format';
