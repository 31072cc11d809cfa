/**
 * Summarise the per-case JSON of scripts/validate-rare.ts (one or several --shard outputs): top-1/5/10
 * and median rank per split × annotation release × mode, the 2023 run split by whether the causal
 * gene has a 2023 annotation, per background, and the calibration of the reported score. With
 * --fit, refits the Platt calibration (SCORE_CALIBRATION) on the TRAIN cases only and shows the
 * test-case calibration table under the refitted constants. Run:
 *   npx tsx scripts/validate-rare-summary.ts [--fit] cases-0.json cases-1.json …
 */
import fs from 'node:fs';
import { SCORE_CALIBRATION } from '../src/lib/rare/index';

interface Case {
	id: string;
	split: 'train' | 'test';
	background: number;
	[key: string]: unknown;
}

const args = process.argv.slice(2);
const fit = args.includes('--fit');
// runs of one annotation release each (--annotations) merge by case id
const byId = new Map<string, Case>();
for (const f of args.filter((a) => !a.startsWith('--')))
	for (const c of JSON.parse(fs.readFileSync(f, 'utf8')) as Case[]) byId.set(c.id, { ...byId.get(c.id), ...c });
const cases: Case[] = [...byId.values()];
const LABELS: [string, string][] = [
	['current', 'built-in (2025-11 / 2026-02)'],
	['hpoa2023', 'phenotype.hpoa 2023-01-27']
];
const BACKGROUNDS = ['HG002 chr20', 'Ashkenazi HG002 chr1–2', 'HG02102 chr21'];
const pct = (a: number, n: number) => (n ? `${((100 * a) / n).toFixed(1)} %` : '—');
const fmt = (n: number) => n.toLocaleString('en-US');

function row(list: Case[], key: string): { n: number; t1: number; t5: number; t10: number; med: string } {
	const ranks = list.map((c) => (typeof c[key] === 'number' ? (c[key] as number) : Infinity)).sort((a, b) => a - b);
	const med = ranks[Math.floor(ranks.length / 2)];
	return {
		n: ranks.length,
		t1: ranks.filter((r) => r <= 1).length,
		t5: ranks.filter((r) => r <= 5).length,
		t10: ranks.filter((r) => r <= 10).length,
		med: med === Infinity ? 'not ranked' : String(med)
	};
}

const out: string[] = [];
out.push('| split | annotations | mode | cases | top-1 | top-5 | top-10 | median rank |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const split of ['test', 'train'] as const)
	for (const [label, name] of LABELS)
		for (const mode of ['Combined', 'Phenotype'] as const) {
			const list = cases.filter((c) => c.split === split && `${label}${mode}` in c);
			if (!list.length) continue;
			const r = row(list, `${label}${mode}`);
			const b = split === 'test' ? '**' : '';
			out.push(`| ${b}${split === 'test' ? 'test (unseen)' : 'train'}${b} | ${name} | ${mode === 'Combined' ? 'combined' : 'phenotype only'} | ${fmt(r.n)} | ${pct(r.t1, r.n)} | ${pct(r.t5, r.n)} | ${pct(r.t10, r.n)} | ${r.med} |`);
		}
if (cases.some((c) => 'hpoa2023CombinedWorst' in c || 'currentCombinedWorst' in c)) {
	out.push(
		'',
		'Ties counted against the causal gene (every gene with exactly the same score ranked above it; the table above orders ties by gene symbol), test cases:',
		'',
		'| annotations | mode | top-1 | top-5 | top-10 |',
		'| --- | --- | --- | --- | --- |'
	);
	for (const [label, name] of LABELS)
		for (const mode of ['Combined', 'Phenotype'] as const) {
			const list = cases.filter((c) => c.split === 'test' && `${label}${mode}Worst` in c);
			if (!list.length) continue;
			const r = row(list, `${label}${mode}Worst`);
			out.push(`| ${name} | ${mode === 'Combined' ? 'combined' : 'phenotype only'} | ${pct(r.t1, r.n)} | ${pct(r.t5, r.n)} | ${pct(r.t10, r.n)} |`);
		}
}
out.push('', '2023 run, test cases, by whether the causal gene has a disease in the 2023 file:', '', '| causal gene | mode | cases | top-1 | top-5 | top-10 |', '| --- | --- | --- | --- | --- | --- |');
for (const annotated of [true, false])
	for (const mode of ['Combined', 'Phenotype'] as const) {
		const list = cases.filter((c) => c.split === 'test' && c.hpoa2023Annotated === annotated);
		if (!list.length) continue;
		const r = row(list, `hpoa2023${mode}`);
		out.push(`| ${annotated ? 'annotated in 2023' : 'no 2023 annotation'} | ${mode === 'Combined' ? 'combined' : 'phenotype only'} | ${fmt(r.n)} | ${pct(r.t1, r.n)} | ${pct(r.t5, r.n)} | ${pct(r.t10, r.n)} |`);
	}
out.push('', 'By background (test, combined top-1 / top-10):', '');
for (const [bi, bname] of BACKGROUNDS.entries()) {
	const list = cases.filter((c) => c.split === 'test' && c.background === bi);
	const parts = LABELS.filter(([l]) => `${l}Combined` in (list[0] ?? {})).map(([l, name]) => {
		const r = row(list, `${l}Combined`);
		return `${name}: ${pct(r.t1, r.n)} / ${pct(r.t10, r.n)}`;
	});
	out.push(`- ${bname} (${fmt(list.length)} cases): ${parts.join('; ')}`);
}

// calibration
const logit = (p: number) => Math.log(p / (1 - p));
const clamp = (p: number) => Math.min(1 - 1e-12, Math.max(1e-12, p));
/** Raw logit of the softmax share behind a calibrated score (inverse of calibratedScore). */
const rawOf = (score: number) => (logit(clamp(score)) - SCORE_CALIBRATION.b) / SCORE_CALIBRATION.a;
let cal = { a: SCORE_CALIBRATION.a, b: SCORE_CALIBRATION.b };
const points = (split: string) =>
	cases.flatMap((c) =>
		c.split !== split
			? []
			: LABELS.filter(([l]) => typeof c[`${l}TopScore`] === 'number').map(([l]) => ({ label: l, x: rawOf(c[`${l}TopScore`] as number), y: c[`${l}Combined`] === 1 ? 1 : 0 }))
	);
if (fit) {
	// Platt scaling by Newton's method on the train cases only
	const pts = points('train');
	let a = cal.a;
	let b = cal.b;
	for (let it = 0; it < 50; it++) {
		let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
		for (const { x, y } of pts) {
			const p = 1 / (1 + Math.exp(-(a * x + b)));
			const w = p * (1 - p);
			ga += (p - y) * x;
			gb += p - y;
			haa += w * x * x;
			hab += w * x;
			hbb += w;
		}
		const det = haa * hbb - hab * hab;
		a -= (hbb * ga - hab * gb) / det;
		b -= (haa * gb - hab * ga) / det;
	}
	cal = { a, b };
	out.push('', `Platt refit on ${fmt(pts.length)} train points: a = ${a.toFixed(4)}, b = ${b.toFixed(4)}`);
}
const bins: [number, number][] = [
	[0, 0.2],
	[0.2, 0.4],
	[0.4, 0.6],
	[0.6, 0.8],
	[0.8, 0.95],
	[0.95, 1.0000001]
];
out.push('', '| score of the top gene | cases (built-in) | mean score | causal gene was top | cases (hpoa 2023) | mean score | causal gene was top |', '| --- | --- | --- | --- | --- | --- | --- |');
const test = points('test').map((p) => ({ ...p, s: 1 / (1 + Math.exp(-(cal.a * p.x + cal.b))) }));
for (const [lo, hi] of bins) {
	const cells = LABELS.map(([l]) => {
		const inBin = test.filter((p) => p.label === l && p.s >= lo && p.s < hi);
		const mean = inBin.reduce((s, p) => s + p.s, 0) / Math.max(1, inBin.length);
		return `${fmt(inBin.length)} | ${inBin.length ? `${(100 * mean).toFixed(0)} %` : '—'} | ${pct(inBin.filter((p) => p.y).length, inBin.length)}`;
	});
	out.push(`| ${lo}–${hi > 1 ? 1 : hi} | ${cells.join(' | ')} |`);
}
console.log(out.join('\n'));
