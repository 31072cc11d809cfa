/**
 * Browser storage facts (navigator.storage): usage estimate, persistence, and the sizes the store
 * uses to tell the user how much space an import needs.
 */
import type { StorageStatus } from './types';

interface StorageManagerLike {
	estimate?(): Promise<{ usage?: number; quota?: number }>;
	persisted?(): Promise<boolean>;
	persist?(): Promise<boolean>;
}

function storageManager(): StorageManagerLike | null {
	if (typeof navigator === 'undefined') return null;
	return ((navigator as Navigator & { storage?: StorageManagerLike }).storage ?? null) as StorageManagerLike | null;
}

/** Usage and quota for this origin, and whether storage is persistent (null where unknown). */
export async function readStorageStatus(): Promise<StorageStatus> {
	const sm = storageManager();
	let usedBytes: number | null = null;
	let quotaBytes: number | null = null;
	let persisted: boolean | null = null;
	try {
		const est = await sm?.estimate?.();
		usedBytes = typeof est?.usage === 'number' ? est.usage : null;
		quotaBytes = typeof est?.quota === 'number' ? est.quota : null;
	} catch {
		// Some browsers refuse estimates in private windows; report unknown.
	}
	try {
		persisted = typeof sm?.persisted === 'function' ? await sm.persisted() : null;
	} catch {
		persisted = null;
	}
	return { usedBytes, quotaBytes, persisted };
}

/** Ask for persistent storage (windows only; workers and old browsers resolve false). */
export async function askForPersistence(): Promise<boolean> {
	const sm = storageManager();
	if (typeof sm?.persist !== 'function') return false;
	try {
		return await sm.persist();
	} catch {
		return false;
	}
}

/**
 * Approximate size in bytes of a value as IndexedDB will hold it: typed arrays by byteLength,
 * strings at 2 bytes a character, plus a small per-object overhead. Used only for messages.
 */
export function approximateBytes(value: unknown, depth = 0): number {
	if (value == null || depth > 8) return 8;
	if (typeof value === 'string') return 2 * value.length + 8;
	if (typeof value !== 'object') return 8;
	if (ArrayBuffer.isView(value)) return value.byteLength + 16;
	if (value instanceof ArrayBuffer) return value.byteLength + 16;
	let total = 16;
	// indexed loops: a for-of makes an iterator and a result object per element, and this walks
	// every allele pair of a stored chromosome (tens of MB of garbage in the importing worker)
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) total += approximateBytes(value[i], depth + 1);
		return total;
	}
	const keys = Object.keys(value);
	for (let i = 0; i < keys.length; i++) {
		const k = keys[i];
		let v: unknown;
		try {
			v = (value as Record<string, unknown>)[k];
		} catch {
			v = undefined; // a throwing getter: count the key only
		}
		total += 2 * k.length + approximateBytes(v, depth + 1);
	}
	return total;
}
