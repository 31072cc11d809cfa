/**
 * Rare-disease and family clinician reports: model, layout (ranked genes with evidence, HPO terms,
 * method, versions), PDF page 1, FHIR R4 (schema + IG 3.0.0 `variant` and `diagnostic-implication`),
 * Phenopacket v2 export that imports back; and `qenome rare … --phenopacket-out --fhir --pdf`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { analyseRare, buildRareReport, hpoNamesOf, parsePhenopacket, rareFhirBundle, rareReportLayout, readRareReport, toPhenopacket, type RareResult } from '../../../src/lib/rare/index';
import { buildFamilyReport, familyReportLayout, readFamilyReport, type FamilyResult } from '../../../src/lib/family/index';
import { readReport } from '../../../src/lib/report/index';
import { renderReportPdf } from '../../../src/lib/report/pdf';
import { readReportFonts } from '../../../src/lib/report/node';
import { cdsPosition, kb, vcf } from '../rare/helpers';
import { expectIgRareBundle, expectValidR4 } from './fhir-check';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-rare-report-'));
let vcfFile = '';
let result: RareResult;
const HPO = ['HP:0002373', 'HP:0011166', 'HP:0001250'];

beforeAll(async () => {
	const k = await kb();
	const genes = await k.genes('GRCh38');
	const pos = cdsPosition(genes.bySymbol.get('SCN1A')!, 30);
	vcfFile = path.join(dir, 'case.vcf');
	const text = vcf([['2', pos, 'AC', 'A', '0/1'], ['20', 1000000, 'A', 'G', '1/1']]);
	fs.writeFileSync(vcfFile, text);
	result = await analyseRare(k, {
		query: { observed: HPO, excluded: ['HP:0000252'], sex: 'female' },
		vcf: { stream: new Blob([text]).stream(), name: 'case.vcf' },
		top: 30
	});
});

describe('rare-disease report', () => {
	it('model: versioned, ranked genes with disease, evidence and variants; reads back through readReport', () => {
		const m = buildRareReport(result, { patientName: 'Test Child', reportDate: '2026-03-01T00:00:00.000Z' });
		expect(m).toMatchObject({ format: 'qenome-report', kind: 'rare', version: 1 });
		expect(m.genes[0].gene).toBe('SCN1A');
		expect(m.genes[0].variants[0]).toMatchObject({ chrom: '2', zygosity: 'het' });
		expect(m.genes[0].evidence.length).toBeGreaterThan(0);
		expect(m.phenotype.observed.map((t) => t.id)).toEqual(HPO);
		expect(m.phenotype.observed[0].name).not.toBe(HPO[0]);
		expect(m.phenotype.excluded[0].id).toBe('HP:0000252');
		const back = readReport(JSON.parse(JSON.stringify(m)));
		expect(back.kind).toBe('rare');
		expect(readRareReport(JSON.parse(JSON.stringify(m)))).toEqual(m);
		const genesTable = back.layout.summary[0].blocks.find((b) => b.type === 'table' && b.name === 'genes');
		expect(genesTable && genesTable.type === 'table' && genesTable.rows[0][0]).toBe('SCN1A');
	});

	it('FHIR: variant and diagnostic-implication observations validate (R4 schema + IG)', () => {
		const m = buildRareReport(result, { reportDate: '2026-03-01T00:00:00.000Z' });
		const b = rareFhirBundle(m);
		expectValidR4(b);
		const n = expectIgRareBundle(b);
		expect(n.variants).toBeGreaterThanOrEqual(1);
		expect(n.implications).toBeGreaterThanOrEqual(1);
		// Phenotype only: a valid bundle without variants.
		const po = rareFhirBundle(buildRareReport({ ...result, genes: result.genes.map((g) => ({ ...g, variants: [] })), input: { ...result.input, file: null } }));
		expectValidR4(po);
		expect(expectIgRareBundle(po).variants).toBe(0);
	});

	it('PDF page 1: ranked genes, HPO terms, the date and "Page 1 of N"', async () => {
		const m = buildRareReport(result, { patientName: 'Test Child', reportDate: '2026-03-01T00:00:00.000Z' });
		const bytes = await renderReportPdf(rareReportLayout(m), readReportFonts());
		const { text, totalPages } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: false });
		const p1 = (text as string[])[0].replace(/\s+/g, ' ');
		expect(p1).toContain('Rare-disease gene ranking report');
		expect(p1).toContain('Report date 2026-03-01');
		expect(p1).toContain('SCN1A');
		expect(p1).toContain('HP:0002373');
		expect(p1).toContain(`Page 1 of ${totalPages}`);
	});

	it('Phenopacket v2 export: subject, features incl. excluded, candidate VCF records, metaData with HPO version; imports back', () => {
		const names = hpoNamesOf(result);
		const pp = toPhenopacket(result, { labelOf: (id) => names.get(id) ?? null }) as Record<string, any>;
		expect(pp.subject.sex).toBe('FEMALE');
		expect(pp.phenotypicFeatures.some((f: { excluded?: boolean }) => f.excluded)).toBe(true);
		expect(pp.interpretations[0].diagnosis.genomicInterpretations[0].variantInterpretation.variationDescriptor.vcfRecord).toMatchObject({ chrom: '2' });
		expect(pp.metaData.resources.find((r: { id: string }) => r.id === 'hp').version).toBe(result.hpo.version);
		const back = parsePhenopacket(JSON.stringify(pp));
		expect(back.observed).toEqual(HPO);
		expect(back.excluded).toEqual(['HP:0000252']);
	});
});

describe('family report', () => {
	function family(): FamilyResult {
		return {
			kind: 'family-rare-disease',
			version: 1,
			proband: 'KID',
			members: [
				{ family: 'F1', id: 'KID', father: 'DAD', mother: 'MUM', sex: 'female', phenotype: 'affected' },
				{ family: 'F1', id: 'DAD', father: null, mother: null, sex: 'male', phenotype: 'unaffected' },
				{ family: 'F1', id: 'MUM', father: null, mother: null, sex: 'female', phenotype: 'unaffected' }
			] as FamilyResult['members'],
			checks: {
				samples: [],
				pairs: [{ a: 'KID', b: 'DAD', kinship: 0.249, ibs0: 0, relationship: 'parent-child', sites: 5000, hetHet: 900, oppositeHomozygous: 0, stated: 'parent-child' }] as unknown as FamilyResult['checks']['pairs'],
				pedErrors: [],
				trios: [{ child: 'KID', father: 'DAD', mother: 'MUM', sites: 4000, mendelianErrors: 6, rate: 0.0015 }],
				warnings: []
			},
			rare: { ...result, genes: result.genes.map((g) => ({ ...g, variants: g.variants.map((v) => ({ ...v, segregation: { patterns: ['de novo'], consistent: true } })) })) },
			genes: {},
			notes: ['Both parents genotyped: de novo calls are possible.']
		};
	}

	it('model, layout (members table, segregation), FHIR and PDF', async () => {
		const m = buildFamilyReport(family(), { reportDate: '2026-03-01T00:00:00.000Z' });
		expect(m).toMatchObject({ kind: 'family', version: 1, proband: 'KID' });
		expect(m.genes[0].variants[0].segregation).toBe('de novo');
		const back = readReport(JSON.parse(JSON.stringify(m)));
		expect(back.kind).toBe('family');
		expect(readFamilyReport(JSON.parse(JSON.stringify(m)))).toEqual(m);
		const layout = familyReportLayout(m);
		expect(layout.summary[0].blocks[0]).toMatchObject({ type: 'table', name: 'members' });
		expect(layout.summary.some((s) => s.blocks.some((b) => b.type === 'table' && b.name === 'genes'))).toBe(true);
		const b = rareFhirBundle(m, 'Family');
		expectValidR4(b);
		expectIgRareBundle(b);
		const bytes = await renderReportPdf(layout, readReportFonts());
		const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
		expect(text).toMatch(/KID \(proband\)/);
		expect(text).toMatch(/family: de novo/);
	});
});

describe('qenome rare --phenopacket-out --fhir --pdf', () => {
	it('writes the three exports besides the JSON', async () => {
		const r = spawnSync(
			process.execPath,
			[path.resolve(__dirname, '../../../bin/qenome.js'), 'rare', vcfFile, '--hpo', HPO.join(','), '--sex', 'female', '--json', '--phenopacket-out', 'pp.json', '--fhir', 'r.fhir.json', '--pdf', 'r.pdf'],
			{ cwd: dir, encoding: 'utf8', env: { ...process.env, QENOME_FROM_SOURCE: '1' } }
		);
		expect(r.status, r.stderr).toBe(0);
		expect(JSON.parse(r.stdout).genes[0].gene).toBe('SCN1A');
		expect(parsePhenopacket(fs.readFileSync(path.join(dir, 'pp.json'), 'utf8')).observed).toEqual(HPO);
		const b = JSON.parse(fs.readFileSync(path.join(dir, 'r.fhir.json'), 'utf8'));
		expectValidR4(b);
		expect(expectIgRareBundle(b).variants).toBeGreaterThanOrEqual(1);
		expect(fs.readFileSync(path.join(dir, 'r.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
	});
});
