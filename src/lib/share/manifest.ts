/**
 * The bundle plaintext (inside the age encryption), version 1:
 *
 *   "QENOMEB" (7 bytes) ‖ version (1 byte = 0x01) ‖ manifest length (u32 BE) ‖ manifest (canonical JSON)
 *   ‖ content (manifest.contentLength bytes)
 *   ‖ "QSIG" ‖ Ed25519 signature (64) ‖ ML-DSA-65 signature (3309)
 *
 * The composite signature covers SHA-256(manifest bytes) ‖ SHA-256(content) under the context
 * "qenome-bundle/v1". See docs/bundle-format.md.
 */
import { hasUnsafeCharacters } from '../format';
import { sha256 } from '@noble/hashes/sha2.js';
import { fingerprint, parseCard, type ContactCard } from './card';
import { ED25519_SIG_BYTES, MLDSA65_SIG_BYTES, type CompositeSignature } from './composite';
import { MAX_RECIPIENTS } from './age-header';
import { canonicalJson, concatBytes, fromHex, fromUtf8, u32be, utf8, type CanonicalValue } from './encoding';
import { BundleError } from './errors';

/** Bundle plaintext format version. */
export const BUNDLE_VERSION = 1;
/** Magic at the start of the plaintext (followed by the version byte). */
export const BUNDLE_MAGIC = 'QENOMEB';
/** Magic at the start of the trailing signature. */
export const SIGNATURE_MAGIC = 'QSIG';
/** Domain-separation context of bundle signatures. */
export const BUNDLE_SIGNATURE_CONTEXT = 'qenome-bundle/v1';
/** Bytes before the manifest: magic, version, manifest length. */
export const PREFIX_BYTES = 12;
/** Bytes of the trailer. */
export const TRAILER_BYTES = 4 + ED25519_SIG_BYTES + MLDSA65_SIG_BYTES;
/** Largest manifest accepted. */
export const MAX_MANIFEST_BYTES = 256 * 1024;

/** What a bundle carries. */
export type ContentType = 'file' | 'report' | 'genome';
const CONTENT_TYPES: ContentType[] = ['file', 'report', 'genome'];

/** The signed description of a bundle's content, sender and recipients. */
export interface BundleManifest {
	format: 'qenome-bundle';
	version: number;
	contentType: ContentType;
	/** Original file name for 'file' content (null otherwise or when unknown). */
	fileName: string | null;
	/** MIME type when known. */
	mediaType: string | null;
	/** Sender fingerprint (hex SHA-256 of the sender's card body). */
	sender: string;
	/** The sender's full card, so recipients can show and verify who signed. */
	senderCard: ContactCard;
	/** Recipient fingerprints, sender included, in header order. */
	recipients: string[];
	created: string;
	contentLength: number;
	/** hex SHA-256 of the content. */
	contentSha256: string;
}

/** Canonical manifest bytes. */
export function encodeManifest(m: BundleManifest): Uint8Array {
	return utf8(canonicalJson(m as unknown as CanonicalValue));
}

/** The 12-byte prefix + manifest. */
export function encodePrefix(manifestBytes: Uint8Array): Uint8Array {
	return concatBytes(utf8(BUNDLE_MAGIC), new Uint8Array([BUNDLE_VERSION]), u32be(manifestBytes.length), manifestBytes);
}

/** The message the composite signature covers. */
export function signedMessage(manifestBytes: Uint8Array, contentSha256: Uint8Array): Uint8Array {
	return concatBytes(sha256(manifestBytes), contentSha256);
}

/** Encode the trailer. */
export function encodeTrailer(sig: CompositeSignature): Uint8Array {
	return concatBytes(utf8(SIGNATURE_MAGIC), sig.ed25519, sig.mldsa65);
}

/** Decode the trailer; throws missing-signature when it is not one. */
export function decodeTrailer(bytes: Uint8Array): CompositeSignature {
	if (bytes.length !== TRAILER_BYTES || fromUtf8(bytes.subarray(0, 4)) !== SIGNATURE_MAGIC)
		throw new BundleError('missing-signature', 'The bundle carries no signature, so its sender cannot be proven.');
	return { ed25519: bytes.slice(4, 4 + ED25519_SIG_BYTES), mldsa65: bytes.slice(4 + ED25519_SIG_BYTES) };
}

/** Check the 12-byte prefix; returns the manifest length. */
export function decodePrefix(prefix: Uint8Array): number {
	let magic = '';
	for (let i = 0; i < 7; i++) magic += String.fromCharCode(prefix[i]);
	if (magic !== BUNDLE_MAGIC)
		throw new BundleError('not-a-bundle', 'The file decrypted, but it is not a Qenome bundle (no bundle header inside).');
	if (prefix[7] !== BUNDLE_VERSION)
		throw new BundleError('unsupported-version', `The bundle uses format version ${prefix[7]}; this Qenome reads version ${BUNDLE_VERSION}. Update Qenome to open it.`);
	const len = new DataView(prefix.buffer, prefix.byteOffset, 12).getUint32(8, false);
	if (len === 0 || len > MAX_MANIFEST_BYTES) throw new BundleError('bad-manifest', 'The bundle manifest has an impossible size.');
	return len;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Longest file name carried in a manifest (common file systems allow 255). */
export const MAX_FILE_NAME = 255;

/**
 * A file name a bundle may carry: 1–255 characters, no path separators, not "." or "..", and no
 * control, bidi or invisible characters (it is shown beside "verified … from …" and offered as a
 * download name).
 */
export function safeFileName(name: string): boolean {
	return (
		name.length > 0 &&
		name.length <= MAX_FILE_NAME &&
		name !== '.' &&
		name !== '..' &&
		!/[/\\]/.test(name) &&
		!hasUnsafeCharacters(name)
	);
}

/** Parse and validate manifest bytes (canonical form required). Throws BundleError. */
export function decodeManifest(bytes: Uint8Array): BundleManifest {
	let m: BundleManifest;
	try {
		m = JSON.parse(fromUtf8(bytes)) as BundleManifest;
	} catch {
		throw new BundleError('bad-manifest', 'The bundle manifest is not readable.');
	}
	const bad = (why: string): never => {
		throw new BundleError('bad-manifest', `The bundle manifest is invalid: ${why}.`);
	};
	if (!m || typeof m !== 'object' || m.format !== 'qenome-bundle') bad('wrong format name');
	if (m.version !== BUNDLE_VERSION)
		throw new BundleError('unsupported-version', `The bundle manifest has version ${String(m.version)}; this Qenome reads version ${BUNDLE_VERSION}.`);
	if (!CONTENT_TYPES.includes(m.contentType)) bad(`unknown content type "${String(m.contentType)}"`);
	if (m.fileName !== null && (typeof m.fileName !== 'string' || !safeFileName(m.fileName))) bad('file name');
	if (m.mediaType !== null && typeof m.mediaType !== 'string') bad('media type');
	if (typeof m.sender !== 'string' || !HEX64.test(m.sender)) bad('sender fingerprint');
	if (!Array.isArray(m.recipients) || m.recipients.some((r) => typeof r !== 'string' || !HEX64.test(r))) bad('recipient list');
	if (m.recipients.length > MAX_RECIPIENTS)
		throw new BundleError('too-many-recipients', `The bundle lists ${m.recipients.length} recipients; at most ${MAX_RECIPIENTS} are allowed.`);
	if (new Set(m.recipients).size !== m.recipients.length) bad('a recipient is listed twice');
	if (!m.recipients.includes(m.sender)) bad('the sender is not among the recipients');
	if (typeof m.created !== 'string' || Number.isNaN(Date.parse(m.created))) bad('creation date');
	if (!Number.isSafeInteger(m.contentLength) || m.contentLength < 0) bad('content length');
	if (typeof m.contentSha256 !== 'string' || !HEX64.test(m.contentSha256)) bad('content digest');
	let card: ContactCard;
	try {
		card = parseCard(m.senderCard);
	} catch (e) {
		throw new BundleError('foreign-signature', `The sender's card inside the bundle is not valid: ${(e as Error).message}`);
	}
	if (fingerprint(card) !== m.sender)
		throw new BundleError('foreign-signature', "The signer's card inside the bundle does not match the sender named in the manifest.");
	const canonical = encodeManifest({ ...m, senderCard: card });
	if (canonical.length !== bytes.length || canonical.some((b, i) => b !== bytes[i])) bad('not in canonical form');
	return { ...m, senderCard: card };
}

/** Digest hex → bytes (manifest field). */
export function digestBytes(m: BundleManifest): Uint8Array {
	return fromHex(m.contentSha256);
}
