/**
 * PGx report → FHIR R4 Bundle following the Genomics Reporting IG 3.0.0: one `genotype`
 * Observation per gene (diplotype + CPIC phenotype, gene coded by HGNC), one
 * `therapeutic-implication` Observation and one `medication-recommendation` Task per CPIC
 * recommendation that applies (drug coded by RxNorm, CPIC strength and level), all listed by the
 * `genomic-report` DiagnosticReport.
 */
import {
	FhirBundleBuilder,
	GENOMIC_CATEGORIES,
	HGNC_SYSTEM,
	LOINC,
	RXNORM,
	TBD_CODES,
	fhirDateTime,
	genomicReport,
	igProfile,
	patientResource,
	type FhirBundle
} from '../report/fhir';
import { recommendedChange, type PgxClinicalReport, type PgxReportGene } from './report';

/** Codes the export needs: HGNC ids per gene, RxNorm and CPIC levels per drug (static/kb/pgx-codes.json). */
export interface PgxCodes {
	genes: Record<string, string>;
	drugs: Record<string, { rxnorm: string | null; atc: string[]; pairs: Record<string, { cpicLevel: string; pharmgkbLevel: string }> }>;
}

let codes: Promise<PgxCodes> | null = null;
/** Load (once) the committed code tables (built by scripts/build-pgx-codes.ts). */
export function loadPgxCodes(): Promise<PgxCodes> {
	codes ??= import('../../../static/kb/pgx-codes.json').then((m) => (m.default ?? m) as unknown as PgxCodes);
	return codes;
}

/** LOINC LL4049-4 (medication usage suggestion) answer for a recommendation text, when one fits. */
function usageSuggestion(text: string): { system: string; code: string; display: string } | null {
	const change = recommendedChange(text);
	if (change === 'alternative') return { system: LOINC, code: 'LA26421-0', display: 'Consider alternative medication' };
	if (change === 'decrease') return { system: LOINC, code: 'LA26422-8', display: 'Decrease dose' };
	if (change === 'increase') return { system: LOINC, code: 'LA26423-6', display: 'Increase dose' };
	return null;
}

/** LOINC answers for the metabolizer phenotypes (LOINC 53040-2 answer list LL3856-3). */
function phenotypeCoding(phenotype: string): { system: string; code: string; display: string } | null {
	const p = phenotype.toLowerCase();
	if (p.startsWith('ultrarapid metabolizer')) return { system: LOINC, code: 'LA10317-7', display: 'Ultrarapid metabolizer' };
	if (p.startsWith('rapid metabolizer')) return { system: LOINC, code: 'LA25390-8', display: 'Rapid metabolizer' };
	if (p.startsWith('normal metabolizer')) return { system: LOINC, code: 'LA10316-9', display: 'Normal metabolizer' };
	if (p.startsWith('intermediate metabolizer')) return { system: LOINC, code: 'LA10315-2', display: 'Intermediate metabolizer' };
	if (p.startsWith('poor metabolizer')) return { system: LOINC, code: 'LA9657-3', display: 'Poor metabolizer' };
	return null;
}

function geneConcept(gene: string, c: PgxCodes) {
	const id = c.genes[gene];
	return id ? { coding: [{ system: HGNC_SYSTEM, code: id, display: gene }], text: gene } : { text: gene };
}

function genotypeObservation(g: PgxReportGene, subject: { reference: string }, when: string, c: PgxCodes) {
	const dip = g.diplotypes.length ? g.diplotypes.map((d) => `${g.gene} ${d}`).join(' or ') : `${g.gene}: not determinable`;
	const notes = [
		`Coverage: ${g.coverage.tested} of ${g.coverage.total} defining positions present in the file.`,
		...(g.untested.length ? [`Not tested: ${g.untested.join(', ')}.`] : []),
		...(g.source === 'outside' ? ['Result entered by the user from an outside test.'] : []),
		...(g.screening ? ['Tag-SNP screen, not HLA typing.'] : []),
		...g.warnings
	];
	return {
		resourceType: 'Observation',
		meta: { profile: [igProfile('genotype')] },
		status: 'final',
		category: GENOMIC_CATEGORIES,
		code: { coding: [{ system: LOINC, code: '84413-4', display: 'Genotype display name' }] },
		subject,
		effectiveDateTime: when,
		valueCodeableConcept: { text: dip },
		interpretation: [{ text: g.phenotype + (g.activityScore !== null ? ` (activity score ${g.activityScore})` : '') }],
		note: notes.map((text) => ({ text })),
		component: [{ code: { coding: [{ system: LOINC, code: '48018-6', display: 'Gene studied [ID]' }] }, valueCodeableConcept: geneConcept(g.gene, c) }]
	};
}

/** Build the IG 3.0.0 Bundle for a PGx report. */
export function pgxFhirBundle(r: PgxClinicalReport, c: PgxCodes): FhirBundle {
	const when = fhirDateTime(r.header.reportDate);
	const b = new FhirBundleBuilder(`qenome-pgx/${r.header.reportDate}/${r.header.sourceSha256 ?? r.header.sourceFile}`);
	const patient = b.add('patient', patientResource(r.header));
	const genotypeRefs = new Map<string, { reference: string }>();
	for (const g of r.genes) genotypeRefs.set(g.gene, b.add(`genotype/${g.gene}`, genotypeObservation(g, patient, when, c)));
	const implications: { reference: string }[] = [];
	const tasks: { reference: string }[] = [];
	r.recommendations.forEach((x, i) => {
		const drug = c.drugs[x.drug.toLowerCase()];
		const medication = drug?.rxnorm ? { coding: [{ system: RXNORM, code: drug.rxnorm, display: x.drug }], text: x.drug } : { text: x.drug };
		const derived = x.basis.map((bb) => genotypeRefs.get(bb.gene)).filter((v): v is { reference: string } => Boolean(v));
		if (!derived.length) for (const g of x.genes) if (genotypeRefs.get(g)) derived.push(genotypeRefs.get(g)!);
		const levels = x.genes.map((g) => drug?.pairs[g]).filter(Boolean) as { cpicLevel: string; pharmgkbLevel: string }[];
		const components: Record<string, unknown>[] = [{ code: { coding: [{ system: LOINC, code: '51963-7', display: 'Medication assessed [ID]' }] }, valueCodeableConcept: medication }];
		for (const bb of x.basis) {
			const gene = r.genes.find((g) => g.gene === bb.gene);
			const phen = gene?.phenotype ?? bb.key;
			const coding = phenotypeCoding(phen);
			components.push({
				code: { coding: [{ system: TBD_CODES, code: 'therapeutic-implication', display: 'therapeutic-implication' }] },
				valueCodeableConcept: coding ? { coding: [coding], text: `${bb.gene} ${phen}` } : { text: `${bb.gene} ${phen}` }
			});
		}
		for (const l of levels.filter((l) => l.pharmgkbLevel))
			components.push({ code: { coding: [{ system: LOINC, code: '93044-6', display: 'Level of evidence' }] }, valueCodeableConcept: { text: `PharmGKB level ${l.pharmgkbLevel}; CPIC level ${l.cpicLevel}` } });
		const impl = b.add(`implication/${i}/${x.drug}`, {
			resourceType: 'Observation',
			meta: { profile: [igProfile('therapeutic-implication')] },
			extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/workflow-relatedArtifact', valueRelatedArtifact: { type: 'citation', label: x.source, url: x.url } }],
			status: 'final',
			category: GENOMIC_CATEGORIES,
			code: { coding: [{ system: TBD_CODES, code: 'therapeutic-implication', display: 'therapeutic-implication' }] },
			subject: patient,
			effectiveDateTime: when,
			derivedFrom: derived,
			note: x.implications.map((text) => ({ text })),
			component: components
		});
		implications.push(impl);
		const usage = usageSuggestion(x.recommendation);
		tasks.push(
			b.add(`task/${i}/${x.drug}`, {
				resourceType: 'Task',
				meta: { profile: [igProfile('medication-recommendation')] },
				status: 'requested',
				intent: 'proposal',
				...(usage ? { code: { coding: [usage] } } : {}),
				description: x.recommendation,
				for: patient,
				authoredOn: when,
				reasonReference: impl,
				input: [
					{ type: { coding: [{ system: LOINC, code: '51963-7', display: 'Medication assessed [ID]' }] }, valueCodeableConcept: medication },
					{ type: { text: 'CPIC recommendation strength' }, valueString: x.strength },
					{ type: { text: 'Guideline source' }, valueString: `${x.source} ${x.url}` },
					...(x.population !== 'general' ? [{ type: { text: 'Population' }, valueString: x.population }] : [])
				]
			})
		);
	});
	const actionable = r.recommendations.filter((x) => x.actionable).map((x) => x.drug);
	b.add('report', genomicReport({
		header: r.header,
		subject: patient,
		results: [...genotypeRefs.values(), ...implications],
		recommendedActions: tasks,
		title: 'Pharmacogenomics report (CPIC)',
		conclusion: `${r.genes.filter((g) => g.atypical).map((g) => `${g.gene} ${g.diplotypes.join(' or ')}: ${g.phenotype}`).join('; ') || 'No atypical gene result among the positions tested'}. ${actionable.length ? `Recommendations to review: ${[...new Set(actionable)].join(', ')}.` : ''} ${r.header.testType}. ${r.header.testLimits} Knowledge base ${r.knowledgeBase.version}. Confirm actionable results with a clinical-grade test.`
	}));
	// The report first, as readers expect.
	b.entries.unshift(b.entries.pop()!);
	return b.build(when);
}
