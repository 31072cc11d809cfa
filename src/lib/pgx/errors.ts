/** Errors of the pharmacogenomics domain, with a stable `code` and a plain-language message. */
export type PgxErrorCode = 'OUTSIDE_CALLS_FORMAT' | 'UNKNOWN_GENE' | 'WARFARIN_INPUT';

/** A user-facing pharmacogenomics error (bad outside-calls file, bad warfarin inputs, ...). */
export class PgxError extends Error {
	readonly code: PgxErrorCode;
	/** CLI exit code: bad input. */
	readonly exitCode = 2;
	/** @param code stable machine code; @param message one plain-language line */
	constructor(code: PgxErrorCode, message: string) {
		super(message);
		this.name = 'PgxError';
		this.code = code;
	}
}
