/**
 * Excluded terms (session 13, docs/benchmarks.md "Rare disease validation"): a feature stated as
 * absent counts against a disease only when the disease (almost) always has it — frequency at
 * least `excludedMinFrequency`. Case reports list as absent the features of the suspected
 * syndrome that a patient lacks, so a variable feature's absence is not evidence against it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PHENOTYPE_PARAMS, prepareQuery, scorePhenotype, type RareKb } from '../../../src/lib/rare/index';
import { kb as loadKb } from './helpers';

let kb: RareKb;
beforeAll(async () => {
	kb = await loadKb();
});

/** A disease with a stated frequent (≥ 0.9) and a stated occasional (≤ 0.3) feature, unrelated to each other. */
function pickDisease() {
	const o = kb.ontology;
	const abn = o.indexOf('HP:0000118');
	for (const [di, d] of kb.annotations.diseases.entries()) {
		const frequent = d.terms.find((t, k) => d.freqs[k] >= 0.9 && o.isA(t, abn));
		const rare = d.terms.find((t, k) => d.freqs[k] > 0 && d.freqs[k] <= 0.3 && o.isA(t, abn));
		if (frequent === undefined || rare === undefined) continue;
		if (o.isA(frequent, rare) || o.isA(rare, frequent)) continue;
		// neither may be implied at a higher frequency by another annotation of the disease
		const implied = (t: number) => Math.max(...d.terms.map((x, k) => (o.isA(x, t) ? (d.freqs[k] < 0 ? PHENOTYPE_PARAMS.unknownFrequency : d.freqs[k]) : 0)));
		if (implied(rare) > 0.3) continue;
		const observed = d.terms.find((t, k) => t !== frequent && t !== rare && !o.isA(t, frequent) && !o.isA(t, rare) && !o.isA(frequent, t) && !o.isA(rare, t) && o.isA(t, abn) && d.freqs[k] !== 0);
		if (observed === undefined) continue;
		return { di, frequent, rare, observed };
	}
	throw new Error('no suitable disease in the built-in annotations');
}

describe('excluded terms', () => {
	it('an absent frequent feature counts against the disease, an absent occasional one does not', () => {
		const o = kb.ontology;
		const { di, frequent, rare, observed } = pickDisease();
		const score = (excluded: number[]) => scorePhenotype(o, kb.annotations, prepareQuery(o, [observed], excluded));
		const none = score([]).logLR[di];
		const withRare = score([rare]);
		const withFrequent = score([frequent]);
		expect(PHENOTYPE_PARAMS.excludedMinFrequency).toBeGreaterThan(0.3);
		expect(withRare.logLR[di]).toBeCloseTo(none, 9);
		expect(withFrequent.logLR[di]).toBeLessThan(none - 1);
		// the explanation agrees with the score
		const ex = withFrequent.explain(di).find((m) => m.query === o.idOf(frequent))!;
		expect(ex.kind).toBe('excluded-present');
		expect(ex.logLR).toBeLessThan(-1);
		expect(withRare.explain(di).find((m) => m.query === o.idOf(rare))!.logLR).toBe(0);
		// with the threshold at 0 (the model before), the occasional feature counts too
		const old = scorePhenotype(o, kb.annotations, prepareQuery(o, [observed], [rare]), { ...PHENOTYPE_PARAMS, excludedMinFrequency: 0 });
		expect(old.logLR[di]).toBeLessThan(none);
	});
});
