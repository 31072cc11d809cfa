/**
 * Sharing worker: passphrase key derivation (scrypt) and streaming seal/open of `.qenome` bundles
 * off the main thread, with progress and cancel. Output goes to a temporary file in the origin's
 * private file system (OPFS) when available — flat memory for large bundles — else to a Blob;
 * a seal may instead stream straight into a file the user picked (`SealArgs.target`), which stays
 * flat even in private windows, whose OPFS lives in memory. A refused bundle's temporary is
 * deleted before the error is reported: nothing is kept. Earlier outputs of this worker are
 * deleted when a later job starts (after a grace period for their downloads).
 *
 *   const share = connectWorker<ShareWorkerApi>(new Worker(new URL('$lib/workers/share.worker.ts', import.meta.url), { type: 'module' }));
 */
import { exposeWorker, type Job } from './bridge';
import {
	BundleError,
	changePassphrase,
	createFastSha256,
	createIdentity,
	encodeGenomeContent,
	hashBlob,
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
import { openStore } from '../store';
import { fileTargetOutput, offThreadHashingSink, tempOutput, writeFailed, type TempOutput } from '../share/browser';

/** What `seal` needs. */
export interface SealArgs {
	sender: UnlockedIdentity;
	recipients: ContactCard[];
	contentType: ContentType;
	fileName: string | null;
	mediaType: string | null;
	/** The content, or null with `genomeProfileId` (contentType 'genome'). */
	content: Blob | null;
	/**
	 * A stored genome profile to seal: read from the store and encoded here in the worker, so
	 * the genome's bytes never travel IndexedDB → page → worker.
	 */
	genomeProfileId?: string;
	/**
	 * Optional: a file the user chose with `showSaveFilePicker`. The bundle is then streamed
	 * straight into it (through the browser's on-disk swap file, committed only when sealing
	 * succeeded) instead of into an OPFS temporary — flat memory even where the origin's private
	 * storage lives in memory (private windows).
	 */
	target?: FileSystemFileHandle | null;
}

/** What `open` returns. */
export interface OpenResult {
	manifest: BundleManifest;
	sender: ContactCard;
	trusted: boolean;
	content: Blob;
}

/** A stored genome profile as bundle content (store opened here with the vault session's codec). */
async function storedGenomeContent(profileId: string): Promise<Blob> {
	const store = await openStore();
	try {
		const p = await store.getProfile(profileId);
		if (!p) throw new BundleError('bad-content', 'That genome profile no longer exists.', 'input');
		const chunks = await store.loadChunks(p.id);
		const bytes = encodeGenomeContent(
			{ name: p.name, sourceFileName: p.sourceFileName, sourceSha256: p.sourceSha256, sourceBytes: p.sourceBytes, summary: p.summary },
			chunks
		);
		return new Blob([bytes as BlobPart]);
	} finally {
		store.close();
	}
}

/** Pump a stream into a temp output, checking for cancel. */
async function drain(stream: ReadableStream<Uint8Array>, out: TempOutput, job: Job): Promise<void> {
	const reader = stream.getReader();
	for (;;) {
		if (job.signal.aborted) {
			await reader.cancel().catch(() => undefined);
			throw new BundleError('cancelled', 'Cancelled.');
		}
		const { value, done } = await reader.read();
		if (done) return;
		try {
			await out.write(value);
		} catch (e) {
			await reader.cancel().catch(() => undefined);
			throw writeFailed(e);
		}
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
	/**
	 * Seal content into a bundle: a hashing pass (WebAssembly SHA-256), then one streaming
	 * encryption pass into `args.target` when given, else into an OPFS temporary. Returns the
	 * bundle as a disk-backed Blob (the saved file, or the temporary to download).
	 */
	async seal(args: SealArgs, job: Job): Promise<{ manifest: BundleManifest; bundle: Blob; savedTo: string | null }> {
		const content = args.content ?? (args.genomeProfileId ? await storedGenomeContent(args.genomeProfileId) : null);
		if (!content) throw new BundleError('bad-content', 'There is nothing to seal: give a file or a genome profile.', 'input');
		const size = content.size;
		const hasher = await createFastSha256();
		const { digest, length } = await hashBlob(content, () => hasher, reporter(job, size, 0, 0.3, 'Fingerprinting the content'), job.signal);
		if (length !== size) throw new BundleError('bad-content', 'The file changed while it was being read; try again.', 'refused');
		const { manifest, stream } = await sealBundle({
			sender: args.sender,
			recipients: args.recipients,
			contentType: args.contentType,
			fileName: args.fileName,
			mediaType: args.mediaType,
			content: content.stream(),
			contentLength: size,
			contentSha256: digest,
			onProgress: reporter(job, size, 0.3, 0.7, 'Encrypting and signing')
		});
		const out = args.target ? await fileTargetOutput(args.target).catch((e: unknown) => Promise.reject(writeFailed(e))) : await tempOutput();
		try {
			await drain(stream, out, job);
			const bundle = await out.finish('application/octet-stream');
			job.progress({ fraction: 1, stage: 'Done' });
			return { manifest, bundle, savedTo: args.target?.name ?? null };
		} catch (e) {
			await out.discard();
			throw e;
		}
	},
	/**
	 * Read what a bundle says it holds — its manifest, decrypted but NOT yet verified — without
	 * opening the content, so the Inbox can offer to save a large file straight to disk. Null when
	 * the manifest cannot be read (the full `open` then reports why).
	 */
	async peek(bundle: Blob, opener: UnlockedIdentity, _job: Job): Promise<BundleManifest | null> {
		let manifest: BundleManifest | null = null;
		const stop = new AbortController();
		await openBundle(bundle.stream(), {
			opener,
			trusted: [],
			allowUntrustedSender: true,
			sink: { write: () => stop.abort() },
			onManifest: (m) => {
				manifest = m;
				stop.abort();
			},
			signal: stop.signal
		}).catch(() => undefined);
		return manifest;
	},
	/**
	 * Open a bundle; resolves only when everything verified (temporary deleted otherwise). The
	 * content is hashed in a second worker while this one decrypts. With `target` (a file the user
	 * picked) the content is streamed into it instead of an OPFS temporary and committed only when
	 * every check passed; an unknown sender is then refused, since the content would be kept.
	 */
	async open(
		bundle: Blob,
		opener: UnlockedIdentity,
		trusted: ContactCard[],
		allowUntrustedSender: boolean,
		target: FileSystemFileHandle | null,
		job: Job
	): Promise<OpenResult & { savedTo: string | null }> {
		const out = target ? await fileTargetOutput(target).catch((e: unknown) => Promise.reject(writeFailed(e, 'opened file'))) : await tempOutput();
		const progress = reporter(job, bundle.size, 0, 1, 'Decrypting and verifying');
		const hashingSink = await offThreadHashingSink(out);
		const inThreadHasher = hashingSink ? null : await createFastSha256();
		try {
			const r = await openBundle(bundle.stream(), {
				opener,
				trusted,
				allowUntrustedSender: allowUntrustedSender && !target,
				sink: hashingSink ?? out,
				createHasher: inThreadHasher ? () => inThreadHasher : undefined,
				onProgress: progress,
				signal: job.signal
			});
			const content = await out.finish(r.manifest.mediaType ?? '').catch((e: unknown) => Promise.reject(writeFailed(e, 'opened file')));
			return { manifest: r.manifest, sender: r.sender, trusted: r.trusted, content, savedTo: target?.name ?? null };
		} catch (e) {
			await out.discard();
			throw e;
		} finally {
			hashingSink?.close();
		}
	}
};

/** The worker's API type for connectWorker. */
export type ShareWorkerApi = typeof api;

exposeWorker(api);
