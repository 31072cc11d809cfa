/**
 * One typed client per worker, per tab, created on first use (browser only). Pages call these
 * instead of constructing workers; `terminate()` on a client frees its worker, and the next call
 * starts a fresh one (pages that hold large memory — Quantum Lab, PK — terminate on leaving).
 */
import { connectWorker, type WorkerApi, type WorkerClient } from '../workers/bridge';
import type { BackupWorkerApi } from '../workers/backup.worker';
import type { FamilyWorkerApi } from '../workers/family.worker';
import type { GenomeWorkerApi } from '../workers/genome.worker';
import type { PkWorkerApi } from '../workers/pk.worker';
import type { QuantumWorkerApi } from '../workers/quantum.worker';
import type { ShareWorkerApi } from '../workers/share.worker';

/** A lazily started worker client that forgets itself when terminated. */
function lazy<T extends WorkerApi>(start: () => Worker): () => WorkerClient<T> {
	let client: WorkerClient<T> | null = null;
	return () => {
		if (client) return client;
		const connected = connectWorker<T>(start());
		const own: WorkerClient<T> = {
			call: connected.call.bind(connected),
			terminate() {
				if (client === own) client = null;
				connected.terminate();
			}
		};
		client = own;
		return own;
	};
}

/** The tab's genome worker (import, sample listing, lookups). */
export const genomeWorker = lazy<GenomeWorkerApi>(
	() => new Worker(new URL('../workers/genome.worker.ts', import.meta.url), { type: 'module', name: 'qenome-genome' })
);

/** The tab's sharing worker (keys, seal, open). */
export const shareWorker = lazy<ShareWorkerApi>(
	() => new Worker(new URL('../workers/share.worker.ts', import.meta.url), { type: 'module', name: 'qenome-share' })
);

/** The tab's drug-model worker. */
export const pkWorker = lazy<PkWorkerApi>(() => new Worker(new URL('../workers/pk.worker.ts', import.meta.url), { type: 'module', name: 'qenome-pk' }));

/** The tab's quantum simulator worker. */
export const quantumWorker = lazy<QuantumWorkerApi>(
	() => new Worker(new URL('../workers/quantum.worker.ts', import.meta.url), { type: 'module', name: 'qenome-quantum' })
);

/** The tab's backup worker (scrypt-heavy backup and restore). */
export const backupWorker = lazy<BackupWorkerApi>(
	() => new Worker(new URL('../workers/backup.worker.ts', import.meta.url), { type: 'module', name: 'qenome-backup' })
);

/** The tab's family worker (relatedness checks, joint VCFs, family ranking). */
export const familyWorker = lazy<FamilyWorkerApi>(
	() => new Worker(new URL('../workers/family.worker.ts', import.meta.url), { type: 'module', name: 'qenome-family' })
);
