/**
 * Circuit → OpenQASM 2.0 text. Gates are written by their qelib1 names (user gates were expanded
 * when parsed), parameters as shortest round-trip decimals, so parse(export(c)) reproduces c.
 */
import type { Circuit, Instruction, Register } from './circuit';

function locate(regs: Register[], index: number): string {
	const r = regs.find((reg) => index >= reg.offset && index < reg.offset + reg.size);
	if (!r) throw new Error(`index ${index} is outside every register`);
	return `${r.name}[${index - r.offset}]`;
}

function formatParam(x: number): string {
	if (x === Math.PI) return 'pi';
	if (x === -Math.PI) return '-pi';
	return String(x);
}

function line(c: Circuit, ins: Instruction): string {
	switch (ins.kind) {
		case 'gate': {
			const ps = ins.params.length ? `(${ins.params.map(formatParam).join(',')})` : '';
			return `${ins.name}${ps} ${ins.qubits.map((q) => locate(c.qregs, q)).join(',')};`;
		}
		case 'measure':
			return `measure ${locate(c.qregs, ins.qubit)} -> ${locate(c.cregs, ins.clbit)};`;
		case 'reset':
			return `reset ${locate(c.qregs, ins.qubit)};`;
		case 'barrier':
			return `barrier ${ins.qubits.map((q) => locate(c.qregs, q)).join(',')};`;
		case 'if':
			return `if(${ins.creg}==${ins.value}) ${line(c, ins.body)}`;
	}
}

/** Write a circuit as OpenQASM 2.0 source. */
export function toQasm(circuit: Circuit): string {
	const out = ['OPENQASM 2.0;', 'include "qelib1.inc";'];
	for (const r of circuit.qregs) out.push(`qreg ${r.name}[${r.size}];`);
	for (const r of circuit.cregs) out.push(`creg ${r.name}[${r.size}];`);
	for (const ins of circuit.instructions) out.push(line(circuit, ins));
	return out.join('\n') + '\n';
}
