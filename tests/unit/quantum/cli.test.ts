import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQenome } from '../qenome-cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-qasm-'));

function qenome(...args: string[]) {
	const r = runQenome(['qasm', ...args]);
	return { code: r.code, out: r.stdout, err: r.stderr };
}

function write(name: string, text: string): string {
	const f = path.join(dir, name);
	fs.writeFileSync(f, text);
	return f;
}

describe('qenome qasm', () => {
	it('prints probabilities, seeded counts and the state vector as JSON; parse errors exit 2 with FILE:line:col', () => {
		const ghz = write('ghz.qasm', 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[3];\ncreg c[3];\nh q[0];\ncx q[0],q[1];\ncx q[1],q[2];\nx q[0];\nmeasure q -> c;\n');
		const p = qenome(ghz, '--json');
		expect(p.code).toBe(0);
		const pj = JSON.parse(p.out);
		expect(pj.qubits).toBe(3);
		expect(Object.keys(pj.probabilities).sort()).toEqual(['001', '110']);
		expect(pj.probabilities['110']).toBeCloseTo(0.5, 14);

		const s = qenome(ghz, '--shots', '500', '--seed', '7', '--statevector', '--json');
		const sj = JSON.parse(s.out);
		expect(sj.counts['001'] + sj.counts['110']).toBe(500);
		expect(sj.probabilities).toBeUndefined();
		expect(sj.statevector).toHaveLength(8);
		expect(sj.statevector[1][0]).toBeCloseTo(Math.SQRT1_2, 14);
		expect(JSON.parse(qenome(ghz, '--shots', '500', '--seed', '7', '--json').out).counts).toEqual(sj.counts);

		const bad = write('bad.qasm', 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\nrx(theta) q[0];\n');
		const b = qenome(bad, '--json');
		expect(b.code).toBe(2);
		expect(b.err.trim().startsWith(`${bad}:4:4: 'theta' is not a parameter`)).toBe(true);
		expect(b.err.trim().split('\n')).toHaveLength(1);

		expect(qenome(path.join(dir, 'missing.qasm')).code).toBe(2);
		expect(qenome(ghz, '--shots', 'many').code).toBe(2);
		const big = write('big.qasm', 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[30];\nh q[0];\n');
		const g = qenome(big, '--json');
		expect(g.code).toBe(1);
		expect(g.err).toMatch(/30 qubits need 16\.0 GiB/);
	}, 60_000);
});
