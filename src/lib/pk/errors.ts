/** Typed, user-facing errors of the PK domain. */

/** Machine-readable reasons a simulation request is refused. */
export type PkErrorCode =
	| 'unknown-drug'
	| 'unknown-gene'
	| 'unknown-phenotype'
	| 'unknown-comed'
	| 'bad-regimen'
	| 'bad-parameter'
	| 'solver-failed';

/** A refusal with a plain-language message (the CLI prints it as one line, exit 2). */
export class PkError extends Error {
	code: PkErrorCode;
	/** Exit code the CLI uses: bad input is 2. */
	exitCode = 2;
	/** @param code machine-readable reason; @param message one plain-language sentence */
	constructor(code: PkErrorCode, message: string) {
		super(message);
		this.name = 'PkError';
		this.code = code;
	}
}
