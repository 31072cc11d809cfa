import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	createGenomeView,
	GENOTYPE_FLAGS,
	ImportError,
	importGenome,
	importGenomeBytes,
	listVcfSamples,
	bytesToStream,
	type ParsedGenome
} from '../../../src/lib/genome/index';
import { bgzip, concat, fixture, fixtureText, gzip, naiveArrayRows, zip } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);

/** Expected facts per committed fixture. */
const CASES: { file: string; format: string; detail: RegExp; build: string; sex: string; records: number }[] = [
	{ file: '23andme-v5-female.txt', format: '23andme', detail: /23andMe/, build: 'GRCh37', sex: 'female', records: 268 },
	{ file: '23andme-v3-male.txt', format: '23andme', detail: /23andMe/, build: 'GRCh37', sex: 'male', records: 268 },
	{ file: '23andme-bom-crlf-tabs.txt', format: '23andme', detail: /23andMe/, build: 'GRCh37', sex: 'female', records: 268 },
	{ file: 'ancestry-v2-male.txt', format: 'ancestry', detail: /AncestryDNA V2/, build: 'GRCh37', sex: 'male', records: 268 },
	{ file: 'ancestry-v1-female.txt', format: 'ancestry', detail: /AncestryDNA V1/, build: 'GRCh37', sex: 'female', records: 268 },
	{ file: 'myheritage-v1.csv', format: 'myheritage', detail: /^MyHeritage$/, build: 'GRCh37', sex: 'female', records: 268 },
	{ file: 'myheritage-v2.csv', format: 'myheritage', detail: /MHv1\.0/, build: 'GRCh37', sex: 'male', records: 268 },
	{ file: 'myheritage-extra-quotes.csv', format: 'myheritage', detail: /MyHeritage/, build: 'GRCh37', sex: 'female', records: 268 },
	{ file: 'ftdna.csv', format: 'ftdna', detail: /FamilyTreeDNA/, build: 'GRCh37', sex: 'male', records: 268 },
	{ file: 'livingdna.txt', format: 'livingdna', detail: /LivingDNA/, build: 'GRCh37', sex: 'female', records: 268 },
	{ file: 'vcf-grch38-chr.vcf', format: 'vcf', detail: /VCFv4\.2/, build: 'GRCh38', sex: 'female', records: 254 },
	{ file: 'vcf-grch37-nochr-male.vcf', format: 'vcf', detail: /VCFv4\.2/, build: 'GRCh37', sex: 'male', records: 268 }
];

/** Import and expect an ImportError with `code`. */
async function expectCode(p: Promise<unknown>, code: string): Promise<ImportError> {
	const err = await p.then(
		() => null,
		(e: unknown) => e
	);
	expect(err, `expected ImportError ${code}`).toBeInstanceOf(ImportError);
	expect((err as ImportError).code).toBe(code);
	expect((err as ImportError).message.length).toBeGreaterThan(15);
	return err as ImportError;
}

/** Comparable part of a result (container detail stripped). */
function core(g: ParsedGenome) {
	const { formatDetail, ...rest } = g.summary;
	return { ...rest, detail: formatDetail.replace(/ \(.*\)$/, ''), chunks: g.chunks };
}

describe('formats × containers', () => {
	for (const c of CASES) {
		it(`${c.file}: plain, gzip, bgzip, zip agree`, async () => {
			const bytes = fixture(c.file);
			const plain = await importGenomeBytes(bytes);
			expect(plain.summary.format).toBe(c.format);
			expect(plain.summary.formatDetail).toMatch(c.detail);
			expect(plain.summary.build).toBe(c.build);
			expect(plain.summary.sex).toBe(c.sex);
			expect(plain.summary.records).toBe(c.records);
			expect(plain.summary.calls + plain.summary.noCalls).toBe(c.records);
			expect(plain.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
			expect(plain.bytes).toBe(bytes.length);
			expect(plain.summary.buildEvidence).toMatch(/marker positions match/);
			for (const [name, packed] of [
				['gzip', gzip(bytes)],
				['bgzip', bgzip(bytes)],
				['zip', zip(bytes, c.file)]
			] as const) {
				const g = await importGenomeBytes(packed);
				expect(g.summary.formatDetail, name).toContain(name);
				expect(core(g), name).toEqual(core(plain));
				expect(g.sha256).toBe(createHash('sha256').update(packed).digest('hex'));
			}
		});
	}
});

describe('array formats against a naive reader', () => {
	for (const c of CASES.filter((x) => x.format !== 'vcf')) {
		it(`${c.file}: every row is found by rsID and position with its genotype`, async () => {
			const g = await importGenomeBytes(fixture(c.file));
			const view = createGenomeView(g.summary, g.chunks);
			const rows = naiveArrayRows(fixtureText(c.file));
			expect(rows.length).toBe(c.records);
			for (const r of rows) {
				const call = view.byRsid(r.id);
				expect(call, r.id).not.toBeNull();
				expect(call!.pos).toBe(r.pos);
				const got = call!.alleles ? call!.alleles.join('') : '';
				// hemizygous calls written twice become one allele
				const want = call!.alleles?.length === 1 && r.gt.length === 2 ? r.gt[0] : r.gt;
				expect([...got].sort().join(''), `${r.id} ${r.chrom}:${r.pos}`).toBe([...want].sort().join(''));
				const chrom = { '23': 'X', '25': 'X', '24': 'Y', '26': 'MT' }[r.chrom] ?? r.chrom;
				expect(view.byPosition(chrom, r.pos)?.id).toBeTruthy();
			}
			expect(view.byRsid('rs1')).toBeNull();
			expect(view.byPosition('7', 1)).toBeNull();
		});
	}
});

describe('AncestryDNA chromosome codes and hemizygous calls', () => {
	it('maps 23/24/25/26 and makes male X (non-PAR), Y and MT calls haploid', async () => {
		const g = await importGenomeBytes(fixture('ancestry-v2-male.txt'));
		expect(g.chunks.map((c) => c.chrom)).toEqual(expect.arrayContaining(['X', 'Y', 'MT']));
		const x = g.chunks.find((c) => c.chrom === 'X')!;
		let haploid = 0;
		let parDiploid = 0;
		for (let i = 0; i < x.positions.length; i++) {
			if (x.allele1[i] === 0) continue;
			if (x.positions[i] < 2_699_520) {
				if (!(x.flags[i] & GENOTYPE_FLAGS.HAPLOID)) parDiploid++;
			} else if (x.flags[i] & GENOTYPE_FLAGS.HAPLOID) {
				expect(x.allele2[i]).toBe(0);
				haploid++;
			}
		}
		expect(haploid).toBeGreaterThan(20);
		expect(parDiploid).toBeGreaterThan(0); // code 25 rows stay diploid on X
		const mt = g.chunks.find((c) => c.chrom === 'MT')!;
		expect([...mt.allele1].every((a, i) => a === 0 || mt.flags[i] & GENOTYPE_FLAGS.HAPLOID)).toBe(true);
	});
});

describe('FamilyTreeDNA concatenated gzip', () => {
	it('continues past the first member and skips the repeated header', async () => {
		const text = fixtureText('ftdna.csv');
		const lines = text.split('\n');
		const half = 140;
		const part1 = lines.slice(0, half).join('\n') + '\n';
		const part2 = [lines[0], ...lines.slice(half)].join('\n');
		const g = await importGenomeBytes(concat(gzip(enc(part1)), gzip(enc(part2))));
		const whole = await importGenomeBytes(enc(text));
		expect(g.summary.records).toBe(268);
		expect(g.chunks).toEqual(whole.chunks);
	});
});

describe('VCF', () => {
	it('keeps ID "." records by position, multi-allelic, indels, phasing, filters, chr prefix', async () => {
		const text = fixtureText('vcf-grch38-chr.vcf');
		const g = await importGenomeBytes(enc(text));
		const view = createGenomeView(g.summary, g.chunks);
		const records = text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
		let checked = 0;
		for (const f of records) {
			const chrom = f[0].replace(/^chr/, '').replace(/^M$/, 'MT');
			const call = view.byPosition(chrom, Number(f[1]));
			expect(call, f.slice(0, 2).join(':')).not.toBeNull();
			expect(call!.ref).toBe(f[3]);
			expect(call!.id).toBe(f[2] === '.' ? null : f[2]);
			const alleles = [f[3], ...f[4].split(',')];
			const gt = f[9].split(':')[0];
			const idx = gt.split(/[/|]/);
			if (idx.includes('.')) expect(call!.alleles).toBeNull();
			else expect(call!.alleles).toEqual(idx.map((k) => alleles[Number(k)]));
			expect(call!.phased).toBe(gt.includes('|') && idx.length === 2);
			checked++;
		}
		expect(checked).toBe(254);
		expect(g.summary.sample).toBe('NA12878');
		expect(g.summary.warnings.join(' ')).toMatch(/did not pass the caller's filters/);
		const multi = records.find((f) => f[4].includes(','))!;
		expect(view.byPosition(multi[0], Number(multi[1]))!.alleles).toEqual(multi[4].split(','));
		const del = records.find((f) => f[3].length > 1)!;
		expect(view.byPosition(del[0], Number(del[1]))!.ref).toBe(del[3]);
	});

	it('multi-sample: refuses without a choice (listing the samples), imports the chosen one', async () => {
		const bytes = fixture('vcf-multisample.vcf');
		const err = await expectCode(importGenomeBytes(bytes), 'multi-sample');
		expect(err.details.samples).toEqual(['mother', 'father', 'child']);
		expect(await listVcfSamples(bytesToStream(bgzip(bytes)))).toEqual(['mother', 'father', 'child']);
		const child = await importGenomeBytes(bytes, { sample: 'child' });
		expect(child.summary.sample).toBe('child');
		const mother = await importGenomeBytes(bytes, { sample: 'mother' });
		expect(child.chunks[0].allele1).not.toEqual(mother.chunks[0].allele1);
		await expectCode(importGenomeBytes(bytes, { sample: 'uncle' }), 'unknown-sample');
	});

	it('haploid GT, missing GT, no GT in FORMAT', async () => {
		const vcf = [
			'##fileformat=VCFv4.3',
			'##contig=<ID=1,length=249250621>',
			'#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1',
			'1\t100\trs5\tA\tG\t50\tPASS\t.\tGT\t1',
			'1\t200\t.\tC\tT\t50\t.\t.\tGT\t./.',
			'1\t300\trs7;rs8\tG\t<DEL>\t50\tPASS\tSVTYPE=DEL\tDP\t12',
			'1\t400\tvar400\tT\tC,*\t50\tPASS\t.\tGT:DP\t2/1:12'
		].join('\n');
		const g = await importGenomeBytes(enc(vcf));
		const v = createGenomeView(g.summary, g.chunks);
		expect(v.byPosition('1', 100)).toMatchObject({ alleles: ['G'], id: 'rs5' });
		expect(v.byPosition('1', 200)).toMatchObject({ alleles: null, id: null, ref: 'C' });
		expect(v.byPosition('1', 300)).toMatchObject({ alleles: null, id: 'rs7' });
		expect(v.byPosition('1', 400)).toMatchObject({ alleles: ['*', 'C'], id: 'var400' });
		expect(v.byRsid('var400')?.pos).toBe(400);
	});
});

describe('build and sex', () => {
	it('warns when the header disagrees with marker positions', async () => {
		const g = await importGenomeBytes(fixture('23andme-header-disagrees.txt'));
		expect(g.summary.build).toBe('GRCh37');
		expect(g.summary.warnings.join(' ')).toMatch(/header says GRCh38/);
	});

	it('refuses build 36', async () => {
		const err = await expectCode(importGenomeBytes(fixture('23andme-build36.txt')), 'build36');
		expect(err.message).toMatch(/build 36/);
	});

	it('says "unknown" sex and assumes GRCh37 (with a warning) when the data cannot tell', async () => {
		const g = await importGenomeBytes(enc('# This data file generated by 23andMe at: x\nrs1\t1\t100\tAG\nrs2\t2\t200\tCC\n'));
		expect(g.summary.sex).toBe('unknown');
		expect(g.summary.build).toBe('GRCh37');
		expect(g.summary.warnings.join(' ')).toMatch(/could not be determined/);
	});
});

describe('LivingDNA quirks', () => {
	it('keeps multi-base "genotypes" as no-calls with a warning, and non-rs IDs', async () => {
		const head = '# Living DNA customer genotype data download file version: 1.0.2\n# Human Genome Reference Build 37 (GRCh37.p13).\n# rsid\tchromosome\tposition\tgenotype\n';
		const g = await importGenomeBytes(enc(head + 'rs1\t1\t100\tAG\nAX-12345678\t3\t15000000\tGG\n1:726912\t1\t726912\tAA\nrs61752992\tX\t153296077\tCTGGTGGGGTCC\n'));
		expect(g.summary.format).toBe('livingdna');
		expect(g.summary.records).toBe(4);
		expect(g.summary.noCalls).toBe(1);
		expect(g.summary.warnings.join(' ')).toMatch(/1 rows gave several bases/);
		const v = createGenomeView(g.summary, g.chunks);
		expect(v.byRsid('AX-12345678')).toMatchObject({ chrom: '3', alleles: ['G', 'G'] });
		expect(v.byRsid('1:726912')).toMatchObject({ pos: 726912 });
		expect(v.byRsid('rs61752992')).toMatchObject({ alleles: null });
	});
});

describe('chromosome order', () => {
	it('interleaved chromosomes (a file sorted by rsID) give the same chunks as a sorted file', async () => {
		const lines = Array.from({ length: 60 }, (_, i) => `rs${1000 + i}\t${(i % 3) + 1}\t${100000 + i * 7}\t${i % 5 ? 'AG' : '--'}`);
		const sorted = [...lines].sort((a, b) => Number(a.split('\t')[1]) - Number(b.split('\t')[1]));
		const head = '# This data file generated by 23andMe at: x\n# rsid\tchromosome\tposition\tgenotype\n';
		const a = await importGenomeBytes(enc(head + lines.join('\n')));
		const b = await importGenomeBytes(enc(head + sorted.join('\n')));
		expect(a.chunks).toEqual(b.chunks);
		expect(a.chunks.map((c) => c.positions.length)).toEqual([20, 20, 20]);
	});
});

describe('unsorted input', () => {
	it('sorts positions and keeps side tables aligned', async () => {
		const g = await importGenomeBytes(
			enc('# 23andMe\n# rsid\tchromosome\tposition\tgenotype\ni5\t1\t500\tAG\nrs3\t1\t300\tCC\ni1\t1\t100\tDI\nrs2\t1\t200\t--\n')
		);
		const c = g.chunks[0];
		expect([...c.positions]).toEqual([100, 200, 300, 500]);
		expect([...c.otherIdIndex]).toEqual([0, 3]);
		expect(c.otherIds).toEqual(['i1', 'i5']);
		const v = createGenomeView(g.summary, g.chunks);
		expect(v.byRsid('i5')).toMatchObject({ pos: 500, alleles: ['A', 'G'] });
		expect(v.byRsid('i1')).toMatchObject({ pos: 100, alleles: ['D', 'I'] });
		expect(v.byRsid(3)).toMatchObject({ pos: 300, alleles: ['C', 'C'] });
	});
});

const T23 = '# This data file generated by 23andMe at: x\n# rsid\tchromosome\tposition\tgenotype\n';
describe('refusals: each corrupt input gets its specific code', () => {
	const cases: [string, () => Uint8Array, string][] = [
		['empty file', () => new Uint8Array(0), 'empty-file'],
		['only whitespace', () => enc('\n\n  \r\n'), 'empty-file'],
		['binary garbage', () => Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256), 'binary'],
		['PNG image', () => concat(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), new Uint8Array(200)), 'binary'],
		['truncated gzip', () => gzip(fixture('23andme-v5-female.txt')).subarray(0, 1500), 'truncated-gzip'],
		['corrupt gzip', () => { const g = gzip(fixture('23andme-v5-female.txt')); g[10] ^= 0xff; g[11] ^= 0xff; g[12] ^= 0xff; return g; }, 'corrupt-gzip'],
		['zip without a genome', () => zip(enc('%PDF-1.4'), 'report.pdf'), 'zip-without-genome'],
		['truncated zip', () => zip(fixture('23andme-v5-female.txt')).subarray(0, 2000), 'truncated-zip'],
		['unknown text format', () => enc('Dear patient,\nyour results are attached.\n'), 'unknown-format'],
		['wrong column count', () => enc(T23 + 'rs1\t1\t100\tAG\nrs2\t1\t200\n'), 'column-count'],
		['bad position', () => enc(T23 + 'rs1\t1\t100\tAG\nrs2\t1\t2x00\tAG\n'), 'bad-position'],
		['negative position', () => enc(T23 + 'rs1\t1\t-5\tAG\n'), 'bad-position'],
		['impossible genotype', () => enc(T23 + 'rs1\t1\t100\tAG\nrs2\t1\t200\tZQ\n'), 'bad-genotype'],
		['half genotype', () => enc(T23 + 'rs1\t1\t100\tA-\n'), 'bad-genotype'],
		['genotype with a digit', () => enc(T23 + 'rs1\t1\t100\tA1\n'), 'bad-genotype'],
		['Ancestry allele of two letters', () => enc('#AncestryDNA raw data download\nrsid\tchromosome\tposition\tallele1\tallele2\nrs1\t1\t100\tAG\tA\n'), 'bad-genotype'],
		['bad chromosome', () => enc(T23 + 'rs1\t99\t100\tAG\n'), 'bad-chromosome'],
		['header only', () => enc(T23), 'no-variants'],
		['VCF with allele index out of range', () => enc('##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n1\t5\t.\tA\tG\t.\t.\t.\tGT\t0/3\n'), 'bad-genotype'],
		['VCF without samples', () => enc('##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tG\t.\t.\t.\n'), 'no-samples'],
		['VCF without #CHROM line', () => enc('##fileformat=VCFv4.2\n1\t5\t.\tA\tG\t.\t.\t.\tGT\t0/1\n'), 'bad-vcf'],
		['VCF with short record', () => enc('##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n1\t5\t.\tA\tG\n'), 'column-count'],
		['VCF only unplaced contigs', () => enc('##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\nGL000192.1\t5\t.\tA\tG\t.\t.\t.\tGT\t0/1\n'), 'no-variants'],
		['a 2 MB line', () => enc(T23 + 'rs1\t1\t100\t' + 'A'.repeat(2 * 1024 * 1024) + '\n'), 'too-large']
	];
	for (const [name, make, code] of cases) it(name, () => expectCode(importGenomeBytes(make()), code).then(() => undefined));

	it('a decompression bomb is refused before it is inflated', async () => {
		const bomb = gzip(enc('#' + ' '.repeat(80 * 1024 * 1024)));
		expect(bomb.length).toBeLessThan(200_000);
		await expectCode(importGenomeBytes(bomb), 'too-large');
	});
});

describe('progress and cancel', () => {
	it('reports bytes and records, and the final stage', async () => {
		const bytes = fixture('23andme-v5-female.txt');
		const events: { bytesRead: number; records: number; stage: string }[] = [];
		await importGenome(bytesToStream(bytes, 512), { onProgress: (p) => events.push(p), totalBytes: bytes.length });
		expect(events.length).toBeGreaterThan(0);
		const last = events[events.length - 1];
		expect(last.stage).toBe('indexing');
		expect(last.bytesRead).toBe(bytes.length);
		expect(last.records).toBe(268);
	});

	it('cancels via AbortSignal with code "cancelled" (before and during the import)', async () => {
		const ac = new AbortController();
		ac.abort();
		await expectCode(importGenomeBytes(fixture('23andme-v5-female.txt'), { signal: ac.signal }), 'cancelled');
		const ac2 = new AbortController();
		let pulls = 0;
		const stream = new ReadableStream<Uint8Array>({
			async pull(controller) {
				pulls++;
				if (pulls === 1) controller.enqueue(fixture('23andme-v5-female.txt').subarray(0, 3000));
				else {
					ac2.abort();
					await new Promise((r) => setTimeout(r, 5));
					controller.enqueue(enc('rs1\t1\t1\tAA\n'));
				}
			}
		});
		await expectCode(importGenome(stream, { signal: ac2.signal }), 'cancelled');
	});
});
