/**
 * Typed errors of the family domain. Every refusal is a `FamilyError` (a `QenomeError`) with a
 * stable kebab-case `code` and a plain-language message a family or clinician can act on.
 */
import { QenomeError, type ErrorKind } from '../errors/index';

/** Every reason the family domain refuses an input or an operation. */
export type FamilyErrorCode =
	| 'ped-too-large'
	| 'ped-empty'
	| 'ped-columns'
	| 'ped-bad-id'
	| 'ped-duplicate-sample'
	| 'ped-bad-sex'
	| 'ped-bad-phenotype'
	| 'ped-self-parent'
	| 'ped-cycle'
	| 'ped-too-many-members'
	| 'ped-missing-sample'
	| 'ped-no-proband'
	| 'too-few-samples'
	| 'too-many-samples'
	| 'duplicate-sample-id'
	| 'build-mismatch'
	| 'needs-pedigree'
	| 'no-sites';

/** A family-domain refusal. */
export class FamilyError extends QenomeError {
	/**
	 * @param code why it was refused
	 * @param message plain-language explanation
	 * @param details extra facts (line number, sample ids); never genotypes
	 * @param kind `input` (fix the file) unless the operation itself is refused
	 */
	constructor(code: FamilyErrorCode, message: string, details: Record<string, unknown> = {}, kind: ErrorKind = 'input') {
		super(kind, code, message, details);
		this.name = 'FamilyError';
	}
}

/** True when `err` is a FamilyError (also across a worker bridge that kept `name`). */
export function isFamilyError(err: unknown): err is FamilyError {
	return err instanceof FamilyError || (err as { name?: string } | null)?.name === 'FamilyError';
}
