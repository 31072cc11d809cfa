/**
 * User-supplied reference files kept on the device (the `knowledge` object store, schema v2): a
 * ClinVar release, gnomAD frequencies, a newer HPO annotation file … Each kind is one `info` record
 * (file name, size, release …) plus opaque parts (structured-cloneable values, e.g. typed-array
 * columns per chromosome) written by the owning domain. Public reference data, so these records
 * are not passed through the vault codec and not included in backups; "delete everything" clears
 * them.
 *
 * Replacing a kind is ONE readwrite transaction (delete the old parts, put the new ones): a failure
 * (quota, abort) leaves the previous file in place, never a half-written one.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, upgradeSchema, type QenomeDB } from './schema';
import { StoreError, isQuotaError } from './errors';

/** What the app shows about a stored reference file. */
export interface KnowledgeInfo {
	/** e.g. 'clinvar', 'gnomad', 'hpoa'. */
	kind: string;
	fileName: string;
	fileBytes: number;
	/** Release as the file states it (ClinVar ##fileDate, gnomAD version, HPOA #date). */
	release: string;
	/** Genome build, when the file has one. */
	build: string | null;
	/** Records kept. */
	records: number;
	/** Plain-words summary of what was kept. */
	note: string;
	/** ISO time stored. */
	stored: string;
}

/** One stored part of a kind (value owned by the domain). */
export interface KnowledgePart {
	part: string;
	value: unknown;
}

async function open(name: string): Promise<IDBPDatabase<QenomeDB>> {
	if (typeof indexedDB === 'undefined') throw new StoreError('unavailable', 'This browser does not allow Qenome to store data (IndexedDB is unavailable).');
	const db = await openDB<QenomeDB>(name, DB_VERSION, {
		upgrade: (database, oldVersion, newVersion, tx) => upgradeSchema(database, oldVersion, newVersion ?? DB_VERSION, tx),
		blocking: () => db.close()
	});
	return db;
}

const range = (kind: string) => IDBKeyRange.bound([kind, ''], [kind, '\uffff']);

/** Replace a kind's info and parts in one transaction (all or nothing). */
export async function putKnowledge(info: KnowledgeInfo, parts: KnowledgePart[], options: { dbName?: string } = {}): Promise<void> {
	const db = await open(options.dbName ?? DB_NAME);
	try {
		const tx = db.transaction('knowledge', 'readwrite');
		const os = tx.objectStore('knowledge');
		try {
			const writes: Promise<unknown>[] = [];
			// Each request's rejection is observed (an abort rejects them all; the first error is thrown below).
			const track = (r: Promise<unknown>) => {
				r.catch(() => undefined);
				writes.push(r);
			};
			track(os.delete(range(info.kind)));
			for (const p of parts) track(os.put({ kind: info.kind, part: `p:${p.part}`, value: p.value }));
			track(os.put({ kind: info.kind, part: 'info', value: info }));
			await Promise.all([...writes, tx.done]);
		} catch (err) {
			try {
				tx.abort();
			} catch {
				/* already aborted */
			}
			await tx.done.catch(() => undefined);
			if (isQuotaError(err)) throw new StoreError('quota', `There is not enough storage left for ${info.fileName}; the previous file (if any) is kept.`, undefined, err);
			throw new StoreError('failed', `${info.fileName} could not be stored: ${(err as Error)?.message ?? String(err)}. The previous file (if any) is kept.`, undefined, err);
		}
	} finally {
		db.close();
	}
}

/** Every stored kind's info. */
export async function listKnowledge(options: { dbName?: string } = {}): Promise<KnowledgeInfo[]> {
	const db = await open(options.dbName ?? DB_NAME);
	try {
		const all = await db.getAll('knowledge');
		return all.filter((r) => r.part === 'info').map((r) => r.value as KnowledgeInfo);
	} finally {
		db.close();
	}
}

/** A kind's info and parts, or null when none is stored. */
export async function loadKnowledge(kind: string, options: { dbName?: string } = {}): Promise<{ info: KnowledgeInfo; parts: KnowledgePart[] } | null> {
	const db = await open(options.dbName ?? DB_NAME);
	try {
		const rows = await db.getAll('knowledge', range(kind));
		const info = rows.find((r) => r.part === 'info');
		if (!info) return null;
		return { info: info.value as KnowledgeInfo, parts: rows.filter((r) => r.part.startsWith('p:')).map((r) => ({ part: r.part.slice(2), value: r.value })) };
	} finally {
		db.close();
	}
}

/** Remove a kind (info and parts) in one transaction. */
export async function removeKnowledge(kind: string, options: { dbName?: string } = {}): Promise<void> {
	const db = await open(options.dbName ?? DB_NAME);
	try {
		const tx = db.transaction('knowledge', 'readwrite');
		await Promise.all([tx.objectStore('knowledge').delete(range(kind)), tx.done]);
	} finally {
		db.close();
	}
}
