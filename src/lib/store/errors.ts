/**
 * Typed store errors. Every refusal the user may see carries a machine-readable `code` and a
 * plain-language `message` (the worker bridge keeps both).
 */
import { QenomeError, type ErrorKind } from '../errors';

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

/** What the caller should do about each store error. */
function storeKind(code: StoreErrorCode): ErrorKind {
	if (code === 'cancelled') return 'cancelled';
	if (code === 'invalid' || code === 'not-found') return 'input';
	if (code === 'quota' || code === 'sealed') return 'refused';
	return 'failed';
}

/** An error from the on-device store, with a code and a message meant for the user. */
export class StoreError extends QenomeError {
	declare readonly code: StoreErrorCode;

	/** Create a store error; `cause` keeps the underlying DOMException for debugging. */
	constructor(code: StoreErrorCode, message: string, details?: Record<string, unknown>, cause?: unknown) {
		super(storeKind(code), code, message, details ?? {});
		if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
		this.name = 'StoreError';
	}
}

/** Human-readable size (the one formatter in `src/lib/format`). */
export { formatBytes } from '../format';

/** True when `err` (a DOMException or a wrapped one) is the browser's quota refusal. */
export function isQuotaError(err: unknown): boolean {
	const name = (err as { name?: unknown } | null)?.name;
	return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}
