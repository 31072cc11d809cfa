/**
 * The rare-disease clinician PDF's summary fits two pages for a realistic case (issue 14): ten HPO
 * terms (observed and excluded), a genome with candidate variants in forty disease genes (long
 * indels included), a user ClinVar release and a gnomAD file (their releases in the header), and
 * the warnings an unannotated VCF brings. Page 1 carries the date and "Page 1 of N"; the appendix
 * (evidence per gene) starts on page 2 or 3; every page says "Page k of N".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocumentProxy } from 'unpdf';
import { analyseRare, buildRareReport, readClinVar, readGnomad, rareReportLayout, textStream, type RareKb, type RareResult } from '../../../src/lib/rare/index';
import { renderReportPdf } from '../../../src/lib/report/pdf';
import { readReportFonts } from '../../../src/lib/report/node';
import { cdsPosition, kb as loadKb, vcf } from '../rare/helpers';

const OBSERVED = ['HP:0002373', 'HP:0011166', 'HP:0001250', 'HP:0002376', 'HP:0001263', 'HP:0001252', 'HP:0000729', 'HP:0002069'];
const EXCLUDED = ['HP:0000252', 'HP:0001627'];

let kb: RareKb;
let result: RareResult;
beforeAll(async () => {
	kb = await loadKb();
	const models = await kb.genes('GRCh38');
	const genes = ['SCN1A', ...[...kb.annotations.byGene.keys()].filter((g) => models.bySymbol.has(g)).slice(0, 39)];
	const records: [string, number, string, string, string][] = [];
	genes.forEach((g, i) => {
		const m = models.bySymbol.get(g)!;
		let pos: number;
		try {
			pos = cdsPosition(m, 30);
		} catch {
			return;
		}
		records.push([m.chrom, pos, i % 5 === 0 ? 'ACGTACGTACGTACGTACGT' : 'C', i % 5 === 0 ? 'A' : 'T', i % 4 === 0 ? '1/1' : '0/1']);
	});
	const scn1a = cdsPosition(models.bySymbol.get('SCN1A')!, 60);
	records.push(['2', scn1a, 'G', 'A', '0/1']);
	const clinvar = await readClinVar(
		textStream(
			[
				'##fileformat=VCFv4.1',
				'##fileDate=2025-06-03',
				'##reference=GRCh38',
				'##INFO=<ID=CLNSIG,Number=.,Type=String,Description="x">',
				'#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
				`2\t${scn1a}\t68000\tG\tA\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=reviewed_by_expert_panel;GENEINFO=SCN1A:6323`
			].join('\n')
		)
	);
	const gnomad = await readGnomad(
		textStream(['##fileformat=VCFv4.2', '##reference=GRCh38', '##INFO=<ID=AF,Number=A,Type=Float,Description="x">', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO', `chr2\t${scn1a}\t.\tG\tA\t.\tPASS\tAF=1e-06`].join('\n')),
		kb,
		{ fileName: 'gnomad.exomes.v4.1.sites.chr2.vcf.bgz' }
	);
	result = await analyseRare(kb, {
		query: { observed: OBSERVED, excluded: EXCLUDED, sex: 'female' },
		vcf: { stream: textStream(vcf(records.sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]))), name: 'exome-case.vcf' },
		clinvar,
		gnomad,
		top: 100
	});
});

describe('rare-disease clinician PDF (realistic case)', () => {
	it('the summary takes at most two pages; the header names the user ClinVar and gnomAD releases', async () => {
		expect(result.genes.filter((g) => g.variants.length).length).toBeGreaterThanOrEqual(8);
		const model = buildRareReport(result, { patientName: 'Test Child', dateOfBirth: '2019-05-04', reportDate: '2026-03-01T10:00:00.000Z', sourceSha256: 'ab'.repeat(32) });
		expect(model.header.sources).toEqual(
			expect.arrayContaining([
				{ name: 'ClinVar (user-supplied)', version: '2025-06-03' },
				{ name: 'gnomAD (user-supplied)', version: 'v4.1' }
			])
		);
		const bytes = await renderReportPdf(rareReportLayout(model), readReportFonts());
		const pdf = await getDocumentProxy(new Uint8Array(bytes));
		const n = pdf.numPages;
		const pages: string[] = [];
		for (let i = 1; i <= n; i++) {
			const c = await (await pdf.getPage(i)).getTextContent();
			pages.push(c.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' '));
		}
		expect(pages[0]).toContain('Rare-disease gene ranking report');
		expect(pages[0]).toContain('Report date 2026-03-01');
		expect(pages[0]).toContain('SCN1A');
		const appendix = pages.findIndex((p) => p.includes('Appendix — full detail'));
		expect(appendix, 'the appendix follows the summary').toBeGreaterThan(0);
		expect(appendix, 'the summary takes at most two pages').toBeLessThanOrEqual(2);
		const summary = pages.slice(0, appendix).join(' ');
		for (const title of ['Ranked candidate genes', 'Phenotype (HPO terms)', 'Limits']) expect(summary).toContain(title);
		expect(pages[appendix]).toContain('Evidence per gene');
		pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${n}`));
	});
});
