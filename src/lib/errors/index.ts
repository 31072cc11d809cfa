/**
 * One error model for every domain. A `QenomeError` carries a `kind` that says what the caller
 * should do about it, a stable kebab-case `code` for tests and the UI, and a plain-language
 * `message` a person can act on. Domain errors (ImportError, PgxError, …) extend it; the CLI maps
 * `kind` to its exit code and the worker bridge keeps `name`, `kind`, `code` and `message`.
 */

/** What went wrong, from the caller's point of view. */
export type ErrorKind =
	/** The input (a file, a flag, a bundle) is malformed or unsupported: fix the input. */
	| 'input'
	/** The input is well-formed but the operation is refused (a policy, a check, a limit). */
	| 'refused'
	/** The person (or a signal) cancelled the work; nothing was changed. */
	| 'cancelled'
	/** Something failed that is not the input's fault (storage, a bug, the machine). */
	| 'failed';

/** The base of every user-facing error. */
export class QenomeError extends Error {
	readonly kind: ErrorKind;
	readonly code: string;
	/** Extra facts for the caller (e.g. `{ line: 12 }`); never secrets or genotypes. */
	readonly details: Record<string, unknown>;

	/**
	 * @param kind what the caller should do about it
	 * @param code stable kebab-case code, unique within the domain
	 * @param message one plain-language sentence or two
	 * @param details extra facts for the caller
	 */
	constructor(kind: ErrorKind, code: string, message: string, details: Record<string, unknown> = {}) {
		super(message);
		this.name = 'QenomeError';
		this.kind = kind;
		this.code = code;
		this.details = details;
	}
}

/** The `kind` of any error: a QenomeError's own (also across a worker bridge that kept it), else `failed`. */
export function errorKind(err: unknown): ErrorKind {
	const kind = (err as { kind?: unknown } | null)?.kind;
	if (kind === 'input' || kind === 'refused' || kind === 'cancelled' || kind === 'failed') return kind;
	if (isCancelled(err)) return 'cancelled';
	return 'failed';
}

/** True for every way work can end because it was cancelled (our kind, DOM AbortError, code `cancelled`). */
export function isCancelled(err: unknown): boolean {
	const e = err as { kind?: unknown; name?: unknown; code?: unknown } | null;
	if (!e || typeof e !== 'object') return false;
	return e.kind === 'cancelled' || e.name === 'AbortError' || e.code === 'cancelled';
}

/** Throw a `cancelled` QenomeError when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined, what = 'The work'): void {
	if (signal?.aborted) throw new QenomeError('cancelled', 'cancelled', `${what} was cancelled.`);
}
