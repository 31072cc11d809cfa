/**
 * Typed import errors. Every refusal of the importer is an `ImportError` with a stable `code`
 * (for tests, the UI and the CLI) and a plain-language `message` a patient can act on.
 */

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

/** An import refusal with a user-facing message and a machine-readable code. */
export class ImportError extends Error {
	readonly code: ImportErrorCode;
	/** Extra facts for the caller, e.g. `{ samples: [...] }` for `multi-sample`, `{ line }`. */
	readonly details: Record<string, unknown>;

	/** @param code why the import was refused; @param message plain-language explanation */
	constructor(code: ImportErrorCode, message: string, details: Record<string, unknown> = {}) {
		super(message);
		this.name = 'ImportError';
		this.code = code;
		this.details = details;
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
