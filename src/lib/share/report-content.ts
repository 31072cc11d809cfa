/**
 * PGx report content of a bundle: a JSON document. `qenome seal --type report` takes a report
 * JSON file; the Share page wraps the stored PGx result of a profile the same way.
 */
import { fromUtf8, utf8 } from './encoding';
import { BundleError } from './errors';

/** The envelope the Share page writes around a stored PGx result. */
export interface ReportDocument {
	kind: 'qenome-pgx-report';
	/** Profile display name at the sender. */
	profileName: string;
	/** ISO time the result was last updated. */
	updated: string;
	/** The stored result value as produced by the PGx module. */
	result: unknown;
}

/** Encode a report document as UTF-8 JSON bytes. */
export function encodeReport(doc: unknown): Uint8Array {
	return utf8(JSON.stringify(doc, null, 2) + '\n');
}

/** Decode report bytes; throws BundleError('bad-content') when it is not a JSON object. */
export function decodeReport(bytes: Uint8Array): Record<string, unknown> {
	let v: unknown;
	try {
		v = JSON.parse(fromUtf8(bytes));
	} catch {
		throw new BundleError('bad-content', 'The report is not a JSON document.', 'input');
	}
	if (!v || typeof v !== 'object' || Array.isArray(v)) throw new BundleError('bad-content', 'The report must be a JSON object.', 'input');
	return v as Record<string, unknown>;
}
