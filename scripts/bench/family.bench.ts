/**
 * Family benchmark (SYNTHETIC genomes from the seeded family simulator, never real people):
 * 1. kinship for three 23andMe-size arrays (~640k SNPs each): import of each file (the peer the
 *    ratio is taken against, measured in the same run) and `relate` over the three (target < 2 s);
 * 2. a SYNTHETIC whole-genome trio (4.5 M records, scripts/bench/family-vcf.ts) ranked end to end
 *    in Node: the VCF read ONCE (`readFamilyVcf`), relatedness checks, the proband's candidates
 *    and DP/GQ/AD from the region lines, segregation and ranking; the peer is the proband ranked
 *    alone (one pass of the rare-disease reader) in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Readable } from 'node:stream';
import { bytesToStream, importGenomeBytes } from '../../src/lib/genome/index';
import { analyseFamily, familySample, parsePed, readFamilyVcf, relate } from '../../src/lib/family/index';
import { makeTrioVcf, TRIO_PED } from './family-vcf';
import { analyseRare } from '../../src/lib/rare/index';
import { loadRareKbNode } from '../../src/lib/rare/kb-node';
import { child, founder, makeSites, rng, to23andMe } from '../../tests/unit/family/simulate';

const TRIO_RECORDS = Number(process.env.QENOME_FAMILY_RECORDS ?? 4_500_000);

const ms = (t: number) => `${t.toFixed(0)} ms`;

export default {
	title: 'Family: kinship and trio ranking',
	async run(): Promise<string> {
		const load0 = os.loadavg()[0];
		// 1. Arrays.
		const sites = makeSites(27_500, 42, 18_000, 2_000);
		const r = rng(2);
		const dad = founder('dad', 'male', sites, r);
		const mum = founder('mum', 'female', sites, r);
		const kid = child('kid', 'female', dad, mum, r);
		const enc = new TextEncoder();
		const files = [kid, dad, mum].map((p) => enc.encode(to23andMe(p, sites)));
		const snps = [...sites.values()].reduce((a, l) => a + l.length, 0);
		const t0 = performance.now();
		const samples = [];
		for (let i = 0; i < 3; i++) samples.push(familySample(['kid', 'dad', 'mum'][i], await importGenomeBytes(files[i])));
		const tImport = performance.now() - t0;
		const runs: number[] = [];
		const cpus: number[] = [];
		for (let k = 0; k < 5; k++) {
			const t = performance.now();
			const c = process.cpuUsage();
			relate(samples, { pedigree: parsePed('f kid dad mum 2 2\nf dad 0 0 1 1\nf mum 0 0 2 1') });
			cpus.push(process.cpuUsage(c).user / 1000);
			runs.push(performance.now() - t);
		}
		runs.sort((a, b) => a - b);
		cpus.sort((a, b) => a - b);
		const tRelate = runs[2];
		const cRelate = cpus[2];
		// 2. A whole-genome trio ranked in Node: the VCF read once (every sample's genotypes + the
		// region lines), then checks, candidates, qualities, segregation and ranking.
		const wgs = await makeTrioVcf(TRIO_RECORDS);
		const open = () => Readable.toWeb(fs.createReadStream(wgs, { highWaterMark: 1 << 20 })) as unknown as ReadableStream<Uint8Array>;
		const kb = await loadRareKbNode();
		const query = { observed: ['HP:0001250', 'HP:0001263'], excluded: [] as string[] };
		// Peer: the same proband ranked alone (one pass over the VCF, rare domain).
		const tp = performance.now();
		const cp = process.cpuUsage();
		await analyseRare(kb, { query: { ...query, sex: 'male' }, vcf: { stream: open(), name: 'trio.vcf.gz', sample: 'SON' } });
		const tAlone = performance.now() - tp;
		const cAlone = process.cpuUsage(cp).user / 1000;
		const t1 = performance.now();
		const c1 = process.cpuUsage();
		const read = await readFamilyVcf(open(), { kb });
		const tRead = performance.now() - t1;
		const cRead = process.cpuUsage(c1).user / 1000;
		const ids = read.samples.map((x) => x.id);
		const res = await analyseFamily(kb, {
			samples: read.samples,
			pedigree: parsePed(TRIO_PED),
			sources: [{ name: 'trio.vcf.gz', samples: ids, open: () => bytesToStream(read.regionVcf), records: read.records }],
			query
		});
		const tTrio = performance.now() - t1;
		const cTrio = process.cpuUsage(c1).user / 1000;
		const peakRss = process.resourceUsage().maxRSS / 1024;
		const load1 = os.loadavg()[0];
		return [
			`Load average ${load0.toFixed(2)} at start, ${load1.toFixed(2)} at end (2 cores shared by several sessions). SYNTHETIC genomes.`,
			'',
			'| measure | value | note |',
			'| --- | --- | --- |',
			`| three 23andMe-format arrays, SNPs each | ${snps.toLocaleString('en')} | |`,
			`| import of the three files (peer) | ${ms(tImport)} | ${ms(tImport / 3)} per file |`,
			`| **kinship + IBS0 + sex + Mendelian errors for the three (\`relate\`)** | **${ms(tRelate)}** wall, ${ms(cRelate)} CPU | median of 5; target < 2 s; ${(tRelate / (tImport / 3)).toFixed(2)}× one file's import |`,
			`| SYNTHETIC WGS trio joint VCF | ${read.records.toLocaleString('en')} records × 3 samples, ${(fs.statSync(wgs).size / 1e6).toFixed(0)} MB bgzip | GRCh38, GT:AD:DP:GQ (scripts/bench/family-vcf.ts) |`,
			`| peer: the proband ranked alone (\`analyseRare\`, one VCF pass) | ${ms(tAlone)} wall, ${ms(cAlone)} CPU | |`,
			`| trio: the one pass (\`readFamilyVcf\`: 3 samples' genotypes + ${(read.regionVcf.length / 1e6).toFixed(1)} MB of region lines) | ${ms(tRead)} wall, ${ms(cRead)} CPU | |`,
			`| **trio ranked end to end (one pass, checks, candidates, qualities, segregation, ranking)** | **${ms(tTrio)}** wall, ${ms(cTrio)} CPU | ${(cTrio / cAlone).toFixed(1)}× the proband alone in CPU; ${res.rare.input.variantsConsidered.toLocaleString('en')} candidates; Mendelian errors ${res.checks.trios[0]?.mendelianErrors ?? '—'} of ${(res.checks.trios[0]?.sites ?? 0).toLocaleString('en')} sites; peak RSS ${peakRss.toFixed(0)} MB; Node ${process.version} |`,
			'',
			'CPU time (this process, user) is the load-independent figure on a shared machine; wall time includes waiting for the other sessions. The trio\'s VCF is read once (before: five times — one import per member, the proband\'s candidates, the call qualities). The browser figure (file chosen → ranked genes shown in Chromium) is in the section "Family in the browser (Chromium)".'
		].join('\n');
	}
};
