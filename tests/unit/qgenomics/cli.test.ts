import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQenome } from '../qenome-cli';
import { cohortToCsv, exactPanel, panelObjective, syntheticCohort } from '../../../src/lib/qgenomics/index';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-panel-'));

function qenome(...args: string[]) {
	const r = runQenome(['panel', ...args]);
	return { code: r.code, out: r.stdout, err: r.stderr };
}

describe('qenome panel', () => {
	it('prints exactly the issue #15 fields for every method; bad input exits 2 with a specific message', () => {
		const cohort = syntheticCohort({ snps: 8, seed: 4, samples: 200 });
		const file = path.join(dir, 'cohort.csv');
		fs.writeFileSync(file, cohortToCsv(cohort));
		// exact runs with --alpha 1.5; the other methods use the default α = 0.5.
		const exact = exactPanel(panelObjective(cohort, 1.5), 3);
		const common = ['method', 'n', 'k', 'alpha', 'selected', 'objective', 'approximationRatio', 'evaluations', 'seconds', 'qubits'];
		const expectedKeys = {
			exact: [...common, 'optimum'],
			anneal: common,
			qaoa: [...common, 'successProbability'],
			'qaoa-penalty': [...common, 'successProbability']
		};
		for (const method of ['exact', 'anneal', 'qaoa', 'qaoa-penalty'] as const) {
			const alpha = method === 'exact' ? ['--alpha', '1.5'] : [];
			const r = qenome(file, '--k', '3', ...alpha, '--method', method, '--layers', '2', '--shots', '200', '--seed', '5', '--json');
			expect(r.code, r.err).toBe(0);
			const j = JSON.parse(r.out);
			expect(Object.keys(j).sort()).toEqual([...expectedKeys[method]].sort());
			expect(j).toMatchObject({ method, n: 8, k: 3, alpha: method === 'exact' ? 1.5 : 0.5 });
			expect(j.selected).toHaveLength(method === 'qaoa-penalty' && j.objective === null ? 0 : 3);
			expect(j.approximationRatio).toBeGreaterThan(0);
			expect(j.approximationRatio).toBeLessThanOrEqual(1 + 1e-12);
			if (method === 'exact') {
				expect(j.optimum).toBeCloseTo(exact.optimum, 12);
				expect(j.evaluations).toBe(56);
				expect(j.qubits).toBe(0);
			}
			if (method === 'qaoa') {
				expect(j.qubits).toBe(8);
				expect(j.successProbability).toBeGreaterThan(0);
			}
		}

		const badK = qenome(file, '--k', '9', '--method', 'exact', '--json');
		expect(badK.code).toBe(2);
		expect(badK.err).toMatch(/k must be a whole number from 1 to 7/);
		const bad = path.join(dir, 'bad.csv');
		fs.writeFileSync(bad, 'a,b,phenotype\n0,1,1\n0,x,0\n');
		const b = qenome(bad, '--k', '1', '--method', 'exact', '--json');
		expect(b.code).toBe(2);
		expect(b.err).toMatch(/line 3, column "b"/);
	}, 60_000);
});
