/**
 * Encrypted backup and restore of everything the store keeps: profiles, genome chunks, results,
 * keys (including the passphrase-wrapped sharing identity) and contacts.
 *
 * File format (`.qenome-backup`): a standard age v1 file (age-encryption.org/v1) encrypted to a
 * passphrase (age's scrypt recipient, work factor 2^18 by default), so it can also be opened
 * with the `age` command-line tool. Its plaintext is one `record-bytes` value:
 *   { format: 'qenome-backup', version: 1, created: ISO time, counts: {...}, dump: StoreDump }
 * `record-bytes` keeps typed arrays exact, so a restore reproduces every record byte for byte.
 *
 * Restore is all or nothing: the whole dump is written in ONE transaction (store.restoreAll), so
 * a QuotaExceededError (or any failure) part-way leaves the database exactly as it was. By
 * default a restore is refused unless the store is empty; `replace: true` empties it first in
 * the same transaction.
 */
import { QenomeError } from '../errors';
import { Decrypter, Encrypter } from 'age-encryption';
import { decodeRecord, encodeRecord } from './record-bytes';
import type { QenomeStore, StoreDump } from './types';

/** Why a backup could not be made or restored. */
export type BackupErrorCode = 'weak-passphrase' | 'wrong-passphrase' | 'not-a-backup' | 'damaged' | 'not-empty' | 'unsupported-version';

/** A refused backup operation, with a plain-language message. */
export class BackupError extends QenomeError {
	declare readonly code: BackupErrorCode;
	/** Create a backup error (kind `input` for a file that is not a usable backup, else `refused`). */
	constructor(code: BackupErrorCode, message: string) {
		super(code === 'not-a-backup' || code === 'damaged' || code === 'unsupported-version' || code === 'weak-passphrase' ? 'input' : 'refused', code, message);
		this.name = 'BackupError';
	}
}

/** Record counts of a backup, shown before and after a restore. */
export interface BackupCounts {
	profiles: number;
	chunks: number;
	results: number;
	keys: number;
	contacts: number;
}

/** The decrypted content of a backup file. */
export interface BackupContent {
	format: 'qenome-backup';
	version: 1;
	created: string;
	counts: BackupCounts;
	dump: StoreDump;
}

/** Shortest backup passphrase accepted. */
export const MIN_BACKUP_PASSPHRASE = 10;
/** age's default scrypt work factor (2^18); tests may pass a smaller one. */
export const DEFAULT_BACKUP_LOG_N = 18;
/** File name extension offered for downloads. */
export const BACKUP_EXTENSION = '.qenome-backup';

/** Count the records of a dump. */
export function countDump(dump: StoreDump): BackupCounts {
	return {
		profiles: dump.profiles.length,
		chunks: dump.chunks.length,
		results: dump.results.length,
		keys: dump.keys.length,
		contacts: dump.contacts.length
	};
}

/** Encrypt a dump into backup file bytes. */
export async function sealBackup(dump: StoreDump, passphrase: string, options: { logN?: number } = {}): Promise<Uint8Array> {
	if (typeof passphrase !== 'string' || [...passphrase.trim()].length < MIN_BACKUP_PASSPHRASE) {
		throw new BackupError(
			'weak-passphrase',
			`Choose a backup passphrase of at least ${MIN_BACKUP_PASSPHRASE} characters — for example four unrelated words.`
		);
	}
	const content: BackupContent = {
		format: 'qenome-backup',
		version: 1,
		created: new Date().toISOString(),
		counts: countDump(dump),
		dump
	};
	const encrypter = new Encrypter();
	encrypter.setScryptWorkFactor(options.logN ?? DEFAULT_BACKUP_LOG_N);
	encrypter.setPassphrase(passphrase);
	return encrypter.encrypt(encodeRecord(content));
}

/** Decrypt and check backup file bytes; every refusal is a BackupError with a clear message. */
export async function openBackup(bytes: Uint8Array, passphrase: string): Promise<BackupContent> {
	const magic = new TextDecoder().decode(bytes.subarray(0, 21));
	if (magic !== 'age-encryption.org/v1') {
		throw new BackupError('not-a-backup', 'This file is not a Qenome backup (it is not an encrypted age file).');
	}
	const decrypter = new Decrypter();
	decrypter.addPassphrase(passphrase);
	let plain: Uint8Array;
	try {
		plain = await decrypter.decrypt(bytes);
	} catch (err) {
		const message = (err as Error)?.message ?? '';
		if (/no identity matched|invalid header HMAC/.test(message)) {
			throw new BackupError('wrong-passphrase', 'That passphrase does not open this backup. Nothing was restored.');
		}
		if (/scrypt recipient|invalid stanza|invalid scrypt/.test(message)) {
			throw new BackupError('not-a-backup', 'This file is encrypted, but not with a passphrase: it is not a Qenome backup.');
		}
		throw new BackupError('damaged', 'This backup is damaged or incomplete (it failed its integrity check). Nothing was restored.');
	}
	let content: unknown;
	try {
		content = decodeRecord(plain);
	} catch {
		throw new BackupError('not-a-backup', 'This file opens with the passphrase but does not contain a Qenome backup.');
	}
	return checkContent(content);
}

function checkContent(value: unknown): BackupContent {
	const c = value as Partial<BackupContent> | null;
	if (!c || typeof c !== 'object' || c.format !== 'qenome-backup') {
		throw new BackupError('not-a-backup', 'This file opens with the passphrase but does not contain a Qenome backup.');
	}
	if (c.version !== 1) {
		throw new BackupError('unsupported-version', `This backup was made by a newer Qenome (format version ${String(c.version)}). Update Qenome to restore it.`);
	}
	const d = c.dump as StoreDump | undefined;
	const lists = d && [d.profiles, d.chunks, d.results, d.keys, d.contacts];
	if (!lists || !lists.every(Array.isArray)) {
		throw new BackupError('damaged', 'This backup is incomplete: some of its sections are missing. Nothing was restored.');
	}
	const profileIds = new Set(d.profiles.map((p) => p?.id));
	const orphan = [...d.chunks.map((c) => c?.profileId), ...d.results.map((r) => r?.profileId)].find((id) => !profileIds.has(id));
	if (d.profiles.some((p) => typeof p?.id !== 'string') || orphan !== undefined) {
		throw new BackupError('damaged', 'This backup is inconsistent (records without their genome profile). Nothing was restored.');
	}
	return c as BackupContent;
}

/** Make a backup of everything in `store`; resolves to the file bytes and what they hold. */
export async function exportBackup(
	store: QenomeStore,
	passphrase: string,
	options: { logN?: number } = {}
): Promise<{ bytes: Uint8Array; counts: BackupCounts }> {
	const dump = await store.dumpAll();
	return { bytes: await sealBackup(dump, passphrase, options), counts: countDump(dump) };
}

/**
 * Restore a backup into `store` in one transaction. Refused (nothing written) when the passphrase
 * is wrong, the file is damaged, or the store already holds data and `replace` is not set.
 */
export async function restoreBackup(
	store: QenomeStore,
	bytes: Uint8Array,
	passphrase: string,
	options: { replace?: boolean; signal?: AbortSignal } = {}
): Promise<BackupCounts> {
	return restoreContent(store, await openBackup(bytes, passphrase), options);
}

/**
 * Write already-opened backup content into `store` in one transaction (the second half of
 * `restoreBackup`, for pages that open the file in a worker).
 */
export async function restoreContent(
	store: QenomeStore,
	content: BackupContent,
	options: { replace?: boolean; signal?: AbortSignal } = {}
): Promise<BackupCounts> {
	if (!options.replace) {
		const existing = countDump(await store.dumpAll());
		if (Object.values(existing).some((n) => n > 0)) {
			throw new BackupError(
				'not-empty',
				`This browser already holds Qenome data (${existing.profiles} genome profile(s)). Choose “replace” to overwrite it with the backup, or delete everything first.`
			);
		}
	}
	await store.restoreAll(content.dump, { replace: options.replace, signal: options.signal });
	return countDump(content.dump);
}
