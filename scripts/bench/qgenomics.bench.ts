/**
 * Quantum methods for genomics: the SNP-panel QUBO (k = 4 of n SNPs, α = 0.5) on seeded synthetic
 * cohorts at n = 12, 16, 20 — exact enumeration, simulated annealing (20 runs), QAOA with the XY
 * mixer from a Dicke state, and penalty QAOA with the X mixer — on the single-threaded wasm engine.
 * Plus XY vs penalty QAOA by depth at n = 12 (the unit test's claim, over more seeds).
 */
import os from 'node:os';
import type { BenchModule } from './run';
import { createNodeSimulator } from '../../src/lib/quantum/node';
import { runQaoa } from '../../src/lib/quantum/index';
import { exactPanel, panelObjective, panelQubo, runPanel, syntheticCohort, PANEL_METHODS } from '../../src/lib/qgenomics/index';

const load = () => os.loadavg().map((v) => v.toFixed(2)).join(' / ');
const f3 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(3));
const secs = (s: number) => (s < 0.01 ? `${(s * 1000).toFixed(2)} ms` : `${s.toFixed(2)} s`);

const bench: BenchModule = {
	title: 'Quantum methods for genomics (SNP panel QUBO)',
	async run() {
		const loadStart = load();
		const sim = await createNodeSimulator();
		const lines: string[] = [];
		lines.push(
			'Seeded synthetic cohorts (400 people, 3 causal SNPs, 2 redundant near-copies, seed 1), k = 4, α = 0.5, one thread.',
			'QAOA depth p = 3 at n = 12 and 16, p = 2 at n = 20 (angles optimised per depth, warm-started; 1000 shots).',
			'"ratio" = (E[f] − f_min)/(f_opt − f_min) over the method\'s outputs (annealing: its 20 runs; QAOA: exact output',
			'probabilities, invalid outputs scored f_min). "P(opt)" = probability that one shot is the optimal panel.',
			'',
			'| n | method | best f found | = optimum | ratio | P(opt) per shot | evaluations | time | qubits · gates |',
			'| --- | --- | --- | --- | --- | --- | --- | --- | --- |'
		);
		const notes: string[] = [];
		for (const n of [12, 16, 20]) {
			const cohort = syntheticCohort({ snps: n, seed: 1 });
			const layers = n >= 20 ? 2 : 3;
			let optimum = 0;
			let exactSeconds = 0;
			for (const method of PANEL_METHODS) {
				const r = await runPanel(cohort, { k: 4, method, layers, shots: method === 'anneal' ? 20 : 1000, seed: 1 }, sim);
				const s = r.summary;
				if (method === 'exact') {
					optimum = s.optimum!;
					// For the ratio below: the fastest of 20 enumerations (milliseconds; one run is at the mercy of the scheduler).
					const obj = panelObjective(cohort);
					exactSeconds = Infinity;
					for (let r = 0; r < 20; r++) {
						const t0 = performance.now();
						exactPanel(obj, 4);
						exactSeconds = Math.min(exactSeconds, (performance.now() - t0) / 1000);
					}
				}
				const same = s.objective !== null && Math.abs(s.objective - optimum) < 1e-12 ? 'yes' : 'no';
				lines.push(
					`| ${n} | ${method} | ${f3(s.objective)} | ${same} | ${f3(s.approximationRatio)} | ${s.successProbability === undefined ? '—' : s.successProbability.toFixed(4)} | ${s.evaluations.toLocaleString('en-US')} | ${secs(s.seconds)} | ${r.quantum ? `${s.qubits} · ${r.quantum.gates}` : '—'} |`
				);
				if (method === 'qaoa')
					notes.push(
						`n = ${n}: one XY-QAOA circuit evaluation (p = ${layers}) took ${secs(s.seconds / s.evaluations)} — ${Number((s.seconds / s.evaluations / Math.max(exactSeconds, 1e-6)).toPrecision(2))}× the whole exact enumeration (${secs(exactSeconds)}, C(${n},4) panels, fastest of 20 runs).`
					);
			}
		}
		lines.push('', ...notes.map((x) => `- ${x}`));
		lines.push('', '### XY-QAOA vs penalty QAOA by depth (n = 12, k = 4)', '');
		lines.push('| seed | mixer | p = 1 | p = 2 | p = 3 | p = 4 | p = 5 |', '| --- | --- | --- | --- | --- | --- | --- |');
		for (const seed of [1, 2, 3, 4, 5, 6]) {
			const q = panelQubo(panelObjective(syntheticCohort({ snps: 12, seed })));
			for (const mixer of ['xy', 'x'] as const) {
				const r = await runQaoa(sim, q, { mixer, k: 4, layers: 5, seed: 1, shots: 100, evaluationsPerLayer: 150 });
				lines.push(`| ${seed} | ${mixer === 'xy' ? 'XY ring (Dicke start)' : 'X + penalty'} | ${r.byDepth.map((d) => d.approximationRatio.toFixed(3)).join(' | ')} |`);
			}
		}
		lines.push(
			'',
			'A panel picked at random scores ≈ 0.5. The XY ring places SNPs by `spreadRing` (ranked by relevance, dealt into k arcs);',
			'the identity order gave 0.76–0.85 at p = 5 on the same seeds (measured while choosing the layout).',
			'Honest reading: every QAOA number here comes from a state-vector simulation that evaluates f on all 2^n basis states to build',
			'its phase, so it always costs more than exact enumeration; the table measures answer quality, not a speed-up.',
			'',
			`Load average (1 / 5 / 15 min) at start: ${loadStart}; at end: ${load()}.`
		);
		return lines.join('\n');
	}
};
export default bench;
