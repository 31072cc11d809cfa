/**
 * Agreement with PharmCAT's own test suite (`npm run bench -- pgx-agreement`, needs ../shared):
 * the cases transcribed in tests/vectors/pharmcat/ (see its README) written as VCFs the way
 * PharmCAT's tests write them, imported and called on the `qenome pgx --json` path; agreement per
 * gene, like for like (assertions that need a PharmCAT-only option, or that come from a newer
 * PharmCAT than the definitions in use, are counted apart), and every difference listed.
 */
import type { BenchModule } from './run';
import { loadCases, runAgreement, summarise } from '../../tests/unit/pgx/pharmcat-harness';

/** Like-for-like agreement per gene before the issue-11 agreement work (commit 5cb8fba), same suite. */
const BEFORE: Record<string, [number, number]> = {
	CYP2C19: [29, 34],
	DPYD: [209, 241],
	RYR1: [25, 26],
	UGT1A1: [19, 20]
};

const bench: BenchModule = {
	title: 'PGx agreement with the reference caller (PharmCAT) test suite',
	async run() {
		const cases = loadCases();
		const outcomes = await runAgreement(cases);
		const like = outcomes.filter((o) => o.likeForLike);
		const s = summarise(like);
		const all = summarise(outcomes);
		const pct = (a: number, n: number) => `${((100 * a) / n).toFixed(1)} %`;
		const rows = s.perGene.map(([g, r]) => {
			const b = BEFORE[g];
			return `| ${g} | ${r.n} | ${r.agree} (${pct(r.agree, r.n)}) | ${b ? `${b[0]}/${b[1]} (${pct(b[0], b[1])})` : `${r.agree}/${r.n} (same)`} |`;
		});
		const diffs = like.filter((o) => !o.agree).map((o) => `- \`${o.id}\` ${o.gene}: ${o.why.join('; ')}`);
		const only = outcomes.filter((o) => !o.likeForLike && !o.agree).length;
		return [
			`${cases.length} transcribed cases (tests/vectors/pharmcat/: PipelineTest, DpydTest incl. its HapB3 table phased and unphased, Ryr1Test, Cacna1sTest, ToxicGenesTest, NamedAlleleMatcher CYP2C19/CYP2C9/CYP4F2/IFNL3/RYR1), ${outcomes.length} gene assertions; each case written as a VCF as PharmCAT's TestVcfBuilder writes it and run through the importer and the \`qenome pgx --json\` path.`,
			'',
			'| gene | assertions (like for like) | Qenome agrees | before (5cb8fba) |',
			'| --- | ---: | ---: | ---: |',
			...rows,
			`| **all, like for like** | ${s.n} | **${s.agree} (${pct(s.agree, s.n)})** | 366/405 (90.4 %) |`,
			`| all, incl. PharmCAT-only options / newer PharmCAT | ${all.n} | ${all.agree} (${pct(all.agree, all.n)}) | 369/421 (87.6 %) |`,
			'',
			'Like-for-like differences (each one is Qenome listing more diplotypes than PharmCAT because a position the file lacks could carry a variant — missing is not reference — so the phenotype is "Indeterminate" with the positions that would decide; none gives a more reassuring answer, which `tests/unit/pgx/pharmcat-agreement.test.ts` checks):',
			'',
			...diffs,
			'',
			`Counted apart: ${outcomes.length - like.length} assertions that need PharmCAT's all-matches/research mode or CYP2D6-from-VCF mode, or come from a newer PharmCAT DPYD "wobble" rule than the definitions in use (PharmCAT 3.1.1, whose own HapB3 truth table disagrees with those tests); ${only} of them differ.`,
			'',
			'This is a different, larger suite than the 77.5 % audit in issue 11 (its case list was not available); `tsx scripts/pgx-agreement.ts` prints every case.'
		].join('\n');
	}
};

export default bench;
