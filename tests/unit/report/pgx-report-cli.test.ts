/** `qenome pgx FILE [--sex …] --fhir OUT.json --pdf OUT.pdf` (from source through tsx). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { expectIgPgxBundle, expectValidR4 } from './fhir-check';

const root = path.resolve(__dirname, '../../..');

describe('qenome pgx --fhir --pdf', () => {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-pgx-report-'));
	const run = (...args: string[]) =>
		spawnSync(process.execPath, [path.join(root, 'bin/qenome.js'), 'pgx', ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, QENOME_FROM_SOURCE: '1' } });

	it('writes both files besides the usual output; --sex is used and stated', async () => {
		const fixture = path.join(root, 'tests/fixtures/genome/23andme-v5-female.txt');
		const r = run(fixture, '--sex', 'male', '--json', '--fhir', 'out.fhir.json', '--pdf', 'out.pdf');
		expect(r.status, r.stderr).toBe(0);
		expect(JSON.parse(r.stdout).genes.length).toBeGreaterThan(10);
		const b = JSON.parse(fs.readFileSync(path.join(tmp, 'out.fhir.json'), 'utf8'));
		expectValidR4(b);
		expectIgPgxBundle(b);
		const pdf = fs.readFileSync(path.join(tmp, 'out.pdf'));
		const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
		expect(text).toMatch(/male \(stated by the user\)/);
	});

	it('refuses a bad --sex and an unwritable output with one line, writing nothing', () => {
		const fixture = path.join(root, 'tests/fixtures/genome/23andme-v5-female.txt');
		const bad = run(fixture, '--sex', 'x', '--pdf', 'a.pdf');
		expect(bad.status).toBe(2);
		expect(bad.stderr.trim().split('\n')).toHaveLength(1);
		expect(fs.existsSync(path.join(tmp, 'a.pdf'))).toBe(false);
		const nowhere = run(fixture, '--fhir', path.join(tmp, 'no-such-dir', 'x.json'));
		expect(nowhere.status).not.toBe(0);
		expect(nowhere.stderr.trim().split('\n')).toHaveLength(1);
	});
});
