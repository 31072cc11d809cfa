/** `qenome rare … --secondary-findings --carrier`: opt-in arrays added to the JSON shape, nothing otherwise. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommandInProcess } from '../qenome-cli';
import { cdsPosition, kb, vcf } from './helpers';

/** In process: the command module, stdout captured, errors mapped as main.ts does. */
const qenome = (...args: string[]) => runCommandInProcess('rare', args);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-sf-'));
const vcfFile = path.join(dir, 'case.vcf');
const cvFile = path.join(dir, 'clinvar.vcf');
beforeAll(async () => {
	const genes = await (await kb()).genes('GRCh38');
	const brca1 = cdsPosition(genes.bySymbol.get('BRCA1')!, 30);
	const cftr = cdsPosition(genes.bySymbol.get('CFTR')!, 30);
	fs.writeFileSync(vcfFile, vcf([['17', brca1, 'C', 'T', '0/1'], ['7', cftr, 'G', 'A', '0/1']]));
	fs.writeFileSync(
		cvFile,
		[
			'##fileformat=VCFv4.1',
			'##fileDate=2025-06-01',
			'##reference=GRCh38',
			'#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
			`17\t${brca1}\t1\tC\tT\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=reviewed_by_expert_panel;GENEINFO=BRCA1:672`,
			`7\t${cftr}\t2\tG\tA\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=criteria_provided,_single_submitter;GENEINFO=CFTR:1080`
		].join('\n') + '\n'
	);
});

describe('qenome rare --secondary-findings / --carrier', () => {
	it('adds secondaryFindings and carrier arrays only when asked; the rest of the JSON keeps its shape', async () => {
		const plain = await qenome(vcfFile, '--hpo', 'HP:0001250', '--clinvar', cvFile, '--top', '3', '--json');
		expect(plain.code).toBe(0);
		const a = JSON.parse(plain.stdout);
		expect(Object.keys(a).sort()).toEqual(['build', 'genes', 'hpo', 'warnings']);
		expect(plain.stdout).not.toMatch(/BRCA1|CFTR/);

		const opted = await qenome(vcfFile, '--hpo', 'HP:0001250', '--clinvar', cvFile, '--top', '3', '--json', '--secondary-findings', '--carrier');
		expect(opted.code).toBe(0);
		const b = JSON.parse(opted.stdout);
		expect(Object.keys(b).sort()).toEqual(['build', 'carrier', 'genes', 'hpo', 'secondaryFindings', 'warnings']);
		// without opt-in the ranking withholds BRCA1 / CFTR (their diseases do not fit "Seizure"); with it they rank
		const names = (j: { genes: { gene: string }[] }) => j.genes.map((g) => g.gene);
		expect(names(a)).not.toContain('BRCA1');
		expect(names(a)).not.toContain('CFTR');
		expect(a.warnings.join('\n')).toMatch(/left out of the ranking.*Opt in to secondary findings \/ carrier screening to see them/);
		expect(names(b)).toContain('BRCA1');
		expect(b.warnings.join('\n')).not.toMatch(/left out of the ranking/);
		expect(b.secondaryFindings.map((f: { gene: string; status: string }) => [f.gene, f.status])).toEqual([['BRCA1', 'reportable']]);
		expect(b.secondaryFindings[0].variants[0].clinvar.stars).toBe(3);
		expect(b.carrier.map((f: { gene: string; status: string }) => [f.gene, f.status])).toEqual([['CFTR', 'carrier']]);
		expect(b.warnings.join('\n')).toMatch(/not reassurance/);

		const onlyCarrier = JSON.parse((await qenome(vcfFile, '--hpo', 'HP:0001250', '--clinvar', cvFile, '--top', '3', '--json', '--carrier')).stdout);
		expect('secondaryFindings' in onlyCarrier).toBe(false);
		expect(onlyCarrier.carrier).toHaveLength(1);
		expect(names(onlyCarrier)).not.toContain('BRCA1');
	});

	it('refuses the opt-in flags without a genome file', async () => {
		const r = await qenome('--hpo', 'HP:0001250', '--secondary-findings', '--json');
		expect(r.code).not.toBe(0);
		expect(r.error).toMatch(/give a VCF or array file/);
	});
});
