/**
 * The vault across a whole origin: one `VaultSession` per JavaScript realm (each page, each
 * worker) and a BroadcastChannel ('qenome-vault') that carries the unlocked data key between
 * them, so a genome worker can seal what it imports while the page that was unlocked holds the
 * key. The key never leaves the origin's memory; it is never written anywhere.
 *
 * `session.codec` is a RecordCodec for `openStore({ codec })`:
 * - vault off (no `vault` header in `meta`) → records pass unchanged;
 * - vault on and unlocked in any context of this origin → records are sealed/opened
 *   (vault.ts: XChaCha20-Poly1305, record id as associated data);
 * - vault on and locked → every read and write is refused with VaultError `locked`.
 * A plain (unsealed) record found in a vaulted database is refused as `tampered`.
 *
 * Messages: `{ type: 'key', key }` (a context unlocked), `{ type: 'lock' }`, `{ type: 'request' }`
 * (a context needs the key; any context holding it answers), `{ type: 'changed' }` (the vault
 * was turned on or off: forget the cached header state).
 */
import { openDB } from 'idb';
import type { CodecStore, RecordCodec } from './codec';
import { DB_NAME } from './schema';
import { VAULT_META_KEY, VaultError, lockedCodec, openRecord, sealRecord } from './vault';

/** Name of the BroadcastChannel the vault sessions of one origin talk on. */
export const VAULT_CHANNEL = 'qenome-vault';
/** How long a context without the key waits for another context to send it (ms). */
const KEY_REQUEST_MS = 250;

/**
 * `at` is the time the key was unlocked or the lock happened: a key older than the latest lock
 * (e.g. a reply to a request that crossed a lock in flight) is ignored.
 */
type VaultMessage =
	| { type: 'key'; key: Uint8Array; at: number }
	| { type: 'lock'; at: number }
	| { type: 'request' }
	| { type: 'changed' };

/** The vault state of one realm, synchronised with the other realms of the origin. */
export class VaultSession {
	readonly #dbName: string;
	#key: Uint8Array | null = null;
	/** When the held key was unlocked, and when the latest lock happened (ms since epoch). */
	#keyAt = 0;
	#lockedAt = 0;
	#enabled: Promise<boolean> | null = null;
	#channel: BroadcastChannel | null = null;
	#waiting: ((key: Uint8Array | null) => void)[] = [];
	readonly #listeners = new Set<(unlocked: boolean) => void>();
	readonly #activity = new Set<() => void>();

	/** A session for the database `dbName` (default 'qenome'). */
	constructor(dbName: string = DB_NAME) {
		this.#dbName = dbName;
		if (typeof BroadcastChannel !== 'undefined') {
			this.#channel = new BroadcastChannel(`${VAULT_CHANNEL}:${dbName}`);
			this.#channel.onmessage = (event: MessageEvent<VaultMessage>) => this.#receive(event.data);
		}
	}

	#receive(message: VaultMessage): void {
		if (message?.type === 'key' && message.key instanceof Uint8Array && message.key.length === 32) {
			if (message.at > this.#lockedAt) this.#setKey(message.key.slice(), message.at);
		} else if (message?.type === 'lock') {
			this.#lockedAt = Math.max(this.#lockedAt, message.at);
			if (this.#keyAt <= message.at) this.#setKey(null);
		} else if (message?.type === 'request' && this.#key) {
			this.#channel?.postMessage({ type: 'key', key: this.#key, at: this.#keyAt } satisfies VaultMessage);
		} else if (message?.type === 'changed') {
			this.#enabled = null;
		}
	}

	#setKey(key: Uint8Array | null, at = 0): void {
		this.#key?.fill(0);
		this.#key = key;
		this.#keyAt = key ? at : 0;
		for (const resolve of this.#waiting.splice(0)) resolve(key);
		for (const listener of this.#listeners) listener(key !== null);
	}

	/** True while this realm holds the data key. */
	get unlocked(): boolean {
		return this.#key !== null;
	}

	/** Be told when this realm's key arrives or goes (returns an unsubscribe function). */
	onChange(listener: (unlocked: boolean) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Be told each time this realm's codec seals or opens a record (auto-lock timers). */
	onActivity(listener: () => void): () => void {
		this.#activity.add(listener);
		return () => this.#activity.delete(listener);
	}

	#touched(): void {
		for (const listener of this.#activity) listener();
	}

	/** Share a freshly unlocked data key with every context of the origin. */
	publishKey(key: Uint8Array): void {
		const at = Math.max(Date.now(), this.#lockedAt + 1);
		this.#setKey(key.slice(), at);
		this.#enabled = Promise.resolve(true);
		this.#channel?.postMessage({ type: 'key', key, at } satisfies VaultMessage);
	}

	/** Lock everywhere: every context forgets the key. */
	lockEverywhere(): void {
		const at = Math.max(Date.now(), this.#keyAt);
		this.#lockedAt = at;
		this.#setKey(null);
		this.#channel?.postMessage({ type: 'lock', at } satisfies VaultMessage);
	}

	/** Tell every context that the vault was turned on or off. */
	announceChange(): void {
		this.#enabled = null;
		this.#channel?.postMessage({ type: 'changed' } satisfies VaultMessage);
	}

	/** Whether the database has a vault (read from `meta`, cached until a change is announced). */
	isEnabled(): Promise<boolean> {
		this.#enabled ??= (async () => {
			const db = await openDB(this.#dbName);
			try {
				if (!db.objectStoreNames.contains('meta')) return false;
				return (await db.get('meta', VAULT_META_KEY)) !== undefined;
			} finally {
				db.close();
			}
		})().catch((err) => {
			this.#enabled = null;
			throw err;
		});
		return this.#enabled;
	}

	/** The data key: this realm's, or one sent by another context within a short wait. */
	async #currentKey(): Promise<Uint8Array | null> {
		if (this.#key || !this.#channel) return this.#key;
		const arrived = new Promise<Uint8Array | null>((resolve) => {
			this.#waiting.push(resolve);
			setTimeout(() => resolve(this.#key), KEY_REQUEST_MS);
		});
		this.#channel.postMessage({ type: 'request' } satisfies VaultMessage);
		return arrived;
	}

	/** The codec to pass to `openStore({ codec })` in every context. */
	readonly codec: RecordCodec = {
		encode: async (store: CodecStore, recordId: string, value: unknown) => {
			if (!(await this.isEnabled())) return value;
			const key = await this.#currentKey();
			if (!key) return lockedCodec.encode(store, recordId, value);
			this.#touched();
			return sealRecord(key, store, recordId, value);
		},
		decode: async (store: CodecStore, recordId: string, stored: unknown) => {
			if (!(await this.isEnabled())) return stored;
			const key = await this.#currentKey();
			if (!key) return lockedCodec.decode(store, recordId, stored);
			this.#touched();
			return openRecord(key, store, recordId, stored);
		}
	};

	/** Stop listening (tests). */
	close(): void {
		this.#channel?.close();
		this.#channel = null;
	}
}

let defaultSession: VaultSession | null = null;

/** This realm's session for the app database (created on first use). */
export function vaultSession(): VaultSession {
	defaultSession ??= new VaultSession();
	return defaultSession;
}

/**
 * True when something in this realm (the store's `openStore` default codec) already uses the
 * session — i.e. the vault is wired into every store connection. Call BEFORE `vaultSession()`.
 */
export function vaultSessionInUse(): boolean {
	return defaultSession !== null;
}

/** Re-exported for callers that only need to recognise the refusal. */
export { VaultError };
