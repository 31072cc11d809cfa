/** Typed, user-facing errors of the quantum-genomics domain. */
import { QenomeError, type ErrorKind } from '../errors/index';

/** Machine-readable reasons an analysis is refused. */
export type QGenomicsErrorCode =
	| 'bad-csv'
	| 'no-phenotype'
	| 'too-few-samples'
	| 'too-few-snps'
	| 'bad-option'
	| 'too-large'
	| 'cancelled';

/** A refusal with a plain-language message; `exitCode` is what the CLI exits with (2 input, 1 refused). */
export class QGenomicsError extends QenomeError {
	declare readonly code: QGenomicsErrorCode;
	/** 2 for bad input, 1 for a refused operation. */
	readonly exitCode: number;
	/** @param code reason; @param message one plain-language sentence; @param details facts (line, column …) */
	constructor(code: QGenomicsErrorCode, message: string, details: Record<string, unknown> = {}) {
		const kind: ErrorKind = code === 'cancelled' ? 'cancelled' : code === 'too-large' ? 'refused' : 'input';
		super(kind, code, message, details);
		this.name = 'QGenomicsError';
		this.exitCode = kind === 'input' ? 2 : 1;
	}
}
