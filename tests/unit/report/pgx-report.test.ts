/**
 * The PGx clinician report: model, clinician PDF (page 1 summary, date, "Page 1 of N", embedded
 * font for non-ASCII names, same bytes twice) and the FHIR R4 Genomics Reporting IG 3.0.0 bundle
 * of the demo genome and every PGx genome fixture, validated offline against the R4 JSON schema
 * and the IG's required elements. The CLI flags: pgx-report-cli.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { createGenomeView, importGenomeBytes } from '../../../src/lib/genome/index';
import { buildPgxReport, loadKb, loadPgxCodes, pgxFhirBundle, pgxReportLayout, runPgx, type PgxClinicalReport } from '../../../src/lib/pgx/index';
import { renderReportPdf } from '../../../src/lib/report/pdf';
import { readReportFonts } from '../../../src/lib/report/node';
import { makeDemoText } from '../../../scripts/make-demo-genome';
import { expectIgPgxBundle, expectValidR4 } from './fhir-check';

const root = path.resolve(__dirname, '../../..');
const FIXTURES = ['23andme-v5-female.txt', '23andme-v3-male.txt', 'ancestry-v2-male.txt', 'myheritage-v2.csv', 'ftdna.csv', 'livingdna.txt', 'vcf-grch38-chr.vcf', 'vcf-grch37-nochr-male.vcf'];

async function reportOf(bytes: Uint8Array, name: string, patientName: string | null = null): Promise<PgxClinicalReport> {
	const g = await importGenomeBytes(bytes);
	const view = createGenomeView(g.summary, g.chunks);
	const r = await runPgx(view, [], await loadKb());
	return buildPgxReport(r, { patientName, sourceFile: name, sourceSha256: g.sha256, summary: g.summary, reportDate: '2026-03-01T10:00:00.000Z' });
}

let demo: PgxClinicalReport;
beforeAll(async () => {
	demo = await reportOf(new TextEncoder().encode(makeDemoText().text), 'qenome-demo-23andme.txt', 'Zoë Ångström-Nguyễn');
});

describe('PGx report model', () => {
	it('is typed and versioned, with header, coverage per gene and actionable recommendations first', () => {
		expect(demo).toMatchObject({ format: 'qenome-report', kind: 'pgx', version: 1 });
		expect(demo.header).toMatchObject({ build: 'GRCh37', sourceFile: 'qenome-demo-23andme.txt', reportDate: '2026-03-01T10:00:00.000Z' });
		expect(demo.header.testType).toMatch(/genotyping array/);
		expect(demo.header.sources[0].version).toMatch(/^qenome-kb-/);
		const cyp2c19 = demo.genes.find((g) => g.gene === 'CYP2C19')!;
		expect(cyp2c19).toMatchObject({ diplotypes: ['*1/*2'], phenotype: 'Intermediate Metabolizer', atypical: true, phased: false });
		expect(cyp2c19.coverage.tested).toBeGreaterThan(0);
		expect(cyp2c19.coverage.total).toBeGreaterThanOrEqual(cyp2c19.coverage.tested);
		expect(demo.genes.find((g) => g.gene === 'TPMT')!.atypical).toBe(false);
		const firstTypical = demo.recommendations.findIndex((r) => !r.actionable);
		expect(firstTypical).toBeGreaterThan(0);
		expect(demo.recommendations.slice(firstTypical).every((r) => !r.actionable)).toBe(true);
		const clopidogrel = demo.recommendations.find((r) => r.drug === 'clopidogrel' && r.strength === 'Strong')!;
		expect(clopidogrel.actionable).toBe(true);
		expect(clopidogrel.source).toMatch(/CPIC/);
		// Never "normal" for what was not tested.
		expect(demo.genes.find((g) => g.gene === 'HLA-B')!.phenotype).not.toMatch(/negative/);
	});
});

describe('clinician PDF', () => {
	it('page 1 carries the header, the summary, the date and "Page 1 of N"; non-ASCII names print; same bytes twice', async () => {
		const fonts = readReportFonts();
		const layout = pgxReportLayout(demo);
		const bytes = await renderReportPdf(layout, fonts);
		expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
		const again = await renderReportPdf(layout, fonts);
		expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
		const pdf = await getDocumentProxy(new Uint8Array(bytes));
		const { totalPages, text } = await extractText(pdf, { mergePages: false });
		const pages = text as string[];
		expect(totalPages).toBeGreaterThan(2);
		const p1 = pages[0].replace(/\s+/g, ' ');
		expect(p1).toContain('Pharmacogenomics report');
		expect(p1).toContain('Zoë Ångström-Nguyễn');
		expect(p1).toContain('Report date 2026-03-01');
		expect(p1).toContain('Genome build GRCh37');
		expect(p1).toContain('Actionable findings');
		expect(p1).toContain('clopidogrel');
		expect(p1).toContain(`Page 1 of ${totalPages}`);
		expect(p1).toMatch(/confirm any actionable result with a clinical-grade test/);
		expect(pages[totalPages - 1]).toContain(`Page ${totalPages} of ${totalPages}`);
		const all = pages.join('\n');
		expect(all).toContain('Appendix — full detail');
		expect(all).toContain('Genes, diplotypes, phenotypes and coverage');
		// The summary is at most two pages: the appendix starts on page 3 at the latest.
		const appendixPage = pages.findIndex((p) => p.includes('Appendix — full detail'));
		expect(appendixPage).toBeLessThanOrEqual(2);
	});

	it('a name with characters the font lacks, control characters and huge cells still render', async () => {
		const layout = pgxReportLayout({ ...demo, header: { ...demo.header, patientName: 'A\u0000B\u202eC 😀 ' + 'x'.repeat(500) } });
		const bytes = await renderReportPdf(layout, readReportFonts());
		expect(bytes.length).toBeGreaterThan(1000);
	});
});

describe('FHIR R4 Genomics Reporting IG 3.0.0', () => {
	it('the demo genome bundle validates against the R4 schema and the IG required elements', async () => {
		const b = pgxFhirBundle(demo, await loadPgxCodes());
		expectValidR4(b);
		const n = expectIgPgxBundle(b);
		expect(n.genotypes).toBe(demo.genes.length);
		expect(n.implications).toBe(demo.recommendations.length);
		expect(n.tasks).toBe(demo.recommendations.length);
		// Stable: the same report gives the same bundle.
		expect(JSON.stringify(pgxFhirBundle(demo, await loadPgxCodes()))).toBe(JSON.stringify(b));
		// The schema really checks: a wrong status is refused.
		const broken = structuredClone(b);
		(broken.entry[0].resource as unknown as { status: string }).status = 'done-ish';
		expect(() => expectValidR4(broken)).toThrow();
	});

	it.each(FIXTURES)('fixture %s: bundle validates (schema + IG)', async (name) => {
		const bytes = new Uint8Array(fs.readFileSync(path.join(root, 'tests/fixtures/genome', name)));
		const r = await reportOf(bytes, name);
		const b = pgxFhirBundle(r, await loadPgxCodes());
		expectValidR4(b);
		expect(expectIgPgxBundle(b).genotypes).toBe(r.genes.length);
	});
});
