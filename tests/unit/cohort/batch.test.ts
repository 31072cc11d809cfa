/**
 * Cohort PGx: one streaming pass (readCohort) gives, for every sample, exactly the JSON of the
 * single-sample path (importGenome with --sample) — on a generated multi-sample VCF with phased
 * and unphased samples, missing calls and half-calls, females and males (G6PD by sex).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesToStream, createGenomeView, importGenomeBytes, readCohort } from '../../../src/lib/genome/index';
import { loadKb, pgxJsonFromView } from '../../../src/lib/pgx/index';
import { PGX_TSV_COLUMNS, pgxKeep, summarizePgxCohort } from '../../../src/lib/cohort/index';
import { makeCohortVcf } from '../../../scripts/make-cohort-vcf';

const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'qenome.js');

describe('cohort PGx batch equals single-sample results', () => {
	it('every sample (phased/unphased, missing, half-calls, both sexes) gets the single-sample JSON', async () => {
		const kb = await loadKb();
		const text = makeCohortVcf(kb, { samples: 8, seed: 11, phased: 0.5, missing: 0.05, halfCalls: 0.05 });
		expect(text).toMatch(/\t0\|1|\t1\|0/); // phased calls present
		expect(text).toMatch(/\t\.\/\./); // missing
		expect(text).toMatch(/\t[01]\/\./); // half-calls
		const bytes = new TextEncoder().encode(text);
		const cohort = await readCohort(bytesToStream(bytes), pgxKeep(kb));
		expect(cohort.samples.map((s) => s.sample)).toEqual(['S0001', 'S0002', 'S0003', 'S0004', 'S0005', 'S0006', 'S0007', 'S0008']);
		expect(cohort.kept).toBeLessThan(cohort.records); // X/Y rows are counted, not kept
		const sexes = new Set<string>();
		for (const s of cohort.samples) {
			const single = await importGenomeBytes(bytes, { sample: s.sample });
			expect(s.summary.build).toBe(single.summary.build);
			expect(s.summary.sex).toBe(single.summary.sex);
			sexes.add(s.summary.sex);
			const a = await pgxJsonFromView(createGenomeView(s.summary, s.chunks), { kb });
			const b = await pgxJsonFromView(createGenomeView(single.summary, single.chunks), { kb });
			expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		}
		expect(sexes).toEqual(new Set(['female', 'male']));
	}, 20_000);

	it('--samples keeps the order asked for; an unknown sample is refused by name', async () => {
		const kb = await loadKb();
		const bytes = new TextEncoder().encode(makeCohortVcf(kb, { samples: 3, seed: 3 }));
		const r = await readCohort(bytesToStream(bytes), pgxKeep(kb), { samples: ['S0003', 'S0001'] });
		expect(r.samples.map((s) => s.sample)).toEqual(['S0003', 'S0001']);
		await expect(readCohort(bytesToStream(bytes), pgxKeep(kb), { samples: ['NOPE'] })).rejects.toMatchObject({ code: 'unknown-sample' });
	});

	it('summary: phenotype counts add up to the samples; actionable ≤ determined', async () => {
		const kb = await loadKb();
		const bytes = new TextEncoder().encode(makeCohortVcf(kb, { samples: 6, seed: 5 }));
		const r = await readCohort(bytesToStream(bytes), pgxKeep(kb));
		const items = [];
		for (const s of r.samples) items.push({ sample: s.sample, json: await pgxJsonFromView(createGenomeView(s.summary, s.chunks), { kb }) });
		const sum = summarizePgxCohort(items);
		expect(sum.samples).toBe(6);
		for (const g of sum.genes) expect(g.phenotypes.reduce((a, p) => a + p.count, 0)).toBe(6);
		for (const d of sum.drugs) expect(d.actionable).toBeLessThanOrEqual(6);
		expect(sum.drugs.some((d) => d.actionable > 0)).toBe(true);
	});

	it('CLI: --tsv header and rows, --json-dir files equal `qenome pgx --sample S --json`, --samples-file, refusals', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-cohort-'));
		const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, QENOME_FROM_SOURCE: '1' } });
		const gen = spawnSync(process.execPath, [path.resolve(__dirname, '../../../node_modules/tsx/dist/cli.mjs'), path.resolve(__dirname, '../../../scripts/make-cohort-vcf.ts'), '--samples', '3', '--out', path.join(dir, 'c.vcf.gz')], { encoding: 'utf8' });
		expect(gen.status).toBe(0);
		const vcf = path.join(dir, 'c.vcf.gz');
		fs.writeFileSync(path.join(dir, 'names.txt'), '# two of them\nS0002\nS0003\n');
		const r = run('pgx', vcf, '--samples-file', path.join(dir, 'names.txt'), '--tsv', path.join(dir, 'out.tsv'), '--json-dir', path.join(dir, 'json'));
		expect(r.status, r.stderr).toBe(0);
		const lines = fs.readFileSync(path.join(dir, 'out.tsv'), 'utf8').trim().split('\n');
		expect(lines[0]).toBe(PGX_TSV_COLUMNS.join('\t'));
		expect(new Set(lines.slice(1).map((l) => l.split('\t')[0]))).toEqual(new Set(['S0002', 'S0003']));
		expect(fs.readdirSync(path.join(dir, 'json')).sort()).toEqual(['S0002.json', 'S0003.json']);
		const single = run('pgx', vcf, '--sample', 'S0003', '--json');
		expect(fs.readFileSync(path.join(dir, 'json', 'S0003.json'), 'utf8')).toBe(single.stdout);
		const bad = run('pgx', vcf, '--all-samples', '--samples', 'S0001', '--tsv', path.join(dir, 'x.tsv'));
		expect(bad.status).toBe(2);
		const unknown = run('pgx', vcf, '--samples', 'S9', '--tsv', path.join(dir, 'x.tsv'));
		expect(unknown.status).toBe(2);
		expect(unknown.stderr).toMatch(/no sample named "S9"/);
		expect(fs.existsSync(path.join(dir, 'x.tsv'))).toBe(false);
		fs.rmSync(dir, { recursive: true, force: true });
	}, 30_000);
});

describe('cohort PRS batch equals single-sample results', () => {
	it('one pass keeps only the score positions; every sample gets the single-sample prs JSON', async () => {
		const { parseScoreBytes, prsJson, runPrs } = await import('../../../src/lib/prs/index');
		const { scoreKeep } = await import('../../../src/lib/cohort/index');
		const kb = await loadKb();
		const text = makeCohortVcf(kb, { samples: 4, seed: 9, missing: 0.05, halfCalls: 0.05 });
		const rows = text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
		const score = ['#pgs_id=PGS900011', '#genome_build=GRCh38', 'chr_name\tchr_position\teffect_allele\tother_allele\teffect_weight'];
		for (const r of rows.slice(0, 150)) {
			const alt = r[4].split(',')[0];
			if (r[3].length === 1 && alt.length === 1 && alt !== '.') score.push(`${r[0].slice(3)}\t${r[1]}\t${alt}\t${r[3]}\t0.1`);
		}
		const s = await parseScoreBytes(new TextEncoder().encode(score.join('\n') + '\n'));
		const bytes = new TextEncoder().encode(text);
		const cohort = await readCohort(bytesToStream(bytes), scoreKeep(s));
		expect(cohort.kept).toBeLessThan(150);
		for (const c of cohort.samples) {
			const single = await importGenomeBytes(bytes, { sample: c.sample });
			expect(JSON.stringify(prsJson(runPrs(s, c)))).toBe(JSON.stringify(prsJson(runPrs(s, single))));
		}
	}, 20_000);
});
