/**
 * Identities: three 32-byte seeds (age ML-KEM-768+X25519 hybrid KEM, ML-DSA-65, Ed25519) wrapped
 * with a passphrase. Only seeds are stored; every key is re-derived on unlock.
 *
 * Wrapping: scrypt(passphrase, salt, N=2^logN, r, p) → 32-byte key → XChaCha20-Poly1305 over the
 * 96 seed bytes, with the canonical JSON of every other field of the file (format, version, kdf
 * parameters, nonce, public card) as associated data, so the parameters are authenticated.
 * The file format (ID.key) is documented in docs/bundle-format.md.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { bech32 } from '@scure/base';
import { identityToRecipient } from 'age-encryption';
import { createCard, fingerprint, parseCard, type ContactCard } from './card';
import { signingKeysFromSeeds, type SigningKeys } from './composite';
import { canonicalJson, concatBytes, fromBase64, toBase64, utf8, type CanonicalValue } from './encoding';
import { CardError, IdentityError } from './errors';

/** Identity file format version written and read by this code. */
export const IDENTITY_VERSION = 1;
/** Default scrypt cost (2^17 × 128 × r bytes = 128 MiB, about a second). */
export const DEFAULT_LOG_N = 17;
/** Lowest scrypt cost accepted when reading a file (refuses trivial costs). */
export const MIN_LOG_N = 10;
/** Highest scrypt cost accepted when reading a file (bounds memory: 2^20 × 128 × r bytes = 1 GiB). */
export const MAX_LOG_N = 20;
/** Minimum passphrase length accepted when creating or changing a passphrase. */
export const MIN_PASSPHRASE = 8;

/** The three secret seeds. */
export interface IdentitySeeds {
	kem: Uint8Array;
	mldsa: Uint8Array;
	ed25519: Uint8Array;
}

/** The stored, encrypted identity (the ID.key file and the IndexedDB "keys" record). */
export interface IdentityFile {
	format: 'qenome-identity';
	version: number;
	kdf: { name: 'scrypt'; logN: number; r: number; p: number; salt: string };
	cipher: { name: 'xchacha20poly1305'; nonce: string };
	/** The public, self-signed contact card (readable without the passphrase). */
	card: ContactCard;
	/** base64 ciphertext of kem‖mldsa‖ed25519 seeds + 16-byte tag. */
	sealed: string;
}

/** An identity unlocked for this session. */
export interface UnlockedIdentity {
	card: ContactCard;
	fingerprint: string;
	seeds: IdentitySeeds;
	signing: SigningKeys;
	/** `AGE-SECRET-KEY-PQ-1…` string for the age hybrid recipient. */
	ageIdentity: string;
}

/** Options for creating or re-wrapping an identity (tests pass fixed seeds and low costs). */
export interface WrapOptions {
	logN?: number;
	/** Injected randomness (tests only): returns n bytes. */
	random?: (n: number) => Uint8Array;
}

/** `AGE-SECRET-KEY-PQ-1…` encoding of a KEM seed. */
export function ageIdentityFromSeed(kemSeed: Uint8Array): string {
	return bech32.encodeFromBytes('AGE-SECRET-KEY-PQ-', kemSeed).toUpperCase();
}

/** Derive everything public and secret from seeds; checks nothing. */
export async function deriveIdentity(seeds: IdentitySeeds): Promise<{ ageIdentity: string; recipient: string; signing: SigningKeys }> {
	const ageIdentity = ageIdentityFromSeed(seeds.kem);
	const recipient = await identityToRecipient(ageIdentity);
	return { ageIdentity, recipient, signing: signingKeysFromSeeds(seeds.ed25519, seeds.mldsa) };
}

function checkPassphrase(passphrase: string): void {
	if ([...passphrase].length < MIN_PASSPHRASE)
		throw new IdentityError('weak-passphrase', `The passphrase must be at least ${MIN_PASSPHRASE} characters long.`, 'input');
}

/** The associated data: canonical JSON of every field except the ciphertext. */
function associatedData(file: Omit<IdentityFile, 'sealed'>): Uint8Array {
	const { format, version, kdf, cipher, card } = file;
	return utf8(canonicalJson({ format, version, kdf, cipher, card } as unknown as CanonicalValue));
}

async function deriveWrappingKey(passphrase: string, kdf: IdentityFile['kdf']): Promise<Uint8Array> {
	return scryptAsync(utf8(passphrase.normalize('NFC')), fromBase64(kdf.salt), {
		N: 2 ** kdf.logN,
		r: kdf.r,
		p: kdf.p,
		dkLen: 32,
		maxmem: 2 ** (kdf.logN + 7) * kdf.r + 1024 * 1024
	});
}

async function wrapSeeds(
	seeds: IdentitySeeds,
	card: ContactCard,
	passphrase: string,
	opts: WrapOptions
): Promise<IdentityFile> {
	checkPassphrase(passphrase);
	const random = opts.random ?? randomBytes;
	const logN = opts.logN ?? DEFAULT_LOG_N;
	const head: Omit<IdentityFile, 'sealed'> = {
		format: 'qenome-identity',
		version: IDENTITY_VERSION,
		kdf: { name: 'scrypt', logN, r: 8, p: 1, salt: toBase64(random(16)) },
		cipher: { name: 'xchacha20poly1305', nonce: toBase64(random(24)) },
		card
	};
	const key = await deriveWrappingKey(passphrase, head.kdf);
	const sealed = xchacha20poly1305(key, fromBase64(head.cipher.nonce), associatedData(head)).encrypt(
		concatBytes(seeds.kem, seeds.mldsa, seeds.ed25519)
	);
	return { ...head, sealed: toBase64(sealed) };
}

/**
 * Create a new identity named `name`, wrapped with `passphrase`. `seeds` and `created` may be
 * fixed (golden tests); otherwise they are fresh randomness and now.
 */
export async function createIdentity(
	name: string,
	passphrase: string,
	opts: WrapOptions & { seeds?: IdentitySeeds; created?: string; deterministic?: boolean } = {}
): Promise<{ file: IdentityFile; identity: UnlockedIdentity }> {
	checkPassphrase(passphrase);
	const random = opts.random ?? randomBytes;
	const seeds = opts.seeds ?? { kem: random(32), mldsa: random(32), ed25519: random(32) };
	const d = await deriveIdentity(seeds);
	const card = createCard(name, d.recipient, d.signing, opts.created ?? new Date().toISOString(), opts.deterministic);
	const file = await wrapSeeds(seeds, card, passphrase, opts);
	return { file, identity: { card, fingerprint: fingerprint(card), seeds, signing: d.signing, ageIdentity: d.ageIdentity } };
}

/** Parse an identity file (JSON text or object), checking its shape, version and KDF bounds. */
export function parseIdentityFile(input: string | unknown): IdentityFile {
	let obj: unknown = input;
	if (typeof input === 'string') {
		try {
			obj = JSON.parse(input);
		} catch {
			throw new IdentityError('bad-identity-file', 'This is not a Qenome identity file: it is not valid JSON.', 'input');
		}
	}
	const f = obj as Partial<IdentityFile> | null;
	if (!f || typeof f !== 'object' || f.format !== 'qenome-identity')
		throw new IdentityError('bad-identity-file', 'This is not a Qenome identity file.', 'input');
	if (f.version !== IDENTITY_VERSION)
		throw new IdentityError('unsupported-identity-version', `This identity file has version ${String(f.version)}; only version ${IDENTITY_VERSION} is supported.`, 'input');
	const k = f.kdf;
	if (!k || k.name !== 'scrypt' || !Number.isInteger(k.logN) || k.r !== 8 || k.p !== 1 || typeof k.salt !== 'string')
		throw new IdentityError('bad-kdf-params', 'The identity file has unsupported key-derivation parameters.', 'input');
	if (k.logN < MIN_LOG_N || k.logN > MAX_LOG_N)
		throw new IdentityError('bad-kdf-params', `The identity file asks for scrypt cost 2^${k.logN}; allowed is 2^${MIN_LOG_N} to 2^${MAX_LOG_N}.`, 'input');
	if (!f.cipher || f.cipher.name !== 'xchacha20poly1305' || typeof f.cipher.nonce !== 'string' || typeof f.sealed !== 'string')
		throw new IdentityError('bad-identity-file', 'The identity file has no encrypted key material.', 'input');
	let card: ContactCard;
	try {
		card = parseCard(f.card);
	} catch (e) {
		throw new IdentityError('bad-identity-file', `The identity file's public card is not valid: ${(e as CardError).message}`, 'input');
	}
	return { format: 'qenome-identity', version: IDENTITY_VERSION, kdf: { ...k }, cipher: { ...f.cipher }, card, sealed: f.sealed };
}

/** Serialize an identity file as pretty JSON text (the ID.key file and the backup download). */
export function serializeIdentityFile(file: IdentityFile): string {
	return JSON.stringify(file, null, 2) + '\n';
}

/**
 * Unlock an identity with its passphrase. Wrong passphrase or any altered byte of the file →
 * IdentityError('wrong-passphrase'); seeds that do not match the public card → 'card-mismatch'.
 */
export async function unlockIdentity(file: IdentityFile, passphrase: string): Promise<UnlockedIdentity> {
	const key = await deriveWrappingKey(passphrase, file.kdf);
	let plain: Uint8Array;
	try {
		plain = xchacha20poly1305(key, fromBase64(file.cipher.nonce), associatedData(file)).decrypt(fromBase64(file.sealed));
	} catch {
		throw new IdentityError('wrong-passphrase', 'Wrong passphrase (or the identity file was altered).', 'refused');
	}
	if (plain.length !== 96) throw new IdentityError('bad-identity-file', 'The identity file holds key material of the wrong size.', 'input');
	const seeds = { kem: plain.slice(0, 32), mldsa: plain.slice(32, 64), ed25519: plain.slice(64, 96) };
	const d = await deriveIdentity(seeds);
	const card = file.card;
	if (card.recipient !== d.recipient || card.ed25519 !== toBase64(d.signing.ed25519Public) || card.mldsa65 !== toBase64(d.signing.mldsaPublic))
		throw new IdentityError('card-mismatch', "The identity file's public card does not belong to its secret keys.", 'refused');
	return { card, fingerprint: fingerprint(card), seeds, signing: d.signing, ageIdentity: d.ageIdentity };
}

/** Re-wrap an identity under a new passphrase (fresh salt and nonce); the card is unchanged. */
export async function changePassphrase(
	file: IdentityFile,
	oldPassphrase: string,
	newPassphrase: string,
	opts: WrapOptions = {}
): Promise<IdentityFile> {
	checkPassphrase(newPassphrase);
	const id = await unlockIdentity(file, oldPassphrase);
	return wrapSeeds(id.seeds, file.card, newPassphrase, { logN: opts.logN ?? file.kdf.logN, random: opts.random });
}
