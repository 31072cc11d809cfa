/**
 * Genome import benchmark (`npm run bench -- genome`).
 *
 * - A synthetic 23andMe v5-size file (~640k rows, the demo generator's output), plain and zipped.
 * - A synthetic WGS-size VCF (~5M records, GATK-like INFO/FORMAT, bgzip), generated once into
 *   /tmp/qenome-bench/ and reused.
 * Each import runs in its own Node process (scripts/bench/genome-run.ts) so peak RSS is its own.
 * Peer: `bcftools query -f '%CHROM\t%POS\t%ID\t%REF\t%ALT[\t%GT]\n'` on the same VCF in the
 * same run (Debian package `bcftools`; peak memory via /usr/bin/time when present).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { makeDemoText, mulberry32 } from '../make-demo-genome';
import { bgzipStream } from './bgzip-stream';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const DIR = path.join(os.tmpdir(), 'qenome-bench');
/** Path of the synthetic WGS-like VCF with `records` records. */
export const vcfPath = (records: number) => path.join(DIR, `wgs-${records / 1e6}M.vcf.gz`);

/** Is a command on PATH? */
function has(cmd: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** Write the synthetic WGS VCF through `bgzip` (streaming; never all in memory). */
export async function makeVcf(VCF_RECORDS: number): Promise<string> {
	const VCF = vcfPath(VCF_RECORDS);
	if (fs.existsSync(VCF)) return VCF;
	if (!has('bgzip')) throw new Error('bgzip (Debian package tabix) is needed to build the benchmark VCF');
	fs.mkdirSync(DIR, { recursive: true });
	const gz = bgzipStream(VCF);
	const write = gz.write;
	const lengths = [249250621, 243199373, 198022430, 191154276, 180915260, 171115067, 159138663, 146364022, 141213431, 135534747, 135006516, 133851895, 115169878, 107349540, 102531392, 90354753, 81195210, 78077248, 59128983, 63025520, 48129895, 51304566, 155270560];
	const names = [...Array.from({ length: 22 }, (_, i) => `chr${i + 1}`), 'chrX'];
	const total = lengths.reduce((a, b) => a + b, 0);
	let head = '##fileformat=VCFv4.2\n##FILTER=<ID=PASS,Description="All filters passed">\n##source=HaplotypeCaller\n##reference=file:///ref/GRCh38.fa\n';
	head += '##contig=<ID=chr1,length=248956422>\n##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">\n';
	head += '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">\n';
	head += '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tSAMPLE1\n';
	await write(head);
	const rnd = mulberry32(5);
	const B = 'ACGT';
	let buf: string[] = [];
	for (let c = 0; c < names.length; c++) {
		const n = Math.round((VCF_RECORDS * lengths[c]) / total);
		const step = lengths[c] / n;
		let pos = 10000;
		for (let k = 0; k < n; k++) {
			pos += 1 + Math.floor(rnd() * (2 * step - 2));
			const ref = B[Math.floor(rnd() * 4)];
			const u = rnd();
			let r = ref;
			let alt = B[(B.indexOf(ref) + 1 + Math.floor(rnd() * 3)) % 4];
			if (u < 0.06) r = ref + B[Math.floor(rnd() * 4)] + B[Math.floor(rnd() * 4)];
			else if (u < 0.12) alt = ref + 'T';
			else if (u < 0.14) alt = `${alt},${ref}A`;
			const het = rnd() < 0.6;
			const gt = u >= 0.12 && u < 0.14 ? '1/2' : het ? '0/1' : '1/1';
			const dp = 20 + Math.floor(rnd() * 30);
			const id = rnd() < 0.85 ? `rs${1 + Math.floor(rnd() * 1_500_000_000)}` : '.';
			buf.push(
				`${names[c]}\t${pos}\t${id}\t${r}\t${alt}\t${(50 + rnd() * 900).toFixed(2)}\tPASS\tAC=${het ? 1 : 2};AF=${het ? '0.500' : '1.00'};AN=2;DP=${dp};ExcessHet=3.0103;FS=0.000;MLEAC=1;MLEAF=0.500;MQ=60.00;QD=${(rnd() * 30).toFixed(2)};SOR=0.693\tGT:AD:DP:GQ:PL\t${gt}:${dp >> 1},${dp - (dp >> 1)}:${dp}:99:${Math.floor(rnd() * 900)},0,${Math.floor(rnd() * 900)}\n`
			);
			if (buf.length === 20000) {
				await write(buf.join(''));
				buf = [];
			}
		}
	}
	await write(buf.join(''));
	await gz.close();
	return VCF;
}

interface RunResult {
	ms: number;
	records: number;
	bytes: number;
	peakRssMB: number;
}

/**
 * Bundle genome-run.ts (and the library) into one plain ES module with esbuild, so the measured
 * process is plain Node as in production (`npm run build:cli`), without a TypeScript loader.
 */
async function bundleRunner(): Promise<string> {
	const { build } = await import('esbuild');
	const out = path.join(DIR, 'genome-run.mjs');
	await build({ entryPoints: [path.join(here, 'genome-run.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'silent' });
	return out;
}

let runner = '';

/** Import one file in a fresh Node process. */
function runImport(file: string): RunResult {
	const r = spawnSync(process.execPath, [runner, file], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 1 << 20
	});
	if (r.status !== 0) throw new Error(`import of ${file} failed: ${r.stderr.split('\n')[0]}`);
	return JSON.parse(r.stdout.trim().split('\n').pop()!) as RunResult;
}

/** The peer command of issue #19, verbatim. */
const PEER_FORMAT = '%CHROM %POS %REF %ALT [%GT]\\n';

/** Run `cmd` through sh (with higher priority when allowed), timing it; peak RSS via /usr/bin/time. */
function timed(cmd: string): { ms: number; peakRssMB: number | null; cpuS: number | null } {
	const useTime = fs.existsSync('/usr/bin/time');
	const nice = process.getuid?.() === 0 ? 'nice -n -5 ' : '';
	const full = `${nice}${useTime ? '/usr/bin/time -f "MAXRSS %M CPU %U %S" ' : ''}${cmd}`;
	const t0 = performance.now();
	const r = spawnSync('sh', ['-c', full], { encoding: 'utf8', cwd: root, maxBuffer: 64 << 20 });
	const ms = performance.now() - t0;
	if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr.split('\n').filter((l) => !l.startsWith('[W::')).join(' ').slice(0, 300)}`);
	const m = /MAXRSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
	return { ms, peakRssMB: m ? Number(m[1]) / 1024 : null, cpuS: m ? Number(m[2]) + Number(m[3]) : null };
}

/** `qenome import FILE --json`, end to end: process start to exit, as a clinic runs it. */
function runCli(file: string) {
	return timed(`node bin/qenome.js import '${file}' --json > /dev/null`);
}

/** The peer on the same file. */
function runBcftools(file: string) {
	return timed(`bcftools query -f '${PEER_FORMAT}' '${file}' > /dev/null`);
}

/** A plain (single-stream, not BGZF) gzip copy of a VCF, made once. */
function plainGzipCopy(vcf: string): string {
	const out = vcf.replace(/\.vcf\.gz$/, '.plain.vcf.gz');
	if (!fs.existsSync(out)) {
		const r = spawnSync('sh', ['-c', `gzip -dc '${vcf}' | gzip -6 > '${out}.part' && mv '${out}.part' '${out}'`]);
		if (r.status !== 0) throw new Error('could not make the plain gzip copy');
	}
	return out;
}

const fmt = (n: number, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

export default {
	title: 'Genome import',
	async run(): Promise<string> {
		fs.mkdirSync(DIR, { recursive: true });
		runner = await bundleRunner();
		// 23andMe v5-size
		const demo = makeDemoText();
		const txt = path.join(DIR, 'demo-23andme.txt');
		const zipped = path.join(DIR, 'demo-23andme.zip');
		const data = new TextEncoder().encode(demo.text);
		fs.writeFileSync(txt, data);
		fs.writeFileSync(zipped, zipSync({ 'genome_demo_v5_Full.txt': [data, { level: 6, mtime: new Date(2024, 0, 1) }] }));
		const rows: string[] = [];
		const line = (name: string, r: RunResult, textBytes: number) =>
			`| ${name} | ${fmt(r.records)} | ${fmt(r.ms / 1000, 2)} | ${fmt(r.records / (r.ms / 1000))} | ${fmt(textBytes / 1e6 / (r.ms / 1000), 1)} | ${fmt(r.peakRssMB)} |`;
		rows.push(line('23andMe v5-size, plain text (Node)', runImport(txt), data.length));
		rows.push(line('23andMe v5-size, zip (Node)', runImport(zipped), data.length));
		// WGS VCFs: the CLI end to end against bcftools query, interleaved, best of 3 each
		const load0 = os.loadavg();
		const peerAvailable = has('bcftools');
		const version = peerAvailable ? spawnSync('bcftools', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] : '';
		// the bundled CLI, fresh (bin/qenome.js runs it when it is newer than the sources)
		spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.js')], { stdio: 'ignore' });
		// start-up: the whole command on a 1 KB VCF vs a bare Node process (best of 5 each)
		const tiny = path.join(root, 'tests', 'fixtures', 'genome', 'vcf-grch38-chr.vcf');
		const bare: number[] = [];
		const small: number[] = [];
		for (let k = 0; k < 5; k++) {
			bare.push(timed(`node -e 0`).ms);
			small.push(timed(`node bin/qenome.js import '${tiny}' --json > /dev/null`).ms);
		}
		const startUp = `Start-up: \`qenome import\` of a 1 KB VCF takes ${fmt(Math.min(...small))} ms end to end against ${fmt(Math.min(...bare))} ms for a bare \`node -e 0\` (best of 5 each): the bundle is split per command (scripts/build-cli.js), so \`import\` compiles the genome code only, not every command's 5 MB.`;
		const wgs: string[] = [];
		const ratios: string[] = [];
		for (const records of [2_000_000, 5_000_000]) {
			const vcf = await makeVcf(records);
			const files: [string, string][] = [[`${records / 1e6}M records, bgzip`, vcf]];
			if (records === 2_000_000) files.push([`${records / 1e6}M records, plain gzip (one stream: not split)`, plainGzipCopy(vcf)]);
			for (const [label, file] of files) {
				const ours: ReturnType<typeof timed>[] = [];
				const peer: ReturnType<typeof timed>[] = [];
				for (let k = 0; k < 3; k++) {
					ours.push(runCli(file));
					if (peerAvailable) peer.push(runBcftools(file));
				}
				const o = Math.min(...ours.map((r) => r.ms));
				const oRss = Math.max(...ours.map((r) => r.peakRssMB ?? 0));
				const p = peerAvailable ? Math.min(...peer.map((r) => r.ms)) : NaN;
				const cpu = (runs: ReturnType<typeof timed>[]) => Math.min(...runs.map((r) => r.cpuS ?? Infinity));
				const oCpu = cpu(ours);
				const pCpu = peerAvailable ? cpu(peer) : NaN;
				const ratio = p / o;
				const target = label.includes('bgzip') ? ` (target ≥ 1.5× ${ratio >= 1.5 ? '✅' : '❌'})` : '';
				wgs.push(
					`| ${label} | ${fmt(fs.statSync(file).size / 1e6)} MB | ${fmt(o / 1000, 2)} s | ${fmt(oCpu, 2)} s | ${fmt(oRss)} MB | ${peerAvailable ? `${fmt(p / 1000, 2)} s` : 'n/a'} | ${peerAvailable ? `${fmt(pCpu, 2)} s` : 'n/a'} | ${peerAvailable ? `**${fmt(ratio, 2)}×**${target}` : 'n/a'} |`
				);
				if (label.includes('bgzip')) ratios.push(`${records / 1e6}M: ${fmt(ratio, 2)}×`);
			}
		}
		const load1 = os.loadavg();
		return [
			'Each array-file import runs in a fresh Node process through the public `importGenome` API, reading the file as a stream',
			'(SHA-256, container decoding, parsing, columnar chunks, build/sex inference). MB/s counts uncompressed text.',
			'Peak memory is the process maximum RSS (Node runtime included; the runner is bundled with esbuild and run by plain Node).',
			'',
			'| input | records | seconds | records/s | MB/s (text) | peak RSS MB |',
			'| --- | ---: | ---: | ---: | ---: | ---: |',
			...rows,
			'',
			`### Whole-genome VCF: \`qenome import FILE --json\` end to end vs \`bcftools query\``,
			'',
			`Process start to exit of the command a clinic runs (\`node bin/qenome.js import FILE --json\`, the bundled CLI: native SHA-256 of the file (node:crypto), batches of whole BGZF blocks (≈ 1 MiB compressed) inflated by ${os.cpus().length} worker threads with one multi-member \`zlib.gunzipSync\` per batch (zlib checks every block's CRC-32 and size), parsed there into columns that are transferred back, applied in file order, columnar chunks, summary JSON) against ${version || 'bcftools'} \`query -f '%CHROM %POS %REF %ALT [%GT]\\n'\` on the same file, output to /dev/null. Best of 3 each, interleaved (ours, peer, ours, …) so both see the same load; both run with \`nice -n -5\` when the bench runs as root. Peak RSS: /usr/bin/time (whole process, all threads). bcftools reads on one thread (its \`--threads\` option is not in the stated command).`,
			'',
			'| file | size | qenome import (wall) | qenome CPU (all threads) | peak RSS | bcftools query (wall) | bcftools CPU | speed vs bcftools (wall) |',
			'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
			...wgs,
			'',
			startUp,
			'',
			`Ratios (bgzip): ${ratios.join(', ')}. Load average (1/5/15 min) at the start of these rows: ${load0.map((x) => x.toFixed(1)).join(' / ')}; at their end: ${load1.map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores. When the load exceeds the core count, the ratio depends on how the scheduler shares the cores between our ${os.cpus().length + 1} threads and bcftools' one; a quiet machine gives the fair figure. This machine schedules by session (kernel autogroups: \`/proc/sys/kernel/sched_autogroup_enabled\` = ${fs.existsSync('/proc/sys/kernel/sched_autogroup_enabled') ? fs.readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() : 'n/a'}): under other sessions' load the bench's session gets one share of the cores whatever its thread count, so worker threads cannot show their gain, and the CPU columns (user + system time, load-independent) are the steadier comparison — the parallel path's wall time approaches its CPU time ÷ the cores it gets, plus the importing thread's share.`,
			'',
			'Plain gzip (one deflate stream, e.g. `gzip file.vcf`) cannot be split: a deflate stream can only be decoded from its start, so it is inflated on the importing thread (fflate, in 4 KiB pieces with the bomb guard, CRC-32 checked) and parsed there — single-stream speed, as before this change. Recompress with `bgzip` (htslib) to get the parallel path; every VCF tool writes BGZF anyway.',
			`The VCFs are synthetic (GATK-like INFO/FORMAT), generated once into ${DIR}.`
		].join('\n');
	}
};
