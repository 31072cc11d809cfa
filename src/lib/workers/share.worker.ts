/**
 * Sharing worker: passphrase key derivation (scrypt) and streaming seal/open of `.qenome` bundles
 * off the main thread, with progress and cancel. Output goes to a temporary file in the origin's
 * private file system (OPFS) when available — flat memory for large bundles — else to a Blob.
 * A refused bundle's temporary is deleted before the error is reported: nothing is kept.
 *
 *   const share = connectWorker<ShareWorkerApi>(new Worker(new URL('$lib/workers/share.worker.ts', import.meta.url), { type: 'module' }));
 */
import { exposeWorker, type Job } from './bridge';
import {
	BundleError,
	changePassphrase,
	createIdentity,
	hashStream,
	openBundle,
	sealBundle,
	unlockIdentity,
	type BundleManifest,
	type ContactCard,
	type ContentSink,
	type ContentType,
	type IdentityFile,
	type UnlockedIdentity
} from '../share';

/** What `seal` needs. */
export interface SealArgs {
	sender: UnlockedIdentity;
	recipients: ContactCard[];
	contentType: ContentType;
	fileName: string | null;
	mediaType: string | null;
	content: Blob;
}

/** What `open` returns. */
export interface OpenResult {
	manifest: BundleManifest;
	sender: ContactCard;
	trusted: boolean;
	content: Blob;
}

const TEMP_PREFIX = 'qenome-tmp-';
const TEMP_MAX_AGE_MS = 6 * 60 * 60 * 1000;

/** A temporary output: OPFS sync access handle when possible, else Blob parts. */
interface TempOutput extends ContentSink {
	finish(type: string): Promise<Blob>;
	discard(): Promise<void>;
}

type SyncHandle = { write(b: Uint8Array, o: { at: number }): number; flush(): void; close(): void };
type OpfsDir = FileSystemDirectoryHandle & { entries?: () => AsyncIterable<[string, FileSystemHandle]> };

async function opfsRoot(): Promise<OpfsDir | null> {
	try {
		return (await navigator.storage.getDirectory()) as OpfsDir;
	} catch {
		return null;
	}
}

/** Delete stale temporaries from earlier sessions. */
async function sweepTemps(root: OpfsDir): Promise<void> {
	if (!root.entries) return;
	const now = Date.now();
	for await (const [name] of root.entries()) {
		const m = new RegExp(`^${TEMP_PREFIX}(\\d+)-`).exec(name);
		if (m && now - Number(m[1]) > TEMP_MAX_AGE_MS) await root.removeEntry(name).catch(() => undefined);
	}
}

async function tempOutput(): Promise<TempOutput> {
	const root = await opfsRoot();
	if (root) {
		try {
			await sweepTemps(root);
			const name = `${TEMP_PREFIX}${Date.now()}-${Math.random().toString(36).slice(2)}`;
			const fh = await root.getFileHandle(name, { create: true });
			const access = (await (fh as unknown as { createSyncAccessHandle(): Promise<SyncHandle> }).createSyncAccessHandle());
			let at = 0;
			return {
				write(chunk) {
					at += access.write(chunk, { at });
				},
				async finish(type) {
					access.flush();
					access.close();
					const file = await fh.getFile();
					return type ? file.slice(0, file.size, type) : file;
				},
				async discard() {
					try {
						access.close();
					} catch {
						/* already closed */
					}
					await root.removeEntry(name).catch(() => undefined);
				}
			};
		} catch {
			/* fall through to memory */
		}
	}
	const parts: Uint8Array[] = [];
	return {
		write(chunk) {
			parts.push(chunk);
		},
		async finish(type) {
			return new Blob(parts as BlobPart[], { type });
		},
		async discard() {
			parts.length = 0;
		}
	};
}

/** Pump a stream into a temp output, checking for cancel. */
async function drain(stream: ReadableStream<Uint8Array>, out: TempOutput, job: Job): Promise<void> {
	const reader = stream.getReader();
	for (;;) {
		if (job.signal.aborted) {
			await reader.cancel().catch(() => undefined);
			throw new BundleError('CANCELLED', 'Cancelled.');
		}
		const { value, done } = await reader.read();
		if (done) return;
		out.write(value);
	}
}

/** Throttled progress reporting. */
function reporter(job: Job, total: number, base: number, span: number, stage: string) {
	let last = 0;
	return (bytes: number) => {
		const now = Date.now();
		if (now - last < 100 && bytes < total) return;
		last = now;
		job.progress({ fraction: total ? base + (span * bytes) / total : null, stage, bytes, total });
	};
}

const api = {
	/** Create a new identity (scrypt + keygen in the worker). */
	async createIdentity(name: string, passphrase: string, _job: Job): Promise<{ file: IdentityFile; identity: UnlockedIdentity }> {
		return createIdentity(name, passphrase);
	},
	/** Unlock an identity file with its passphrase. */
	async unlock(file: IdentityFile, passphrase: string, _job: Job): Promise<UnlockedIdentity> {
		return unlockIdentity(file, passphrase);
	},
	/** Re-wrap under a new passphrase. */
	async changePassphrase(file: IdentityFile, oldPassphrase: string, newPassphrase: string, _job: Job): Promise<IdentityFile> {
		return changePassphrase(file, oldPassphrase, newPassphrase);
	},
	/** Seal content into a bundle: a hashing pass, then one streaming encryption pass. */
	async seal(args: SealArgs, job: Job): Promise<{ manifest: BundleManifest; bundle: Blob }> {
		const size = args.content.size;
		const { digest, length } = await hashStream(args.content.stream(), undefined, reporter(job, size, 0, 0.3, 'Fingerprinting the content'), job.signal);
		if (length !== size) throw new BundleError('BAD_CONTENT', 'The file changed while it was being read; try again.', 1);
		const { manifest, stream } = await sealBundle({
			sender: args.sender,
			recipients: args.recipients,
			contentType: args.contentType,
			fileName: args.fileName,
			mediaType: args.mediaType,
			content: args.content.stream(),
			contentLength: size,
			contentSha256: digest,
			onProgress: reporter(job, size, 0.3, 0.7, 'Encrypting and signing')
		});
		const out = await tempOutput();
		try {
			await drain(stream, out, job);
			const bundle = await out.finish('application/octet-stream');
			job.progress({ fraction: 1, stage: 'Done' });
			return { manifest, bundle };
		} catch (e) {
			await out.discard();
			throw e;
		}
	},
	/** Open a bundle; resolves only when everything verified (temporary deleted otherwise). */
	async open(
		bundle: Blob,
		opener: UnlockedIdentity,
		trusted: ContactCard[],
		allowUntrustedSender: boolean,
		job: Job
	): Promise<OpenResult> {
		const out = await tempOutput();
		const progress = reporter(job, bundle.size, 0, 1, 'Decrypting and verifying');
		try {
			const r = await openBundle(bundle.stream(), {
				opener,
				trusted,
				allowUntrustedSender,
				sink: out,
				onProgress: progress,
				signal: job.signal
			});
			const content = await out.finish(r.manifest.mediaType ?? '');
			return { manifest: r.manifest, sender: r.sender, trusted: r.trusted, content };
		} catch (e) {
			await out.discard();
			throw e;
		}
	}
};

/** The worker's API type for connectWorker. */
export type ShareWorkerApi = typeof api;

exposeWorker(api);
