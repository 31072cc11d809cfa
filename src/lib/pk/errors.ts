/** Typed, user-facing errors of the PK domain. */
import { QenomeError } from '../errors';


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
 * A refusal with a plain-language message. Kind `input` for bad requests, `refused` for
 * 'phenotype-not-modelled' (valid input, the simulation is declined), `failed` for the solver.
 */
export class PkError extends QenomeError {
	declare readonly code: PkErrorCode;
	/** @param code machine-readable reason; @param message one plain-language sentence; @param details structured facts */
	constructor(code: PkErrorCode, message: string, details?: unknown) {
		super(
			code === 'phenotype-not-modelled' ? 'refused' : code === 'solver-failed' ? 'failed' : 'input',
			code,
			message,
			details === undefined ? {} : (details as Record<string, unknown>)
		);
		this.name = 'PkError';
	}
}
