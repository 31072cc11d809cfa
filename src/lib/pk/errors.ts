/** Typed, user-facing errors of the PK domain. */

/** Machine-readable reasons a simulation request is refused. */
export type PkErrorCode =
	| 'unknown-drug'
	| 'unknown-gene'
	| 'unknown-phenotype'
	| 'unknown-comed'
	| 'bad-regimen'
	| 'bad-parameter'
	| 'solver-failed'
	/** The drug is not simulated for this phenotype: no measured exposure figure is known (a refusal, not bad input). */
	| 'phenotype-not-modelled';

/**
 * A refusal with a plain-language message (the CLI prints it as one line: exit 2 for bad input,
 * exit 1 for 'phenotype-not-modelled', a refused operation on valid input).
 */
export class PkError extends Error {
	code: PkErrorCode;
	/** Exit code the CLI uses: bad input is 2, a refused simulation is 1. */
	exitCode: number;
	/** Structured facts behind the message (serialisable: they cross the worker bridge). */
	details?: unknown;
	/** @param code machine-readable reason; @param message one plain-language sentence; @param details structured facts */
	constructor(code: PkErrorCode, message: string, details?: unknown) {
		super(message);
		this.name = 'PkError';
		this.code = code;
		this.exitCode = code === 'phenotype-not-modelled' ? 1 : 2;
		if (details !== undefined) this.details = details;
	}
}
