/**
 * Agreement with PharmCAT's own test suite (issue 11): runs every transcribed case in
 * tests/vectors/pharmcat/ through the `qenome pgx --json` path and prints agreement per gene and
 * overall, like for like (cases that need PharmCAT-only options counted apart), plus every
 * disagreement. Needs ../shared (QENOME_SHARED) for the allele definition tables.
 * Usage: tsx scripts/pgx-agreement.ts [--md]   (--md prints the Markdown table for docs/benchmarks.md)
 */
import { loadCases, runAgreement, summarise } from '../tests/unit/pgx/pharmcat-harness';

const cases = loadCases();
const outcomes = await runAgreement(cases);
const like = outcomes.filter((o) => o.likeForLike);
const only = outcomes.filter((o) => !o.likeForLike);
const s = summarise(like);
const all = summarise(outcomes);
const pct = (x: number) => (100 * x).toFixed(1) + ' %';
if (process.argv.includes('--md')) {
	console.log(`| Gene | Assertions | Agree |\n|---|---:|---:|`);
	for (const [g, r] of s.perGene) console.log(`| ${g} | ${r.n} | ${r.agree} (${pct(r.agree / r.n)}) |`);
	console.log(`| **All, like for like** | ${s.n} | ${s.agree} (${pct(s.rate)}) |`);
	console.log(`| All incl. PharmCAT-only options | ${all.n} | ${all.agree} (${pct(all.rate)}) |`);
} else {
	console.log(`${cases.length} cases, ${outcomes.length} gene assertions`);
	for (const [g, r] of s.perGene) console.log(`${g.padEnd(8)} ${String(r.agree).padStart(4)}/${String(r.n).padEnd(4)} ${pct(r.agree / r.n)}`);
	console.log(`like for like: ${s.agree}/${s.n} = ${pct(s.rate)}; with PharmCAT-only options: ${all.agree}/${all.n} = ${pct(all.rate)} (${only.length} PharmCAT-only)`);
	for (const o of outcomes.filter((x) => !x.agree)) console.log(`DIFF ${o.likeForLike ? '' : '[PharmCAT-only] '}${o.source.split('/').pop()} ${o.id} ${o.gene}: ${o.why.join('; ')}`);
}
