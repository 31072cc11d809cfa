/**
 * Co-medications that change enzyme activity (phenoconversion). Multipliers act on the activity
 * of one gene's product. Strength classes are the FDA's; the multiplier used for a class is the
 * class boundary on a sensitive index substrate (strong inhibitor ≥ 5-fold AUC → activity × 0.2;
 * moderate ≥ 2-fold → × 0.5; strong inducer ≥ 80 % AUC fall → × 5; moderate 50–80 % → × 2),
 * except where a drug-specific figure or a published phenoconversion rule exists.
 */
import type { Cited, Comedication } from './data-types';

const fda = (value: number, where: string, note: string): Cited => ({ value, source: 'fda-ddi-table', where, note });
/** The FDA strength classes: the activity multiplier each stands for (its class boundary) and why. */
const FDA_CLASSES = {
	'strong inhibitor': { value: 0.2, note: 'class boundary: ≥ 5-fold AUC' },
	'moderate inhibitor': { value: 0.5, note: 'class boundary: ≥ 2-fold AUC' },
	'strong inducer': { value: 5, note: 'class boundary: ≥ 80 % AUC decrease' },
	'moderate inducer': { value: 2, note: 'class boundary: ≥ 50 % AUC decrease' }
} as const;
/** One gene's effect at its FDA class boundary, e.g. `fdaEffect('CYP3A5', 'CYP3A', 'strong inhibitor')` (the table lists CYP3A4/5 as CYP3A). */
const fdaEffect = (gene: string, enzyme: string, cls: keyof typeof FDA_CLASSES): Comedication['effects'][number] => {
	const [strength, action] = cls.split(' ');
	return { gene, multiplier: fda(FDA_CLASSES[cls].value, `${enzyme} ${strength} ${action}s`, FDA_CLASSES[cls].note), strength: `${strength} ${enzyme} ${action}` };
};
const cicali = (value: number, strength: string): Cited => ({
	value,
	source: 'cicali-2021',
	where: 'phenoconversion method: CYP2D6 activity score × 0 with a strong inhibitor, × 0.5 with a moderate one',
	note: `${strength} CYP2D6 inhibitor per the FDA table; method recalled from the source, not re-verified in this build`
});

/**
 * Omeprazole's CYP2C19 multiplier m solves 1 − share·(1 − m) = 0.58, the clopidogrel
 * active-metabolite exposure with omeprazole 80 mg on Day 5 (Plavix label §7.1: −42 %), with
 * CYP2C19's share of active-metabolite formation from drugs.ts.
 */
export function omeprazoleMultiplier(clopidogrelShare: number): number {
	return 1 - (1 - 0.58) / clopidogrelShare;
}

/** Share of clopidogrel active-metabolite formation by CYP2C19: see drugs.ts (kept here to avoid a cycle). */
export const CLOPIDOGREL_CYP2C19_SHARE: Cited = {
	value: 0.648,
	source: 'mega-2009',
	where: 'Results: carriers of a reduced-function CYP2C19 allele had 32.4 % lower active-metabolite exposure',
	note: 'derived: 1 − share × (1 − 0.5) = 0.676 with intermediate activity 0.5 (carriers are mostly *1/*2) → share = 0.648; recalled from the source, not re-verified in this build (the abstract could not be reached; a secondary review, Hematology Am Soc Hematol Educ Program 2014, reports about 30 % lower active metabolite in carriers, consistent with 32.4 %)'
};

/** Every co-medication the model knows, by id. */
export const COMEDICATIONS: Comedication[] = [
	{ id: 'fluoxetine', name: 'Fluoxetine', effects: [{ gene: 'CYP2D6', multiplier: cicali(0, 'strong'), strength: 'strong CYP2D6 inhibitor' }] },
	{ id: 'paroxetine', name: 'Paroxetine', effects: [{ gene: 'CYP2D6', multiplier: cicali(0, 'strong'), strength: 'strong CYP2D6 inhibitor' }] },
	{ id: 'bupropion', name: 'Bupropion', effects: [{ gene: 'CYP2D6', multiplier: cicali(0, 'strong'), strength: 'strong CYP2D6 inhibitor' }] },
	{ id: 'duloxetine', name: 'Duloxetine', effects: [{ gene: 'CYP2D6', multiplier: cicali(0.5, 'moderate'), strength: 'moderate CYP2D6 inhibitor' }] },
	{
		id: 'omeprazole',
		name: 'Omeprazole',
		effects: [
			{
				gene: 'CYP2C19',
				multiplier: {
					value: omeprazoleMultiplier(CLOPIDOGREL_CYP2C19_SHARE.value),
					source: 'plavix-label',
					where: '§7.1: active-metabolite exposure −42 % on Day 5 with omeprazole 80 mg',
					note: 'derived: solves 1 − 0.648 × (1 − m) = 0.58'
				},
				strength: 'CYP2C19 inhibitor (drug-specific figure)'
			}
		]
	},
	{ id: 'fluvoxamine', name: 'Fluvoxamine', effects: [fdaEffect('CYP2C19', 'CYP2C19', 'strong inhibitor')] },
	{
		id: 'fluconazole',
		name: 'Fluconazole',
		effects: [
			fdaEffect('CYP2C19', 'CYP2C19', 'strong inhibitor'),
			fdaEffect('CYP2C9', 'CYP2C9', 'moderate inhibitor'),
			fdaEffect('CYP3A4', 'CYP3A', 'moderate inhibitor'),
			fdaEffect('CYP3A5', 'CYP3A', 'moderate inhibitor')
		]
	},
	{ id: 'amiodarone', name: 'Amiodarone', effects: [fdaEffect('CYP2C9', 'CYP2C9', 'moderate inhibitor')] },
	{
		id: 'clarithromycin',
		name: 'Clarithromycin',
		effects: [
			fdaEffect('CYP3A4', 'CYP3A', 'strong inhibitor'),
			fdaEffect('CYP3A5', 'CYP3A', 'strong inhibitor')
		]
	},
	{
		id: 'rifampin',
		name: 'Rifampin (rifampicin)',
		effects: [
			fdaEffect('CYP3A4', 'CYP3A', 'strong inducer'),
			fdaEffect('CYP3A5', 'CYP3A', 'strong inducer'),
			fdaEffect('CYP2C19', 'CYP2C19', 'strong inducer'),
			fdaEffect('CYP2C9', 'CYP2C9', 'moderate inducer'),
			fdaEffect('CYP2B6', 'CYP2B6', 'moderate inducer')
		]
	}
];

/** Look up a co-medication by id or name (case-insensitive); undefined when unknown. */
export function findComedication(idOrName: string): Comedication | undefined {
	const q = idOrName.trim().toLowerCase();
	return COMEDICATIONS.find((c) => c.id === q || c.name.toLowerCase() === q || c.name.toLowerCase().startsWith(q + ' '));
}
