/**
 * A SYNTHETIC whole-genome trio for the family benchmarks: a joint-called, bgzipped GRCh38 VCF
 * (father, mother, son; GT:AD:DP:GQ) with `records` records spread over chr1–22 and X, written
 * through `bgzip` in a stream (never all in memory). Genotypes follow Mendel: each parent's
 * genotype is drawn from the site's allele frequency and the son takes one allele from each
 * (on X: his mother's only). A record is written only where someone carries the ALT, as joint
 * callers do. Cached in $TMPDIR/qenome-bench by record count. Never real people.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../make-demo-genome';
import { bgzipStream } from './bgzip-stream';

const DIR = path.join(os.tmpdir(), 'qenome-bench');

/** Path of the synthetic trio with `records` records (made on first use). */
export async function makeTrioVcf(records: number): Promise<string> {
	const file = path.join(DIR, `trio-${records / 1e6}M.vcf.gz`);
	if (fs.existsSync(file)) return file;
	fs.mkdirSync(DIR, { recursive: true });
	const gz = bgzipStream(file);
	const write = gz.write;
	const lengths = [248956422, 242193529, 198295559, 190214555, 181538259, 170805979, 159345973, 145138636, 138394717, 133797422, 135086622, 133275309, 114364328, 107043718, 101991189, 90338345, 83257441, 80373285, 58617616, 64444167, 46709983, 50818468, 156040895];
	const names = [...Array.from({ length: 22 }, (_, i) => `chr${i + 1}`), 'chrX'];
	const total = lengths.reduce((a, b) => a + b, 0);
	let head = '##fileformat=VCFv4.2\n##FILTER=<ID=PASS,Description="All filters passed">\n##source=SYNTHETIC trio (Qenome benchmark)\n##reference=GRCh38\n';
	head += names.map((n, i) => `##contig=<ID=${n},length=${lengths[i]}>\n`).join('');
	head += '##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">\n##INFO=<ID=AN,Number=1,Type=Integer,Description="Total alleles">\n';
	head += '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">\n';
	head += '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">\n##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype quality">\n';
	head += '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tSON\tFATHER\tMOTHER\n';
	await write(head);
	const rnd = mulberry32(21);
	const B = 'ACGT';
	const cell = (a: number, b: number) => {
		const dp = 20 + Math.floor(rnd() * 25);
		const alt = a + b === 0 ? 0 : a + b === 2 ? dp : dp >> 1;
		return `${a}/${b}:${dp - alt},${alt}:${dp}:${60 + Math.floor(rnd() * 39)}`;
	};
	let buf: string[] = [];
	let written = 0;
	for (let c = 0; c < names.length && written < records; c++) {
		const want = Math.round((records * lengths[c]) / total);
		// about 37 % of drawn sites carry an ALT in someone (the rest are skipped, as joint callers do)
		const step = lengths[c] / (want * 2.9);
		const x = names[c] === 'chrX';
		let pos = 10000;
		for (let k = 0; k < want; ) {
			pos += 1 + Math.floor(rnd() * (2 * step - 2));
			if (pos >= lengths[c]) break;
			const p = rnd() < 0.6 ? rnd() * 0.05 : rnd();
			const al = () => (rnd() < p ? 1 : 0);
			const f = [al(), al()];
			const m = [al(), al()];
			const s = x ? [m[rnd() < 0.5 ? 0 : 1]] : [f[rnd() < 0.5 ? 0 : 1], m[rnd() < 0.5 ? 0 : 1]];
			if (x) f[1] = f[0]; // hemizygous father written diploid, as GATK does outside the PARs
			if (f[0] + f[1] + m[0] + m[1] + s[0] + (s[1] ?? 0) === 0) continue;
			const ref = B[Math.floor(rnd() * 4)];
			const u = rnd();
			const alt = u < 0.05 ? ref + B[Math.floor(rnd() * 4)] : B[(B.indexOf(ref) + 1 + Math.floor(rnd() * 3)) % 4];
			const ac = f[0] + f[1] + m[0] + m[1] + s[0] + (s[1] ?? s[0]);
			const son = x ? cell(s[0], s[0]) : cell(s[0], s[1]);
			buf.push(`${names[c]}\t${pos}\t.\t${ref}\t${alt}\t${(50 + rnd() * 900).toFixed(2)}\tPASS\tAC=${ac};AN=6\tGT:AD:DP:GQ\t${son}\t${cell(f[0], f[1])}\t${cell(m[0], m[1])}\n`);
			k++;
			written++;
			if (buf.length === 20000) {
				await write(buf.join(''));
				buf = [];
			}
		}
	}
	await write(buf.join(''));
	await gz.close();
	return file;
}

/** The trio's PED (son affected). */
export const TRIO_PED = 'trio\tSON\tFATHER\tMOTHER\t1\t2\ntrio\tFATHER\t0\t0\t1\t1\ntrio\tMOTHER\t0\t0\t2\t1\n';

// `tsx scripts/bench/family-vcf.ts N` makes the file ahead of a benchmark run.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
	const n = Number(process.argv[2] ?? 4_500_000);
	console.log(await makeTrioVcf(n));
}
