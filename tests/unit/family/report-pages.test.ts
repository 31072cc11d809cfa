/**
 * The family clinician PDF for the real GIAB trio (../shared) with a published compound
 * heterozygous case spiked in: page 1 carries the title, the family checks and "Page 1 of N";
 * the summary (family checks, ranked genes, phenotype, limits) takes at most two pages and the
 * appendix follows. Skips cleanly when ../shared is absent.
 */
import { describe, expect, it } from 'vitest';
import { getDocumentProxy } from 'unpdf';
import { bytesToStream } from '../../../src/lib/genome/index';
import { analyseFamily, buildFamilyReport, familyReportLayout, parsePed, readFamilyVcf } from '../../../src/lib/family/index';
import { loadRareKbNode } from '../../../src/lib/rare/kb-node';
import { renderReportPdf } from '../../../src/lib/report/pdf';
import { readReportFonts } from '../../../src/lib/report/node';
import { HAVE_TRIO, loadSpikeCases, spikeGenotypes, spikeVcf, trioText, TRIO_PED_AFFECTED } from './spike';

if (!HAVE_TRIO) console.log('[family tests] skipping the family PDF page test: ../shared/data/background or the phenopackets are absent');

describe.skipIf(!HAVE_TRIO)('family clinician PDF on the real trio (needs ../shared)', () => {
	it('summary on at most two pages, page 1 with the checks and "Page 1 of N"', async () => {
		const kb = await loadRareKbNode();
		const c = loadSpikeCases().filter((x) => x.category === 'compound heterozygous')[0];
		const bytes = new TextEncoder().encode(spikeVcf(trioText('b38'), spikeGenotypes(c)));
		const read = await readFamilyVcf(bytesToStream(bytes), { kb });
		const ids = ['HG002', 'HG003', 'HG004'];
		const result = await analyseFamily(kb, {
			samples: read.samples,
			pedigree: parsePed(TRIO_PED_AFFECTED),
			sources: [{ name: 'AshkenaziTrio.vcf.gz', samples: ids, open: () => bytesToStream(read.regionVcf), records: read.records }],
			query: { observed: c.hpo, excluded: [] },
			top: 50
		});
		const layout = familyReportLayout(buildFamilyReport(result, { reportDate: '2026-03-01T10:00:00.000Z' }));
		const pdf = await getDocumentProxy(new Uint8Array(await renderReportPdf(layout, readReportFonts())));
		const n = pdf.numPages;
		const pages: string[] = [];
		for (let i = 1; i <= Math.min(n, 4); i++) {
			const content = await (await pdf.getPage(i)).getTextContent();
			pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' '));
		}
		expect(pages[0]).toContain('Family rare-disease report');
		expect(pages[0]).toContain('Report date 2026-03-01');
		expect(pages[0]).toContain(`Page 1 of ${n}`);
		expect(pages[0]).toContain('Family and checks');
		const appendix = pages.findIndex((p) => p.includes('Appendix'));
		expect(appendix, 'the appendix follows the summary').toBeGreaterThan(0);
		expect(appendix, 'the summary takes at most two pages').toBeLessThanOrEqual(2);
		const summary = pages.slice(0, appendix).join(' ');
		for (const title of ['Relatedness from the DNA', 'agrees with the stated pedigree', 'Ranked candidate genes', 'Limits']) expect(summary).toContain(title);
		expect(summary).toContain(c.gene);
	}, 120_000);
});
