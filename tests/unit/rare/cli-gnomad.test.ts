/** `qenome rare … --gnomad sites.vcf.gz`: population frequencies from a gnomAD sites VCF (issue 12). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCommandInProcess } from '../qenome-cli';
import { cdsPosition, kb, vcf } from './helpers';

/** In process: the command module, stdout captured, errors mapped as main.ts does. */
const qenome = (...args: string[]) => runCommandInProcess('rare', args);

describe('qenome rare --gnomad', () => {
	it('uses the AF of a gnomAD sites VCF: a common variant is set aside, a rare one carries its frequency and source', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-gnomad-'));
		const pos = cdsPosition((await (await kb()).genes('GRCh38')).bySymbol.get('SCN1A')!, 40);
		const vcfFile = path.join(dir, 'case.vcf');
		fs.writeFileSync(vcfFile, vcf([['2', pos, 'C', 'T', '0/1'], ['2', pos + 3, 'G', 'A', '0/1']]));
		const sites = path.join(dir, 'gnomad.exomes.v4.1.sites.chr2.vcf.gz');
		const text = [
			'##fileformat=VCFv4.2',
			'##INFO=<ID=AF,Number=A,Type=Float,Description="Alternate allele frequency">',
			'#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
			`chr2\t${pos}\t.\tC\tT\t.\tPASS\tAF=0.25`,
			`chr2\t${pos + 3}\t.\tG\tA\t.\tPASS\tAF=3e-06`
		].join('\n');
		fs.writeFileSync(sites, gzipSync(Buffer.from(text)));
		const r = await qenome(vcfFile, '--hpo', 'HP:0002373,HP:0001250', '--gnomad', sites, '--top', '5', '--json');
		expect(r.error).toBe('');
		const j = JSON.parse(r.stdout);
		const scn1a = j.genes.find((g: { gene: string }) => g.gene === 'SCN1A');
		expect(scn1a.variants.map((v: { pos: number }) => v.pos)).toEqual([pos + 3]);
		expect(j.warnings.join(' ')).toMatch(/gnomAD v4\.1 supplied/);
		expect(j.warnings.join(' ')).toMatch(/more frequent than 5 %/);
		const bad = path.join(dir, 'not-gnomad.vcf');
		fs.writeFileSync(bad, '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n');
		expect((await qenome(vcfFile, '--hpo', 'HP:0001250', '--gnomad', bad, '--json')).error).toMatch(/no INFO "AF"/);
	});
});
