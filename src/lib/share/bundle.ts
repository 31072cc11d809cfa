/**
 * Sealing and opening `.qenome` bundles: an age v1 file to mlkem768x25519 recipients only, whose
 * plaintext is prefix ‖ manifest ‖ content ‖ composite signature (see manifest.ts).
 *
 * Both directions stream: sealing needs the content digest up front (the caller hashes in a first
 * pass), then emits one age stream; opening hashes while decrypting and hands content to a sink
 * that the caller commits only after every check has passed.
 */
import { Decrypter, Encrypter } from 'age-encryption';
import { fingerprint, cardVerifyingKeys, type ContactCard } from './card';
import { compositeSign, compositeVerify } from './composite';
import { bytesEqual, concatBytes, fromHex, toHex } from './encoding';
import { BundleError } from './errors';
import { nobleSha256, type HasherFactory } from './hash';
import type { UnlockedIdentity } from './identity';
import { MAX_RECIPIENTS, preflightAgeHeader } from './age-header';
import {
	BUNDLE_SIGNATURE_CONTEXT,
	BUNDLE_VERSION,
	PREFIX_BYTES,
	TRAILER_BYTES,
	MAX_FILE_NAME,
	decodeManifest,
	decodePrefix,
	decodeTrailer,
	encodeManifest,
	encodePrefix,
	encodeTrailer,
	safeFileName,
	signedMessage,
	type BundleManifest,
	type ContentType
} from './manifest';

/** What to seal. */
export interface SealRequest {
	sender: UnlockedIdentity;
	/** Recipient cards (verified); the sender is always added. */
	recipients: ContactCard[];
	contentType: ContentType;
	fileName?: string | null;
	mediaType?: string | null;
	/** The content, and its length and SHA-256 computed beforehand (first pass). */
	content: ReadableStream<Uint8Array>;
	contentLength: number;
	contentSha256: Uint8Array;
	/** ISO time; defaults to now. */
	created?: string;
	/** Deterministic ML-DSA signing (golden vectors only). */
	deterministic?: boolean;
	/** Called with plaintext content bytes consumed so far. */
	onProgress?: (contentBytes: number) => void;
}

/** The plaintext parts before and after the content (exposed for golden vectors and tests). */
export interface SealedParts {
	manifest: BundleManifest;
	head: Uint8Array;
	trailer: Uint8Array;
}

/** The sender and recipients keyed by fingerprint, sender first, duplicates dropped (each fingerprint computed once). */
function cardsByFingerprint(req: Pick<SealRequest, 'sender' | 'recipients'>): Map<string, ContactCard> {
	const cards = new Map<string, ContactCard>();
	cards.set(req.sender.fingerprint, req.sender.card);
	for (const c of req.recipients) {
		const fp = fingerprint(c);
		if (!cards.has(fp)) cards.set(fp, c);
	}
	return cards;
}

/** Build manifest, prefix and trailer for a seal request; validates the recipient list. */
export function buildSealParts(req: Omit<SealRequest, 'content' | 'onProgress'>, cards = cardsByFingerprint(req)): SealedParts {
	if (cards.size > MAX_RECIPIENTS)
		throw new BundleError('too-many-recipients', `A bundle can have at most ${MAX_RECIPIENTS} recipients (you included); ${cards.size} were chosen.`, 'input');
	if (req.contentSha256.length !== 32) throw new BundleError('bad-content', 'The content digest must be 32 bytes.', 'input');
	if (req.fileName != null && !safeFileName(req.fileName))
		throw new BundleError('bad-content', `The file name cannot be carried in a bundle (1–${MAX_FILE_NAME} characters, no "/" or "\\", no control or invisible characters); rename the file first.`, 'input');
	const manifest: BundleManifest = {
		format: 'qenome-bundle',
		version: BUNDLE_VERSION,
		contentType: req.contentType,
		fileName: req.fileName ?? null,
		mediaType: req.mediaType ?? null,
		sender: req.sender.fingerprint,
		senderCard: req.sender.card,
		recipients: [...cards.keys()],
		created: req.created ?? new Date().toISOString(),
		contentLength: req.contentLength,
		contentSha256: toHex(req.contentSha256)
	};
	const manifestBytes = encodeManifest(manifest);
	const sig = compositeSign(req.sender.signing, BUNDLE_SIGNATURE_CONTEXT, signedMessage(manifestBytes, req.contentSha256), req.deterministic);
	return { manifest, head: encodePrefix(manifestBytes), trailer: encodeTrailer(sig) };
}

/** The plaintext as a stream: head, content (length-checked, with progress), trailer. */
function plaintextStream(req: SealRequest, parts: SealedParts): ReadableStream<Uint8Array> {
	const reader = req.content.getReader();
	let stage: 'head' | 'content' | 'done' = 'head';
	let seen = 0;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (stage === 'head') {
				stage = 'content';
				controller.enqueue(parts.head);
				return;
			}
			if (stage === 'content') {
				const { value, done } = await reader.read();
				if (!done) {
					seen += value.length;
					if (seen > req.contentLength)
						throw new BundleError('bad-content', 'The content grew while it was being sealed; try again.', 'refused');
					req.onProgress?.(seen);
					controller.enqueue(value);
					return;
				}
				if (seen !== req.contentLength)
					throw new BundleError('bad-content', 'The content changed size while it was being sealed; try again.', 'refused');
				stage = 'done';
				controller.enqueue(parts.trailer);
				controller.close();
			}
		},
		cancel(reason) {
			return reader.cancel(reason);
		}
	});
}

/** Seal: returns the manifest and the age ciphertext as a stream. */
export async function sealBundle(req: SealRequest): Promise<{ manifest: BundleManifest; stream: ReadableStream<Uint8Array> }> {
	const cards = cardsByFingerprint(req);
	const parts = buildSealParts(req, cards);
	const e = new Encrypter();
	for (const fp of parts.manifest.recipients) e.addRecipient(cards.get(fp)!.recipient);
	const stream = await e.encrypt(plaintextStream(req, parts));
	return { manifest: parts.manifest, stream };
}

/** Seal small in-memory content to bytes (reports, genomes, tests). */
export async function sealBytes(
	req: Omit<SealRequest, 'content' | 'contentLength' | 'contentSha256'> & { content: Uint8Array },
	createHasher: HasherFactory = nobleSha256
): Promise<{ manifest: BundleManifest; bytes: Uint8Array }> {
	const h = createHasher();
	h.update(req.content);
	const data = req.content;
	const { manifest, stream } = await sealBundle({
		...req,
		content: new Blob([data as BlobPart]).stream(),
		contentLength: data.length,
		contentSha256: h.digest()
	});
	return { manifest, bytes: new Uint8Array(await new Response(stream).arrayBuffer()) };
}

/** Where opened content goes until every check passed. */
export interface ContentSink {
	/** Take a chunk of content; the sink may keep or transfer it (the caller no longer uses it). */
	write(chunk: Uint8Array): void | Promise<void>;
	/**
	 * Optional: the SHA-256 of everything written, when the sink hashes what it receives itself
	 * (e.g. on another thread, overlapping the decryption); then `createHasher` is not used.
	 */
	digest?(): Promise<Uint8Array>;
}

/** How to open a bundle. */
export interface OpenRequest {
	opener: UnlockedIdentity;
	/** Cards whose signatures are accepted (the opener is always trusted). */
	trusted: ContactCard[];
	/**
	 * When true, a valid signature by a sender not among `trusted` is reported (`trusted: false`)
	 * instead of refused, so the Inbox can show who sent it. The CLI never sets it.
	 */
	allowUntrustedSender?: boolean;
	sink: ContentSink;
	createHasher?: HasherFactory;
	/** Called with ciphertext-side progress: plaintext bytes decrypted so far. */
	onProgress?: (bytes: number) => void;
	/** Called as soon as the manifest is read and checked (before the content). */
	onManifest?: (m: BundleManifest) => void;
	signal?: AbortSignal;
}

/** A bundle that passed every check. */
export interface OpenedBundle {
	manifest: BundleManifest;
	sender: ContactCard;
	/** The sender is a trusted contact (or the opener). */
	trusted: boolean;
}

/** Maps age-encryption's plain header-stage errors to specific refusals. */
function ageError(e: unknown): BundleError {
	if (e instanceof BundleError) return e;
	const msg = e instanceof Error ? e.message : String(e);
	if (/no identity matched/i.test(msg))
		return new BundleError('not-a-recipient', 'This bundle was not sealed for you: none of its recipients is your key.');
	if (/HMAC/i.test(msg)) return new BundleError('decrypt-failed', 'The bundle header was changed or damaged (its authentication code does not match).');
	if (/header|stanza|version|invalid/i.test(msg)) return new BundleError('bad-age-header', `The bundle header is malformed (${msg}).`);
	return new BundleError('decrypt-failed', 'The bundle was changed, damaged or cut short: its encrypted data does not authenticate.');
}

/**
 * Open a bundle. Resolves only when decryption, manifest checks, content digest and the composite
 * signature all verified; the caller keeps what was written to the sink only then.
 */
export async function openBundle(input: ReadableStream<Uint8Array>, req: OpenRequest): Promise<OpenedBundle> {
	const { info, stream } = await preflightAgeHeader(input);
	const d = new Decrypter();
	d.addIdentity(req.opener.ageIdentity);
	let plain: ReadableStream<Uint8Array>;
	try {
		plain = await d.decrypt(stream);
	} catch (e) {
		throw ageError(e);
	}
	const reader = plain.getReader();
	const sinkHashes = typeof req.sink.digest === 'function';
	const hasher = sinkHashes ? null : (req.createHasher ?? nobleSha256)();
	let pending: Uint8Array = new Uint8Array(0);
	let manifest: BundleManifest | null = null;
	let manifestBytes: Uint8Array | null = null;
	let manifestLen = -1;
	let contentLeft = 0;
	const trailer = new Uint8Array(TRAILER_BYTES);
	let trailerUsed = 0;
	let total = 0;

	const checkManifest = (m: BundleManifest) => {
		if (!m.recipients.includes(req.opener.fingerprint))
			throw new BundleError('opener-not-listed', 'Your key can open this bundle, but you are not in its signed recipient list; it was tampered with.');
		if (m.recipients.length !== info.stanzaTypes.length)
			throw new BundleError('recipient-count-mismatch', `The bundle is encrypted to ${info.stanzaTypes.length} keys but its signed manifest lists ${m.recipients.length} recipients.`);
	};

	const consume = async (chunk: Uint8Array) => {
		let c = chunk;
		while (c.length) {
			if (manifest === null) {
				const need = (manifestLen < 0 ? PREFIX_BYTES : PREFIX_BYTES + manifestLen) - pending.length;
				const take = c.subarray(0, need);
				pending = concatBytes(pending, take);
				c = c.subarray(take.length);
				if (manifestLen < 0 && pending.length === PREFIX_BYTES) manifestLen = decodePrefix(pending);
				if (manifestLen >= 0 && pending.length === PREFIX_BYTES + manifestLen) {
					manifestBytes = pending.slice(PREFIX_BYTES);
					manifest = decodeManifest(manifestBytes);
					checkManifest(manifest);
					req.onManifest?.(manifest);
					contentLeft = manifest.contentLength;
				}
				continue;
			}
			if (contentLeft > 0) {
				const part = c.subarray(0, Math.min(contentLeft, c.length));
				// Advance first: the sink may take ownership of (transfer) the chunk's buffer.
				c = c.subarray(part.length);
				contentLeft -= part.length;
				hasher?.update(part);
				await req.sink.write(part);
				continue;
			}
			const n = Math.min(TRAILER_BYTES - trailerUsed, c.length);
			if (n === 0) throw new BundleError('trailing-data', 'The bundle has extra data after its signature; it was tampered with.');
			trailer.set(c.subarray(0, n), trailerUsed);
			trailerUsed += n;
			c = c.subarray(n);
		}
	};

	try {
		for (;;) {
			if (req.signal?.aborted) throw new BundleError('cancelled', 'Opening was cancelled.');
			const { value, done } = await reader.read();
			if (done) break;
			total += value.length;
			await consume(value);
			req.onProgress?.(total);
		}
	} catch (e) {
		void reader.cancel().catch(() => undefined);
		if (e instanceof BundleError) throw e;
		throw new BundleError('decrypt-failed', 'The bundle was changed, damaged or cut short: its encrypted data does not authenticate.');
	}
	if (manifest === null || manifestBytes === null) {
		if (manifestLen < 0 && pending.length < PREFIX_BYTES && pending.length > 0) {
			// Too short to even hold the prefix: check what there is.
			throw new BundleError('truncated', 'The bundle is cut short: it ends before its manifest.');
		}
		throw new BundleError(pending.length === 0 ? 'not-a-bundle' : 'truncated', pending.length === 0 ? 'The bundle is empty inside.' : 'The bundle is cut short: it ends inside its manifest.');
	}
	const m: BundleManifest = manifest;
	if (contentLeft > 0) throw new BundleError('truncated', 'The bundle is cut short: its content is incomplete.');
	if (trailerUsed < TRAILER_BYTES) {
		if (trailerUsed === 0) throw new BundleError('missing-signature', 'The bundle carries no signature, so its sender cannot be proven.');
		throw new BundleError('truncated', 'The bundle is cut short: its signature is incomplete.');
	}
	const digest = hasher ? hasher.digest() : await req.sink.digest!();
	if (!bytesEqual(digest, fromHex(m.contentSha256)))
		throw new BundleError('content-mismatch', 'The content does not match the digest in the signed manifest; it was altered.');
	const sig = decodeTrailer(trailer);
	const trustedCard = req.trusted.find((c) => fingerprint(c) === m.sender) ?? (m.sender === req.opener.fingerprint ? req.opener.card : undefined);
	const signer = trustedCard ?? m.senderCard;
	if (!compositeVerify(cardVerifyingKeys(signer), BUNDLE_SIGNATURE_CONTEXT, signedMessage(manifestBytes, digest), sig))
		throw new BundleError('bad-signature', `The signature does not verify with the keys of the named sender "${m.senderCard.name}": the bundle was altered or signed by someone else.`);
	if (!trustedCard && !req.allowUntrustedSender)
		throw new BundleError('untrusted-sender', `The bundle is signed by "${m.senderCard.name}" (fingerprint ${m.sender.slice(0, 16)}…), who is not among your trusted contacts.`);
	return { manifest: m, sender: signer, trusted: Boolean(trustedCard) };
}

/** Open small bundles fully in memory; returns the content bytes too. */
export async function openBytes(
	bundle: Uint8Array,
	req: Omit<OpenRequest, 'sink'>
): Promise<OpenedBundle & { content: Uint8Array }> {
	const parts: Uint8Array[] = [];
	const opened = await openBundle(new Blob([bundle as BlobPart]).stream(), { ...req, sink: { write: (c) => void parts.push(c) } });
	return { ...opened, content: concatBytes(...parts) };
}
