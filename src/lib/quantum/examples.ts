/**
 * Example circuits for the Quantum Lab, each with what a classical computer would need for the
 * same task where a comparison makes sense.
 */

/** One example program. */
export interface Example {
	id: 'bell' | 'ghz' | 'qft' | 'grover';
	title: string;
	/** What the circuit does and what to expect, in plain words. */
	description: string;
	/** The classical baseline, when one makes sense. */
	classical?: string;
	qasm: string;
}

/** Optimal Grover iterations for N = 2^n items, one marked: floor(π/4·√N). */
export function groverIterations(numQubits: number): number {
	return Math.floor((Math.PI / 4) * Math.sqrt(2 ** numQubits));
}

/** QFT gate lines on q[0..n−1] (Qiskit order: final swaps included, q[n−1] most significant). */
export function qftBody(n: number): string {
	const lines: string[] = [];
	for (let j = n - 1; j >= 0; j--) {
		lines.push(`h q[${j}];`);
		for (let k = j - 1; k >= 0; k--) lines.push(`cp(pi/${2 ** (j - k)}) q[${k}],q[${j}];`);
	}
	for (let i = 0; i < Math.floor(n / 2); i++) lines.push(`swap q[${i}],q[${n - 1 - i}];`);
	return lines.join('\n');
}

const groverRound = `// oracle: flip the sign of |101>
x q[1];
h q[2];
ccx q[0],q[1],q[2];
h q[2];
x q[1];
// diffusion: reflect about the average
h q;
x q;
h q[2];
ccx q[0],q[1],q[2];
h q[2];
x q;
h q;`;

/** Bell, GHZ, QFT and Grover. */
export const EXAMPLES: readonly Example[] = [
	{
		id: 'bell',
		title: 'Bell pair',
		description: 'Two entangled qubits: measuring gives 00 or 11, each about half the time, never 01 or 10.',
		qasm: `OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
creg c[2];
h q[0];
cx q[0],q[1];
measure q -> c;
`
	},
	{
		id: 'ghz',
		title: 'GHZ state (5 qubits)',
		description: 'Five qubits all entangled: the outcome is 00000 or 11111, each about half the time.',
		qasm: `OPENQASM 2.0;
include "qelib1.inc";
qreg q[5];
creg c[5];
h q[0];
cx q[0],q[1];
cx q[1],q[2];
cx q[2],q[3];
cx q[3],q[4];
measure q -> c;
`
	},
	{
		id: 'qft',
		title: 'Quantum Fourier transform (4 qubits)',
		description:
			'The input repeats every 8 steps (it is 0 or 8); its Fourier transform peaks at the multiples of 16 ÷ 8 = 2 — eight outcomes of equal height.',
		classical: 'A classical fast Fourier transform of 16 numbers takes about 16 × log₂16 = 64 operations; the circuit uses 10 gates, but reading out all 16 outputs would need many repeated runs.',
		qasm: `OPENQASM 2.0;
include "qelib1.inc";
qreg q[4];
creg c[4];
// input: (|0> + |8>)/sqrt(2), period 8
h q[3];
// quantum Fourier transform
${qftBody(4)}
measure q -> c;
`
	},
	{
		id: 'grover',
		title: 'Grover search (3 qubits, 8 items)',
		description: `Searches 8 items for the marked one (101). After ${groverIterations(3)} rounds the marked item comes out about 95% of the time.`,
		classical: `A classical search of 8 unsorted items checks on average (8 + 1) ÷ 2 = 4.5 items (8 in the worst case); Grover asks the oracle ${groverIterations(3)} times. The advantage grows as √N: for a million items about 500 000 classical checks against about 785 oracle calls.`,
		qasm: `OPENQASM 2.0;
include "qelib1.inc";
qreg q[3];
creg c[3];
h q;
${Array.from({ length: groverIterations(3) }, () => groverRound).join('\n')}
measure q -> c;
`
	}
];
