/**
 * Matching rules case by case on the fixtures (tests/fixtures/prs): same orientation, swapped,
 * strand flip, flipped+swapped, ambiguous (dropped / kept with a frequency), multi-allelic,
 * missing (absent, no call, not harmonised), mismatched, array indels, wrong build; dosage models;
 * the 75 % threshold; the reference distribution.
 */
import { describe, expect, it } from 'vitest';
import { MIN_MATCH_RATE, logRow, makeLogTable, prsJson, runPrs, variantMoments } from '../../../src/lib/prs/index';
import { genome, score, scoreText } from './helpers';

/** Status and dosage per rsID. */
async function statuses(genomeName: string, scoreName: string, keepAmbiguous = false) {
	const s = await score(scoreName);
	const g = await genome(genomeName);
	const r = runPrs(s, g, { keepAmbiguous });
	const t = makeLogTable(s, r);
	const by: Record<string, { status: string; dosage: number | null; contribution: number | null }> = {};
	for (let i = 0; i < s.n; i++) {
		const row = logRow(t, i);
		by[row.rsid ?? String(i)] = { status: row.status, dosage: row.dosage, contribution: row.contribution };
	}
	return { r, by };
}

describe('matching a VCF (REF known)', () => {
	it('labels every rule as pgsc_calc does', async () => {
		const { by } = await statuses('genome-grch37.vcf', 'rules.txt');
		expect(by.rs1000).toEqual({ status: 'same', dosage: 1, contribution: 0.1 });
		expect(by.rs2000).toEqual({ status: 'swapped', dosage: 0, contribution: 0 }); // REF = effect allele, 1/1
		expect(by.rs3000).toMatchObject({ status: 'flipped', dosage: 1 });
		expect(by.rs4000.status).toBe('ambiguous');
		expect(by.rs5000.status).toBe('multiallelic');
		expect(by.rs6000.status).toBe('not-in-file');
		expect(by.rs7000.status).toBe('mismatched');
		expect(by.rs8000.status).toBe('no-call');
		expect(by.rs9000.status).toBe('ambiguous');
		expect(by.rs14000).toMatchObject({ status: 'flipped-swapped', dosage: 1 });
		expect(by.rs13000).toMatchObject({ status: 'same', dosage: 1, contribution: 0.25 }); // indel by text
	});

	it('dominant, recessive and per-dosage weights', async () => {
		const { by } = await statuses('genome-grch37.vcf', 'rules.txt');
		expect(by.rs10000).toMatchObject({ dosage: 2, contribution: 0.5 }); // dominant: w once
		expect(by.rs11000).toMatchObject({ dosage: 1, contribution: 0 }); // recessive: needs 2 copies
		expect(by.rs12000).toMatchObject({ dosage: 2, contribution: 0.9 }); // dosage_2_weight
	});

	it('--keep-ambiguous keeps an A/T or C/G site only when its effect-allele frequency is far from 50 %', async () => {
		const { by, r } = await statuses('genome-grch37.vcf', 'rules.txt', true);
		expect(by.rs9000).toMatchObject({ status: 'ambiguous-kept', dosage: 1, contribution: 0.9 }); // AF 0.1
		expect(by.rs4000.status).toBe('ambiguous'); // AF 0.5
		expect(r.dropped.ambiguous).toBe(1);
	});

	it('counts, match rate, raw score and the HWE reference over exactly the matched variants', async () => {
		const { r } = await statuses('genome-grch37.vcf', 'rules.txt');
		const j = prsJson(r);
		expect(Object.keys(j)).toEqual(['score', 'matched', 'matchRate', 'dropped', 'rawScore', 'reference', 'percentile', 'warnings']);
		expect(j.score).toEqual({ id: 'PGS900001', name: 'QENOME_RULES', trait: 'Test trait (synthetic)', build: 'GRCh37', variants: 43 });
		expect(j.dropped).toEqual({ ambiguous: 2, multiallelic: 1, missing: 2, mismatched: 1 });
		expect(j.matched).toBe(37);
		expect(j.matchRate).toBeCloseTo(37 / 43, 12);
		// 0.1 + 0 + 0.3 + 0.5 + 0 + 0.9 + 0.25 + 0.15 + 29-variant tail: dosages 0,1,2 of T (genotypes CC, CT, TT) × 0.01
		let tail = 0;
		for (let i = 0; i < 29; i++) tail += (i % 3) * 0.01;
		expect(j.rawScore).toBeCloseTo(0.1 + 0.3 + 0.5 + 0.9 + 0.25 + 0.15 + tail, 12);
		// additive variant: mean 2pw, variance 2p(1-p)w²
		const s = await score('rules.txt');
		expect(variantMoments(s, 0, 0.3).mean).toBeCloseTo(2 * 0.3 * 0.1, 12);
		expect(variantMoments(s, 0, 0.3).variance).toBeCloseTo(2 * 0.3 * 0.7 * 0.01, 12);
		expect(j.reference!.source).toMatch(/Hardy–Weinberg/);
		expect(j.percentile).toBeGreaterThan(50);
		expect(r.caveats.join(' ')).toMatch(/ancestr/i);
		expect(j.warnings.join(' ')).toMatch(/VCF.*missing, never as reference/);
	});

	it('no frequencies → no reference and no percentile, the raw score stays', async () => {
		const text = new TextDecoder().decode((await import('./helpers')).prsFixture('rules.txt')).replace(/\t[0-9.]+\n/g, '\t\n');
		const s = await scoreText(text);
		const r = runPrs(s, await genome('genome-grch37.vcf'));
		expect(r.reference).toBeNull();
		expect(r.percentile).toBeNull();
		expect(r.rawScore).not.toBeNull();
		expect(r.warnings.join(' ')).toMatch(/No percentile/);
	});
});

describe('matching an array (no REF)', () => {
	it('same, flipped, ambiguous, multi-allelic (two calls at one position), array indel, missing', async () => {
		const { by } = await statuses('array-23andme.txt', 'rules.txt');
		expect(by.rs1000).toMatchObject({ status: 'same', dosage: 1 });
		expect(by.rs2000).toMatchObject({ status: 'same', dosage: 2 });
		expect(by.rs3000).toMatchObject({ status: 'flipped', dosage: 2 });
		expect(by.rs7000).toMatchObject({ status: 'flipped', dosage: 2 });
		expect(by.rs4000.status).toBe('ambiguous');
		expect(by.rs5000.status).toBe('multiallelic');
		expect(by.rs8000.status).toBe('no-call');
		expect(by.rs13000.status).toBe('array-indel');
		expect(by.rs9000.status).toBe('not-in-file');
	});
});

describe('builds and thresholds', () => {
	it('uses harmonised hm_chr/hm_pos when only they are in the genome build; unharmonised rows are missing', async () => {
		const { r, by } = await statuses('genome-grch37.vcf', 'harmonised.txt');
		expect(r.coordinates).toBe('harmonised');
		expect(r.score.build).toBe('GRCh37');
		expect(by.rs1000.status).toBe('same');
		expect(by.rs20100).toMatchObject({ status: 'same', dosage: 1 }); // other allele inferred
		expect(by.rs99.status).toBe('no-position');
	});

	it('refuses a score in another build without harmonised positions', async () => {
		const s = await score('wrong-build.txt');
		const g = await genome('genome-grch37.vcf');
		expect(() => runPrs(s, g)).toThrow(expect.objectContaining({ code: 'build-mismatch', message: expect.stringMatching(/GRCh38.*GRCh37.*hmPOS_GRCh37/) }));
	});

	it(`reports no score below a ${MIN_MATCH_RATE * 100} % match rate`, async () => {
		const s = await score('rules.txt');
		const g = await genome('genome-grch37.vcf');
		// keep only the first 14 rows (half of them unmatched)
		const small = await scoreText(new TextDecoder().decode((await import('./helpers')).prsFixture('rules.txt')).split('\n').slice(0, 30).join('\n'));
		const r = runPrs(small, g);
		expect(r.matchRate).toBeLessThan(MIN_MATCH_RATE);
		expect(r.rawScore).toBeNull();
		expect(r.percentile).toBeNull();
		expect(r.reference).toBeNull();
		expect(r.warnings[0]).toMatch(/no score is reported/);
		expect(runPrs(s, g).rawScore).not.toBeNull();
	});
});

describe('user frequencies and the sealed report', () => {
	it('a frequency file for a named population gives the reference (effect or other allele, by position)', async () => {
		const { parseFrequencyFile, prsReportDocument, REPORT_LOG_ROWS } = await import('../../../src/lib/prs/index');
		const s = await score('rules.txt');
		const g = await genome('genome-grch37.vcf');
		const base = runPrs(s, g);
		const lines = ['#population=Synthetic test population', 'chr_name\tchr_position\teffect_allele\tallelefrequency_effect'];
		for (let r = 0; r < s.n; r++) {
			const row = logRow(makeLogTable(s, base), r);
			if (row.dosage === null) continue;
			// every third row given for the other allele (1 − p is used)
			lines.push(r % 3 === 0 && row.other && row.other.length === 1 ? `1\t${s.pos[r]}\t${row.other}\t0.8` : `chr1\t${s.pos[r]}\t${row.effect}\t0.2`);
		}
		const table = parseFrequencyFile(lines.join('\n'));
		expect(table.population).toBe('Synthetic test population');
		const r = runPrs(s, g, { frequencies: table });
		expect(r.reference!.source).toMatch(/"Synthetic test population" \(supplied by the user\)/);
		let mean = 0;
		for (let i = 0; i < s.n; i++) if (r.log.dosage[i] >= 0) mean += variantMomentsMean(s, i);
		expect(r.reference!.mean).toBeCloseTo(mean, 10);
		expect(() => parseFrequencyFile('chr_name\tchr_position\teffect_allele\tallelefrequency_effect\n1\t5\tA\t0.1\n')).toThrow(/population/);
		// the report document carries citation, licence, caveats and the whole log (small score)
		const doc = prsReportDocument({ result: (({ log, ...rest }) => (void log, rest))(r), log: makeLogTable(s, r), fileName: 'rules.txt', computed: '2026-12-04T00:00:00Z' }, 'Test person');
		expect(doc.kind).toBe('qenome-prs-report');
		expect(doc.result.citation).toMatch(/Qenome test fixture/);
		expect(doc.result.license).toMatch(/CC0/);
		expect(doc.log.complete).toBe(s.n <= REPORT_LOG_ROWS);
		expect(doc.log.rows).toHaveLength(s.n);
		expect(JSON.parse(JSON.stringify(doc)).result.score.id).toBe('PGS900001');
	});
});

/** Mean contribution of row i with p = 0.2 (the test's frequencies). */
function variantMomentsMean(s: Awaited<ReturnType<typeof score>>, i: number): number {
	return variantMoments(s, i, 0.2).mean;
}
