/**
 * Typed import errors. Every refusal of the importer is an `ImportError` with a stable `code`
 * (for tests, the UI and the CLI) and a plain-language `message` a patient can act on.
 */
import { QenomeError, type ErrorKind } from '../errors';

/** Every reason an import can be refused. */
export type ImportErrorCode =
	| 'empty-file'
	| 'binary'
	| 'truncated-gzip'
	| 'corrupt-gzip'
	| 'truncated-zip'
	| 'corrupt-zip'
	| 'zip-without-genome'
	| 'zip-encrypted'
	| 'unknown-format'
	| 'build36'
	| 'column-count'
	| 'bad-position'
	| 'bad-chromosome'
	| 'bad-genotype'
	| 'bad-vcf'
	| 'multi-sample'
	| 'unknown-sample'
	| 'no-samples'
	| 'no-variants'
	| 'cancelled'
	| 'too-large';

/** What the caller should do about each import refusal: every one is about the file (`input`), except a cancel. */
function importKind(code: ImportErrorCode): ErrorKind {
	return code === 'cancelled' ? 'cancelled' : 'input';
}

/** An import refusal with a user-facing message and a machine-readable code. */
export class ImportError extends QenomeError {
	declare readonly code: ImportErrorCode;

	/** @param code why the import was refused; @param message plain-language explanation; @param details extra facts, e.g. `{ line }` */
	constructor(code: ImportErrorCode, message: string, details: Record<string, unknown> = {}) {
		super(importKind(code), code, message, details);
		this.name = 'ImportError';
	}
}

/** True when `err` is an ImportError (also across realms/worker bridges that keep name+code). */
export function isImportError(err: unknown): err is ImportError {
	return err instanceof ImportError || (err as { name?: string } | null)?.name === 'ImportError';
}

/** Throw `cancelled` when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw new ImportError('cancelled', 'The import was cancelled.');
}
