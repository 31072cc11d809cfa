/**
 * Copies small subsets of the official test vectors from ../shared into tests/vectors/, with
 * their licences, so a clone without ../shared still runs the vector tests (the full sets run
 * when ../shared is present). Deterministic: the same input gives byte-identical output.
 *
 *   npx tsx scripts/make-test-vectors.ts      (QENOME_SHARED=/path/to/shared to read another copy)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(process.env.QENOME_SHARED ?? path.resolve(root, '..', 'shared'), 'data');
const out = path.join(root, 'tests', 'vectors');
if (!fs.existsSync(shared)) throw new Error(`${shared} is absent: the subsets are made from ../shared`);

type Test = Record<string, unknown> & { tcId: number | string };
type Group = Record<string, unknown> & { tgId: number | string; tests: Test[] };

const write = (rel: string, data: string | Buffer) => {
	const f = path.join(out, rel);
	fs.mkdirSync(path.dirname(f), { recursive: true });
	fs.writeFileSync(f, data);
};

// ACVP (NIST, public domain): the first 3 tests of every prompt group, with their expected results.
const acvp = JSON.parse(fs.readFileSync(path.join(shared, 'crypto/acvp/acvp-subset-mlkem768-mldsa65.json'), 'utf8')) as Record<string, { prompt: Group[]; expected: Group[] }>;
const acvpOut: Record<string, { prompt: Group[]; expected: Group[] }> = {};
for (const [section, { prompt, expected }] of Object.entries(acvp)) {
	const keep = new Set<string>();
	const p = prompt.map((g) => {
		const tests = g.tests.slice(0, 3);
		for (const t of tests) keep.add(String(t.tcId));
		return { ...g, tests };
	});
	const e = expected.map((g) => ({ ...g, tests: g.tests.filter((t) => keep.has(String(t.tcId))) })).filter((g) => g.tests.length);
	acvpOut[section] = { prompt: p, expected: e };
}
write('acvp/acvp-subset-mlkem768-mldsa65.json', JSON.stringify(acvpOut) + '\n');

// Wycheproof (Apache-2.0): every group, at most 6 tests each, valid and invalid both kept.
for (const name of ['wycheproof_testvectors_v1_mldsa_65_verify_test.json', 'wycheproof_testvectors_v1_mlkem_768_test.json']) {
	const w = JSON.parse(fs.readFileSync(path.join(shared, 'crypto/wycheproof', name), 'utf8')) as { testGroups: { tests: (Test & { result: string })[] }[]; numberOfTests?: number };
	const groups = w.testGroups.map((g) => {
		const valid = g.tests.filter((t) => t.result === 'valid').slice(0, 3);
		const other = g.tests.filter((t) => t.result !== 'valid').slice(0, 6 - valid.length);
		const ids = new Set([...valid, ...other].map((t) => t.tcId));
		return { ...g, tests: g.tests.filter((t) => ids.has(t.tcId)) };
	});
	const total = groups.reduce((n, g) => n + g.tests.length, 0);
	write(`wycheproof/${name}`, JSON.stringify({ ...w, numberOfTests: total, testGroups: groups }) + '\n');
}

// age CCTV (C2SP): the families Qenome supports, whole (each file is one vector).
const cctv = path.join(shared, 'crypto/age-cctv/testdata');
for (const f of fs.readdirSync(cctv).sort()) if (/^(hybrid|stream|hmac|header|stanza)/.test(f)) write(`age-cctv/testdata/${f}`, fs.readFileSync(path.join(cctv, f)));
write('age-cctv/SOURCE_COMMIT', fs.readFileSync(path.join(shared, 'crypto/age-cctv/SOURCE_COMMIT')));

// QASMBench (PNNL, see its LICENSE): the small circuits the subset test runs, plus qelib1.inc.
const QASM = ['adder_n4', 'basis_change_n3', 'bell_n4', 'cat_state_n4', 'deutsch_n2', 'fredkin_n3', 'grover_n2', 'iswap_n2', 'qft_n4', 'teleportation_n3', 'toffoli_n3', 'wstate_n3'];
for (const d of QASM) {
	const dir = path.join(shared, 'quantum/small', d);
	for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.qasm')) write(`qasmbench/small/${d}/${f}`, fs.readFileSync(path.join(dir, f)));
}
write('qasmbench/qelib1.inc', fs.readFileSync(path.join(shared, 'quantum/qelib1.inc')));
write('qasmbench/LICENSE', fs.readFileSync(path.join(shared, 'quantum/LICENSE')));
if (fs.existsSync(path.join(shared, 'quantum/SOURCE_COMMIT'))) write('qasmbench/SOURCE_COMMIT', fs.readFileSync(path.join(shared, 'quantum/SOURCE_COMMIT')));
console.log(`test vectors written to ${path.relative(root, out)}/`);
