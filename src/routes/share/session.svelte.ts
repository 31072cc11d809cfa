/**
 * Session state of the sharing pages: the identity unlocked once per session (kept in memory
 * only — never written anywhere — so it is forgotten on reload or Lock), the worker connection
 * and the store. Browser-only; pages call these from onMount or event handlers.
 */
import type { QenomeStore } from '$lib/store';
import { isCancelled } from '$lib/errors';
import { downloadFile, pageStore, shareWorker } from '$lib/clients';
import { generateOneTimePassphrase, loadIdentityFile, type ContactRecord, type IdentityFile, type UnlockedIdentity } from '$lib/share';
import type { Progress } from '$lib/workers/bridge';
import type { SealArgs } from '$lib/workers/share.worker';

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

/** What a page seals, and for whom (see `sealFor`). */
export interface SealRequest {
	/** The content fields of the worker's `seal` call (sender, recipients and passphrase are filled in here). */
	content: Omit<SealArgs, 'sender' | 'recipients' | 'passphrase'>;
	/** The person's contacts and the fingerprints chosen among them (ignored with `toPassphrase`). */
	contacts: ContactRecord[];
	chosen: string[];
	/** Seal to a fresh one-time passphrase instead of contacts. */
	toPassphrase: boolean;
	signal: AbortSignal;
	onProgress: (p: Progress) => void;
}

/**
 * Seal in the sharing worker as the unlocked identity, for the chosen contacts or a fresh one-time
 * passphrase: the one path the Share page and the family report's seal share. Returns the bundle,
 * where it was saved (a picked file) or null, the recipients' names and the passphrase ('' for contacts).
 */
export async function sealFor(req: SealRequest): Promise<{ bundle: Blob; savedTo: string | null; recipients: string[]; oneTime: string }> {
	const sender = session.identity;
	if (!sender) throw new Error('Unlock your keys first.');
	const cards = req.toPassphrase ? [] : req.contacts.filter((c) => req.chosen.includes(c.fingerprint)).map((c) => c.card);
	const oneTime = req.toPassphrase ? generateOneTimePassphrase() : '';
	const r = await shareWorker().call('seal', [{ ...req.content, sender: $state.snapshot(sender), recipients: $state.snapshot(cards), passphrase: oneTime || null }], {
		signal: req.signal,
		onProgress: req.onProgress
	});
	return { bundle: r.bundle, savedTo: r.savedTo, recipients: cards.map((c) => c.name), oneTime };
}

/** A sealed bundle as a page shows it (SealedNotice): the bytes, the file name, who can open it, where it was saved. */
export interface SealedBundle {
	blob: Blob;
	name: string;
	recipients: string[];
	savedTo: string | null;
}

/**
 * One seal on a page — progress with cancel, the error, the sealed bundle and its one-time
 * passphrase — so the Share page and the family report's seal run the same steps (`sealFor`).
 */
export class SealTask {
	/** The seal in progress (null when idle). */
	progress = $state<Progress | null>(null);
	/** The last failure, in words ('Cancelled.' after cancel); pages may set it for their own steps. */
	error = $state('');
	/** The one-time passphrase of the last seal ('' when sealed to contacts). */
	oneTime = $state('');
	/** The last sealed bundle. */
	result = $state<SealedBundle | null>(null);
	#controller: AbortController | null = null;

	/** Stop the seal in progress. */
	cancel(): void {
		this.#controller?.abort();
	}

	/**
	 * Seal what `prepare` returns (awaited after the progress bar shows, so a slow or failing
	 * preparation reads like the seal's own), named `name`.
	 */
	async run(prepare: () => Promise<{ request: Omit<SealRequest, 'signal' | 'onProgress'>; name: string }>): Promise<void> {
		if (!session.identity) return;
		this.error = '';
		this.result = null;
		const controller = (this.#controller = new AbortController());
		this.progress = { fraction: 0, stage: 'Preparing' };
		try {
			const { request, name } = await prepare();
			const r = await sealFor({ ...request, signal: controller.signal, onProgress: (p) => (this.progress = p) });
			this.oneTime = r.oneTime;
			this.result = { blob: r.bundle, name, recipients: r.recipients, savedTo: r.savedTo };
		} catch (e) {
			this.oneTime = '';
			this.error = isCancelled(e) ? 'Cancelled.' : messageOf(e);
		} finally {
			this.progress = null;
			this.#controller = null;
		}
	}
}
