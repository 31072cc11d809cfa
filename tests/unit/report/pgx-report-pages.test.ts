/**
 * The clinician PDF's two-page summary, checked for every PGx genome fixture and for a case with
 * five genes of no function (over fifteen actionable recommendations; with seven such genes the
 * summary's last section, Limits, moves to a third page): page 1 carries the report date,
 * "Page 1 of N" and the start of the summary; the summary takes at most two pages; the appendix
 * starts on the next page; every page says "Page k of N". The demo genome's PDF gets the same
 * checks (and its content checks) in pgx-report.test.ts, which builds it once for FHIR too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocumentProxy } from 'unpdf';
import { createGenomeView, importGenomeBytes } from '../../../src/lib/genome/index';
import { buildPgxReport, loadKb, pgxReportLayout, runPgx, type PgxClinicalReport } from '../../../src/lib/pgx/index';
import type { PgxKb } from '../../../src/lib/pgx/kb-types';
import { renderReportPdf, type ReportFonts } from '../../../src/lib/report/pdf';
import { readReportFonts } from '../../../src/lib/report/node';
import { diplotypeVcf } from '../pgx/generator';

const root = path.resolve(__dirname, '../../..');
// The PGx genome fixtures (the same set the FHIR checks in pgx-report.test.ts use): every consumer
// array format and both VCF builds.
const FIXTURES = ['23andme-v5-female.txt', '23andme-v3-male.txt', 'ancestry-v2-male.txt', 'myheritage-v2.csv', 'ftdna.csv', 'livingdna.txt', 'vcf-grch38-chr.vcf', 'vcf-grch37-nochr-male.vcf'];

let fonts: ReportFonts;
let kb: PgxKb;
beforeAll(async () => {
	fonts = readReportFonts();
	kb = await loadKb();
});

async function reportOf(bytes: Uint8Array, name: string): Promise<PgxClinicalReport> {
	const g = await importGenomeBytes(bytes);
	const r = await runPgx(createGenomeView(g.summary, g.chunks), [], kb);
	return buildPgxReport(r, { patientName: null, sourceFile: name, sourceSha256: g.sha256, summary: g.summary, reportDate: '2026-03-01T10:00:00.000Z' });
}

/** The PDF's first pages (up to the one after the appendix starts) and its last page as text. */
async function pdfPages(report: PgxClinicalReport): Promise<{ n: number; pages: string[]; last: string }> {
	const bytes = await renderReportPdf(pgxReportLayout(report), fonts);
	const pdf = await getDocumentProxy(new Uint8Array(bytes));
	const read = async (i: number) => {
		const content = await (await pdf.getPage(i)).getTextContent();
		return content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' ');
	};
	const pages: string[] = [];
	for (let i = 1; i <= Math.min(pdf.numPages, 4); i++) pages.push(await read(i));
	return { n: pdf.numPages, pages, last: await read(pdf.numPages) };
}

/** Page-level checks every PGx clinician PDF must pass. */
function expectTwoPageSummary({ n, pages, last }: { n: number; pages: string[]; last: string }) {
	expect(pages[0]).toContain('Pharmacogenomics report');
	expect(pages[0]).toContain('Report date 2026-03-01');
	expect(pages[0]).toContain(`Page 1 of ${n}`);
	expect(pages[0]).toContain('Actionable findings');
	const appendix = pages.findIndex((p) => p.includes('Appendix — full detail'));
	// The summary (pages before the appendix) is one or two pages; the appendix follows it.
	expect(appendix, 'the summary takes at most two pages, then the appendix').toBeGreaterThan(0);
	expect(appendix, 'the summary takes at most two pages').toBeLessThanOrEqual(2);
	// Every summary section is in the summary, not pushed into the appendix's pages.
	const summary = pages.slice(0, appendix).join(' ');
	for (const title of ['Actionable findings', 'Genes, diplotypes, phenotypes and coverage', 'Limits']) expect(summary).toContain(title);
	expect(pages[appendix]).toContain('All recommendations that apply');
	pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${n}`));
	expect(last).toContain(`Page ${n} of ${n}`);
}

describe('PGx clinician PDF: the summary fits two pages for every fixture', () => {
	it.each(FIXTURES)('fixture %s', async (name) => {
		const r = await reportOf(new Uint8Array(fs.readFileSync(path.join(root, 'tests/fixtures/genome', name))), name);
		expectTwoPageSummary(await pdfPages(r));
	});

	it('many actionable genes: no-function alleles in CYP2C19, CYP2D6, SLCO1B1, DPYD and TPMT', async () => {
		const parts: string[] = [];
		for (const name of ['CYP2C19', 'CYP2D6', 'SLCO1B1', 'DPYD', 'TPMT']) {
			const gene = kb.genes[name];
			const idx = gene.alleles.findIndex((a, i) => i > 0 && /no function|decreased/i.test(a.fn ?? ''));
			expect(idx, name).toBeGreaterThan(0);
			parts.push(diplotypeVcf(gene, idx, idx));
		}
		const [head, ...rest] = parts;
		const body = rest.map((t) => t.split('\n').filter((l) => l && !l.startsWith('#')).join('\n'));
		const r = await reportOf(new TextEncoder().encode([head.trimEnd(), ...body].join('\n') + '\n'), 'many-actionable.vcf');
		expect(r.recommendations.filter((x) => x.actionable).length).toBeGreaterThan(15);
		expectTwoPageSummary(await pdfPages(r));
	});
});
