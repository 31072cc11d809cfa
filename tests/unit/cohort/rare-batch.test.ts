/**
 * `qenome rare --phenopackets-dir`: many probands in one run (knowledge base loaded once); each
 * proband's JSON equals the single `qenome rare --phenopacket FILE [VCF --sample S] --json`.
 * Uses the committed rare-disease knowledge base and handmade phenopackets (no ../shared).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKb } from '../../../src/lib/pgx/index';
import { makeCohortVcf } from '../../../scripts/make-cohort-vcf';
import { RARE_TSV_COLUMNS } from '../../../src/cli/commands/rare-batch';

const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'qenome.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, QENOME_FROM_SOURCE: '1' } });

function phenopacket(id: string, subject: string, sex: 'MALE' | 'FEMALE', terms: string[]) {
	return JSON.stringify({ id, subject: { id: subject, sex }, phenotypicFeatures: terms.map((t) => ({ type: { id: t, label: t } })) });
}

describe('qenome rare --phenopackets-dir', () => {
	it('ranks every proband; JSON per proband equals the single-proband command (phenotype only and with a cohort VCF)', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-rare-batch-'));
		const pp = path.join(dir, 'pp');
		fs.mkdirSync(pp);
		fs.writeFileSync(path.join(pp, 'a.json'), phenopacket('case-a', 'S0001', 'FEMALE', ['HP:0001250', 'HP:0001263']));
		fs.writeFileSync(path.join(pp, 'b.json'), phenopacket('case-b', 'S0002', 'MALE', ['HP:0000407', 'HP:0000365']));
		const kb = await loadKb();
		const vcf = path.join(dir, 'cohort.vcf');
		fs.writeFileSync(vcf, makeCohortVcf(kb, { samples: 2, seed: 4 }));
		for (const withVcf of [false, true]) {
			const out = path.join(dir, withVcf ? 'v' : 'p');
			const r = run('rare', ...(withVcf ? [vcf] : []), '--phenopackets-dir', pp, '--tsv', `${out}.tsv`, '--json-dir', out, '--top', '15');
			expect(r.status, r.stderr).toBe(0);
			const lines = fs.readFileSync(`${out}.tsv`, 'utf8').trim().split('\n');
			expect(lines[0]).toBe(RARE_TSV_COLUMNS.join('\t'));
			expect(new Set(lines.slice(1).map((l) => l.split('\t')[0]))).toEqual(new Set(['case-a', 'case-b']));
			if (withVcf) expect(lines[1].split('\t')[1]).toBe('S0001');
			expect(fs.readdirSync(out).sort()).toEqual(['case-a.json', 'case-b.json']);
			const single = run('rare', ...(withVcf ? [vcf, '--sample', 'S0002'] : []), '--phenopacket', path.join(pp, 'b.json'), '--top', '15', '--json');
			expect(single.status, single.stderr).toBe(0);
			expect(fs.readFileSync(path.join(out, 'case-b.json'), 'utf8')).toBe(single.stdout);
		}
		fs.rmSync(dir, { recursive: true, force: true });
	}, 90_000);
});
