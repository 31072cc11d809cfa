/** `qenome rare` as a real process: flags and JSON exactly as issue 12 states; phenopacket import/export. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommandInProcess, runQenome } from '../qenome-cli';
import { parsePhenopacket, toPhenopacket, type RareResult } from '../../../src/lib/rare/index';
import { cdsPosition, kb, vcf } from './helpers';

/** As a real process (one check: the command is registered and prints JSON). */
const qenomeProcess = (...args: string[]) => runQenome(args);
/** In process (fast): the same command module, errors mapped as main.ts does. */
const qenome = (...args: string[]) => runCommandInProcess('rare', args[0] === 'rare' ? args.slice(1) : args);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-rare-'));
let vcfFile = '';
let pos = 0;
beforeAll(async () => {
	const genes = await (await kb()).genes('GRCh38');
	pos = cdsPosition(genes.bySymbol.get('SCN1A')!, 30);
	vcfFile = path.join(dir, 'case.vcf');
	fs.writeFileSync(vcfFile, vcf([['2', pos, 'AC', 'A', '0/1'], ['20', 1000000, 'A', 'G', '1/1']]));
});

const PHENOPACKET = {
	id: 'case-1',
	subject: { id: 'P1', sex: 'FEMALE' },
	phenotypicFeatures: [
		{ type: { id: 'HP:0002373', label: 'Febrile seizure (within the age range of 3 months to 6 years)' } },
		{ type: { id: 'HP:0011166', label: 'Hemiclonic seizure' } },
		{ type: { id: 'HP:0001250', label: 'Seizure' } },
		{ type: { id: 'HP:0002376', label: 'Developmental regression' } },
		{ type: { id: 'HP:0000252', label: 'Microcephaly' }, excluded: true }
	],
	interpretations: [
		{
			id: 'i1',
			diagnosis: {
				disease: { id: 'OMIM:607208', label: 'Dravet syndrome' },
				genomicInterpretations: [
					{
						subjectOrBiosampleId: 'P1',
						interpretationStatus: 'CAUSATIVE',
						variantInterpretation: {
							variationDescriptor: {
								geneContext: { valueId: 'HGNC:10585', symbol: 'SCN1A' },
								vcfRecord: { genomeAssembly: 'hg38', chrom: '2', pos: '166000000', ref: 'A', alt: 'G' },
								allelicState: { id: 'GENO:0000135', label: 'heterozygous' }
							}
						}
					}
				]
			}
		}
	]
};

describe('qenome rare', () => {
	it('--json with a VCF: the issue\'s shape, genes best first, causal gene first (as a real process)', () => {
		const r = qenomeProcess('rare', vcfFile, '--hpo', 'HP:0002373,HP:0011166,HP:0001250', '--hpo', 'HP:0002376', '--exclude-hpo', 'HP:0000252', '--sex', 'female', '--json');
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(Object.keys(j).sort()).toEqual(['build', 'genes', 'hpo', 'warnings']);
		expect(j.hpo.version).toBe('2026-02-16');
		expect(j.build).toBe('GRCh38');
		expect(j.genes.length).toBe(100);
		const g = j.genes[0];
		for (const k of ['gene', 'rank', 'score', 'phenotypeScore', 'variantScore', 'inheritance', 'diseases', 'variants']) expect(g).toHaveProperty(k);
		expect(g.gene).toBe('SCN1A');
		expect(g.rank).toBe(1);
		expect(g.diseases[0]).toEqual({ id: expect.stringMatching(/^(OMIM|ORPHA):/), name: expect.any(String), score: expect.any(Number) });
		expect(g.variants[0]).toMatchObject({ chrom: '2', pos, ref: 'AC', alt: 'A', genotype: '0/1', consequence: 'frameshift_variant' });
		for (let i = 1; i < j.genes.length; i++) expect(j.genes[i].score).toBeLessThanOrEqual(j.genes[i - 1].score);
		expect(j.warnings.some((w: string) => /consequence annotation/.test(w))).toBe(true);
	});

	it('without a VCF ranks by phenotype alone; --top; --phenopacket gives terms and sex', async () => {
		const pp = path.join(dir, 'case.json');
		fs.writeFileSync(pp, JSON.stringify(PHENOPACKET));
		const r = await qenome('rare', '--phenopacket', pp, '--top', '30', '--json');
		expect(r.code).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(j.build).toBeNull();
		expect(j.genes).toHaveLength(30);
		expect(j.genes[0].variantScore).toBeNull();
		expect(j.genes.map((g: { gene: string }) => g.gene)).toContain('SCN1A');
		expect(j.warnings.join(' ')).toMatch(/phenotype alone/);
	});

	it('--annotations replaces the built-in annotations for the run', async () => {
		const hpoa = path.join(dir, 'phenotype.hpoa');
		fs.writeFileSync(
			hpoa,
			[
				'#date: 2020-01-01',
				'#DatabaseID\tDiseaseName\tQualifier\tHPO_ID\tReference\tEvidence\tOnset\tFrequency\tSex\tModifier\tAspect\tBiocuration',
				'OMIM:607208\tDravet syndrome\t\tHP:0002373\tOMIM:607208\tTAS\t\tHP:0040281\t\t\tP\tHPO:x',
				'OMIM:607208\tDravet syndrome\t\tHP:0000006\tOMIM:607208\tTAS\t\t\t\t\tI\tHPO:x',
				'OMIM:219700\tCystic fibrosis\t\tHP:0006528\tOMIM:219700\tTAS\t\t\t\t\tP\tHPO:x'
			].join('\n') + '\n'
		);
		const r = await qenome('rare', '--hpo', 'HP:0002373', '--annotations', hpoa, '--top', '2', '--json');
		expect(r.stderr).toBe('');
		const j = JSON.parse(r.stdout);
		expect(j.hpo.annotations).toMatch(/2020-01-01/);
		expect(j.genes[0].gene).toBe('SCN1A');
		expect(j.genes[0].diseases).toHaveLength(1);
	});

	it('refuses bad input with one line', async () => {
		const a = await qenome('rare', '--hpo', 'seizure', '--json');
		expect(a.code).toBe(2);
		expect(a.stderr).toMatch(/not an HPO term id/);
		const d = await qenome('rare', vcfFile, vcfFile, '--hpo', 'HP:0001250');
		expect(d.stderr).toMatch(/pedigree/);
		const bad = path.join(dir, 'bad.json');
		fs.writeFileSync(bad, '{"nope": 1}');
		expect((await qenome('rare', '--phenopacket', bad)).stderr).toMatch(/not a Phenopacket/);
	});
});

describe('consumer array files', () => {
	it('assess only ClinVar-known variants, say so, and never penalise genes without one', async () => {
		const array = path.resolve(__dirname, '..', '..', 'fixtures', 'genome', '23andme-v5-female.txt');
		const cv = path.join(dir, 'clinvar37.vcf');
		fs.writeFileSync(
			cv,
			['##fileformat=VCFv4.1', '##fileDate=2024-05-01', '##reference=GRCh37', '##INFO=<ID=CLNSIG,Number=.,Type=String,Description="x">', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO', '1\t3260428\t999\tG\tA\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=criteria_provided,_single_submitter;GENEINFO=PRDM16:63976'].join('\n') + '\n'
		);
		const r = await qenome('rare', array, '--hpo', 'HP:0011664,HP:0001644', '--clinvar', cv, '--top', '200', '--json');
		expect(r.stderr).toBe('');
		const j = JSON.parse(r.stdout);
		expect(j.build).toBe('GRCh37');
		expect(j.warnings.join(' ')).toMatch(/genotyping array: only variants ClinVar already calls pathogenic/);
		const prdm16 = j.genes.find((g: { gene: string }) => g.gene === 'PRDM16');
		expect(prdm16.variants[0]).toMatchObject({ chrom: '1', pos: 3260428, ref: 'G', alt: 'A', genotype: '1/1', clinvar: 'Pathogenic (1★)' });
		const pheno = JSON.parse((await qenome('rare', '--hpo', 'HP:0011664,HP:0001644', '--top', '200', '--json')).stdout);
		const phenoRank = pheno.genes.find((g: { gene: string }) => g.gene === 'PRDM16').rank;
		expect(prdm16.rank).toBeLessThan(phenoRank);
		expect(prdm16.rank).toBeLessThanOrEqual(3);
		// genes without an arrayed pathogenic variant keep their phenotype-only order (absence is not evidence)
		const others = (x: { genes: { gene: string }[] }) => x.genes.map((g) => g.gene).filter((g) => g !== 'PRDM16').slice(0, 5);
		expect(others(j)).toEqual(others(pheno));
	});
});

describe('phenopacket v2', () => {
	it('imports string positions, chromosomes without chr, zygosity and excluded terms; export round-trips', async () => {
		const c = parsePhenopacket(JSON.stringify(PHENOPACKET));
		expect(c.sex).toBe('female');
		expect(c.observed).toHaveLength(4);
		expect(c.excluded).toEqual(['HP:0000252']);
		expect(c.variants[0]).toMatchObject({ chrom: '2', pos: 166000000, ref: 'A', alt: 'G', zygosity: 'het', gene: 'SCN1A', hgnc: 'HGNC:10585', status: 'CAUSATIVE' });
		expect(c.diseases[0].id).toBe('OMIM:607208');
		const k = await kb();
		const result: RareResult = {
			kind: 'rare-disease',
			version: 1,
			created: '2026-01-01T00:00:00.000Z',
			hpo: { version: k.ontology.version, annotations: 'x', attribution: 'HPO' },
			build: 'GRCh38',
			query: { observed: c.observed, excluded: c.excluded, sex: c.sex },
			input: { file: null, sample: null, format: 'vcf', variantsConsidered: 1, records: 1 },
			genes: [
				{
					gene: 'SCN1A',
					rank: 1,
					score: 0.9,
					phenotypeScore: 0.9,
					variantScore: 0.95,
					inheritance: ['autosomal dominant'],
					diseases: [{ id: 'OMIM:607208', name: 'Dravet syndrome', score: 0.9, phenotypeLogLR: 5, modes: [], matches: [] }],
					variants: [{ chrom: '2', pos: 166000000, ref: 'A', alt: 'G', genotype: '0/1', zygosity: 'het', gene: 'SCN1A', consequence: 'stop_gained', consequenceSource: 'vcf-annotation', frequency: null, frequencySource: null, clinvar: null, filtered: false }],
					contributions: { phenotype: 5, variants: 0, inheritance: 0 },
					constraint: { pLI: 1, loeuf: 0.1, haploinsufficiency: 3 },
					unknowns: []
				}
			],
			warnings: [],
			method: ''
		};
		const out = toPhenopacket(result, { labelOf: (id) => k.ontology.names[k.ontology.indexOf(id)] ?? null });
		const back = parsePhenopacket(JSON.stringify(out));
		expect(back.observed).toEqual(c.observed);
		expect(back.excluded).toEqual(c.excluded);
		expect(back.sex).toBe('female');
		expect(back.variants[0]).toMatchObject({ chrom: '2', pos: 166000000, ref: 'A', alt: 'G', zygosity: 'het', gene: 'SCN1A' });
		expect((out.metaData as { resources: { id: string; version: string }[] }).resources[0]).toMatchObject({ id: 'hp', version: '2026-02-16' });
		expect(() => parsePhenopacket('not json')).toThrow(/not valid JSON/);
	});
});
