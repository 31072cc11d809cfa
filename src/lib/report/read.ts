/**
 * Reading report models that came from elsewhere (a bundle, storage, a file): every field is
 * taken through these guards, so a hostile or damaged document becomes a clear refusal or
 * plain text — never a crash of the view, and never markup (the views render text only).
 */
import { QenomeError } from '../errors/index';
import { REPORT_FORMAT, type ReportHeader } from './types';

/** A report document that cannot be read. */
export class ReportError extends QenomeError {
	/** @param code kebab-case reason; @param message one plain sentence */
	constructor(code: 'not-a-report' | 'unknown-kind' | 'unsupported-version' | 'bad-report', message: string) {
		super('input', code, message);
		this.name = 'ReportError';
	}
}

/** Longest text kept from one field (a recommendation is < 2 kB; anything beyond is cut). */
const MAX_TEXT = 20_000;
/** Most entries kept from one list. */
const MAX_ITEMS = 5_000;

type Obj = Record<string, unknown>;

/** The value as an object, or a refusal naming `what`. */
export function obj(v: unknown, what: string): Obj {
	if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ReportError('bad-report', `The report is damaged: ${what} is not an object.`);
	return v as Obj;
}

/** Text of a field (numbers and booleans as text; missing → fallback), bounded. */
export function text(v: unknown, fallback = ''): string {
	if (typeof v === 'string') return v.length > MAX_TEXT ? v.slice(0, MAX_TEXT) + '…' : v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	return fallback;
}

/** Text or null. */
export function textOrNull(v: unknown): string | null {
	return typeof v === 'string' ? text(v) : null;
}

/** A finite number or null. */
export function num(v: unknown): number | null {
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A list (empty when missing), bounded. */
export function list(v: unknown): unknown[] {
	return Array.isArray(v) ? v.slice(0, MAX_ITEMS) : [];
}

/** A list of texts. */
export function texts(v: unknown): string[] {
	return list(v).map((x) => text(x)).filter((x) => x !== '');
}

/** Check format, kind and version; returns the document as an object. */
export function checkModel(v: unknown, kind: string, version: number): Obj {
	const o = obj(v, 'the document');
	if (o.format !== REPORT_FORMAT) throw new ReportError('not-a-report', 'This is not a Qenome report.');
	if (o.kind !== kind) throw new ReportError('unknown-kind', `This is a "${text(o.kind, '?')}" report, not "${kind}".`);
	if (o.version !== version)
		throw new ReportError('unsupported-version', `This ${kind} report has version ${text(o.version, '?')}; this Qenome reads version ${version}. Update Qenome to read it.`);
	return o;
}

/** The common header. */
export function readHeader(v: unknown): ReportHeader {
	const h = obj(v, 'the header');
	return {
		patientName: textOrNull(h.patientName),
		dateOfBirth: textOrNull(h.dateOfBirth),
		reportDate: text(h.reportDate, '—'),
		sourceFile: text(h.sourceFile, '—'),
		sourceSha256: textOrNull(h.sourceSha256),
		build: text(h.build, '—'),
		sex: text(h.sex, '—'),
		testType: text(h.testType, '—'),
		testLimits: text(h.testLimits, '—'),
		sources: list(h.sources).map((s) => {
			const o = obj(s, 'a source');
			return { name: text(o.name), version: text(o.version) };
		}),
		producedBy: text(h.producedBy, '—')
	};
}
