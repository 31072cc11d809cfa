/**
 * Agreement with PharmCAT's own test suite (issue 11), like for like: the cases transcribed in
 * tests/vectors/pharmcat/ are written as VCFs the way PharmCAT's tests write them and called on
 * the `qenome pgx --json` path. Needs ../shared (the allele definition tables that map CPIC
 * alleles to VCF alleles). The full per-gene table: `tsx scripts/pgx-agreement.ts`.
 */
import { describe, expect, it } from 'vitest';
import { HAVE_SHARED } from './helpers';
import { loadCases, runAgreement, summarise } from './pharmcat-harness';

const NO_CALL = new Set(['Not determinable', 'Indeterminate']);

describe.skipIf(!HAVE_SHARED)('PharmCAT test-suite agreement (needs ../shared)', () => {
	it('agrees in ≥ 97 % of like-for-like assertions, and never answers "normal" where the reference does not', async () => {
		const cases = loadCases();
		expect(cases.length).toBeGreaterThan(150);
		const outcomes = await runAgreement(cases);
		const like = outcomes.filter((o) => o.likeForLike);
		const s = summarise(like);
		console.log(`PharmCAT suite, like for like: ${s.agree}/${s.n} = ${(100 * s.rate).toFixed(1)} %`);
		for (const o of like.filter((x) => !x.agree)) console.log(`  differs: ${o.id} ${o.gene}: ${o.why.join('; ')}`);
		expect(s.rate).toBeGreaterThanOrEqual(0.97);
		// Where Qenome differs, it must not be the more reassuring answer: it either gives no
		// phenotype (the options are listed) or lists every diplotype the reference lists and more.
		for (const o of like.filter((x) => !x.agree)) {
			const c = cases.find((x) => x.id === o.id)!;
			const exp = c.expect[o.gene];
			const listsAll = (exp.diplotypes ?? []).every((d) => o.got.diplotypes.some((g) => g.split('/').sort().join('/') === d.split('/').sort().join('/')));
			expect(NO_CALL.has(o.got.phenotype) && listsAll, `${o.id} ${o.gene}`).toBe(true);
		}
	}, 120_000);
});
