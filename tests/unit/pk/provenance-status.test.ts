/**
 * Provenance status of the PK data: which figures were re-read in their source ("checked") and
 * which are still "recalled". The list of recalled figures is pinned so that a figure cannot
 * change status silently, and the checked windows are tied to what their sources say.
 */
import { describe, expect, it } from 'vitest';
import { COMEDICATIONS, DRUGS, SOURCES, getDrug, kaFromTmax, provenanceStatus, simulate, type Cited } from '../../../src/lib/pk/index';
import { DEFAULT_ACTIVITY } from '../../../src/lib/pk/phenotypes';

/** Every cited number with a path, found by walking the data (drugs, default activities, co-medications). */
function allCited(): { path: string; cited: Cited }[] {
	const out: { path: string; cited: Cited }[] = [];
	const walk = (v: unknown, path: string) => {
		if (!v || typeof v !== 'object') return;
		const o = v as Record<string, unknown>;
		if (typeof o.value === 'number' && typeof o.source === 'string') {
			out.push({ path, cited: o as unknown as Cited });
			return;
		}
		for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
	};
	for (const d of DRUGS) {
		walk(d.pk, `${d.id}.pk`);
		walk(d.metabolite, `${d.id}.metabolite`);
		walk(d.pathways, `${d.id}.pathways`);
		walk(d.window, `${d.id}.window`);
	}
	walk(DEFAULT_ACTIVITY, 'activity');
	for (const c of COMEDICATIONS) walk(c.effects, `comed.${c.id}`);
	return out;
}

const isRecalled = (c: Cited) => /recalled/.test(c.note ?? '');
const isChecked = (c: Cited) => /checked/.test(c.note ?? '');

describe('recalled and checked figures', () => {
	it('the figures still marked "recalled" are exactly these (each change of status must be deliberate)', () => {
		const recalled = [...new Set(allCited().filter((x) => isRecalled(x.cited)).map((x) => `${x.path} [${x.cited.source}]`))].sort();
		expect(recalled).toEqual(
			[
				'activity.CYP2C9.intermediate [hamberg-2007]',
				'activity.CYP2C9.poor [hamberg-2007]',
				'citalopram.pathways.0.fmParent [celexa-label]',
				'clopidogrel.pathways.0.formationShare [mega-2009]',
				'comed.bupropion.0.multiplier [cicali-2021]',
				'comed.duloxetine.0.multiplier [cicali-2021]',
				'comed.fluoxetine.0.multiplier [cicali-2021]',
				'comed.paroxetine.0.multiplier [cicali-2021]',
				'efavirenz.pk.cl [sustiva-label]',
				'efavirenz.pk.ka [sustiva-label]',
				'efavirenz.pk.v1 [sustiva-label]',
				'fluorouracil.pk.cl [fluorouracil-label]',
				'phenytoin.pk.f [winter-2010]',
				'phenytoin.pk.km [winter-2010]',
				'phenytoin.pk.v1 [winter-2010]',
				'phenytoin.pk.vmax [winter-2010]',
				'warfarin.pk.cl [hamberg-2007]',
				'warfarin.pk.ka [hamberg-2007]',
				'warfarin.pk.v1 [hamberg-2007]'
			].sort()
		);
	});

	it('no figure is marked both checked and recalled, and every checked figure names where in its source', () => {
		for (const { path, cited } of allCited()) {
			if (isChecked(cited)) {
				expect(isRecalled(cited), path).toBe(false);
				expect(cited.where.length, path).toBeGreaterThan(10);
				expect(cited.source in SOURCES, path).toBe(true);
			}
		}
	});
});

describe('the status the page shows beside each number (provenanceStatus)', () => {
	it('agrees with the notes for every figure, and every class occurs', () => {
		const seen = new Set<string>();
		for (const { path, cited } of allCited()) {
			const status = provenanceStatus(cited);
			seen.add(status);
			const expected = cited.source === 'assumption' ? 'assumed' : isRecalled(cited) ? 'recalled' : isChecked(cited) ? 'checked' : 'cited';
			expect(status, path).toBe(expected);
		}
		expect([...seen].sort()).toEqual(['assumed', 'checked', 'cited', 'recalled']);
	});

	it('"recalled" wins when a note says both, and a bare note is only "cited"', () => {
		expect(provenanceStatus({ value: 1, source: 'x', where: 'y', note: 'checked once, then recalled' })).toBe('recalled');
		expect(provenanceStatus({ value: 1, source: 'x', where: 'y' })).toBe('cited');
		expect(provenanceStatus({ value: 1, source: 'assumption', where: 'not published', note: 'checked' })).toBe('assumed');
	});
});

describe('windows checked against their sources', () => {
	it('tacrolimus: Prograf §2.1 Table 1, kidney transplant with azathioprine, months 4–12: 5–15 ng/mL', () => {
		const w = getDrug('tacrolimus').window!;
		expect([w.low.value, w.high.value]).toEqual([5, 15]);
		for (const c of [w.low, w.high]) {
			expect(isChecked(c)).toBe(true);
			expect(isRecalled(c)).toBe(false);
			expect(c.where).toMatch(/Month 4–12: 5–15 ng\/mL/);
		}
		expect(w.what).toMatch(/azathioprine/);
		expect(simulate({ drug: 'tacrolimus', points: 20 }).window).toEqual({ low: 5, high: 15, what: w.what });
	});

	it('efavirenz: Marzolini 2001 abstract, 1000–4000 µg/L = 1–4 mg/L', () => {
		const w = getDrug('efavirenz').window!;
		expect([w.low.value, w.high.value]).toEqual([1000 / 1000, 4000 / 1000]);
		for (const c of [w.low, w.high]) {
			expect(isChecked(c)).toBe(true);
			expect(c.where).toMatch(/µg\/L/);
		}
		expect(SOURCES['marzolini-2001'].citation).toMatch(/PMID 11192870/);
	});

	it('efavirenz cross-check: the (recalled) label AUC of 184 µM·h puts the typical 600 mg steady state inside the checked 1–4 mg/L range', () => {
		const ss = simulate({ drug: 'efavirenz', points: 200 }).steadyState.typical;
		// Independent of the window: average level = AUC/τ = 184 µM·h × 0.31568 mg/µmol ÷ 24 h ≈ 2.42 mg/L.
		expect(ss.cavg).toBeCloseTo((184 * 0.31568) / 24, 2);
		expect(ss.cmin).toBeGreaterThanOrEqual(1);
		expect(ss.cmax).toBeLessThanOrEqual(4);
	});
});

describe('label figures checked in this build (label text quoted with its openFDA set id)', () => {
	const tmaxOf = (ka: number, k: number) => Math.log(ka / k) / (ka - k);
	const checkedLabel = (c: Cited, source: string, quote: RegExp) => {
		expect(c.source).toBe(source);
		expect(isChecked(c) && !isRecalled(c)).toBe(true);
		expect(c.where).toMatch(quote);
		expect(SOURCES[source].citation).toMatch(/openFDA set id [0-9a-f-]{36}/);
	};

	it('clopidogrel active metabolite: t½ "about 30 minutes" and Cmax "approximately 30 to 60 minutes after dosing" (peak at 36 min, inside the range)', () => {
		const pk = getDrug('clopidogrel').pk;
		if (pk.kind !== 'linear') throw new Error('clopidogrel is linear');
		checkedLabel(pk.cl, 'clopidogrel-label', /about 30 minutes/);
		checkedLabel(pk.ka!, 'clopidogrel-label', /approximately 30 to 60 minutes/);
		const k = pk.cl.value / pk.v1.value;
		expect(Math.LN2 / k).toBeCloseTo(0.5, 10);
		const tmax = tmaxOf(pk.ka!.value, k);
		expect(tmax).toBeCloseTo(0.6, 6);
		expect(tmax).toBeGreaterThanOrEqual(0.5);
		expect(tmax).toBeLessThanOrEqual(1);
		// A peak at 45 min cannot be reached with t½ 30 min (1/k ≈ 43 min): the data refuses it.
		expect(() => kaFromTmax(0.75, k)).toThrow(/not reachable/);
	});

	it('codeine: maximum plasma concentration "60 minutes post administration"', () => {
		const pk = getDrug('codeine').pk;
		if (pk.kind !== 'linear') throw new Error('codeine is linear');
		checkedLabel(pk.ka!, 'codeine-label', /60 minutes post administration/);
		expect(tmaxOf(pk.ka!.value, pk.cl.value / pk.v1.value)).toBeCloseTo(1, 6);
	});

	it('morphine formed from codeine: t½ "approximately 2 hours" (corrected from a recalled 3 h)', () => {
		const m = getDrug('codeine').metabolite!;
		checkedLabel(m.v, 'morphine-label', /approximately 2 hours/);
		expect((Math.LN2 * m.v.value) / m.cl.value).toBeCloseTo(2, 10);
		expect(m.v.note).toMatch(/Corrected/);
	});
});

describe('fluorouracil: DPD share of elimination checked, citation corrected', () => {
	it('fm(DPYD) = 0.8 is the lower bound of ">80%" in the 2013 CPIC DPYD guideline (not the 2017 update)', () => {
		const fm = getDrug('fluorouracil').pathways[0].fmParent;
		expect(fm.value).toBe(0.8);
		expect(fm.source).toBe('caudle-2013');
		expect(fm.where).toMatch(/eliminates >80% of administered 5-fluorouracil/);
		expect(isChecked(fm) && !isRecalled(fm)).toBe(true);
		// Activity score 1 (50 % DPD activity): exposure 1/(1 − 0.8 × 0.5). Score 1.5 has no measured figure and is not simulated.
		const r = simulate({ drug: 'fluorouracil', phenotypes: { DPYD: { activityScore: 1 } }, points: 50 });
		expect(r.exposureRatio).toBeCloseTo(1 / (1 - 0.8 * 0.5), 3);
		expect(() => simulate({ drug: 'fluorouracil', phenotypes: { DPYD: { activityScore: 1.5 } }, points: 50 })).toThrow(
			expect.objectContaining({ code: 'phenotype-not-modelled' })
		);
	});
});

describe('thiopurines: what the searched sources support', () => {
	it('NUDT15 stays out of the concentration model, with the reason and source named', () => {
		const d = getDrug('mercaptopurine');
		expect(d.pathways.map((p) => p.gene)).toEqual(['TPMT']);
		expect(d.caveats.join(' ')).toMatch(/Moriyama 2016/);
		expect(SOURCES['moriyama-2016'].citation).toMatch(/no TGN ratio given/);
	});

	it('TPMT poor metabolizer: still no figure, so not simulated (the sources searched are cited with the refusal)', () => {
		expect(() => simulate({ drug: 'mercaptopurine', phenotypes: { TPMT: { phenotype: 'Poor Metabolizer' } }, points: 20 })).toThrow(
			expect.objectContaining({ code: 'phenotype-not-modelled' })
		);
		const tpmt = getDrug('mercaptopurine').notModelled!.find((n) => n.gene === 'TPMT')!;
		expect(tpmt.evidence.map((e) => e.source)).toEqual(['cpic-mercaptopurine', 'lennard-2013', 'lennard-1993']);
		const caveats = getDrug('mercaptopurine').caveats.join(' ');
		expect(caveats).toMatch(/extremely high \(no figure given\)/);
		// The only quantitative hint found is a two-patient bound, named but not used as a figure.
		expect(caveats).toMatch(/Lennard 1993/);
		expect(SOURCES['lennard-1993'].citation).toMatch(/10-25% of the protocol dose/);
		expect(getDrug('mercaptopurine').pathways[0].activity?.poor).toBeUndefined();
	});
});
