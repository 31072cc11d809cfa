/** Errors of the pharmacogenomics domain, with a stable `code` and a plain-language message. */
import { QenomeError } from '../errors';

/** Machine-readable reasons (kebab-case, like every domain). */
export type PgxErrorCode = 'outside-calls-format' | 'unknown-gene' | 'warfarin-input';

/** A user-facing pharmacogenomics error (bad outside-calls file, bad warfarin inputs, ...): bad input. */
export class PgxError extends QenomeError {
	declare readonly code: PgxErrorCode;
	/** @param code stable machine code; @param message one plain-language line */
	constructor(code: PgxErrorCode, message: string) {
		super('input', code, message);
		this.name = 'PgxError';
	}
}
