/**
 * FHIR R4 building blocks shared by every result kind's Genomics Reporting IG 3.0.0 export
 * (http://hl7.org/fhir/uv/genomics-reporting): the Bundle, the Patient, the `genomic-report`
 * DiagnosticReport, category codings and stable `urn:uuid` ids. The domain adds its own
 * Observations and Tasks (PGx: src/lib/pgx/fhir.ts).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { ReportHeader } from './types';

/** Canonical base of the Genomics Reporting IG. */
export const GENOMICS_IG = 'http://hl7.org/fhir/uv/genomics-reporting';
/** IG version the export follows. */
export const GENOMICS_IG_VERSION = '3.0.0';
/** Profile URL of an IG StructureDefinition id. */
export const igProfile = (id: string) => `${GENOMICS_IG}/StructureDefinition/${id}`;
/** The IG's code system for concepts LOINC lacks (STU3 name). */
export const TBD_CODES = `${GENOMICS_IG}/CodeSystem/tbd-codes-cs`;
/** LOINC's code system URI. */
export const LOINC = 'http://loinc.org';
/** HGNC's gene-id system URI (as the Genomics Reporting IG uses it). */
export const HGNC_SYSTEM = 'http://www.genenames.org/geneId';
/** RxNorm's code system URI (medications). */
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

/** A FHIR resource as plain JSON. */
export type FhirResource = { resourceType: string; id: string } & Record<string, unknown>;
/** A resource before the bundle gives it its id. */
export type NewFhirResource = { resourceType: string } & Record<string, unknown>;
/** A FHIR Bundle as plain JSON. */
export interface FhirBundle {
	resourceType: 'Bundle';
	id: string;
	meta: { lastUpdated: string };
	identifier: { system: string; value: string };
	type: 'collection';
	timestamp: string;
	entry: { fullUrl: string; resource: FhirResource }[];
}

/** Observation categories every IG genomic observation carries: laboratory + Genetics (GE). */
export const GENOMIC_CATEGORIES = [
	{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory', display: 'Laboratory' }] },
	{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'GE', display: 'Genetics' }] }
];

/** A deterministic UUID (v4 layout) from a seed, so the same report gives the same bundle. */
export function stableUuid(seed: string): string {
	const h = sha256(new TextEncoder().encode(seed)).slice(0, 16);
	h[6] = (h[6] & 0x0f) | 0x40;
	h[8] = (h[8] & 0x3f) | 0x80;
	const x = Array.from(h, (b) => b.toString(16).padStart(2, '0')).join('');
	return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Collects resources with stable ids and `urn:uuid` references. */
export class FhirBundleBuilder {
	readonly entries: { fullUrl: string; resource: FhirResource }[] = [];
	readonly seed: string;
	constructor(seed: string) {
		this.seed = seed;
	}
	/** Add a resource (its id is derived from `key`); returns the reference to it. */
	add(key: string, resource: NewFhirResource): { reference: string } {
		const id = stableUuid(`${this.seed}/${key}`);
		const fullUrl = `urn:uuid:${id}`;
		this.entries.push({ fullUrl, resource: { ...resource, id } as FhirResource });
		return { reference: fullUrl };
	}
	/** The finished Bundle. */
	build(timestamp: string): FhirBundle {
		return {
			resourceType: 'Bundle',
			id: stableUuid(`${this.seed}/bundle`),
			meta: { lastUpdated: timestamp },
			identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${stableUuid(`${this.seed}/bundle-identifier`)}` },
			type: 'collection',
			timestamp,
			entry: this.entries
		};
	}
}

/** A FHIR dateTime from an ISO string (kept as is when already valid). */
export function fhirDateTime(iso: string): string {
	const d = new Date(iso);
	return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}

/** The Patient of a report: name and birth date when the header has them. */
export function patientResource(h: ReportHeader): NewFhirResource {
	const name = h.patientName?.trim();
	const birth = h.dateOfBirth && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(h.dateOfBirth) ? h.dateOfBirth : undefined;
	return {
		resourceType: 'Patient',
		...(name ? { name: [{ text: name }] } : {}),
		...(birth ? { birthDate: birth } : {})
	};
}

/** The `genomic-report` DiagnosticReport (LOINC 51969-4, category GE). */
export function genomicReport(opts: {
	header: ReportHeader;
	subject: { reference: string };
	results: { reference: string }[];
	recommendedActions: { reference: string }[];
	conclusion: string;
	title: string;
}): NewFhirResource {
	const when = fhirDateTime(opts.header.reportDate);
	return {
		resourceType: 'DiagnosticReport',
		meta: { profile: [igProfile('genomic-report')] },
		...(opts.recommendedActions.length
			? { extension: opts.recommendedActions.map((r) => ({ url: igProfile('recommended-action'), valueReference: r })) }
			: {}),
		status: 'final',
		category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'GE', display: 'Genetics' }] }],
		code: { coding: [{ system: LOINC, code: '51969-4', display: 'Genetic analysis report' }], text: opts.title },
		subject: opts.subject,
		effectiveDateTime: when,
		issued: when,
		result: opts.results,
		conclusion: opts.conclusion
	};
}
