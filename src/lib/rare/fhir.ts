/**
 * Rare-disease report → FHIR R4 Bundle following the Genomics Reporting IG 3.0.0: a `variant`
 * Observation per candidate variant (gene, reference sequence, REF/ALT, 1-based position, allelic
 * state) and a `diagnostic-implication` Observation per ranked gene with variants (the disease it
 * would explain, derived from those variants), listed by the `genomic-report` DiagnosticReport.
 */
import { FhirBundleBuilder, GENOMIC_CATEGORIES, LOINC, TBD_CODES, fhirDateTime, genomicReport, igProfile, patientResource, type FhirBundle } from '../report/fhir';
import type { RareClinicalReport } from './report';

/** RefSeq accessions of the chromosomes (GRCh38 and GRCh37 assemblies). */
const REFSEQ: Record<'GRCh38' | 'GRCh37', Record<string, string>> = {
	GRCh38: {
		'1': 'NC_000001.11', '2': 'NC_000002.12', '3': 'NC_000003.12', '4': 'NC_000004.12', '5': 'NC_000005.10', '6': 'NC_000006.12', '7': 'NC_000007.14',
		'8': 'NC_000008.11', '9': 'NC_000009.12', '10': 'NC_000010.11', '11': 'NC_000011.10', '12': 'NC_000012.12', '13': 'NC_000013.11', '14': 'NC_000014.9',
		'15': 'NC_000015.10', '16': 'NC_000016.10', '17': 'NC_000017.11', '18': 'NC_000018.10', '19': 'NC_000019.10', '20': 'NC_000020.11', '21': 'NC_000021.9',
		'22': 'NC_000022.11', X: 'NC_000023.11', Y: 'NC_000024.10', MT: 'NC_012920.1'
	},
	GRCh37: {
		'1': 'NC_000001.10', '2': 'NC_000002.11', '3': 'NC_000003.11', '4': 'NC_000004.11', '5': 'NC_000005.9', '6': 'NC_000006.11', '7': 'NC_000007.13',
		'8': 'NC_000008.10', '9': 'NC_000009.11', '10': 'NC_000010.10', '11': 'NC_000011.9', '12': 'NC_000012.11', '13': 'NC_000013.10', '14': 'NC_000014.8',
		'15': 'NC_000015.9', '16': 'NC_000016.9', '17': 'NC_000017.10', '18': 'NC_000018.9', '19': 'NC_000019.9', '20': 'NC_000020.10', '21': 'NC_000021.8',
		'22': 'NC_000022.10', X: 'NC_000023.10', Y: 'NC_000024.9', MT: 'NC_012920.1'
	}
};

const ZYGOSITY: Record<string, { code: string; display: string }> = {
	het: { code: 'LA6706-1', display: 'Heterozygous' },
	hom: { code: 'LA6705-3', display: 'Homozygous' },
	hemi: { code: 'LA6707-9', display: 'Hemizygous' }
};

/** A disease id ("OMIM:123456", "ORPHA:1234") as a coding. */
function diseaseCoding(id: string, name: string) {
	const [prefix, code] = id.split(':');
	const system = prefix === 'OMIM' ? 'http://www.omim.org' : prefix === 'ORPHA' ? 'http://www.orpha.net' : prefix === 'MONDO' ? 'http://purl.obolibrary.org/obo/mondo.owl' : null;
	return system && code ? { coding: [{ system, code, display: name }], text: name } : { text: `${name} (${id})` };
}

/** Build the IG 3.0.0 Bundle for a rare-disease (or family) report. */
export function rareFhirBundle(r: Pick<RareClinicalReport, 'header' | 'genes' | 'build' | 'phenotype' | 'hpo'>, title = 'Rare-disease gene ranking'): FhirBundle {
	const when = fhirDateTime(r.header.reportDate);
	const b = new FhirBundleBuilder(`qenome-rare/${r.header.reportDate}/${r.header.sourceSha256 ?? r.header.sourceFile}`);
	const patient = b.add('patient', patientResource(r.header));
	const results: { reference: string }[] = [];
	const refseq = r.build === 'GRCh37' || r.build === 'GRCh38' ? REFSEQ[r.build] : null;
	for (const g of r.genes) {
		const variantRefs: { reference: string }[] = [];
		for (const v of g.variants) {
			const z = ZYGOSITY[v.zygosity];
			const components: Record<string, unknown>[] = [
				{ code: { coding: [{ system: LOINC, code: '48018-6', display: 'Gene studied [ID]' }] }, valueCodeableConcept: { text: g.gene } },
				...(refseq?.[v.chrom]
					? [{ code: { coding: [{ system: LOINC, code: '48013-7', display: 'Genomic reference sequence [ID]' }] }, valueCodeableConcept: { coding: [{ system: 'http://www.ncbi.nlm.nih.gov/refseq', code: refseq[v.chrom] }] } }]
					: []),
				{ code: { coding: [{ system: LOINC, code: '92822-6', display: 'Genomic coord system' }] }, valueCodeableConcept: { coding: [{ system: LOINC, code: 'LA30102-0', display: '1-based character counting' }] } },
				{ code: { coding: [{ system: LOINC, code: '69547-8', display: 'Genomic ref allele [ID]' }] }, valueString: v.ref },
				{ code: { coding: [{ system: LOINC, code: '69551-0', display: 'Genomic alt allele [ID]' }] }, valueString: v.alt },
				{ code: { coding: [{ system: LOINC, code: '81254-5', display: 'Genomic allele start-end' }] }, valueRange: { low: { value: v.pos } } },
				...(z ? [{ code: { coding: [{ system: LOINC, code: '53034-5', display: 'Allelic state' }] }, valueCodeableConcept: { coding: [{ system: LOINC, ...z }] } }] : [])
			];
			const notes = [`Consequence: ${v.consequence}`, ...(v.frequency !== null ? [`Population allele frequency ${v.frequency}`] : []), ...(v.clinvar ? [`ClinVar: ${v.clinvar}`] : []), ...(v.segregation ? [`Family segregation: ${v.segregation}`] : [])];
			const ref = b.add(`variant/${g.gene}/${v.chrom}-${v.pos}-${v.ref}-${v.alt}`, {
				resourceType: 'Observation',
				meta: { profile: [igProfile('variant')] },
				status: 'final',
				category: GENOMIC_CATEGORIES,
				code: { coding: [{ system: LOINC, code: '69548-6', display: 'Genetic variant assessment' }] },
				subject: patient,
				effectiveDateTime: when,
				valueCodeableConcept: { coding: [{ system: LOINC, code: 'LA9633-4', display: 'Present' }] },
				note: notes.map((text) => ({ text })),
				component: components
			});
			variantRefs.push(ref);
			results.push(ref);
		}
		if (!variantRefs.length || !g.diseases.length) continue;
		const d = g.diseases[0];
		results.push(
			b.add(`implication/${g.gene}`, {
				resourceType: 'Observation',
				meta: { profile: [igProfile('diagnostic-implication')] },
				status: 'preliminary',
				category: GENOMIC_CATEGORIES,
				code: { coding: [{ system: TBD_CODES, code: 'diagnostic-implication', display: 'diagnostic-implication' }] },
				subject: patient,
				effectiveDateTime: when,
				derivedFrom: variantRefs,
				note: [{ text: `Candidate (rank ${g.rank}, score ${(g.score * 100).toFixed(1)} %); inheritance ${g.inheritance.join(', ') || 'not determined'}. ${g.evidence.join('; ')}` }],
				component: [{ code: { coding: [{ system: LOINC, code: '81259-4', display: 'Associated phenotype' }] }, valueCodeableConcept: diseaseCoding(d.id, d.name) }]
			})
		);
	}
	b.add(
		'report',
		genomicReport({
			header: r.header,
			subject: patient,
			results,
			recommendedActions: [],
			title,
			conclusion: `Top candidates: ${r.genes.slice(0, 5).map((g) => `${g.gene}${g.diseases[0] ? ` (${g.diseases[0].name})` : ''}`).join('; ') || 'none'}. Phenotype: ${r.phenotype.observed.map((t) => `${t.name} (${t.id})`).join('; ')}. HPO ${r.hpo.version}. A ranking for review, not a diagnosis; confirm with a clinical test.`
		})
	);
	b.entries.unshift(b.entries.pop()!);
	return b.build(when);
}
