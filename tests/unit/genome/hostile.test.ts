/**
 * Hostile input to the importer (issue #16): inputs crafted to hang, confuse or mislead. Each
 * case asserts the refusal or warning AND a bound on time, so a regression shows as a failure,
 * not as a hung CI job.
 */
import { describe, expect, it } from 'vitest';
import { createGenomeView, importGenomeBytes } from '../../../src/lib/genome/index';
import { chr1ContigLength, headerBuild } from '../../../src/lib/genome/detect';
import { callGene } from '../../../src/lib/pgx/caller';
import { loadKb } from '../../../src/lib/pgx/kb';
import { fixtureText } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);

/** Run `fn`, returning its result and the milliseconds it took. */
async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
	const t = performance.now();
	const r = await fn();
	return [r, performance.now() - t];
}

const VCF_TAIL = '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n1\t100\trs1\tA\tG\t.\tPASS\t.\tGT\t0/1\n';

describe('VCF header build detection is linear in the line', () => {
	it('reads chr1 length from key=value pairs in any order, quoted values included', () => {
		expect(chr1ContigLength('##contig=<ID=1,length=249250621>')).toBe('249250621');
		expect(chr1ContigLength('##contig=<length=248956422,ID=chr1,assembly=GRCh38>')).toBe('248956422');
		expect(chr1ContigLength('##contig=<ID=chr1,desc="a, b",length=248956422>')).toBe('248956422');
		expect(chr1ContigLength('##contig=<ID=10,length=135534747>')).toBeNull();
		expect(chr1ContigLength('##contig=<ID=1>')).toBeNull();
		expect(headerBuild(['##contig=<ID=1,length=249250621>']).build).toBe('GRCh37');
	});

	it('a 1 MB crafted ##contig line (was: 15 s at 200 KB, never at 1 MB) takes well under a second', async () => {
		const evil = '##contig=<' + 'ID=1,'.repeat(200_000) + 'x';
		const evil2 = '##contig=<' + 'length=1,'.repeat(110_000) + 'ID=1';
		const [, ms] = await timed(() => {
			expect(chr1ContigLength(evil)).toBeNull();
			expect(chr1ContigLength(evil2)).toBe('1');
			return headerBuild([evil, evil2, 'build 37 '.repeat(100_000)]);
		});
		expect(ms).toBeLessThan(1000);
		const file = `##fileformat=VCFv4.2\n${evil}\n${VCF_TAIL}`;
		const [parsed, ms2] = await timed(() => importGenomeBytes(enc(file)).catch((e: Error) => e));
		expect(ms2).toBeLessThan(3000);
		expect(parsed).toBeDefined();
	});
});

describe('conflicting duplicate records', () => {
	const base = fixtureText('23andme-v5-female.txt');

	it('one position listed twice with different genotypes is a warning and reads as not called', async () => {
		// rs4244285 (CYP2C19*2) is GT in the fixture; a second line says AA (would read *2/*2 by file order).
		const text = base.replace('rs4244285\t10\t96541616\tGT\n', 'rs4244285\t10\t96541616\tAA\nrs4244285\t10\t96541616\tGT\n');
		expect(text).not.toBe(base);
		const parsed = await importGenomeBytes(enc(text));
		expect(parsed.summary.warnings.join(' ')).toMatch(/1 position is listed more than once with different genotypes/);
		const view = createGenomeView(parsed.summary, parsed.chunks);
		const call = view.byPosition('10', 96541616)!;
		expect(call.alleles).toBeNull();
		expect(call.conflict).toBe(true);
		expect(view.byRsid('rs4244285')!.alleles).toBeNull();
		// PGx: the conflicting site is not tested, so no *2 call is made from either record.
		const kb = await loadKb();
		const cyp = callGene(view, kb.genes.CYP2C19);
		expect(cyp.diplotypes.join(' ')).not.toMatch(/\*2/);
		const site = cyp.evidence.find((e) => e.rsid === 'rs4244285')!;
		expect(site.status).not.toBe('tested');
		expect(site.genotype ?? '--').toBe('--');
		const clean = await importGenomeBytes(enc(base));
		const plain = callGene(createGenomeView(clean.summary, clean.chunks), kb.genes.CYP2C19);
		expect(plain.evidence.find((e) => e.rsid === 'rs4244285')!.status).toBe('tested');
	});

	it('an identical duplicate is not a conflict', async () => {
		const text = base.replace('rs4244285\t10\t96541616\tGT\n', 'rs4244285\t10\t96541616\tGT\nrs4244285\t10\t96541616\tTG\n');
		const parsed = await importGenomeBytes(enc(text));
		expect(parsed.summary.warnings.join(' ')).not.toMatch(/more than once/);
		expect(createGenomeView(parsed.summary, parsed.chunks).byPosition('10', 96541616)!.alleles).toEqual(['G', 'T']);
	});
});

describe('smaller import defects', () => {
	const base = fixtureText('23andme-v5-female.txt');

	it('UTF-16 text (with or without a byte-order mark) is read, not called binary', async () => {
		const plain = await importGenomeBytes(enc(base));
		const le = new Uint8Array(Buffer.from('\ufeff' + base, 'utf16le'));
		const noBom = new Uint8Array(Buffer.from(base, 'utf16le'));
		const be = new Uint8Array(Buffer.from('\ufeff' + base, 'utf16le').swap16());
		for (const bytes of [le, noBom, be]) {
			const parsed = await importGenomeBytes(bytes);
			expect(parsed.summary.records).toBe(plain.summary.records);
			expect(parsed.chunks).toEqual(plain.chunks);
			expect(parsed.summary.warnings.join(' ')).toMatch(/UTF-16/);
		}
	});

	it('records at position 0 are skipped with a warning', async () => {
		const text = base.replace('rs1801133\t1\t11856378\tAG\n', 'rs1801133\t1\t0\tAG\n');
		expect(text).not.toBe(base);
		const parsed = await importGenomeBytes(enc(text));
		expect(parsed.summary.warnings.join(' ')).toMatch(/1 records at position 0/);
		expect(createGenomeView(parsed.summary, parsed.chunks).byRsid('rs1801133')).toBeNull();
	});

	it('alleles over 10 kb are shortened with a warning', async () => {
		const long = 'A' + 'C'.repeat(12_000);
		const vcf = `##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n1\t100\t.\tA\t${long}\t.\tPASS\t.\tGT\t0/1\n1\t200\trs2\tA\tG\t.\tPASS\t.\tGT\t1/1\n`;
		const parsed = await importGenomeBytes(enc(vcf));
		expect(parsed.summary.warnings.join(' ')).toMatch(/1 alleles longer than 10,000 bases were shortened/);
	});

	it('a file mixing GRCh37 and GRCh38 marker positions gets a warning', async () => {
		// Move three CYP2C19 markers to their GRCh38 positions (the rest of the file stays GRCh37).
		let text = base;
		for (const [rs, p37, p38] of [
			['rs4244285', 96541616, 94781859],
			['rs12248560', 96521657, 94761900]
		] as const)
			text = text.replace(new RegExp(`^${rs}\\t10\\t${p37}\\t`, 'm'), `${rs}\t10\t${p38}\t`);
		expect(text).not.toBe(base);
		const parsed = await importGenomeBytes(enc(text));
		const pure = await importGenomeBytes(enc(base));
		expect(pure.summary.warnings.join(' ')).not.toMatch(/mix of genome builds/);
		expect(parsed.summary.warnings.join(' ')).toMatch(/mix of genome builds: \d+ known marker positions match GRCh37 and 2 match GRCh38/);
	});
});
