/**
 * Hostile OpenQASM (issue #16): exponential expansion, huge registers, deep or long expressions,
 * non-finite parameters. Each is refused with a located error, in bounded time, and — through the
 * CLI — in bounded memory (the process runs with a 256 MB heap).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQasm, QasmError } from '../../../src/lib/quantum';
import { QASM_LIMITS } from '../../../src/lib/quantum/qasm-parser';

const HEAD = 'OPENQASM 2.0;\ninclude "qelib1.inc";\n';

/** The QasmError `parseQasm(src)` throws (fails the test when it parses). */
function refusal(src: string): QasmError {
	try {
		parseQasm(src);
	} catch (e) {
		expect(e).toBeInstanceOf(QasmError);
		return e as QasmError;
	}
	throw new Error('parsed, expected a refusal');
}

/** A 1.3 KB program whose 40 nested gates each call the previous twice: 2^40 gates. */
function doubling(levels = 40): string {
	let s = HEAD + 'gate g0 a { x a; }\n';
	for (let i = 1; i < levels; i++) s += `gate g${i} a { g${i - 1} a; g${i - 1} a; }\n`;
	return s + `qreg q[1];\ng${levels - 1} q[0];\n`;
}

describe('QASM limits', () => {
	it('exponential expansion stops at the instruction limit, pointing at the call', () => {
		const t = performance.now();
		const e = refusal(doubling());
		expect(performance.now() - t).toBeLessThan(15_000);
		expect(e.code).toBe('too-large');
		expect(e.kind).toBe('refused');
		expect(e.message).toMatch(/more than 1,000,000 instructions/);
		expect(e.line).toBeGreaterThan(2);
	});

	it('register sizes are bounded before anything is allocated', () => {
		const q = refusal(HEAD + 'qreg q[200000000];\n');
		expect([q.code, q.line, q.column]).toEqual(['too-large', 3, 6]);
		expect(q.message).toMatch(/at most 4,096/);
		const c = refusal(HEAD + 'creg c[2000000000];\n');
		expect(c.code).toBe('too-large');
		const sum = refusal(HEAD + 'qreg a[4000];\nqreg b[97];\n');
		expect([sum.code, sum.line]).toEqual(['too-large', 4]);
		expect(parseQasm(HEAD + `qreg q[${QASM_LIMITS.maxQubits}];\n`).circuit.numQubits).toBe(QASM_LIMITS.maxQubits);
	});

	it('deep or long expressions are refused with a location, not a stack overflow', () => {
		const deep = refusal(HEAD + 'qreg q[1];\nrx(' + '('.repeat(100_000) + '1' + ')'.repeat(100_000) + ') q[0];\n');
		expect([deep.code, deep.line]).toEqual(['too-large', 4]);
		expect(deep.message).toMatch(/nested more than 64 levels/);
		const signs = refusal(HEAD + 'qreg q[1];\nrx(' + '-'.repeat(100_000) + '1) q[0];\n');
		expect(signs.code).toBe('too-large');
		const long = refusal(HEAD + 'qreg q[1];\nrx(' + '1+'.repeat(100_000) + '1) q[0];\n');
		expect(long.message).toMatch(/more than 1000 terms/);
		const inGate = refusal(HEAD + 'gate g(t) a { rx(' + 't*'.repeat(5000) + 't) a; }\nqreg q[1];\ng(1) q[0];\n');
		expect([inGate.code, inGate.line]).toEqual(['too-large', 3]);
		// Ordinary expressions still work.
		const ok = parseQasm(HEAD + 'qreg q[1];\nrx(-(pi/2)*2^-1 + sqrt(4) - ln(exp(1))) q[0];\n');
		expect(ok.circuit.instructions).toHaveLength(1);
	});

	it('non-finite parameters are refused, also when they reach a gate through a user definition', () => {
		for (const expr of ['1/0', 'ln(0)', 'sqrt(-1)', 'pi^1000', '-1/0', '0/0']) {
			const e = refusal(HEAD + `qreg q[1];\nrx(${expr}) q[0];\n`);
			expect(e.code, expr).toBe('not-finite');
			expect([e.line, e.column], expr).toEqual([4, 4]);
		}
		const viaGate = refusal(HEAD + 'gate g(t) a { rx(1/t) a; }\nqreg q[1];\ng(0) q[0];\n');
		expect(viaGate.code).toBe('not-finite');
	});

	it('100,000 registers parse in linear time', () => {
		const regs = Array.from({ length: 100_000 }, (_, i) => `creg c${i}[1];`).join('\n');
		const t = performance.now();
		const p = parseQasm(HEAD + 'qreg q[1];\n' + regs + '\n');
		expect(p.circuit.cregs).toHaveLength(100_000);
		expect(performance.now() - t).toBeLessThan(5_000);
	});
});

describe('qenome qasm with a 256 MB heap', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-qasm-limits-'));
	const bin = path.resolve('bin/qenome.js');
	const run = (name: string, text: string) => {
		const f = path.join(dir, name);
		fs.writeFileSync(f, text);
		const r = spawnSync(process.execPath, ['--max-old-space-size=256', bin, 'qasm', f, '--json'], { encoding: 'utf8', timeout: 60_000 });
		return { f, code: r.status, err: r.stderr, signal: r.signal };
	};

	it('an expansion bomb and a 2-billion-bit creg exit 1 with FILE:line:col, never abort', () => {
		const bomb = run('bomb.qasm', doubling());
		expect(bomb.signal).toBeNull();
		expect(bomb.code).toBe(1);
		expect(bomb.err).toMatch(new RegExp(`^${bomb.f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: .*1,000,000 instructions`));
		const creg = run('creg.qasm', HEAD + 'creg c[2000000000];\n');
		expect(creg.code).toBe(1);
		expect(creg.err).toMatch(/creg\.qasm:3:6: register c\[2000000000\]/);
		const nan = run('nan.qasm', HEAD + 'qreg q[1];\nrx(sqrt(-1)) q[0];\n');
		expect(nan.code).toBe(2);
		expect(nan.err).toMatch(/nan\.qasm:4:4: .*finite/);
	});
});
