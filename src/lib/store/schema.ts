/**
 * The IndexedDB schema and its migrations. Version N of the database is reached by running
 * MIGRATIONS[0..N-1] in order, so a later version only appends a function here (and bumps
 * nothing else): a browser on version 1 upgrading to 3 runs migrations 2 and 3.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';

/** Database name used by the app (tests pass their own). */
export const DB_NAME = 'qenome';

/** Stored envelope for a profile: the id in clear, everything else encoded in `v`. */
export interface ProfileEnvelope {
	id: string;
	v: unknown;
}
/** Stored envelope for one chromosome chunk of a profile. */
export interface ChunkEnvelope {
	profileId: string;
	chrom: string;
	v: unknown;
}
/** Stored envelope for one analysis result of a profile. */
export interface ResultEnvelope {
	profileId: string;
	kind: string;
	v: unknown;
}
/** Stored envelope for a key or contact record. */
export interface NamedEnvelope {
	key: string;
	v: unknown;
}
/** A stored user reference file's info or one of its parts (see knowledge.ts; never encoded). */
export interface KnowledgeRecord {
	kind: string;
	part: string;
	value: unknown;
}
/** A settings record (never encoded: holds e.g. the vault's KDF parameters). */
export interface MetaRecord {
	key: string;
	value: unknown;
}

/** The typed shape of the database for `idb`. */
export interface QenomeDB extends DBSchema {
	profiles: { key: string; value: ProfileEnvelope };
	chunks: { key: [string, string]; value: ChunkEnvelope; indexes: { byProfile: string } };
	results: { key: [string, string]; value: ResultEnvelope; indexes: { byProfile: string } };
	keys: { key: string; value: NamedEnvelope };
	contacts: { key: string; value: NamedEnvelope };
	meta: { key: string; value: MetaRecord };
	knowledge: { key: [string, string]; value: KnowledgeRecord };
}

/** Every object store of the current schema. */
export const ALL_STORES = ['profiles', 'chunks', 'results', 'keys', 'contacts', 'meta', 'knowledge'] as const;
/** The stores holding user data (everything but `meta`). */
export const DATA_STORES = ['profiles', 'chunks', 'results', 'keys', 'contacts'] as const;

type UpgradeTx = IDBPTransaction<QenomeDB, StoreNames<QenomeDB>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<QenomeDB>, tx: UpgradeTx) => void;

/** MIGRATIONS[i] upgrades version i to version i + 1. Append only; never edit a shipped one. */
const MIGRATIONS: Migration[] = [
	// 0 → 1: the initial schema.
	(db) => {
		db.createObjectStore('profiles', { keyPath: 'id' });
		const chunks = db.createObjectStore('chunks', { keyPath: ['profileId', 'chrom'] });
		chunks.createIndex('byProfile', 'profileId');
		const results = db.createObjectStore('results', { keyPath: ['profileId', 'kind'] });
		results.createIndex('byProfile', 'profileId');
		db.createObjectStore('keys', { keyPath: 'key' });
		db.createObjectStore('contacts', { keyPath: 'key' });
		db.createObjectStore('meta', { keyPath: 'key' });
	},
	// 1 → 2: user-supplied reference files (ClinVar, gnomAD, phenotype.hpoa), see knowledge.ts.
	(db) => {
		db.createObjectStore('knowledge', { keyPath: ['kind', 'part'] });
	}
	// 2 → 3: add later stores here, e.g. (db) => db.createObjectStore('inbox', { keyPath: 'id' }).
];

/** The schema version this code expects. */
export const DB_VERSION = MIGRATIONS.length;

/** Run the migrations from `oldVersion` up to `newVersion` inside the upgrade transaction. */
export function upgradeSchema(
	db: IDBPDatabase<QenomeDB>,
	oldVersion: number,
	newVersion: number,
	tx: UpgradeTx
): void {
	for (let v = oldVersion; v < newVersion; v++) MIGRATIONS[v](db, tx);
}
