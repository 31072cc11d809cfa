/** Errors of the rare-disease domain. */
import { QenomeError, type ErrorKind } from '../errors/index';

/** Stable codes of rare-disease errors. */
export type RareErrorCode =
	| 'unknown-term'
	| 'no-phenotype'
	| 'no-opt-in'
	| 'bad-phenopacket'
	| 'bad-annotations'
	| 'bad-clinvar'
	| 'bad-gnomad'
	| 'bad-knowledge'
	| 'bad-vcf'
	| 'build-mismatch'
	| 'several-samples'
	| 'unknown-sample'
	| 'knowledge-missing'
	| 'cancelled';

/** A user-facing rare-disease error (bad HPO id, malformed phenopacket, unreadable VCF …). */
export class RareError extends QenomeError {
	/**
	 * @param kind what the caller should do (input/refused/cancelled/failed)
	 * @param code stable kebab-case code
	 * @param message one plain-language sentence
	 */
	constructor(kind: ErrorKind, code: RareErrorCode, message: string, details: Record<string, unknown> = {}) {
		super(kind, code, message, details);
		this.name = 'RareError';
	}
}

/** Throw a cancelled RareError when the signal has fired. */
export function checkCancelled(signal?: AbortSignal): void {
	if (signal?.aborted) throw new RareError('cancelled', 'cancelled', 'The rare-disease analysis was cancelled.');
}
