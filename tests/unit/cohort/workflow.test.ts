/**
 * The Snakemake workflow (workflows/Snakefile) run for real: `snakemake -j 2` on three small
 * generated VCFs (one with 3 samples, two with 2), then the merged table is checked against the
 * per-shard tables and every sample's JSON. Skipped, with the reason printed, when `snakemake` is
 * not installed (`.ci/run` installs Debian's package).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { loadKb } from '../../../src/lib/pgx/index';
import { PGX_TSV_COLUMNS } from '../../../src/lib/cohort/index';
import { makeCohortVcf } from '../../../scripts/make-cohort-vcf';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const hasSnakemake = spawnSync('snakemake', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasSnakemake) console.log('workflow test skipped: `snakemake` is not installed (apt-get install snakemake; .ci/run does it)');

describe.skipIf(!hasSnakemake)('Snakemake workflow (needs snakemake)', () => {
	it('snakemake -j 2 on three VCFs: merged cohort table, per-sample JSON, summaries', async () => {
		const kb = await loadKb();
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-wf-'));
		const vcfs = [
			{ name: 'a.vcf.gz', n: 3, first: 0 },
			{ name: 'b.vcf.gz', n: 2, first: 3 },
			{ name: 'c.vcf', n: 2, first: 5 }
		].map(({ name, n, first }) => {
			const text = makeCohortVcf(kb, { samples: n, first, seed: 100 + first });
			const file = path.join(dir, name);
			fs.writeFileSync(file, name.endsWith('.gz') ? gzipSync(new TextEncoder().encode(text)) : text);
			return file;
		});
		const out = path.join(dir, 'results');
		const config = path.join(dir, 'config.yaml');
		fs.writeFileSync(config, [`qenome: "${process.execPath} ${path.join(ROOT, 'bin', 'qenome.js')}"`, `outdir: "${out}"`, 'vcfs:', ...vcfs.map((v) => `  - "${v}"`), 'joint_vcf: null', ''].join('\n'));
		const r = spawnSync('snakemake', ['-s', path.join(ROOT, 'workflows', 'Snakefile'), '--configfile', config, '-j', '2', '--directory', dir, '--quiet'], {
			encoding: 'utf8',
			env: { ...process.env, QENOME_FROM_SOURCE: '1' },
			timeout: 300_000
		});
		expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
		const merged = fs.readFileSync(path.join(out, 'cohort.tsv'), 'utf8').trim().split('\n');
		expect(merged[0]).toBe(PGX_TSV_COLUMNS.join('\t'));
		expect(merged.filter((l) => l === merged[0])).toHaveLength(1);
		const samples = new Set(merged.slice(1).map((l) => l.split('\t')[0]));
		expect([...samples].sort()).toEqual(['S0001', 'S0002', 'S0003', 'S0004', 'S0005', 'S0006', 'S0007']);
		const shardRows = ['a', 'b', 'c'].reduce((n, s) => n + fs.readFileSync(path.join(out, 'shards', `${s}.tsv`), 'utf8').trim().split('\n').length - 1, 0);
		expect(merged.length - 1).toBe(shardRows);
		for (const [shard, names] of [['a', ['S0001', 'S0002', 'S0003']], ['b', ['S0004', 'S0005']], ['c', ['S0006', 'S0007']]] as const) {
			expect(fs.readdirSync(path.join(out, 'json', shard)).filter((n) => n.endsWith('.json')).sort()).toEqual(names.map((n) => `${n}.json`));
		}
		expect(fs.readFileSync(path.join(out, 'summary.md'), 'utf8')).toMatch(/^# Cohort pharmacogenomics summary\n\n7 samples/);
		expect(fs.readFileSync(path.join(out, 'summary.html'), 'utf8')).toMatch(/<svg/);
		fs.rmSync(dir, { recursive: true, force: true });
	}, 320_000);
});
