/**
 * Typed store errors. Every refusal the user may see carries a machine-readable `code` and a
 * plain-language `message` (the worker bridge keeps both).
 */

/** Why a store operation was refused. */
export type StoreErrorCode =
	/** The browser refused to store more data (QuotaExceededError). */
	| 'quota'
	/** Another tab holds an older version of the database open. */
	| 'blocked'
	/** This tab runs an older version of Qenome than the database (updated in another tab). */
	| 'outdated'
	/** IndexedDB is unavailable (private mode in some browsers, disabled storage). */
	| 'unavailable'
	/** The requested profile does not exist (deleted, perhaps in another tab). */
	| 'not-found'
	/** The caller cancelled the operation; nothing was written. */
	| 'cancelled'
	/** A value cannot be stored (not structured-cloneable) or a name is invalid. */
	| 'invalid'
	/** Records are sealed by the vault and this context holds no key (e.g. a worker). */
	| 'sealed'
	/** Any other IndexedDB failure; nothing was written. */
	| 'failed';

/** An error from the on-device store, with a code and a message meant for the user. */
export class StoreError extends Error {
	readonly code: StoreErrorCode;
	/** Extra facts (e.g. `{ neededBytes, availableBytes }` for `quota`). */
	readonly details: Record<string, unknown> | undefined;

	/** Create a store error; `cause` keeps the underlying DOMException for debugging. */
	constructor(code: StoreErrorCode, message: string, details?: Record<string, unknown>, cause?: unknown) {
		super(message, cause === undefined ? undefined : { cause });
		this.name = 'StoreError';
		this.code = code;
		this.details = details;
	}
}

/** Human-readable size: "1.2 MB", "640 kB", "12 bytes" (decimal units, like browsers show). */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return 'an unknown amount';
	if (bytes < 1000) return `${Math.round(bytes)} bytes`;
	const units = ['kB', 'MB', 'GB', 'TB'];
	let value = bytes / 1000;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** True when `err` (a DOMException or a wrapped one) is the browser's quota refusal. */
export function isQuotaError(err: unknown): boolean {
	const name = (err as { name?: unknown } | null)?.name;
	return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}
