/**
 * User reference files (issue 12): ClinVar and gnomAD sites VCFs and phenotype.hpoa read into
 * compact tables, stored in IndexedDB (transactional replace) and read back; hostile inputs give
 * clear errors; a stored VCF-backed profile ranks like its VCF.
 */
import 'fake-indexeddb/auto';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	analyseRare,
	analyseRareProfile,
	clinvarFromParts,
	clinvarParts,
	gnomadFromParts,
	gnomadParts,
	gnomadVersion,
	hpoaFromParts,
	hpoaParts,
	readCandidates,
	readClinVar,
	readGnomad,
	readHpoa,
	textStream,
	type RareKb
} from '../../../src/lib/rare/index';
import { importGenome } from '../../../src/lib/genome/index';
import { listKnowledge, loadKnowledge, putKnowledge, removeKnowledge } from '../../../src/lib/store/index';
import { cdsPosition, kb as loadKb, vcf } from './helpers';
import { freshDbName } from '../store/helpers';

let kb: RareKb;
beforeAll(async () => {
	kb = await loadKb();
});

const CLINVAR_HEAD = [
	'##fileformat=VCFv4.1',
	'##fileDate=2025-06-03',
	'##source=ClinVar',
	'##reference=GRCh38',
	'##INFO=<ID=CLNSIG,Number=.,Type=String,Description="Aggregate germline classification">',
	'##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description="review status">',
	'##INFO=<ID=GENEINFO,Number=1,Type=String,Description="Gene(s)">',
	'#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO'
];
const cvLine = (chrom: string, pos: number, id: string, ref: string, alt: string, sig: string, rev: string, gene = 'SCN1A:6323') =>
	`${chrom}\t${pos}\t${id}\t${ref}\t${alt}\t.\t.\tALLELEID=1;CLNSIG=${sig};CLNREVSTAT=${rev};GENEINFO=${gene}`;

describe('ClinVar VCF → compact table (needs no ../shared)', () => {
	it('keeps P/LP/B/LB/conflicting with stars and gene, drops uncertain, sorts, and round-trips through storage parts', async () => {
		const text = [
			...CLINVAR_HEAD,
			cvLine('2', 500, '3', 'G', 'A', 'Likely_benign', 'criteria_provided,_single_submitter'),
			cvLine('2', 100, '1', 'C', 'T', 'Pathogenic', 'reviewed_by_expert_panel'),
			cvLine('2', 100, '2', 'C', 'G', 'Uncertain_significance', 'criteria_provided,_single_submitter'),
			cvLine('2', 300, '4', 'AT', 'A,AG', 'Conflicting_classifications_of_pathogenicity', 'criteria_provided,_conflicting_classifications'),
			cvLine('X', 7, '5', 'T', '<DEL>', 'Pathogenic', 'no_assertion_criteria_provided', 'MECP2:4204'),
			cvLine('chrX', 9, '6', 'T', 'C', 'Pathogenic/Likely_pathogenic', 'criteria_provided,_multiple_submitters,_no_conflicts', 'MECP2:4204|FOO:1'),
			cvLine('NW_1', 9, '7', 'T', 'C', 'Pathogenic', 'practice_guideline')
		].join('\n');
		const db = await readClinVar(textStream(gzipSync(Buffer.from(text))));
		expect(db.release).toBe('2025-06-03');
		expect(db.build).toBe('GRCh38');
		expect(db.records.size).toBe(5);
		expect(db.records.get('2:100:C:T')).toEqual({ significance: 'pathogenic', stars: 3, clnsig: 'Pathogenic', id: '1', gene: 'SCN1A' });
		expect(db.records.get('2:100:C:G')).toBeUndefined();
		expect(db.records.get('2:300:AT:AG')).toMatchObject({ significance: 'conflicting', stars: 1 });
		expect(db.records.get('X:9:T:C')).toMatchObject({ significance: 'pathogenic', stars: 2, gene: 'MECP2' });
		expect(db.pathogenicSites.has('2:100')).toBe(true);
		expect(db.pathogenicSites.has('2:500')).toBe(false);
		expect(db.pathogenicSites.has('3:100')).toBe(false);
		expect([...db.records].map(([k]) => k)).toEqual(['2:100:C:T', '2:300:AT:A', '2:300:AT:AG', '2:500:G:A', 'X:9:T:C']);
		const { info, parts } = clinvarParts(db, 'clinvar.vcf.gz', 1234);
		expect(info).toMatchObject({ kind: 'clinvar', fileName: 'clinvar.vcf.gz', fileBytes: 1234, release: '2025-06-03', build: 'GRCh38', records: 5 });
		expect(info.note).toMatch(/2 pathogenic or likely pathogenic/);
		const back = clinvarFromParts(structuredClone(parts));
		expect([...back.records]).toEqual([...db.records]);
		expect(back.pathogenicSites.has('X:9')).toBe(true);
	});

	it('hostile ClinVar input: clear errors, nothing kept', async () => {
		await expect(readClinVar(textStream('hello\tworld\n'))).rejects.toMatchObject({ code: 'bad-clinvar', message: /not a VCF/ });
		await expect(readClinVar(textStream(''))).rejects.toMatchObject({ code: 'bad-clinvar' });
		await expect(readClinVar(textStream('##fileformat=VCFv4.1\n1\t5\t.\tA\tG\t.\t.\tCLNSIG=Pathogenic\n'))).rejects.toMatchObject({ message: /#CHROM/ });
		await expect(readClinVar(textStream('##fileformat=VCFv4.1\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tG\t.\t.\tX=1\n'))).rejects.toMatchObject({ message: /CLNSIG/ });
		// A line longer than the reader's bound is refused instead of being buffered without end.
		const long = `${CLINVAR_HEAD.join('\n')}\n1\t5\t.\tA\tG\t.\t.\tCLNSIG=${'P'.repeat(5 * 1024 * 1024)}\n`;
		await expect(readClinVar(textStream(long))).rejects.toThrow();
		// Odd alleles, positions and huge gene names are skipped, not trusted.
		const odd = await readClinVar(
			textStream([...CLINVAR_HEAD, cvLine('1', -5, '1', 'A', 'G', 'Pathogenic', 'x'), cvLine('1', 5, '1', 'A<script>', 'G', 'Pathogenic', 'x'), cvLine('1', 6, 'x', 'A', 'G', 'Pathogenic', 'x', `${'G'.repeat(100)}:1`)].join('\n'))
		);
		expect(odd.records.size).toBe(1);
		expect(odd.records.get('1:6:A:G')).toMatchObject({ gene: null, id: '0' });
	});
});

describe('gnomAD sites VCF → allele frequencies in the scored genes (needs no ../shared)', () => {
	it('keeps AF only inside the exons of disease genes, per ALT, with the version from the header or file name', async () => {
		const scn1a = (await kb.genes('GRCh38')).bySymbol.get('SCN1A')!;
		const pos = cdsPosition(scn1a, 40);
		const text = [
			'##fileformat=VCFv4.2',
			'##INFO=<ID=AC,Number=A,Type=Integer,Description="Alternate allele count">',
			'##INFO=<ID=AF,Number=A,Type=Float,Description="Alternate allele frequency">',
			'##contig=<ID=chr1,length=248956422>',
			'#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
			`chr1\t10001\t.\tT\tC\t.\tPASS\tAC=5;AF=0.3`,
			`chr2\t${pos}\t.\tC\tT,G\t.\tPASS\tAC=9,1;AF=0.2,1.5e-06;nhomalt=0`,
			`chr2\t${pos + 1}\t.\tA\tG\t.\tAC0\tAC=0;AF=0`
		].join('\n');
		const db = await readGnomad(textStream(text), kb, { fileName: 'gnomad.exomes.v4.1.sites.chr2.vcf.bgz' });
		expect(db.release).toBe('v4.1');
		expect(db.build).toBe('GRCh38');
		expect(db.size).toBe(3);
		expect(db.table.recordsRead).toBe(3);
		expect(db.frequency('2', pos, 'C', 'T')).toBeCloseTo(0.2, 6);
		expect(db.frequency('2', pos, 'C', 'G')).toBeCloseTo(1.5e-6, 10);
		expect(db.frequency('1', 10001, 'T', 'C')).toBeNull();
		const back = gnomadFromParts(structuredClone(gnomadParts(db, 'x.vcf', 10).parts));
		expect(back.frequency('2', pos, 'C', 'T')).toBeCloseTo(0.2, 6);
		// The patient VCF reader uses it: a common variant is set aside, a rare one carries its AF.
		const common = await readCandidates(textStream(vcf([['2', pos, 'C', 'T', '0/1']])), kb, { gnomad: db });
		expect(common.candidates).toHaveLength(0);
		const rare = await readCandidates(textStream(vcf([['2', pos, 'C', 'G', '0/1']])), kb, { gnomad: db });
		expect(rare.candidates[0]).toMatchObject({ gene: 'SCN1A', frequencySource: 'gnomAD v4.1' });
		expect(rare.candidates[0].frequency).toBeCloseTo(1.5e-6, 10);
		expect(gnomadVersion('##source=gnomAD v2.1.1')).toBe('v2.1.1');
	});

	it('hostile gnomAD input: not a VCF, no AF, a build that does not match the patient VCF', async () => {
		await expect(readGnomad(textStream('CHROM POS AF\n1 5 0.1\n'), kb)).rejects.toMatchObject({ code: 'bad-gnomad', message: /not a VCF/ });
		await expect(readGnomad(textStream('PK\u0003\u0004junk'), kb)).rejects.toMatchObject({ code: 'truncated-zip' });
		await expect(readGnomad(textStream('##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tG\t.\t.\tAC=1\n'), kb)).rejects.toMatchObject({ message: /AF/ });
		const g37 = await readGnomad(textStream('##fileformat=VCFv4.2\n##reference=GRCh37\n##INFO=<ID=AF,Number=A,Type=Float,Description="x">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n'), kb);
		expect(g37.build).toBe('GRCh37');
		await expect(readCandidates(textStream(vcf([['2', 100, 'C', 'T', '0/1']])), kb, { gnomad: g37 })).rejects.toMatchObject({ code: 'build-mismatch' });
	});
});

describe('phenotype.hpoa → stored annotations (needs no ../shared)', () => {
	it('round-trips through HPO ids, so the ranking with the stored file equals the one with the file', async () => {
		const dravet = kb.annotations.diseases.find((d) => d.genes.includes('SCN1A') && /Dravet|epileptic encephalopathy/i.test(d.name))!;
		const rows = Array.from(dravet.terms, (t) => `${dravet.id}\t${dravet.name}\t\t${kb.ontology.idOf(t)}\tPMID:1\tPCS\t\t\t\t\tP\tHPO:x[2024-01-01]`);
		const text = ['#description: test', '#date: 2024-04-26', '#version: 2024-04-26', 'database_id\tdisease_name\tqualifier\thpo_id\treference\tevidence\tonset\tfrequency\tsex\tmodifier\taspect\tbiocuration', ...rows, `${dravet.id}\t${dravet.name}\t\tHP:0000006\tPMID:1\tPCS\t\t\t\t\tI\tHPO:x`].join('\n');
		const ann = await readHpoa(textStream(text), kb);
		const { info, parts } = hpoaParts(ann, kb, 'phenotype.hpoa', text.length);
		expect(info).toMatchObject({ kind: 'hpoa', release: '2024-04-26', records: dravet.terms.length });
		const back = hpoaFromParts(structuredClone(parts), kb);
		expect(back.diseases).toHaveLength(1);
		expect(Array.from(back.diseases[0].terms)).toEqual(Array.from(ann.diseases[0].terms));
		const q = { observed: [kb.ontology.idOf(dravet.terms[0])], excluded: [], sex: 'female' as const };
		const a = await analyseRare(kb, { query: q, annotations: ann, top: 3 });
		const b = await analyseRare(kb, { query: q, annotations: back, top: 3 });
		expect(b.genes.map((g) => [g.gene, g.score])).toEqual(a.genes.map((g) => [g.gene, g.score]));
		expect(b.hpo.annotations).toMatch(/2024-04-26/);
		await expect(readHpoa(textStream('just text\n'), kb)).rejects.toMatchObject({ code: 'bad-annotations' });
		expect(() => hpoaFromParts([{ part: 'diseases', value: { diseases: [{ terms: ['HP:1'], freqs: [1] }] } }], kb)).toThrow(/damaged/);
	});
});

describe('knowledge store (IndexedDB, fake-indexeddb)', () => {
	it('stores, lists, replaces in one transaction (a failing replace keeps the old file) and removes', async () => {
		const dbName = freshDbName();
		const db = await readClinVar(textStream([...CLINVAR_HEAD, cvLine('2', 100, '1', 'C', 'T', 'Pathogenic', 'reviewed_by_expert_panel')].join('\n')));
		const first = clinvarParts(db, 'clinvar-2025.vcf.gz', 10);
		await putKnowledge(first.info, first.parts, { dbName });
		expect((await listKnowledge({ dbName })).map((i) => [i.kind, i.fileName])).toEqual([['clinvar', 'clinvar-2025.vcf.gz']]);
		// A replacement whose value cannot be stored (a function is not cloneable) fails as a whole.
		await expect(putKnowledge({ ...first.info, fileName: 'broken.vcf' }, [...first.parts, { part: 'bad', value: () => 1 }], { dbName })).rejects.toMatchObject({ name: 'StoreError' });
		const kept = await loadKnowledge('clinvar', { dbName });
		expect(kept!.info.fileName).toBe('clinvar-2025.vcf.gz');
		expect(clinvarFromParts(kept!.parts).records.get('2:100:C:T')).toMatchObject({ stars: 3 });
		// A successful replace drops the old parts (fewer chromosomes now).
		const db2 = await readClinVar(textStream([...CLINVAR_HEAD, cvLine('3', 5, '9', 'A', 'G', 'Benign', 'criteria_provided,_single_submitter')].join('\n')));
		const second = clinvarParts(db2, 'clinvar-2026.vcf.gz', 20);
		await putKnowledge(second.info, second.parts, { dbName });
		const now = await loadKnowledge('clinvar', { dbName });
		expect(now!.info.fileName).toBe('clinvar-2026.vcf.gz');
		expect(now!.parts.map((p) => p.part).sort()).toEqual(['chr:3', 'meta']);
		await removeKnowledge('clinvar', { dbName });
		expect(await loadKnowledge('clinvar', { dbName })).toBeNull();
		expect(await listKnowledge({ dbName })).toEqual([]);
	});
});

describe('a stored genome profile as input (needs no ../shared)', () => {
	it('a VCF-backed profile ranks like its VCF (same candidates, from coordinates)', async () => {
		const scn1a = (await kb.genes('GRCh38')).bySymbol.get('SCN1A')!;
		const p1 = cdsPosition(scn1a, 30);
		const p2 = cdsPosition(scn1a, 60);
		const text = vcf([
			['2', p1, 'AC', 'A', '0/1'],
			['2', p2, 'C', 'T', '1/1'],
			['2', p2 + 3, 'G', 'G', '0/0'],
			['20', 1000000, 'A', 'G', '0/1']
		]);
		const parsed = await importGenome(textStream(text), { fileName: 'p.vcf' });
		const q = { observed: ['HP:0001250', 'HP:0002121'], excluded: [], sex: 'female' as const };
		const fromVcf = await analyseRare(kb, { query: q, vcf: { stream: textStream(text), name: 'p.vcf' }, top: 5 });
		const fromProfile = await analyseRareProfile(kb, { query: q, top: 5, profile: { name: 'Me', sourceFileName: 'p.vcf', summary: parsed.summary, chunks: parsed.chunks } });
		expect(fromProfile.genes.map((g) => [g.gene, g.variants.map((v) => `${v.pos}${v.ref}>${v.alt}${v.genotype}`)])).toEqual(
			fromVcf.genes.map((g) => [g.gene, g.variants.map((v) => `${v.pos}${v.ref}>${v.alt}${v.genotype}`)])
		);
		expect(fromProfile.input).toMatchObject({ file: 'p.vcf', format: 'vcf' });
		expect(fromProfile.warnings[0]).toMatch(/stored profile “Me”/);
	});
});
