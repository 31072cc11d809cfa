/**
 * The vault: optional encryption at rest of everything the store keeps (profiles, genome chunks,
 * results, keys, contacts), under a key derived from a passphrase.
 *
 * Design (no home-made primitives):
 * - A random 256-bit data key encrypts the records. It is stored only wrapped by a key-encryption
 *   key derived from the passphrase with scrypt (@noble/hashes; N = 2^17, r = 8, p = 1 by
 *   default, ~128 MiB), so changing the passphrase re-wraps one key instead of every record.
 * - Wrapping and every record use XChaCha20-Poly1305 (@noble/ciphers) with a fresh random
 *   24-byte nonce. The wrapped key's associated data is the canonical text of the KDF
 *   parameters and salt, so tampering with the stored parameters makes unlocking fail (they are
 *   authenticated, not merely stored). Each record's associated data is
 *   `qenome-vault/v1 <store> <record id>`, so a sealed record cannot be moved to another key or
 *   store without detection.
 * - The header (parameters, salt, wrapped key) lives in the store's `meta` object store under
 *   `vault`; it holds nothing secret.
 * - Wrong passphrase → VaultError `wrong-passphrase`; a damaged or moved record →
 *   VaultError `tampered`; use while locked → VaultError `locked`.
 *
 * `Vault` ties this to a QenomeStore through its RecordCodec hook (`setCodec`): enable (seal every
 * existing record in one transaction), unlock, lock (forget the key), auto-lock after inactivity,
 * change passphrase, disable.
 */
import { QenomeError } from '../errors';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { identityCodec, type CodecStore, type RecordCodec } from './codec';
import { decodeRecord, encodeRecord } from './record-bytes';
import type { QenomeStore } from './types';

/** Why the vault refused. */
export type VaultErrorCode =
	| 'wrong-passphrase'
	| 'locked'
	| 'tampered'
	| 'weak-passphrase'
	| 'not-enabled'
	| 'already-enabled'
	| 'bad-header';

/** A refusal of the vault with a plain-language message. */
export class VaultError extends QenomeError {
	declare readonly code: VaultErrorCode;
	/** Create a vault error (kind `failed` for a damaged header, else `refused`). */
	constructor(code: VaultErrorCode, message: string) {
		super(code === 'bad-header' ? 'failed' : code === 'weak-passphrase' ? 'input' : 'refused', code, message);
		this.name = 'VaultError';
	}
}

/** The stored, non-secret vault header (`meta` record `vault`). */
export interface VaultHeader {
	format: 'qenome-vault';
	version: 1;
	kdf: { name: 'scrypt'; logN: number; r: number; p: number; salt: Uint8Array };
	/** XChaCha20-Poly1305 nonce and ciphertext of the 32-byte data key. */
	wrapNonce: Uint8Array;
	wrappedKey: Uint8Array;
	created: string;
}

/** A sealed record as it sits in IndexedDB (inside the store's envelope `v`). */
export interface SealedRecord {
	sealed: 'xchacha20poly1305';
	nonce: Uint8Array;
	ciphertext: Uint8Array;
}

/** The `meta` key under which the header is kept. */
export const VAULT_META_KEY = 'vault';
/** Default scrypt cost (2^17 × r 8 = 128 MiB: about a second on an idle laptop, several on a busy 2-core VM; see scripts/bench/privacy.bench.ts). */
export const DEFAULT_LOG_N = 17;
/** Shortest passphrase accepted. */
export const MIN_PASSPHRASE_LENGTH = 10;
/** Accepted scrypt cost range when reading a header (refuses absurd stored values). */
const LOG_N_RANGE = { min: 10, max: 22 } as const;

const encoder = new TextEncoder();

/** The associated data that binds the wrapped key to its KDF parameters. */
function headerAad(kdf: VaultHeader['kdf']): Uint8Array {
	const salt = Array.from(kdf.salt, (b) => b.toString(16).padStart(2, '0')).join('');
	return encoder.encode(`qenome-vault/v1 key scrypt logN=${kdf.logN} r=${kdf.r} p=${kdf.p} salt=${salt}`);
}

/** The associated data of one record: its store and id. */
function recordAad(store: CodecStore, recordId: string): Uint8Array {
	return encoder.encode(`qenome-vault/v1 ${store} ${recordId}`);
}

async function deriveWrappingKey(passphrase: string, kdf: VaultHeader['kdf']): Promise<Uint8Array> {
	return scryptAsync(encoder.encode(passphrase.normalize('NFKC')), kdf.salt, {
		N: 2 ** kdf.logN,
		r: kdf.r,
		p: kdf.p,
		dkLen: 32,
		maxmem: 2 ** (kdf.logN + 7) * kdf.r + 1024 * 1024
	});
}

/** Refuse passphrases too short to resist guessing. */
export function checkPassphrase(passphrase: string): void {
	if (typeof passphrase !== 'string' || [...passphrase.trim()].length < MIN_PASSPHRASE_LENGTH) {
		throw new VaultError(
			'weak-passphrase',
			`Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters — for example four unrelated words.`
		);
	}
}

/**
 * Create a new vault header for `passphrase` with a fresh random data key; resolves to the
 * header (to store) and the data key (to keep in memory while unlocked).
 */
export async function createVaultHeader(
	passphrase: string,
	options: { logN?: number } = {}
): Promise<{ header: VaultHeader; dataKey: Uint8Array }> {
	checkPassphrase(passphrase);
	const dataKey = randomBytes(32);
	const header = await wrapDataKey(dataKey, passphrase, options.logN ?? DEFAULT_LOG_N);
	return { header, dataKey };
}

async function wrapDataKey(dataKey: Uint8Array, passphrase: string, logN: number): Promise<VaultHeader> {
	const kdf: VaultHeader['kdf'] = { name: 'scrypt', logN, r: 8, p: 1, salt: randomBytes(16) };
	const kek = await deriveWrappingKey(passphrase, kdf);
	const wrapNonce = randomBytes(24);
	const wrappedKey = xchacha20poly1305(kek, wrapNonce, headerAad(kdf)).encrypt(dataKey);
	kek.fill(0);
	return { format: 'qenome-vault', version: 1, kdf, wrapNonce, wrappedKey, created: new Date().toISOString() };
}

/** Check that a stored value has the shape of a vault header. */
function validHeader(value: unknown): value is VaultHeader {
	const h = value as VaultHeader | null;
	return (
		!!h &&
		h.format === 'qenome-vault' &&
		h.version === 1 &&
		h.kdf?.name === 'scrypt' &&
		Number.isInteger(h.kdf.logN) &&
		h.kdf.logN >= LOG_N_RANGE.min &&
		h.kdf.logN <= LOG_N_RANGE.max &&
		h.kdf.r === 8 &&
		h.kdf.p === 1 &&
		h.kdf.salt instanceof Uint8Array &&
		h.kdf.salt.length === 16 &&
		h.wrapNonce instanceof Uint8Array &&
		h.wrapNonce.length === 24 &&
		h.wrappedKey instanceof Uint8Array &&
		h.wrappedKey.length === 48
	);
}

/** Recover the data key from a header; a wrong passphrase or altered header is refused. */
export async function unwrapDataKey(header: unknown, passphrase: string): Promise<Uint8Array> {
	if (!validHeader(header)) {
		throw new VaultError('bad-header', 'The vault settings on this device are damaged; the data cannot be unlocked.');
	}
	const kek = await deriveWrappingKey(passphrase, header.kdf);
	try {
		return xchacha20poly1305(kek, header.wrapNonce, headerAad(header.kdf)).decrypt(header.wrappedKey);
	} catch {
		throw new VaultError('wrong-passphrase', 'That passphrase is not correct. Nothing was unlocked.');
	} finally {
		kek.fill(0);
	}
}

/** Seal one record value with the data key. */
export function sealRecord(dataKey: Uint8Array, store: CodecStore, recordId: string, value: unknown): SealedRecord {
	const nonce = randomBytes(24);
	const ciphertext = xchacha20poly1305(dataKey, nonce, recordAad(store, recordId)).encrypt(encodeRecord(value));
	return { sealed: 'xchacha20poly1305', nonce, ciphertext };
}

/** Open one sealed record; anything altered, moved or not sealed is refused as `tampered`. */
export function openRecord(dataKey: Uint8Array, store: CodecStore, recordId: string, stored: unknown): unknown {
	const s = stored as SealedRecord | null;
	if (!s || s.sealed !== 'xchacha20poly1305' || !(s.nonce instanceof Uint8Array) || !(s.ciphertext instanceof Uint8Array)) {
		throw new VaultError('tampered', `A stored ${store} record is not sealed by the vault; it was not read.`);
	}
	let plain: Uint8Array;
	try {
		plain = xchacha20poly1305(dataKey, s.nonce, recordAad(store, recordId)).decrypt(s.ciphertext);
	} catch {
		throw new VaultError('tampered', `A stored ${store} record failed its integrity check (damaged or moved); it was not read.`);
	}
	return decodeRecord(plain);
}

/** A RecordCodec sealing every record with `dataKey`; `onUse` is called on each use (auto-lock). */
export function vaultCodec(dataKey: Uint8Array, onUse: () => void = () => {}): RecordCodec {
	return {
		encode(store, recordId, value) {
			onUse();
			return sealRecord(dataKey, store, recordId, value);
		},
		decode(store, recordId, stored) {
			onUse();
			return openRecord(dataKey, store, recordId, stored);
		}
	};
}

/** The codec of a locked vault: every read and write is refused. */
export const lockedCodec: RecordCodec = {
	encode() {
		throw new VaultError('locked', 'Your data is locked. Unlock it with your vault passphrase on the Privacy page.');
	},
	decode() {
		throw new VaultError('locked', 'Your data is locked. Unlock it with your vault passphrase on the Privacy page.');
	}
};

/** The vault's state as the UI shows it. */
export type VaultState = 'off' | 'locked' | 'unlocked';

/** Options of a Vault. */
export interface VaultOptions {
	/** Lock after this many milliseconds without store use or `touch()`; 0 disables. Default 15 min. */
	autoLockMs?: number;
	/** scrypt cost for new headers (tests use a small one). */
	logN?: number;
	/** Called whenever the state changes (lock, unlock, enable, disable, auto-lock). */
	onState?: (state: VaultState) => void;
	/**
	 * The origin-wide session (vault-session.ts) to keep in step: an unlock publishes the key to
	 * every context, a lock makes all of them forget it, enable/disable are announced.
	 */
	session?: { publishKey(key: Uint8Array): void; lockEverywhere(): void; announceChange(): void };
}

/**
 * The vault bound to one store connection. Create it with `Vault.attach(store)`, which reads
 * the header and leaves the store locked when a vault exists.
 */
export class Vault {
	readonly #store: QenomeStore;
	readonly #options: Required<Omit<VaultOptions, 'onState' | 'session'>> & Pick<VaultOptions, 'onState' | 'session'>;
	#state: VaultState = 'off';
	#dataKey: Uint8Array | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;

	private constructor(store: QenomeStore, options: VaultOptions) {
		this.#store = store;
		this.#options = {
			autoLockMs: options.autoLockMs ?? 15 * 60_000,
			logN: options.logN ?? DEFAULT_LOG_N,
			onState: options.onState,
			session: options.session
		};
	}

	/** Bind a vault to `store`: locked when the store has a vault header, off otherwise. */
	static async attach(store: QenomeStore, options: VaultOptions = {}): Promise<Vault> {
		const vault = new Vault(store, options);
		const header = await store.getMeta(VAULT_META_KEY);
		vault.#setState(header ? 'locked' : 'off');
		return vault;
	}

	/** Current state. */
	get state(): VaultState {
		return this.#state;
	}

	#setState(state: VaultState): void {
		this.#state = state;
		this.#store.setCodec(state === 'locked' ? lockedCodec : state === 'unlocked' && this.#dataKey ? vaultCodec(this.#dataKey, () => this.touch()) : identityCodec);
		if (state === 'unlocked') this.touch();
		else this.#clearTimer();
		this.#options.onState?.(state);
	}

	#clearTimer(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	/** Note activity: postpones the auto-lock. */
	touch(): void {
		if (this.#state !== 'unlocked' || this.#options.autoLockMs <= 0) return;
		this.#clearTimer();
		this.#timer = setTimeout(() => this.lock(), this.#options.autoLockMs);
	}

	/**
	 * Turn the vault on: every record already stored is sealed in one transaction (on failure
	 * the store is left as it was, unencrypted). Leaves the vault unlocked.
	 */
	async enable(passphrase: string): Promise<void> {
		if (this.#state !== 'off' || (await this.#store.getMeta(VAULT_META_KEY))) {
			throw new VaultError('already-enabled', 'The vault is already on.');
		}
		const { header, dataKey } = await createVaultHeader(passphrase, { logN: this.#options.logN });
		const dump = await this.#store.dumpAll();
		await this.#store.putMeta(VAULT_META_KEY, header);
		this.#dataKey = dataKey;
		this.#store.setCodec(vaultCodec(dataKey));
		try {
			await this.#store.restoreAll(dump, { replace: true });
		} catch (err) {
			this.#store.setCodec(identityCodec);
			this.#dataKey = null;
			await this.#store.deleteMeta(VAULT_META_KEY);
			throw err;
		}
		this.#setState('unlocked');
		this.#options.session?.announceChange();
		this.#options.session?.publishKey(dataKey);
	}

	/** Unlock with the passphrase; a wrong one is refused with VaultError `wrong-passphrase`. */
	async unlock(passphrase: string): Promise<void> {
		const header = await this.#store.getMeta(VAULT_META_KEY);
		if (!header) throw new VaultError('not-enabled', 'There is no vault on this device.');
		this.#dataKey = await unwrapDataKey(header, passphrase);
		this.#setState('unlocked');
		this.#options.session?.publishKey(this.#dataKey);
	}

	/** Forget the key: reads and writes are refused until the next unlock. */
	lock(): void {
		if (this.#state === 'off') return;
		this.#dataKey?.fill(0);
		this.#dataKey = null;
		this.#setState('locked');
		this.#options.session?.lockEverywhere();
	}

	/** Re-wrap the data key under a new passphrase (the records are not re-encrypted). */
	async changePassphrase(current: string, next: string): Promise<void> {
		checkPassphrase(next);
		const header = await this.#store.getMeta(VAULT_META_KEY);
		const dataKey = await unwrapDataKey(header, current);
		await this.#store.putMeta(VAULT_META_KEY, await wrapDataKey(dataKey, next, this.#options.logN));
	}

	/** Turn the vault off: every record is stored unencrypted again (one transaction). */
	async disable(passphrase: string): Promise<void> {
		const header = await this.#store.getMeta(VAULT_META_KEY);
		if (!header) throw new VaultError('not-enabled', 'There is no vault on this device.');
		const dataKey = await unwrapDataKey(header, passphrase);
		this.#store.setCodec(vaultCodec(dataKey));
		const dump = await this.#store.dumpAll();
		this.#store.setCodec(identityCodec);
		try {
			await this.#store.restoreAll(dump, { replace: true });
		} catch (err) {
			this.#dataKey = dataKey;
			this.#setState('unlocked');
			throw err;
		}
		await this.#store.deleteMeta(VAULT_META_KEY);
		this.#dataKey = null;
		this.#setState('off');
		this.#options.session?.lockEverywhere();
		this.#options.session?.announceChange();
	}
}
