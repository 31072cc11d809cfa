/** Errors of the polygenic-score domain: a stable kebab-case `code` and a plain-language message. */
import { QenomeError, type ErrorKind } from '../errors/index';

/** Codes of `PrsError`. */
export type PrsErrorCode =
	| 'not-a-score-file'
	| 'missing-column'
	| 'bad-row'
	| 'too-large'
	| 'no-variants'
	| 'build-mismatch'
	| 'low-match-rate'
	| 'bad-frequencies'
	| 'cancelled';

/** A user-facing polygenic-score error (bad scoring file, wrong build, too few variants matched). */
export class PrsError extends QenomeError {
	/**
	 * @param kind input (fix the file) | refused (well-formed, but no honest score) | cancelled
	 * @param code stable machine code
	 * @param message one plain-language sentence or two
	 * @param details extra facts (line number, counts)
	 */
	constructor(kind: ErrorKind, code: PrsErrorCode, message: string, details: Record<string, unknown> = {}) {
		super(kind, code, message, details);
		this.name = 'PrsError';
	}
}
