/** `qenome prs` as a real process: the JSON, the match log, exit codes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runQenome } from '../qenome-cli';
import { PRS_FIXTURES, prsFixture } from './helpers';

const F = (n: string) => path.join(PRS_FIXTURES, n);

const qenome = (...args: string[]) => runQenome(args);

describe('qenome prs', () => {
	it('--json prints exactly the issue shape; .txt.gz works; --match-log writes one row per variant', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-prs-'));
		const gz = path.join(dir, 'PGS900001.txt.gz');
		fs.writeFileSync(gz, gzipSync(prsFixture('rules.txt')));
		const log = path.join(dir, 'log.tsv');
		const r = qenome('prs', F('genome-grch37.vcf'), '--score', gz, '--keep-ambiguous', '--json', '--match-log', log);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(Object.keys(j)).toEqual(['score', 'matched', 'matchRate', 'dropped', 'rawScore', 'reference', 'percentile', 'warnings']);
		expect(Object.keys(j.score)).toEqual(['id', 'name', 'trait', 'build', 'variants']);
		expect(Object.keys(j.dropped)).toEqual(['ambiguous', 'multiallelic', 'missing', 'mismatched']);
		expect(Object.keys(j.reference)).toEqual(['mean', 'sd', 'source']);
		expect(j.dropped.ambiguous).toBe(1);
		const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
		expect(lines).toHaveLength(44);
		expect(lines[9]).toMatch(/rs9000\tG\tC\t0.9\tambiguous-kept\t1\t0.9/);
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('below 75 % match: JSON with rawScore null on stdout, one line on stderr, exit 1', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-prs-'));
		const small = path.join(dir, 'small.txt');
		fs.writeFileSync(small, new TextDecoder().decode(prsFixture('rules.txt')).split('\n').slice(0, 30).join('\n'));
		const r = qenome('prs', F('genome-grch37.vcf'), '--score', small, '--json');
		expect(r.code).toBe(1);
		expect(JSON.parse(r.stdout)).toMatchObject({ rawScore: null, percentile: null, reference: null });
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toMatch(/75 %/);
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('wrong build and rsID-only files are refused (exit 2, one line)', () => {
		for (const f of ['wrong-build.txt', 'rsid-only.txt']) {
			const r = qenome('prs', F('genome-grch37.vcf'), '--score', F(f), '--json');
			expect(r.code).toBe(2);
			expect(r.stdout).toBe('');
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
		}
		expect(qenome('prs', F('genome-grch37.vcf')).code).toBe(2);
	});
});
