/**
 * Backup worker: the passphrase work (scrypt, ~1 s) and encryption of a backup run here so the
 * page stays responsive. The page reads and writes the store; this worker only seals and opens.
 *
 *   const w = connectWorker<BackupWorkerApi>(new Worker(new URL('$lib/workers/backup.worker.ts', import.meta.url), { type: 'module' }));
 *   const bytes = await w.call('seal', [dump, passphrase]);
 *
 * BackupError codes (wrong-passphrase, damaged, not-a-backup, …) cross the bridge intact.
 */
import { exposeWorker, type Job } from './bridge';
import { openBackup, sealBackup, type BackupContent } from '../store/backup';
import type { StoreDump } from '../store/types';

const api = {
	/** Encrypt a store dump into backup file bytes. */
	async seal(dump: StoreDump, passphrase: string, job: Job): Promise<Uint8Array> {
		job.progress({ fraction: null, stage: 'Encrypting' });
		return sealBackup(dump, passphrase);
	},
	/** Decrypt and check backup file bytes. */
	async open(bytes: Uint8Array, passphrase: string, job: Job): Promise<BackupContent> {
		job.progress({ fraction: null, stage: 'Decrypting' });
		return openBackup(bytes, passphrase);
	}
};

/** The backup worker's API, for `connectWorker<BackupWorkerApi>`. */
export type BackupWorkerApi = typeof api;

exposeWorker(api);
