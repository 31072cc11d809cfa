/**
 * The family ranking on the real GIAB trio (../shared): one published case per inheritance pattern
 * spiked in; the trio names the pattern and ranks the causal gene at least as high as the
 * proband's VCF alone. The full run over many cases is scripts/family-validate.ts →
 * docs/family-validation.md. Skips cleanly when ../shared is absent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareRanks, HAVE_TRIO, loadSpikeCases, trioText, type SpikeCase, type SpikeCategory } from './spike';

if (!HAVE_TRIO) console.log('[family tests] skipping real-trio ranking tests: ../shared/data/background or the phenopackets are absent');

describe.skipIf(!HAVE_TRIO)('trio ranking on the real GIAB trio (needs ../shared)', () => {
	let cases: SpikeCase[];
	let background: string;
	beforeAll(() => {
		cases = loadSpikeCases();
		background = trioText('b38');
	});
	// One pattern here (a run ranks twice and loads the knowledge base); all four over 48 cases:
	// scripts/family-validate.ts → docs/family-validation.md.
	const categories: SpikeCategory[] = ['compound heterozygous'];
	for (const category of categories) {
		it(`${category}: pattern named, causal gene ranked at least as high as the proband alone`, async () => {
			const c = cases.filter((x) => x.category === category)[0];
			const r = await compareRanks(c, background);
			expect(r.patterns, c.id).toContain(category);
			expect(r.trioRank, c.id).not.toBeNull();
			expect(r.trioRank!).toBeLessThanOrEqual(r.aloneRank ?? Infinity);
		}, 180_000);
	}
});
