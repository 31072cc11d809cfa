/**
 * VCF FORMAT/PS phase sets (issue 11) and the disagreement classes found against PharmCAT's own
 * test suite, each on small GRCh38 VCFs written here and read by the project's importer:
 * - phased calls in different phase sets are phased within their set only (cis and trans both
 *   listed); a phased call without PS is in the default set; PS is read only when FORMAT has it;
 * - an alternative that differs only at untested positions must still fit the tested genotypes
 *   (IUPAC codes in a definition, e.g. CYP2C19 *4's Y, accept bases the sample does not carry).
 */
import { inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32From, crc32Js } from '../../../src/lib/genome/checksum';
import { createGenomeView, importGenomeBytes } from '../../../src/lib/genome/index';
import { bgzfWorkerHandler, createBgzfPool, type BgzfJob, type BgzfReply } from '../../../src/lib/genome/parallel';
import { bgzip } from '../genome/helpers';
import { loadKb, pgxJson, runPgx, type PgxKb } from '../../../src/lib/pgx/index';

/** [gene, rsid, sample column (GT or GT:PS), FORMAT, ALT?] */
type Row = [string, string, string, string, string?];

function vcf(kb: PgxKb, rows: Row[], reference: string[], skip: string[] = []): string {
	const lines = [
		'##fileformat=VCFv4.2',
		'##reference=GRCh38',
		'##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
		'##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phase set">',
		'#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tSAMPLE'
	];
	const done = new Set<string>();
	for (const [gene, id, sample, format, alt] of rows) {
		const g = kb.genes[gene];
		const s = g.sites.find((x) => x.rsid === id)!;
		lines.push([`chr${g.chrom}`, s.pos38, s.rsid, s.ref38, alt ?? s.alleles.find((x) => x !== s.ref38), '.', 'PASS', '.', format, sample].join('\t'));
		done.add(`${gene}:${id}`);
	}
	for (const gene of reference) {
		const g = kb.genes[gene];
		for (const s of g.sites) {
			if (done.has(`${gene}:${s.rsid}`) || skip.includes(s.rsid ?? '')) continue;
			lines.push([`chr${g.chrom}`, s.pos38, s.rsid ?? '.', s.ref38, s.alleles.find((x) => x !== s.ref38) ?? '.', '.', 'PASS', '.', 'GT', '0/0'].join('\t'));
		}
	}
	return lines.join('\n') + '\n';
}

async function run(text: string) {
	const kb = await loadKb();
	const parsed = await importGenomeBytes(new TextEncoder().encode(text), { fileName: 'ps.vcf' });
	const view = createGenomeView(parsed.summary, parsed.chunks);
	const json = pgxJson(await runPgx(view, [], kb));
	return { view, gene: (g: string) => json.genes.find((x) => x.gene === g)! };
}

describe('VCF phase sets (FORMAT/PS)', () => {
	it('the importer keeps PS of phased calls only, and only when FORMAT has PS', async () => {
		const kb = await loadKb();
		const r = await run(
			vcf(
				kb,
				[
					['UGT1A1', 'rs887829', '0|1:1000', 'GT:PS'],
					['UGT1A1', 'rs4148323', '0/1:1000', 'GT:PS'],
					['UGT1A1', 'rs35350960', '0|0:.', 'GT:PS']
				],
				[]
			)
		);
		const at = (rs: string) => r.view.byRsid(rs)!;
		expect(at('rs887829').phased).toBe(true);
		expect(at('rs887829').phaseSet).toBe(1000);
		expect(at('rs4148323').phaseSet).toBeUndefined(); // unphased: PS ignored
		expect(at('rs35350960').phaseSet).toBeUndefined(); // "." = default set
	});

	it('the parallel BGZF import keeps the same phase sets as the serial one', async () => {
		const lines = ['##fileformat=VCFv4.2', '##reference=GRCh38', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1'];
		for (let i = 0; i < 6000; i++) {
			const gt = i % 3 === 0 ? `0|1:${1000 + Math.floor(i / 50)}` : i % 3 === 1 ? '1|0:.' : '0/1:7';
			lines.push(`chr1\t${10_000 + i * 7}\trs${100 + i}\tA\tG\t50\tPASS\t.\tGT:PS\t${gt}`);
		}
		const file = bgzip(new TextEncoder().encode(lines.join('\n') + '\n'), 0x2000);
		const serial = await importGenomeBytes(file);
		const pool = createBgzfPool(
			() => {
				let reply: (m: BgzfReply) => void = () => undefined;
				const handle = bgzfWorkerHandler({ inflate: (d, out) => inflateSync(d, { out }).length, crc: crc32From(crc32Js) }, (m) => reply(m));
				return { postMessage: (m) => handle({ ...(m as BgzfJob), data: (m as BgzfJob).data.slice() }), onReply: (h) => void (reply = h), terminate: () => undefined };
			},
			2,
			4000
		);
		try {
			const parallel = await importGenomeBytes(file, { bgzfPool: pool });
			expect(parallel.chunks).toEqual(serial.chunks);
		} finally {
			pool.close();
		}
		const chunk = serial.chunks.find((c) => c.chrom === '1')!;
		expect(chunk.phaseSetIndex?.length).toBe(2000);
		const view = createGenomeView(serial.summary, serial.chunks);
		expect(view.byRsid('rs100')!.phaseSet).toBe(1000);
		expect(view.byRsid('rs101')!.phaseSet).toBeUndefined();
		expect(view.byRsid('rs102')!.phaseSet).toBeUndefined();
	});

	it('UGT1A1 *80 and *28 phased in the same set: cis only; in two sets: cis and trans both listed', async () => {
		const kb = await loadKb();
		const rows = (gt80: string, gt28: string): Row[] => [
			['UGT1A1', 'rs887829', gt80, 'GT:PS'],
			['UGT1A1', 'rs3064744', gt28, 'GT:PS', 'CATAT']
		];
		const same = (await run(vcf(kb, rows('1|0:500', '1|0:500'), ['UGT1A1']))).gene('UGT1A1');
		expect(same.phased).toBe(true);
		expect(same.diplotypes).toEqual(['*1/*80+*28']);
		const trans = (await run(vcf(kb, rows('1|0:500', '0|1:500'), ['UGT1A1']))).gene('UGT1A1');
		expect(trans.diplotypes).toEqual(['*28/*80']);
		// Same genotypes, two phase sets: the relative phase is unknown.
		const two = (await run(vcf(kb, rows('1|0:500', '1|0:900'), ['UGT1A1']))).gene('UGT1A1');
		expect(two.phased).toBe(false);
		expect([...two.diplotypes].sort()).toEqual(['*1/*80+*28', '*28/*80']);
		expect(two.phenotype).toBe('Indeterminate');
		expect(two.warnings.join(' ')).toMatch(/2 separate phase sets/);
	});

	it('a phased call without PS is in the default set, apart from calls that give a PS', async () => {
		const kb = await loadKb();
		const noPs = (await run(vcf(kb, [['UGT1A1', 'rs887829', '1|0', 'GT'], ['UGT1A1', 'rs3064744', '1|0', 'GT', 'CATAT']], ['UGT1A1']))).gene('UGT1A1');
		expect(noPs.phased).toBe(true);
		expect(noPs.diplotypes).toEqual(['*1/*80+*28']);
		const mixed = (await run(vcf(kb, [['UGT1A1', 'rs887829', '1|0', 'GT'], ['UGT1A1', 'rs3064744', '1|0:77', 'GT:PS', 'CATAT']], ['UGT1A1']))).gene('UGT1A1');
		expect([...mixed.diplotypes].sort()).toEqual(['*1/*80+*28', '*28/*80']);
	});

	it('DPYD *2A and c.2846A>T in two phase sets: read with the unphased lowest-two rule', async () => {
		const kb = await loadKb();
		const d = (await run(vcf(kb, [['DPYD', 'rs3918290', '0|1:10', 'GT:PS'], ['DPYD', 'rs67376798', '0|1:20', 'GT:PS']], ['DPYD']))).gene('DPYD');
		expect(d.phased).toBe(false);
		// cis would be Intermediate, trans Poor: without the phase between sets, the lower holds (CPIC).
		expect(d.phenotype).toBe('Poor Metabolizer');
	});
});

describe('PharmCAT-suite disagreement classes', () => {
	it('an alternative that differs only at an untested site must still fit the tested genotypes (IUPAC)', async () => {
		const kb = await loadKb();
		// CYP2C19 *17 homozygous, the *4 site (rs28399504) absent: *4 (defined with Y = C or T at
		// rs12248560) and *17 both fit; *1 carries C there and cannot.
		const r = (await run(vcf(kb, [['CYP2C19', 'rs12248560', '1/1', 'GT'], ['CYP2C19', 'rs3758581', '1/1', 'GT']], ['CYP2C19'], ['rs28399504']))).gene('CYP2C19');
		expect([...r.diplotypes].sort()).toEqual(['*17/*17', '*4/*17', '*4/*4']);
		expect(r.diplotypes.some((d) => d.includes('*1/') || d.endsWith('/*1'))).toBe(false);
	});

	it('a key allele whose distinguishing position is absent is not assumed away (CYP2C19 *17 without rs12248560)', async () => {
		const kb = await loadKb();
		const r = (await run(vcf(kb, [['CYP2C19', 'rs3758581', '1/1', 'GT']], ['CYP2C19'], ['rs12248560']))).gene('CYP2C19');
		expect([...r.diplotypes].sort()).toEqual(['*1/*1', '*1/*17', '*17/*17']);
		expect(r.phenotype).toBe('Indeterminate');
		expect(r.decidingPositions).toContain('rs12248560');
	});

	it('RYR1 phased: several variants on one haplotype are one susceptible copy, the other copy is reference', async () => {
		const kb = await loadKb();
		const rows = (a: string, b: string): Row[] => [
			['RYR1', 'rs193922746', a, 'GT'],
			['RYR1', 'rs146876145', b, 'GT']
		];
		const cis = (await run(vcf(kb, rows('0|1', '0|1'), ['RYR1']))).gene('RYR1');
		expect(cis.phased).toBe(true);
		expect(cis.diplotypes).toHaveLength(1);
		expect(cis.diplotypes[0].split('/')).toContain('Reference');
		expect(cis.phenotype).toBe('Malignant Hyperthermia Susceptibility');
		const trans = (await run(vcf(kb, rows('0|1', '1|0'), ['RYR1']))).gene('RYR1');
		expect(trans.diplotypes[0].split('/')).not.toContain('Reference');
		expect(trans.phenotype).toBe('Malignant Hyperthermia Susceptibility');
	});

	it('DPYD phased: HapB3 is one haplotype (its intronic sub-allele does not count apart); an inferred intronic call keeps the phase', async () => {
		const kb = await loadKb();
		const H = 'c.1129-5923C>G, c.1236G>A (HapB3)';
		const sorted = (d: string) => d.split('/').sort().join('/');
		// c.1236G>A on both copies, the intronic variant on the second only: one HapB3 copy.
		const one = (await run(vcf(kb, [['DPYD', 'rs56038477', '1|1', 'GT'], ['DPYD', 'rs75017182', '0|1', 'GT']], ['DPYD']))).gene('DPYD');
		expect(one.diplotypes.map(sorted)).toEqual([sorted(`Reference/${H}`)]);
		// Intronic site absent, c.1236G>A and c.61C>T on the same haplotype: that copy's lowest
		// function (c.61C>T) counts once, the other copy is reference.
		const cis = (await run(vcf(kb, [['DPYD', 'rs56038477', '0|1', 'GT'], ['DPYD', 'rs72549310', '0|1', 'GT']], ['DPYD'], ['rs75017182']))).gene('DPYD');
		expect(cis.phased).toBe(true);
		expect(cis.diplotypes.map(sorted)).toEqual([sorted('Reference/c.61C>T')]);
	});

	it('an indeterminate gene still gets CPIC advice when every result that fits gets the same advice', async () => {
		const kb = await loadKb();
		const parsed = await importGenomeBytes(new TextEncoder().encode(vcf(kb, [['CYP2C19', 'rs3758581', '1/1', 'GT']], ['CYP2C19'], ['rs12248560'])), { fileName: 'x.vcf' });
		const report = await runPgx(createGenomeView(parsed.summary, parsed.chunks), [], kb);
		const gene = report.genes.find((g) => g.gene === 'CYP2C19')!;
		expect(gene.phenotype).toBe('Indeterminate');
		expect(gene.possibleLookupKeys?.length).toBe(3);
		// Clopidogrel after ACS/PCI: normal, rapid and ultrarapid metabolizers all get the standard
		// dose; for neurovascular use CPIC differs between them, so no advice is chosen there.
		const clop = report.drugs.filter((d) => d.drug === 'clopidogrel');
		const acs = clop.find((d) => d.population === 'CVI ACS PCI')!;
		expect(acs.determined).toBe(true);
		expect(acs.holdsForEveryFit?.[0].gene).toBe('CYP2C19');
		expect(acs.recommendation).toMatch(/standard dose/);
		expect(clop.find((d) => d.population === 'NVI')?.holdsForEveryFit).toBeUndefined();
		// Citalopram: an ultrarapid metabolizer gets different advice, so no advice is chosen.
		const cit = report.drugs.filter((d) => d.drug === 'citalopram');
		expect(cit.every((d) => !d.holdsForEveryFit)).toBe(true);
	});
});
