/** The `qenome import` command, run as a real process (bin/qenome.js → tsx sources or bundle). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQenome } from '../qenome-cli';
import { FIXTURES, fixture, gzip } from './helpers';


/** Run `qenome …` as a real process and capture its output. */
const qenome = (...args: string[]) => runQenome(args);

describe('qenome import', () => {
	it('--json prints the summary contract', () => {
		const tmp = path.join(os.tmpdir(), `qenome-cli-${process.pid}.txt.gz`);
		fs.writeFileSync(tmp, gzip(fixture('ancestry-v2-male.txt')));
		const r = qenome('import', tmp, '--json');
		fs.rmSync(tmp, { force: true });
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(j).toMatchObject({ format: 'ancestry', build: 'GRCh37', sex: 'male', records: 268 });
		expect(j.calls + j.noCalls).toBe(268);
		expect(Object.keys(j.perChromosome)).toEqual(expect.arrayContaining(['1', 'X', 'Y', 'MT']));
		expect(Array.isArray(j.warnings)).toBe(true);
	});

	it('--sample chooses a VCF sample; without it the refusal names the samples (exit 2)', () => {
		const file = path.join(FIXTURES, 'vcf-multisample.vcf');
		const bad = qenome('import', file, '--json');
		expect(bad.code).toBe(2);
		expect(bad.stdout).toBe('');
		expect(bad.stderr.trim().split('\n')).toHaveLength(1);
		expect(bad.stderr).toMatch(/mother, father, child/);
		const ok = qenome('import', file, '--sample', 'father', '--json');
		expect(ok.code).toBe(0);
		expect(JSON.parse(ok.stdout).format).toBe('vcf');
	});

	it('bad input: one line on stderr, exit 2, no stack trace', () => {
		const r = qenome('import', path.join(FIXTURES, '23andme-build36.txt'));
		expect(r.code).toBe(2);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toMatch(/build 36/);
		expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
		const missing = qenome('import', '/nonexistent/genome.txt');
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/no such file/);
	});
});
