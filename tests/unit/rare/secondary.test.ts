/**
 * Opt-in ACMG SF v3.3 secondary findings and ACMG 2021 carrier screening: the re-keyed gene lists
 * against the publication, and the reporting rules on small VCFs with a tiny ClinVar VCF.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
	analyseRare,
	buildRareReport,
	CARRIER_GENES,
	rareReportLayout,
	readRareReport,
	findSecondary,
	readClinVar,
	secondaryFromFile,
	SF_GENES,
	textStream,
	type ClinVarDb,
	type GeneModels,
	type RareKb,
	type RareResult,
	type SecondaryOptIn
} from '../../../src/lib/rare/index';
import { cdsPosition, kb as loadKb, vcf } from './helpers';

const QUERY = { observed: ['HP:0001250'], excluded: [], sex: 'female' as const };
const BOTH: SecondaryOptIn = { secondaryFindings: true, carrier: true };

/** A tiny ClinVar VCF as NCBI writes it (no "chr", CLNSIG/CLNREVSTAT/GENEINFO/MC). */
function clinvarVcf(rows: [string, number, string, string, string, string, string, string?][]): string {
	const lines = [
		'##fileformat=VCFv4.1',
		'##fileDate=2025-06-01',
		'##reference=GRCh38',
		'##INFO=<ID=CLNSIG,Number=.,Type=String,Description="Clinical significance">',
		'#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO'
	];
	rows.forEach(([c, p, r, a, sig, revstat, gene, mc], i) =>
		lines.push(`${c}\t${p}\t${9000 + i}\t${r}\t${a}\t.\t.\tCLNSIG=${sig};CLNREVSTAT=${revstat};GENEINFO=${gene}:1${mc ? `;MC=${mc}` : ''}`)
	);
	return lines.join('\n') + '\n';
}
const TWO_STARS = 'criteria_provided,_multiple_submitters,_no_conflicts';
const ZERO_STARS = 'no_assertion_criteria_provided';

let kb: RareKb;
let models: GeneModels;
const at: Record<string, number> = {};
beforeAll(async () => {
	kb = await loadKb();
	models = await kb.genes('GRCh38');
	for (const g of ['BRCA1', 'BTD', 'TTN', 'CFTR', 'LDLR', 'GLA']) at[g] = cdsPosition(models.bySymbol.get(g)!, 30);
});

async function run(records: Parameters<typeof vcf>[0], clinvar: ClinVarDb | null, optIn: SecondaryOptIn = BOTH, sex: 'male' | 'female' | 'unknown' = 'female'): Promise<RareResult> {
	return analyseRare(kb, { query: { ...QUERY, sex }, vcf: { stream: textStream(vcf(records)), name: 'case.vcf' }, clinvar, optIn, top: 5 });
}
const chr = (g: string) => models.bySymbol.get(g)!.chrom;

describe('ACMG SF v3.3 and carrier gene lists (re-keyed from the publications)', () => {
	it('has 84 distinct SF genes: the 81 of v3.2 plus ABCD1, CYP27A1 and PLN', () => {
		const genes = SF_GENES.map((g) => g.gene);
		expect(genes.length).toBe(84);
		expect(new Set(genes).size).toBe(84);
		expect(SF_GENES.filter((g) => g.since === '3.3').map((g) => g.gene)).toEqual(['ABCD1', 'CYP27A1', 'PLN']);
		expect(SF_GENES.filter((g) => g.since === '3.2').map((g) => g.gene)).toEqual(['CALM1', 'CALM2', 'CALM3']);
		expect(SF_GENES.filter((g) => g.since === '3.1').map((g) => g.gene)).toEqual(['BAG3', 'DES', 'RBM20', 'TNNC1', 'TTR']);
		expect(SF_GENES.filter((g) => g.category === 'Cancer').length).toBe(28);
	});

	it('spot-checks entries against the publication table', () => {
		const g = (s: string) => SF_GENES.find((x) => x.gene === s)!;
		expect(g('HFE')).toMatchObject({ inheritance: 'AR', variantsToReport: 'p.C282Y homozygotes only', report: 'hfe-c282y-homozygote' });
		expect(g('TTN')).toMatchObject({ inheritance: 'AD', variantsToReport: 'P and LP (truncating variants only)', report: 'truncating' });
		expect(g('BTD')).toMatchObject({ inheritance: 'AR', category: 'Metabolic', variantsToReport: 'P and LP (2 variants)', report: 'biallelic' });
		expect(g('GLA')).toMatchObject({ inheritance: 'XL', variantsToReport: 'All hemi, het, homozygous P and LP', report: 'all' });
		expect(g('ABCD1')).toMatchObject({ inheritance: 'XL', condition: 'X-linked adrenoleukodystrophy', report: 'hemi-hom-or-two' });
		expect(g('BRCA1')).toMatchObject({ inheritance: 'AD', category: 'Cancer', variantsToReport: 'All P and LP', report: 'all' });
		expect(g('MUTYH')).toMatchObject({ inheritance: 'AR', report: 'biallelic' });
		expect(g('TRDN')).toMatchObject({ inheritance: 'AR', variantsToReport: 'All P and LP', report: 'biallelic' });
		expect(g('PLN')).toMatchObject({ inheritance: 'AD', condition: 'Dilated cardiomyopathy' });
		// every AR gene needs two variants (or is HFE's named homozygote)
		for (const x of SF_GENES.filter((s) => s.inheritance === 'AR')) expect(['biallelic', 'hfe-c282y-homozygote']).toContain(x.report);
	});

	it('has 113 carrier genes: 97 autosomal recessive and 16 X-linked', () => {
		expect(CARRIER_GENES.length).toBe(113);
		expect(new Set(CARRIER_GENES.map((g) => g.gene)).size).toBe(113);
		expect(CARRIER_GENES.filter((g) => g.inheritance === 'AR').length).toBe(97);
		expect(CARRIER_GENES.filter((g) => g.inheritance === 'XL').map((g) => g.gene)).toEqual(['ABCD1', 'AFF2', 'ARX', 'DMD', 'F8', 'F9', 'FMR1', 'GLA', 'L1CAM', 'MID1', 'NR0B1', 'OTC', 'PLP1', 'RPGR', 'RS1', 'SLC6A8']);
		for (const s of ['CFTR', 'HBB', 'SMN1', 'HEXA', 'GJB2']) expect(CARRIER_GENES.some((g) => g.gene === s)).toBe(true);
		expect(CARRIER_GENES.some((g) => g.gene === 'BRCA1')).toBe(false);
	});
});

describe('secondary findings and carrier status on small genomes', () => {
	it('is absent unless opted in', async () => {
		const cv = await readClinVar(textStream(clinvarVcf([[chr('BRCA1'), at.BRCA1, 'C', 'T', 'Pathogenic', TWO_STARS, 'BRCA1']])));
		const r = await run([[chr('BRCA1'), at.BRCA1, 'C', 'T', '0/1']], cv, {});
		expect(r.secondary).toBeUndefined();
		// no section, and (Seizure does not fit BRCA1's diseases) BRCA1 is withheld from the ranking; the warning counts, never names
		expect(JSON.stringify(r)).not.toMatch(/BRCA1/);
		expect(r.warnings.join('\n')).toMatch(/left out of the ranking/);
	});

	it('a heterozygous ClinVar P/LP variant in a dominant SF gene is a finding, with its stars', async () => {
		const cv = await readClinVar(textStream(clinvarVcf([[chr('BRCA1'), at.BRCA1, 'C', 'T', 'Pathogenic', TWO_STARS, 'BRCA1']])));
		const r = await run([[chr('BRCA1'), at.BRCA1, 'C', 'T', '0/1']], cv);
		const f = r.secondary!.secondaryFindings!;
		expect(f.map((x) => x.gene)).toEqual(['BRCA1']);
		expect(f[0]).toMatchObject({ status: 'reportable', inheritance: 'AD', phaseUnknown: false });
		expect(f[0].variants[0]).toMatchObject({ zygosity: 'het', evidence: 'clinvar', clinvar: { significance: 'pathogenic', stars: 2 } });
		expect(r.secondary!.carrier).toEqual([]);
		expect(r.secondary!.clinvar).toEqual({ release: '2025-06-01', minStars: 1 });
		// genes read only for the opt-in stay out of the ranking's variant count
		expect(r.genes.length).toBeGreaterThan(0);
	});

	it('one heterozygous P/LP variant in a recessive SF gene is not a finding (carrier only); two are', async () => {
		const p2 = at.BTD + 3;
		const cv = await readClinVar(
			textStream(clinvarVcf([[chr('BTD'), at.BTD, 'G', 'A', 'Likely_pathogenic', TWO_STARS, 'BTD'], [chr('BTD'), p2, 'C', 'T', 'Pathogenic', 'criteria_provided,_single_submitter', 'BTD']]))
		);
		const one = await run([[chr('BTD'), at.BTD, 'G', 'A', '0/1']], cv);
		expect(one.secondary!.secondaryFindings).toEqual([]);
		expect(one.secondary!.carrier!.map((c) => [c.gene, c.status])).toEqual([['BTD', 'carrier']]);

		const two = await run([[chr('BTD'), at.BTD, 'G', 'A', '0/1'], [chr('BTD'), p2, 'C', 'T', '0/1']], cv);
		expect(two.secondary!.secondaryFindings!.map((x) => [x.gene, x.phaseUnknown])).toEqual([['BTD', true]]);
		expect(two.secondary!.carrier![0]).toMatchObject({ gene: 'BTD', status: 'more-than-carrier', phaseUnknown: true });

		const hom = await run([[chr('BTD'), at.BTD, 'G', 'A', '1/1']], cv);
		expect(hom.secondary!.secondaryFindings!.map((x) => [x.gene, x.phaseUnknown])).toEqual([['BTD', false]]);
	});

	it('benign, uncertain and 0-star variants are never findings', async () => {
		const p = at.LDLR;
		const cv = await readClinVar(
			textStream(
				clinvarVcf([
					[chr('BRCA1'), at.BRCA1, 'C', 'T', 'Benign', TWO_STARS, 'BRCA1'],
					[chr('LDLR'), p, 'G', 'A', 'Pathogenic', ZERO_STARS, 'LDLR'],
					[chr('LDLR'), p + 3, 'G', 'A', 'Uncertain_significance', TWO_STARS, 'LDLR'],
					[chr('CFTR'), at.CFTR, 'G', 'A', 'Conflicting_classifications_of_pathogenicity', 'criteria_provided,_conflicting_classifications', 'CFTR']
				])
			)
		);
		const r = await run(
			[
				[chr('BRCA1'), at.BRCA1, 'C', 'T', '0/1'],
				[chr('LDLR'), p, 'G', 'A', '0/1'],
				[chr('LDLR'), p + 3, 'G', 'A', '0/1'],
				[chr('CFTR'), at.CFTR, 'G', 'A', '0/1']
			],
			cv
		);
		expect(r.secondary!.secondaryFindings).toEqual([]);
		expect(r.secondary!.carrier).toEqual([]);
		expect(r.secondary!.notAssessed.join(' ')).toMatch(/1 variant\(s\) that ClinVar lists as disease-causing without review criteria \(0 stars\) were not counted/);
	});

	it('without ClinVar says what could not be assessed; a rare frameshift in a haploinsufficient gene is only "possible"', async () => {
		const miss = await run([[chr('BRCA1'), at.BRCA1, 'C', 'T', '0/1']], null);
		const s = miss.secondary!;
		expect(s.secondaryFindings).toEqual([]);
		expect(s.clinvar).toBeNull();
		const text = s.notAssessed.join('\n');
		expect(text).toMatch(/no ClinVar file was given, so known disease-causing variants could not be looked up/);
		expect(text).toMatch(new RegExp(`in the other ${84 - s.lofGenes.length} genes nothing could be assessed`));
		expect(text).toMatch(/Carrier screening: not assessed/);
		expect(text).toMatch(/not reassurance/);
		expect(s.lofGenes).toContain('BRCA1');
		expect(s.lofGenes).not.toContain('APOB'); // haploinsufficient, but familial hypercholesterolaemia is not a loss-of-function condition there
		expect(s.lofGenes).not.toContain('BTD'); // recessive

		const fs = await run([[chr('BRCA1'), at.BRCA1, 'AC', 'A', '0/1']], null);
		const f = fs.secondary!.secondaryFindings!;
		expect(f.map((x) => [x.gene, x.status])).toEqual([['BRCA1', 'possible']]);
		expect(f[0].variants[0]).toMatchObject({ evidence: 'predicted-lof', consequence: 'frameshift_variant' });
		// common in the population → not counted
		const common = await run([[chr('BRCA1'), at.BRCA1, 'AC', 'A', '0/1', 'gnomAD_AF=0.01']], null);
		expect(common.secondary!.secondaryFindings).toEqual([]);
	});

	it('TTN counts truncating P/LP only; HFE only a p.C282Y homozygote', async () => {
		const t = at.TTN;
		const cv = await readClinVar(
			textStream(
				clinvarVcf([
					[chr('TTN'), t, 'G', 'A', 'Pathogenic', TWO_STARS, 'TTN', 'SO:0001583|missense_variant'],
					[chr('TTN'), t + 6, 'G', 'A', 'Pathogenic', TWO_STARS, 'TTN', 'SO:0001587|nonsense'],
					['6', 26092913, 'G', 'A', 'Pathogenic', TWO_STARS, 'HFE']
				])
			)
		);
		const missense = await run([[chr('TTN'), t, 'G', 'A', '0/1']], cv);
		expect(missense.secondary!.secondaryFindings).toEqual([]);
		const nonsense = await run([[chr('TTN'), t + 6, 'G', 'A', '0/1']], cv);
		expect(nonsense.secondary!.secondaryFindings!.map((x) => x.gene)).toEqual(['TTN']);

		const het = await run([['6', 26092913, 'G', 'A', '0/1', 'gnomAD_AF=0.06']], cv);
		expect(het.secondary!.secondaryFindings).toEqual([]);
		const hom = await run([['6', 26092913, 'G', 'A', '1/1', 'gnomAD_AF=0.06']], cv);
		expect(hom.secondary!.secondaryFindings!.map((x) => [x.gene, x.status])).toEqual([['HFE', 'reportable']]);
	});

	it('X-linked: GLA heterozygous female is a finding; a carrier-list X gene in a male is more than carrier status', async () => {
		const cv = await readClinVar(textStream(clinvarVcf([['X', at.GLA, 'G', 'A', 'Pathogenic', TWO_STARS, 'GLA']])));
		const female = await run([['X', at.GLA, 'G', 'A', '0/1']], cv, BOTH, 'female');
		expect(female.secondary!.secondaryFindings!.map((x) => x.gene)).toEqual(['GLA']);
		expect(female.secondary!.carrier!.map((c) => [c.gene, c.status])).toEqual([['GLA', 'carrier']]);
		const male = await run([['X', at.GLA, 'G', 'A', '1']], cv, BOTH, 'male');
		expect(male.secondary!.carrier!.map((c) => [c.gene, c.status])).toEqual([['GLA', 'more-than-carrier']]);
	});

	it('consumer arrays: only known variants; without ClinVar nothing is assessed and it says so', () => {
		const none = findSecondary([], { optIn: BOTH, format: 'array', build: 'GRCh37', sex: 'female', clinvar: null, models });
		expect(none.secondaryFindings).toEqual([]);
		expect(none.notAssessed.join('\n')).toMatch(/Secondary findings: not assessed — a genotyping array/);
		expect(none.notAssessed.join('\n')).toMatch(/Carrier screening: not assessed/);
		const only = findSecondary([], { optIn: { carrier: true }, format: 'array', build: 'GRCh37', sex: 'female', clinvar: null, models });
		expect(only.secondaryFindings).toBeNull();
		expect(only.carrier).toEqual([]);
	});
});

describe('rare report: the opt-in section', () => {
	it('has its own section only when chosen, and survives a read of the received JSON', async () => {
		const cv = await readClinVar(textStream(clinvarVcf([[chr('BRCA1'), at.BRCA1, 'C', 'T', 'Pathogenic', TWO_STARS, 'BRCA1']])));
		const opted = buildRareReport(await run([[chr('BRCA1'), at.BRCA1, 'C', 'T', '0/1']], cv));
		expect(opted.secondary!.secondaryFindings!.map((f) => f.gene)).toEqual(['BRCA1']);
		expect(opted.secondary!.carrier).toEqual([]);
		const titles = rareReportLayout(opted).summary.map((s) => s.title);
		expect(titles).toContain('Secondary findings and carrier screening (opted in)');
		const back = readRareReport(JSON.parse(JSON.stringify(opted)));
		expect(back.secondary).toEqual(opted.secondary);

		const plain = buildRareReport(await run([[chr('BRCA1'), at.BRCA1, 'C', 'T', '0/1']], cv, {}));
		expect(plain.secondary).toBeUndefined();
		expect(rareReportLayout(plain).summary.map((s) => s.title)).not.toContain('Secondary findings and carrier screening (opted in)');
	});
});

describe('consumer array file (known variants only)', () => {
	it('checks only arrayed ClinVar sites and says how many of the known ones the file tested', async () => {
		const m37 = await kb.genes('GRCh37');
		const b = cdsPosition(m37.bySymbol.get('BRCA1')!, 30);
		const rows = ['# SYNTHETIC test data in 23andMe format (not a real person).', '# We are using reference human assembly build 37 (also known as Annotation Release 104).', '# rsid\tchromosome\tposition\tgenotype'];
		for (let i = 1; i <= 40; i++) rows.push(`rs${1000 + i}\t1\t${1_000_000 + i * 1000}\tAG`);
		rows.push(`rs99\t17\t${b}\tCT`);
		const text = rows.join('\n') + '\n';
		const cvText = clinvarVcf([
			['17', b, 'C', 'T', 'Pathogenic', TWO_STARS, 'BRCA1'],
			['17', b + 9, 'G', 'A', 'Pathogenic', TWO_STARS, 'BRCA1']
		]).replace('##reference=GRCh38', '##reference=GRCh37');
		const clinvar = await readClinVar(textStream(cvText));
		const r = await secondaryFromFile(kb, { file: { open: () => textStream(text), name: 'genome.txt' }, optIn: BOTH, sex: 'female', clinvar });
		expect(r.input.format).toBe('array');
		expect(r.secondaryFindings!.map((f) => f.gene)).toEqual(['BRCA1']);
		expect(r.notAssessed.join('\n')).toMatch(/of the 2 single-letter variants in the 84 genes that ClinVar calls disease-causing, this file tested 1/);
	});
});
