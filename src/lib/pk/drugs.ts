/**
 * The drug data file. Every number is a `Cited` value: the source key (see sources.ts), the
 * table or section, and how it was derived. Figures marked "recalled" in their note were taken
 * from the named source from memory and could not be re-read during this build; "assumed"
 * figures (source 'assumption') are the model's own and are shown as such in the UI.
 *
 * Figures whose note says "checked" were re-read in the named source (abstract or table) while
 * building this file.
 *
 * Simvastatin (SLCO1B1) is modelled from the phenotype-group AUC ratios of Mykkänen 2022 (checked);
 * the often-quoted c.521CC vs TT figure of Pasanen 2006 could not be re-read and is not used.
 * Mercaptopurine is modelled for TPMT only, as red-cell thioguanine nucleotides (TGN) in
 * relative units. NUDT15 is left out: NUDT15 dephosphorylates the active thio-(d)GTP before it
 * is built into DNA, and the sources found (Moriyama 2016 Nat Genet abstract, PMC5029084: "patients
 * with defective NUDT15 alleles showed excessive thiopurine active metabolites"; CPIC 2018 update
 * abstract, PMID 30447069) give no TGN ratio by NUDT15 genotype. No TGN figure for TPMT-deficient
 * (poor metabolizer) patients was found either: CPIC's implication is qualitative ("extremely high
 * concentrations of TGN metabolites"), Lennard 2013 Table 3 excludes TPMT-deficient children, and the
 * Lennard 1993 case report (two children) gives only a bound (higher metabolites at 10–25 % of the
 * dose than other patients at 100 %).
 *
 * Phenotypes without a measured exposure figure, where CPIC recommends a change, are not simulated
 * (`notModelled`: simulate() refuses them with PkError 'phenotype-not-modelled', quoting CPIC):
 * fluorouracil for DPYD activity scores between 1 and 2 (e.g. 1.5), mercaptopurine for TPMT poor
 * and NUDT15 intermediate or poor metabolizers, and citalopram for CYP2C19 ultrarapid metabolizers.
 *
 * Label figures re-read in this build (notes say "checked"): the clopidogrel active-metabolite
 * half-life and peak time, the codeine peak time and the morphine half-life, each read as the
 * label sentence quoted verbatim with its openFDA set id and section (see sources.ts). The
 * morphine half-life was corrected (3 h → 2 h) and the clopidogrel peak time was found not
 * reachable as previously stated (see the notes). Searched but not found, so unchanged: a measured
 * DPD activity or 5-FU clearance for DPYD activity score 1.5 (the DPWG gene activity score
 * text reproduced in Lunenburg's thesis, p. 116, ties a score of 1 to 50 % and 0 to about 0 % of
 * normal DPD enzyme activity: the same AS/2 scaling this model uses, so scores 0–1 and 2 are modelled and
 * scores between 1 and 2 are not), a TGN figure for TPMT- or NUDT15-deficient patients, and primary
 * sources for the other "recalled" figures. Tramadol is left out: the only CYP2D6 figure found
 * (tramadol about 20 % higher and O-desmethyltramadol 40 % lower in poor metabolizers) came from a
 * secondary page quoting the label, and no ultrarapid-metabolizer exposure figure was found.
 * Tamoxifen (→ endoxifen) is left out for the same reason: the parent's label PK (Soltamox §12.3:
 * peak about 5 h, terminal half-life about 5 to 7 days) and one co-medication figure (endoxifen
 * AUC 2.98× higher after switching from paroxetine/fluoxetine to escitalopram, PMC4756062 Table 2)
 * were read, but no endoxifen concentration by CYP2D6 phenotype (poor, intermediate and normal
 * metabolizers against one reference) could be re-read in any source (Jin 2005, Borges 2006,
 * Madlensky 2011, Mürdter 2011, Irvin 2011 and the 2018 CPIC tamoxifen guideline were searched for;
 * none of their figures could be reached, and the guideline's abstract and knowledge-base rows give
 * none). Without them the CPIC rows (aromatase inhibitor, or 40 mg/day, for activity scores 0–1)
 * cannot be checked against the model.
 */
import type { Cited, DrugModel } from './data-types';
import { CLOPIDOGREL_CYP2C19_SHARE } from './comedications';

const LN2 = Math.LN2;

/**
 * Absorption rate constant giving peak time `tmax` for a one-compartment model with elimination
 * rate `ke` (bisection, on the branch ka > ke). A peak later than 1/ke cannot be reached on that
 * branch (tmax → 1/ke as ka → ke), so such a request is a data error and throws.
 */
export function kaFromTmax(tmax: number, ke: number): number {
	if (!(tmax > 0 && tmax < 1 / ke)) throw new Error(`kaFromTmax: a peak at ${tmax} h is not reachable with ke = ${ke}/h (must be below 1/ke = ${1 / ke} h)`);
	// tmax = ln(ka/ke)/(ka − ke) decreases as ka grows (for ka > ke).
	let lo = ke * (1 + 1e-9);
	let hi = 1000;
	for (let i = 0; i < 200; i++) {
		const mid = Math.sqrt(lo * hi);
		const t = Math.log(mid / ke) / (mid - ke);
		if (t > tmax) lo = mid;
		else hi = mid;
	}
	return Math.sqrt(lo * hi);
}

const c = (value: number, source: string, where: string, note?: string): Cited => ({ value, source, where, note });
const assumed = (value: number, note: string): Cited => c(value, 'assumption', 'not published', note);
/** Marks figures taken from the named source from memory, not re-read while building this file. */
export const RECALLED = 'recalled from the source, not re-verified in this build';

// ---- citalopram -------------------------------------------------------------------------------
const citalopramCl = c(19.8, 'celexa-label', '§12.3: systemic clearance 330 mL/min', '330 mL/min × 60 = 19.8 L/h');
const citalopramV = c(840, 'celexa-label', '§12.3: volume of distribution about 12 L/kg', '12 L/kg × 70 kg reference weight');
const citalopramPmRatio = 2.07; // Celexa label §12.3: AUC +107 % in CYP2C19 PMs

// ---- codeine ----------------------------------------------------------------------------------
const codeineCl = 2.02; // L/h/kg, Yue 1991 abstract (oral, apparent)
const codeineHalfLife = 2.58; // h, Yue 1991 abstract
const codeineODemethylShare = 1 / (1 + 12 + 12 / 8); // glucuronidation 12× and N-demethylation 1.5× O-demethylation
const morphineHalfLife = 2; // h, morphine sulfate tablets label §12.3 (checked; see MORPHINE_T_HALF_WHERE)

// ---- label text checked in this build ----------------------------------------------------------
/** How the label sentences below were read: quoted verbatim, with the openFDA set id and section, in a public repository file of label excerpts. */
const LABEL_QUOTE_NOTE = 'checked in this build against the label text quoted verbatim (with its openFDA set id and section) in a public repository of openFDA label excerpts';
const CLOPIDOGREL_T_HALF_WHERE = '§12.3 Pharmacokinetics, Elimination: "The half-life of the active metabolite is about 30 minutes."';
const CLOPIDOGREL_TMAX_WHERE = '§12.3 Pharmacokinetics, Metabolism: "C max occurs approximately 30 to 60 minutes after dosing." (of the active metabolite)';
const CODEINE_TMAX_WHERE = '§12.3 Absorption: "Codeine is absorbed from the gastrointestinal tract with maximum plasma concentration occurring 60 minutes post administration."';
/** Peak time used for the clopidogrel active metabolite (h): inside the label's 30–60 minutes and below 1/k = 0.72 h. */
const CLOPIDOGREL_MODEL_TMAX = 0.6;
const MORPHINE_T_HALF_WHERE = '§12.3 Excretion: "The effective terminal half-life of morphine sulfate after IV administration is reported to be approximately 2 hours."';

// ---- phenytoin ----------------------------------------------------------------------------------
const PHENYTOIN_CROSSCHECK =
	'The textbook could not be re-read in this build; an independent population estimate (Grasela 1983, Clin Pharmacokinet 8:355, PMID 6617043, abstract) gives Vm 415 mg/day (5.9 mg/kg/day at 70 kg) and Km 5.7 mg/L for a 70-kg European adult, the same order as these values';

// ---- tacrolimus and efavirenz windows (checked in this build) -------------------------------------
const PROGRAF_TROUGH_WHERE =
	'§2.1 Table 1 (adult kidney transplant with azathioprine): whole-blood trough Month 1–3: 7–20 ng/mL, Month 4–12: 5–15 ng/mL (with MMF/IL-2 receptor antagonist: Month 1–12: 4–11 ng/mL)';
const PROGRAF_TROUGH_NOTE =
	'checked in this build against Table 1 of the Prograf prescribing information (as reproduced by prescriberpoint.com, Prograf PI); the 4–12-month azathioprine range is used';
const MARZOLINI_WHERE_LOW =
	'Abstract, Results: virological failure in 50 % of patients below 1000 µg/L vs 22 % at 1000–4000 µg/L (levels about 14 h after the dose)';
const MARZOLINI_WHERE_HIGH =
	'Abstract, Results: CNS toxicity about three times more frequent above 4000 µg/L than at 1000–4000 µg/L';
const MARZOLINI_NOTE = 'checked in this build against the PubMed abstract (PMID 11192870); 1000–4000 µg/L = 1–4 mg/L';

// ---- simvastatin -------------------------------------------------------------------------------
const simvastatinAcidHalfLife = 2; // h, assumed (shape only)
const simvastatinAcidTmax = 2; // h, assumed (shape only; must stay below 1/ke for kaFromTmax)
const simvastatinDecreasedAucRatio = 1.4; // Mykkänen 2022 abstract: +40 %
const simvastatinPoorAucRatio = 3.73; // Mykkänen 2022 abstract: +273 %

// ---- mercaptopurine (thioguanine nucleotides) ------------------------------------------------------
const tgnHalfLife = (14 * 24) / Math.log2(10); // h: 2 weeks to 90 % of steady state
const tgnWildType = 360; // pmol/8×10⁸ RBC, Lennard 2013 abstract
const tgnHeterozygous = 754; // pmol/8×10⁸ RBC, Lennard 2013 abstract

/** Every drug the model covers, by id. */
export const DRUGS: DrugModel[] = [
	{
		id: 'citalopram',
		name: 'Citalopram',
		use: 'an antidepressant (SSRI)',
		analyte: 'parent',
		analyteName: 'citalopram',
		display: { unit: 'ng/mL', factor: 1000 },
		pk: {
			kind: 'linear',
			perKg: false,
			cl: citalopramCl,
			v1: citalopramV,
			f: c(0.8, 'celexa-label', '§12.3: absolute bioavailability about 80 %'),
			ka: c(
				kaFromTmax(4, citalopramCl.value / citalopramV.value),
				'celexa-label',
				'§12.3: peak blood levels at about 4 hours',
				'derived: ka giving tmax = 4 h with k = CL/V'
			)
		},
		pathways: [
			{
				gene: 'CYP2C19',
				fmParent: c(
					1 - 1 / citalopramPmRatio,
					'celexa-label',
					'§12.3 (Pharmacogenomics): steady-state AUC +107 % in CYP2C19 poor metabolizers',
					`derived: fm = 1 − 1/2.07 with poor-metaboliser activity 0; ${RECALLED}`
				)
			}
		],
		bsv: { cl: assumed(0.3, 'typical CV of oral clearance'), v: assumed(0.2, 'typical CV of volume') },
		window: {
			low: c(50, 'agnp-2018', 'therapeutic reference range, citalopram'),
			high: c(110, 'agnp-2018', 'therapeutic reference range, citalopram'),
			what: 'therapeutic reference range (AGNP)'
		},
		regimen: { route: 'oral', dose: 20, interval: 24, doses: 30 },
		cpic: {
			source: 'cpic-citalopram',
			kbDrug: 'citalopram',
			gene: 'CYP2C19',
			lookupBy: 'phenotype',
			population: 'general',
			advice: {
				'Poor Metabolizer': { text: 'consider a lower starting dose, slower titration schedule and 50% reduction of the standard maintenance dose', implies: [0.5, 0.5] },
				'Intermediate Metabolizer': { text: 'Consider a slower titration schedule and lower maintenance dose than normal metabolizers', implies: 'lower' },
				'Normal Metabolizer': { text: 'Initiate therapy with recommended starting dose', implies: 'standard' },
				'Rapid Metabolizer': { text: 'If patient does not adequately respond to recommended maintenance dosing, consider titrating to a higher maintenance dose', implies: 'not-addressed' },
				'Ultrarapid Metabolizer': { text: 'Consider a clinically appropriate alternative antidepressant not predominantly metabolized by CYP2C19', implies: 'avoid-low' }
			}
		},
		notModelled: [
			{
				gene: 'CYP2C19',
				phenotypes: ['ultrarapid'],
				reason: 'No measured citalopram level for CYP2C19 ultrarapid metabolizers is among this model\'s sources, so any curve would be a guess.',
				detail:
					'The model\'s only CYP2C19 figure is the label\'s poor-metabolizer AUC (+107 %), and no activity figure for ultrarapid metabolizers is used anywhere in this model. Drawing the typical curve (as the model did before) would contradict CPIC, which expects lower levels in ultrarapid metabolizers and advises an alternative antidepressant.',
				evidence: [
					{ source: 'celexa-label', where: '§12.3 (Pharmacogenomics): the CYP2C19 figure given is for poor metabolizers (AUC +107 %)' },
					{ source: 'cpic-citalopram', where: 'CYP2C19 Ultrarapid Metabolizer row' }
				],
				cpic: {
					source: 'cpic-citalopram',
					lookup: { CYP2C19: 'Ultrarapid Metabolizer' },
					text: 'Consider a clinically appropriate alternative antidepressant not predominantly metabolized by CYP2C19. If citalopram or escitalopram are clinically appropriate, and adequate efficacy is not achieved at standard maintenance dosing, consider titrating to a higher maintenance dose.'
				}
			}
		],
		caveats: [
			'Racemic citalopram is modelled as one compound; the label figures are for the racemate.',
			'Not simulated for CYP2C19 ultrarapid metabolizers: no measured level is known for them here, and CPIC advises an alternative antidepressant.',
			'The 90 % band uses assumed variability (30 % CV on clearance), not a published population model.'
		]
	},
	{
		id: 'clopidogrel',
		name: 'Clopidogrel',
		use: 'an antiplatelet medicine (prevents clots after a heart attack or stent)',
		analyte: 'parent',
		analyteName: 'clopidogrel active metabolite',
		display: { unit: '% of typical peak', relative: true },
		pk: {
			kind: 'linear',
			perKg: false,
			cl: c(LN2 / 0.5, 'clopidogrel-label', CLOPIDOGREL_T_HALF_WHERE, `derived: CL = ln2/t½ with t½ = 0.5 h and unit volume (relative units); ${LABEL_QUOTE_NOTE}`),
			v1: c(1, 'derived', 'relative units', 'unit volume: absolute concentrations are not modelled'),
			ka: c(kaFromTmax(CLOPIDOGREL_MODEL_TMAX, LN2 / 0.5), 'clopidogrel-label', CLOPIDOGREL_TMAX_WHERE, `derived: ka giving a peak at 36 minutes (0.6 h), inside the label's 30–60 minutes: with t½ 30 min a one-compartment curve cannot peak later than 1/k ≈ 43 min, so the middle of the range (45 min) is not reachable (the earlier value claimed 45 min but peaked at 43 min with ka ≈ k); ${LABEL_QUOTE_NOTE} (the same sentence is on medlibrary.org's copy of a clopidogrel label, §12.3)`),
			f: c(1, 'derived', 'relative units', 'formation of the active metabolite during absorption, scaled by CYP2C19 activity')
		},
		pathways: [
			{
				gene: 'CYP2C19',
				fmParent: c(0, 'plavix-label', '§12.3: the parent is mostly hydrolysed by esterases', 'CYP2C19 changes formation of the active metabolite, not the elimination of the metabolite'),
				formationShare: CLOPIDOGREL_CYP2C19_SHARE
			}
		],
		bsv: { cl: assumed(0.3, 'typical CV'), v: assumed(0.2, 'typical CV') },
		regimen: { route: 'oral', dose: 75, interval: 24, doses: 30, loadingDose: 300 },
		cpic: {
			source: 'cpic-clopidogrel',
			kbDrug: 'clopidogrel',
			gene: 'CYP2C19',
			lookupBy: 'phenotype',
			population: 'CVI ACS PCI',
			advice: {
				'Poor Metabolizer': { text: 'Avoid clopidogrel if possible. Use prasugrel or ticagrelor at standard dose if no contraindication.', implies: 'avoid-low' },
				'Intermediate Metabolizer': { text: 'Avoid standard dose (75 mg) clopidogrel if possible.', implies: 'avoid-low' },
				'Normal Metabolizer': { text: 'If considering clopidogrel, use at standard dose (75 mg/day)', implies: 'standard' },
				'Rapid Metabolizer': { text: 'If considering clopidogrel, use at standard dose (75 mg/day)', implies: 'standard' },
				'Ultrarapid Metabolizer': { text: 'If considering clopidogrel, use at standard dose (75 mg/day)', implies: 'standard' }
			}
		},
		caveats: [
			'Shown in relative units (% of the typical steady-state peak): the label gives exposure changes, not a full population model of the active metabolite.',
			'Platelet inhibition, the effect that matters, is not modelled.'
		]
	},
	{
		id: 'codeine',
		name: 'Codeine',
		use: 'a pain and cough medicine that works after the body turns it into morphine',
		analyte: 'metabolite',
		analyteName: 'morphine (formed from codeine)',
		display: { unit: 'ng/mL', factor: 1000 },
		pk: {
			kind: 'linear',
			perKg: true,
			cl: c(codeineCl, 'yue-1991', 'Abstract: total plasma clearance 2.02 L/h/kg (oral, apparent)'),
			v1: c(codeineCl * codeineHalfLife / LN2, 'yue-1991', 'Abstract: half-life 2.58 h', 'derived: V = CL × t½ / ln2 (apparent)'),
			ka: c(kaFromTmax(1, LN2 / codeineHalfLife), 'codeine-label', CODEINE_TMAX_WHERE, `derived: ka giving tmax 1 h; ${LABEL_QUOTE_NOTE}`),
			f: c(1, 'yue-1991', 'clearance and volume are apparent oral values', 'bioavailability is included in CL/F and V/F')
		},
		metabolite: {
			name: 'morphine',
			perKg: true,
			fraction: c(codeineODemethylShare, 'yue-1991', 'Abstract point 4: partial clearance by glucuronidation 8× and 12× that by N- and O-demethylation', 'derived: O-demethylation share = 1/(1 + 12 + 1.5) = 0.069 (label: 5–10 %)'),
			cl: c(codeineODemethylShare * codeineCl * 50, 'yue-1991', 'Abstract point 4: among EMs codeine AUC is 50× morphine AUC', 'derived: CLm = share × CL × 50 (apparent)'),
			v: c((codeineODemethylShare * codeineCl * 50 * morphineHalfLife) / LN2, 'morphine-label', MORPHINE_T_HALF_WHERE, `derived: V = CLm × t½ / ln2 with t½ = 2 h; ${LABEL_QUOTE_NOTE}. Corrected: previously t½ = 3 h, the midpoint of a "2–4 h" once attributed from memory to the MS CONTIN label; the label read gives about 2 hours (it adds that studies with longer sampling reported about 15 hours, not used)`)
		},
		pathways: [
			{
				gene: 'CYP2D6',
				fmParent: c(codeineODemethylShare, 'yue-1991', 'Abstract point 4', 'O-demethylation (CYP2D6) share of codeine clearance'),
				formationShare: c(1, 'kirchheiner-2007', 'Abstract: morphine is formed almost exclusively by CYP2D6')
			}
		],
		bsv: { cl: assumed(0.3, 'typical CV'), v: assumed(0.2, 'typical CV') },
		regimen: { route: 'oral', dose: 30, interval: 6, doses: 20 },
		cpic: {
			source: 'cpic-codeine',
			kbDrug: 'codeine',
			gene: 'CYP2D6',
			lookupBy: 'activity-score',
			population: 'general',
			advice: {
				'3.0': { text: 'Avoid codeine use because of potential for serious toxicity.', implies: 'avoid-high' },
				'2.0': { text: 'Use codeine label recommended age- or weight-specific dosing.', implies: 'standard' },
				'1.0': { text: 'Use codeine label recommended age- or weight-specific dosing. If no response and opioid use is warranted, consider a non-tramadol opioid.', implies: 'not-addressed' },
				'0.0': { text: 'Avoid codeine use because of possibility of diminished analgesia.', implies: 'avoid-low' }
			}
		},
		caveats: [
			'Morphine is shown; codeine itself has little analgesic effect.',
			'Morphine glucuronides (M6G is also active) are not modelled.'
		]
	},
	{
		id: 'warfarin',
		name: 'Warfarin',
		use: 'an anticoagulant (blood thinner)',
		analyte: 'parent',
		analyteName: 'S-warfarin (the more potent half of warfarin)',
		display: { unit: 'mg/L', factor: 1 },
		pk: {
			kind: 'linear',
			perKg: false,
			cl: c(0.314, 'hamberg-2007', 'Results: typical S-warfarin clearance (CYP2C9 *1/*1, 71 years)', RECALLED),
			v1: c(14.3, 'hamberg-2007', 'Results: volume of distribution', RECALLED),
			ka: c(2, 'hamberg-2007', 'Methods: absorption rate constant fixed', RECALLED),
			f: c(0.5, 'derived', 'racemic warfarin is 50 % S-warfarin', 'complete absorption; the dose entered is racemic warfarin')
		},
		pathways: [
			{
				gene: 'CYP2C9',
				fmParent: c(1, 'hamberg-2007', 'genotype factors act on total S-warfarin clearance', 'activities below are S-warfarin clearance ratios, so fm = 1')
			}
		],
		bsv: { cl: assumed(0.3, 'typical CV'), v: assumed(0.2, 'typical CV') },
		regimen: { route: 'oral', dose: 5, interval: 24, doses: 30 },
		pharmacodynamicNotes: [
			{
				gene: 'VKORC1',
				text: 'VKORC1 −1639G>A changes how strongly warfarin acts (sensitivity), not its blood level; it is not part of this concentration model. See the warfarin dosing page for the CPIC algorithm.',
				source: 'cpic-warfarin'
			}
		],
		cpic: {
			source: 'cpic-warfarin',
			kbDrug: 'warfarin',
			gene: 'CYP2C9',
			lookupBy: 'activity-score',
			population: 'general',
			advice: {}
		},
		caveats: [
			'There is no established S-warfarin concentration window: warfarin is dosed by INR, so no therapeutic band is drawn.',
			'Typical clearance is for a 71-year-old; clearance falls with age.'
		]
	},
	{
		id: 'tacrolimus',
		name: 'Tacrolimus',
		use: 'an immunosuppressant (prevents transplant rejection)',
		analyte: 'parent',
		analyteName: 'tacrolimus (whole blood)',
		display: { unit: 'ng/mL', factor: 1000 },
		pk: {
			kind: 'linear',
			perKg: false,
			cl: c(38.4 * 0.71, 'passey-2011', 'Abstract, final model: CL/F = 38.4 L/h × 0.71 (days 11–180) for CYP3A5 *3/*3', 'typical kidney recipient aged 50, not at a steroid-sparing centre, no calcium-channel blocker'),
			v1: c((1.91 * 70) / 0.18, 'prograf-label', 'Table 14: V 1.91 L/kg (IV, healthy volunteers); §12.3: absolute bioavailability 18 %', 'derived: apparent V/F = 1.91 L/kg × 70 kg ÷ 0.18'),
			ka: c(kaFromTmax(1.6, (38.4 * 0.71 * 0.18) / (1.91 * 70)), 'prograf-label', 'Table 14: oral Tmax 1.6 h (healthy volunteers, 5 mg)', 'derived: ka giving tmax 1.6 h'),
			f: c(1, 'passey-2011', 'clearance is apparent oral clearance (CL/F)', 'bioavailability is included in CL/F and V/F')
		},
		reference: { CYP3A5: 'poor' },
		pathways: [
			{
				gene: 'CYP3A5',
				fmParent: c(0.5, 'passey-2011', 'Abstract, final model: CL/F × 2.00 for CYP3A5 *1/*1', 'derived: an expresser clears twice as fast, so CYP3A5 carries 1 − 1/2 = 0.5 of an expresser\'s clearance'),
				activity: {
					intermediate: c(0.69, 'passey-2011', 'Abstract, final model: CL/F × 1.69 for CYP3A5 *1/*3', 'derived: 0.5 × a + 0.5 = 1.69 × 0.5 → a = 0.69')
				}
			},
			{
				gene: 'CYP3A4',
				fmParent: assumed(0.5, 'the rest of the clearance is CYP3A4 (label: extensively metabolised by CYP3A); used only for co-medications')
			}
		],
		bsv: {
			cl: c(0.438, 'tacrolimus-poppk-2018', 'Table 2: inter-individual variability of CL/F 43.8 %'),
			v: c(0.994, 'tacrolimus-poppk-2018', 'Table 2: inter-individual variability of V/F 99.4 %')
		},
		window: {
			low: c(5, 'prograf-label', PROGRAF_TROUGH_WHERE, PROGRAF_TROUGH_NOTE),
			high: c(15, 'prograf-label', PROGRAF_TROUGH_WHERE, PROGRAF_TROUGH_NOTE),
			what: 'target trough range (kidney transplant with azathioprine, months 4–12)'
		},
		regimen: { route: 'oral', dose: 4, interval: 12, doses: 60 },
		cpic: {
			source: 'cpic-tacrolimus',
			kbDrug: 'tacrolimus',
			gene: 'CYP3A5',
			lookupBy: 'phenotype',
			population: 'general',
			advice: {
				'Normal Metabolizer': { text: 'Increase starting dose 1.5 to 2 times recommended starting dose.', implies: [1.5, 2] },
				'Intermediate Metabolizer': { text: 'Increase starting dose 1.5 to 2 times recommended starting dose.', implies: [1.5, 2] },
				'Poor Metabolizer': { text: 'Initiate therapy with standard recommended dose.', implies: 'standard' }
			}
		},
		caveats: [
			'Clearance is for kidney recipients 11–180 days after transplant (Passey 2011); it is higher in the first days and varies with age and co-medication.',
			'Volume and absorption come from the label\'s healthy-volunteer data; the variability band from a separate population model.'
		]
	},
	{
		id: 'phenytoin',
		name: 'Phenytoin',
		use: 'an anti-seizure medicine whose elimination saturates (small dose changes can cause big level changes)',
		analyte: 'parent',
		analyteName: 'phenytoin (total)',
		display: { unit: 'mg/L', factor: 1 },
		pk: {
			kind: 'michaelis-menten',
			perKg: true,
			vmax: c(7 / 24, 'winter-2010', 'Phenytoin chapter: population Vmax 7 mg/kg/day', `7 mg/kg/day ÷ 24; ${RECALLED}. ${PHENYTOIN_CROSSCHECK}`),
			km: c(4, 'winter-2010', 'Phenytoin chapter: population Km 4 mg/L', `${RECALLED}. ${PHENYTOIN_CROSSCHECK}`),
			v1: c(0.65, 'winter-2010', 'Phenytoin chapter: volume 0.65 L/kg', RECALLED),
			ka: assumed(0.2, 'slow absorption of extended capsules (label: peak 4–12 h)'),
			f: c(0.92, 'winter-2010', 'Phenytoin chapter: salt factor of phenytoin sodium 0.92, complete absorption', RECALLED)
		},
		pathways: [
			{ gene: 'CYP2C9', fmParent: assumed(0.9, 'label §12.3: metabolised primarily by CYP2C9, less by CYP2C19') },
			{ gene: 'CYP2C19', fmParent: assumed(0.1, 'label §12.3: minor CYP2C19 route') }
		],
		bsv: { cl: assumed(0.3, 'typical CV of Vmax'), v: assumed(0.2, 'typical CV') },
		window: {
			low: c(10, 'dilantin-label', '§2: serum levels 10–20 mcg/mL'),
			high: c(20, 'dilantin-label', '§2: serum levels 10–20 mcg/mL'),
			what: 'usual total serum range'
		},
		regimen: { route: 'oral', dose: 200, interval: 12, doses: 60 },
		cpic: {
			source: 'cpic-phenytoin',
			kbDrug: 'phenytoin',
			gene: 'CYP2C9',
			lookupBy: 'activity-score',
			population: 'PHT naive',
			otherLookup: { 'HLA-B': '*15:02 negative' },
			advice: {
				'2.0': { text: 'No adjustments needed from typical dosing strategies.', implies: 'standard' },
				'1.5': { text: 'No adjustments needed from typical dosing strategies.', implies: 'standard' },
				'1.0': { text: 'For subsequent doses, use approximately 25% less than typical maintenance dose.', implies: [0.75, 0.75] },
				'0.5': { text: 'For subsequent doses use approximately 50% less than typical maintenance dose.', implies: [0.5, 0.5] },
				'0.0': { text: 'For subsequent doses use approximately 50% less than typical maintenance dose.', implies: [0.5, 0.5] }
			}
		},
		caveats: [
			'HLA-B*15:02 (hypersensitivity risk) is not a PK effect and is not modelled here.',
			'Michaelis–Menten elimination: the steady state is reached slowly and depends strongly on dose.'
		]
	},
	{
		id: 'efavirenz',
		name: 'Efavirenz',
		use: 'an HIV medicine',
		analyte: 'parent',
		analyteName: 'efavirenz',
		display: { unit: 'mg/L', factor: 1 },
		pk: {
			kind: 'linear',
			perKg: false,
			cl: c(600 / (184 * 0.31568), 'sustiva-label', '§12.3: steady-state AUC 184 µM·h at 600 mg once daily', `derived: CL/F = 600 mg ÷ (184 µM·h × 315.68 g/mol); ${RECALLED}`),
			v1: c(((600 / (184 * 0.31568)) * 47.5) / LN2, 'sustiva-label', '§12.3: terminal half-life 40–55 h after multiple doses', `derived from t½ = 47.5 h (midpoint); ${RECALLED}. Cross-check only: a nursing drug guide (Davis's Drug Guide, skyscape.com) gives the same 40–55 h after multiple doses (52–76 h after a single dose) and a 3–5 h peak; it is not the label, so the figure stays recalled`),
			ka: c(kaFromTmax(4, LN2 / 47.5), 'sustiva-label', '§12.3: peak plasma concentrations 3–5 h', `derived: ka giving tmax 4 h; ${RECALLED}`),
			f: c(1, 'sustiva-label', 'clearance and volume are apparent oral values')
		},
		pathways: [{ gene: 'CYP2B6', fmParent: assumed(0.7, 'label: principally CYP2B6, with CYP3A4') }],
		bsv: { cl: assumed(0.3, 'typical CV'), v: assumed(0.2, 'typical CV') },
		window: {
			low: c(1, 'marzolini-2001', MARZOLINI_WHERE_LOW, MARZOLINI_NOTE),
			high: c(4, 'marzolini-2001', MARZOLINI_WHERE_HIGH, MARZOLINI_NOTE),
			what: 'suggested concentration range'
		},
		regimen: { route: 'oral', dose: 600, interval: 24, doses: 30 },
		cpic: {
			source: 'cpic-efavirenz',
			kbDrug: 'efavirenz',
			gene: 'CYP2B6',
			lookupBy: 'phenotype',
			population: 'child >40kg_adult',
			advice: {
				'Normal Metabolizer': { text: 'Initiate efavirenz with standard dosing (600 mg/day)', implies: 'standard' },
				'Intermediate Metabolizer': { text: 'Consider initiating efavirenz with decreased dose of 400 mg/day', implies: [400 / 600, 400 / 600] },
				'Poor Metabolizer': { text: 'Consider initiating efavirenz with decreased dose of 400 or 200 mg/day', implies: [200 / 600, 400 / 600] },
				'Rapid Metabolizer': { text: 'Initiate efavirenz with standard dosing (600 mg/day)', implies: 'not-addressed' },
				'Ultrarapid Metabolizer': { text: 'Initiate efavirenz with standard dosing (600 mg/day)', implies: 'not-addressed' }
			}
		},
		caveats: ['The CYP2B6 share of clearance (70 %) is an assumption, not a published figure.', 'Efavirenz induces its own metabolism; autoinduction is not modelled.']
	},
	{
		id: 'fluorouracil',
		name: 'Fluorouracil (5-FU)',
		use: 'a chemotherapy medicine (capecitabine is turned into it)',
		analyte: 'parent',
		analyteName: 'fluorouracil',
		display: { unit: '% of typical peak', relative: true },
		pk: {
			kind: 'linear',
			perKg: false,
			cl: c(LN2 / (16 / 60), 'fluorouracil-label', '§12.3: mean elimination half-life about 16 minutes', `derived: CL = ln2/t½ with unit volume (relative units); ${RECALLED}. The US label could not be re-read; a non-US product information (DBL fluorouracil, MIMS) gives a dose-dependent plasma half-life of 8–22 minutes, which brackets 16 minutes`),
			v1: c(1, 'derived', 'relative units', 'unit volume: absolute concentrations are not modelled')
		},
		pathways: [
			{
				gene: 'DPYD',
				fmParent: c(
					0.8,
					'caudle-2013',
					'Gene: DPYD, Background: "DPD is the rate-limiting enzyme for fluoropyrimidine catabolism and eliminates >80% of administered 5-fluorouracil"',
					'lower bound used; checked in this build against the PMC full text (PMC3831181). Citation corrected: the sentence is in the 2013 CPIC DPYD guideline, not in the Background of the 2017 update (Amstutz 2018), which was previously cited from memory'
				)
			}
		],
		bsv: { cl: assumed(0.3, 'typical CV'), v: assumed(0.2, 'typical CV') },
		regimen: { route: 'iv-infusion', dose: 4320, interval: 336, doses: 3, infusionHours: 46 },
		cpic: {
			source: 'cpic-fluorouracil',
			kbDrug: 'fluorouracil',
			gene: 'DPYD',
			lookupBy: 'activity-score',
			population: 'general',
			advice: {
				'2.0': { text: 'Use label-recommended dosage and administration.', implies: 'standard' },
				'1.5': { text: 'Reduce starting dose by 50% followed by titration of dose based on toxicity or therapeutic drug monitoring', implies: [0.5, 0.5] },
				'1.0': { text: 'Reduce starting dose by 50% followed by titration of dose based on toxicity or therapeutic drug monitoring', implies: [0.5, 0.5] },
				'0.5': { text: 'Avoid use of 5-fluorouracil or 5-fluorouracil prodrug-based regimens.', implies: 'avoid-high' },
				'0.0': { text: 'Avoid use of 5-fluorouracil or 5-fluorouracil prodrug-based regimens.', implies: 'avoid-high' }
			}
		},
		notModelled: [
			{
				gene: 'DPYD',
				activityScores: { above: 1, below: 2 },
				reason: 'No measured fluorouracil level is known for a DPYD activity score between 1 and 2 (such as 1.5), so any curve would be a guess.',
				detail:
					'Searched but not found: a measured DPD activity or 5-FU clearance for DPYD activity score 1.5. The scores the model does use are anchored: 2 is normal, and the DPWG gene activity score text (as reproduced in Lunenburg\'s thesis, p. 116) ties a score of 1 to 50 % and 0 to about 0 % of normal DPD activity. Scaling the score to 1.5 (activity 0.75, with DPD carrying at least 80 % of 5-FU clearance) would predict only about 25 % more exposure, while CPIC halves the starting dose for a score of 1.5 (a dose set from toxicity, then titrated): the guess would contradict the guideline, so nothing is drawn.',
				evidence: [
					{ source: 'caudle-2013', where: 'Gene: DPYD, Background: DPD "eliminates >80% of administered 5-fluorouracil" (no exposure figure by activity score)' },
					{ source: 'cpic-fluorouracil', where: 'DPYD activity score 1.5 row: 50 % starting-dose reduction, then titration by toxicity or drug monitoring' }
				],
				cpic: {
					source: 'cpic-fluorouracil',
					lookup: { DPYD: '1.5' },
					text: 'Reduce starting dose by 50% followed by titration of dose based on toxicity or therapeutic drug monitoring (if available).'
				}
			}
		],
		caveats: [
			'Shown in relative units (% of the typical steady-state level); absolute 5-FU levels are not modelled.',
			'Not simulated for DPYD activity scores between 1 and 2 (such as 1.5): no measured fluorouracil level is known for them, and CPIC halves the starting dose. Scores 2, 1, 0.5 and 0 are simulated (activity = score ÷ 2).',
			'Default regimen: 46-hour infusion every 14 days (FOLFOX-type, 2400 mg/m² × 1.8 m²).'
		]
	},
	{
		id: 'simvastatin',
		name: 'Simvastatin',
		use: 'a cholesterol-lowering medicine (statin); its side effect on muscles rises with the blood level of its active form',
		analyte: 'parent',
		analyteName: 'simvastatin acid (the active form)',
		display: { unit: '% of typical peak', relative: true },
		pk: {
			kind: 'linear',
			perKg: false,
			cl: assumed(LN2 / simvastatinAcidHalfLife, `CL = ln2/t½ with unit volume (relative units); t½ of simvastatin acid assumed ${simvastatinAcidHalfLife} h (shape of the curve only: exposure ratios do not depend on it)`),
			v1: c(1, 'derived', 'relative units', 'unit volume: absolute concentrations are not modelled'),
			ka: assumed(kaFromTmax(simvastatinAcidTmax, LN2 / simvastatinAcidHalfLife), `ka giving a peak at about ${simvastatinAcidTmax} h (shape only)`),
			f: c(1, 'derived', 'relative units', 'lactone → acid conversion and first-pass uptake are folded into the apparent clearance')
		},
		pathways: [
			{
				gene: 'SLCO1B1',
				fmParent: c(
					1,
					'mykkanen-2022',
					'Abstract: simvastatin acid AUC by genotype-predicted OATP1B1 function group',
					'modelling choice: reduced hepatic uptake (OATP1B1) = reduced apparent clearance of simvastatin acid from plasma, so the genotype acts on all of CL/F and the activity is the inverse AUC ratio'
				),
				activity: {
					decreased: c(
						1 / simvastatinDecreasedAucRatio,
						'mykkanen-2022',
						'Abstract: simvastatin acid AUC 40 % larger in the decreased than in the normal OATP1B1 function group (90 % CI 8–83 %)',
						'derived: activity = 1/1.40; checked against the abstract in this build'
					),
					poor: c(
						1 / simvastatinPoorAucRatio,
						'mykkanen-2022',
						'Abstract: simvastatin acid AUC 273 % larger in the poor than in the normal OATP1B1 function group (90 % CI 137–488 %)',
						'derived: activity = 1/3.73; checked against the abstract in this build'
					)
				}
			}
		],
		bsv: { cl: assumed(0.3, 'typical CV'), v: assumed(0.2, 'typical CV') },
		regimen: { route: 'oral', dose: 40, interval: 24, doses: 30 },
		cpic: {
			source: 'cpic-simvastatin',
			kbDrug: 'simvastatin',
			gene: 'SLCO1B1',
			lookupBy: 'phenotype',
			population: 'general',
			advice: {
				'Normal Function': { text: 'Prescribe desired starting dose and adjust doses based on disease-specific guidelines.', implies: 'standard' },
				'Decreased Function': {
					text: 'Prescribe an alternative statin depending on the desired potency (see Figure 1 of PMID: 35152405 for recommendations for alternative statins). If simvastatin therapy is warranted, limit dose to <20mg/day.',
					implies: 'avoid-high'
				},
				'Poor Function': {
					text: 'Prescribe an alternative statin depending on the desired potency (see Figure 1 of PMID: 35152405 for recommendations for alternative statins).',
					implies: 'avoid-high'
				},
				'Increased Function': { text: 'Prescribe desired starting dose and adjust doses based on disease-specific guidelines.', implies: 'not-addressed' }
			}
		},
		caveats: [
			'Modelling choice: less OATP1B1 uptake into the liver is modelled as slower clearance of simvastatin acid from the blood. This predicts the blood level (which drives the muscle side effect), not the level inside the liver where the medicine lowers cholesterol (that falls when uptake falls).',
			'Shown in relative units (% of the typical peak); the half-life and peak time only shape the curve and are assumed. The genotype effects come from single-dose studies in healthy volunteers (Mykkänen 2022).',
			'The CPIC limit of less than 20 mg/day for decreased function is set from myopathy risk, not from matching blood levels: at 20 mg a decreased-function patient is still below the typical exposure at 40 mg in this model.',
			'Increased function has no reliable figure here and is modelled as normal. Simvastatin is mainly cleared by CYP3A4; interactions with CYP3A4 inhibitors (e.g. clarithromycin, itraconazole) are not modelled because their AUC ratios could not be checked in this build.'
		]
	},
	{
		id: 'mercaptopurine',
		name: 'Mercaptopurine',
		use: 'a thiopurine medicine for leukaemia and inflammatory bowel disease (azathioprine is turned into it)',
		analyte: 'parent',
		analyteName: 'thioguanine nucleotides (TGN, the active form, in red blood cells)',
		display: { unit: '% of typical peak', relative: true },
		pk: {
			kind: 'linear',
			perKg: false,
			cl: c(LN2 / tgnHalfLife, 'cpic-mercaptopurine', 'Normal Metabolizer row: "Allow at least 2 weeks to reach steady-state after each dose adjustment"', `derived: 2 weeks = 3.32 half-lives (90 % of steady state) → TGN t½ ≈ ${Math.round(tgnHalfLife)} h; CL = ln2/t½ with unit volume (relative units)`),
			v1: c(1, 'derived', 'relative units', 'unit volume: absolute TGN levels are not modelled'),
			ka: assumed(0.5, 'mercaptopurine is absorbed and turned into TGN within hours, fast compared with TGN turnover (days); this rate only smooths the first hours after each dose'),
			f: c(1, 'derived', 'relative units', 'oral bioavailability and conversion to TGN are folded into the relative scale')
		},
		pathways: [
			{
				gene: 'TPMT',
				fmParent: c(
					1,
					'lennard-2013',
					'Abstract: TGN concentrations differ by TPMT genotype',
					'modelling choice: the TPMT effect is expressed as an apparent change in TGN clearance, so the activity is the inverse TGN ratio (methylation diverts mercaptopurine away from TGN)'
				),
				activity: {
					intermediate: c(
						tgnWildType / tgnHeterozygous,
						'lennard-2013',
						'Abstract: median TGN 754 pmol/8×10⁸ RBC in TPMT heterozygotes vs 360 in wild-type (mercaptopurine arm, during chemotherapy)',
						'derived: activity = 360/754; checked against the abstract in this build'
					)
				}
			}
		],
		bsv: { cl: assumed(0.3, 'typical CV'), v: assumed(0.2, 'typical CV') },
		regimen: { route: 'oral', dose: 105, interval: 24, doses: 56 },
		cpic: {
			source: 'cpic-mercaptopurine',
			kbDrug: 'mercaptopurine',
			gene: 'TPMT',
			lookupBy: 'phenotype',
			population: 'general',
			otherLookup: { NUDT15: 'Normal Metabolizer' },
			advice: {
				'Normal Metabolizer': { text: 'Start with normal starting dose (e.g., 75 mg/m2/day or 1.5 mg/kg/day)', implies: 'standard' },
				'Intermediate Metabolizer': { text: 'Start with reduced starting doses (30%-80% of normal dose)', implies: [0.3, 0.8] },
				'Poor Metabolizer': {
					text: 'start with drastically reduced doses (reduce daily dose by 10-fold and reduce frequency to thrice weekly instead of daily',
					implies: [0.1 * (3 / 7), 0.1 * (3 / 7)]
				}
			}
		},
		notModelled: [
			{
				gene: 'TPMT',
				phenotypes: ['poor'],
				reason: 'No measured level of the active form (thioguanine nucleotides) is known for TPMT poor metabolizers, only that it is extremely high, so any curve would be a guess.',
				detail:
					'CPIC describes thioguanine nucleotide (TGN) levels in TPMT-deficient patients as "extremely high" without a figure; Lennard 2013 Table 3 excludes TPMT-deficient children; the Lennard 1993 case report gives only a bound from two children (higher metabolites at 10–25 % of the protocol dose than other patients at 100 %). Drawing the typical curve (as the model did before) would be misleading: CPIC advises about 4 % of the normal weekly dose (one tenth, three days a week).',
				evidence: [
					{ source: 'cpic-mercaptopurine', where: 'TPMT Poor Metabolizer: "extremely high concentrations of TGN metabolites" (no figure)' },
					{ source: 'lennard-2013', where: 'Table 3: TGN by TPMT genotype, TPMT-deficient children excluded' },
					{ source: 'lennard-1993', where: 'Abstract: a bound from two TPMT-deficient children, not a ratio' }
				],
				cpic: {
					source: 'cpic-mercaptopurine',
					lookup: { TPMT: 'Poor Metabolizer', NUDT15: 'Normal Metabolizer' },
					text: 'For malignancy, start with drastically reduced doses (reduce daily dose by 10-fold and reduce frequency to thrice weekly instead of daily, e.g., 10 mg/m2/day given just 3 days/week) and adjust doses of mercaptopurine based on degree of myelosuppression and disease-specific guidelines.'
				}
			},
			{
				gene: 'NUDT15',
				phenotypes: ['intermediate'],
				reason: 'No measured change in the active form (thioguanine nucleotides) is known for NUDT15 intermediate metabolizers, so any curve would be a guess.',
				detail:
					'NUDT15 breaks down the active thio-(d)GTP before it is built into DNA; Moriyama 2016 reports excessive active metabolites in patients with defective NUDT15 alleles but gives no TGN ratio by genotype, and the CPIC 2018 update gives none either. NUDT15 is therefore not part of the concentration model, and a result other than normal is not simulated.',
				evidence: [
					{ source: 'moriyama-2016', where: 'Abstract: excessive thiopurine active metabolites with defective NUDT15 alleles, no TGN ratio' },
					{ source: 'cpic-mercaptopurine', where: 'NUDT15 Intermediate Metabolizer with TPMT Normal Metabolizer row' }
				],
				cpic: {
					source: 'cpic-mercaptopurine',
					lookup: { TPMT: 'Normal Metabolizer', NUDT15: 'Intermediate Metabolizer' },
					text: 'Start with reduced starting doses (30%-80% of normal dose) if normal starting dose is ≥75 mg/m2/day or ≥ 1.5 mg/kg/day (e.g., start at 22.5-60 mg/m2/day or 0.45-1.2 mg/kg/day) and adjust doses of mercaptopurine based on degree of myelosuppression and disease-specific guidelines.'
				}
			},
			{
				gene: 'NUDT15',
				phenotypes: ['poor'],
				reason: 'No measured change in the active form (thioguanine nucleotides) is known for NUDT15 poor metabolizers, so any curve would be a guess.',
				detail:
					'NUDT15 breaks down the active thio-(d)GTP before it is built into DNA; Moriyama 2016 reports excessive active metabolites and toxicity in patients with defective NUDT15 alleles but gives no TGN ratio by genotype, and the CPIC 2018 update gives none either. NUDT15 is therefore not part of the concentration model, and a result other than normal is not simulated.',
				evidence: [
					{ source: 'moriyama-2016', where: 'Abstract: excessive thiopurine active metabolites with defective NUDT15 alleles, no TGN ratio' },
					{ source: 'cpic-mercaptopurine', where: 'NUDT15 Poor Metabolizer with TPMT Normal Metabolizer row' }
				],
				cpic: {
					source: 'cpic-mercaptopurine',
					lookup: { TPMT: 'Normal Metabolizer', NUDT15: 'Poor Metabolizer' },
					text: 'For malignancy, initiate dose at 10 mg/m2/day and adjust dose based on myelosuppression and disease-specific guidelines. Allow 4-6 weeks to reach steady state after each dose adjustment. If myelosuppression occurs, emphasis should be on reducing mercaptopurine over other agents. For non-malignant conditions, consider alternative non-thiopurine immunosuppressant therapy'
				}
			}
		],
		caveats: [
			'Shows thioguanine nucleotides (TGN) in red blood cells relative to a typical TPMT normal metabolizer, not mercaptopurine in plasma; the time to steady state comes from the CPIC text (at least 2 weeks).',
			'TPMT only. NUDT15 is not part of the concentration model: NUDT15 breaks down the active thioguanine nucleotides before they are built into DNA, and people with non-working NUDT15 have too much of them (Moriyama 2016), but no figure for the change in TGN levels was found. So only NUDT15 normal (or not known, taken as normal) is simulated; NUDT15 intermediate and poor metabolizers are not, and CPIC\'s advice for them is shown instead.',
			'Not simulated for TPMT poor metabolizers: no measured TGN figure exists for them. CPIC describes their TGN levels as extremely high (no figure given) and advises drastically reduced doses; in a case report of two TPMT-deficient children (Lennard 1993) the active metabolites at 10–25 % of the protocol dose were already higher than in other patients at the full dose — a bound from two patients, not a figure the model can use.',
			'Default regimen: 1.5 mg/kg/day for a 70 kg adult (105 mg once daily, the CPIC normal starting dose), 8 weeks.'
		]
	}
];

/** Drug ids in display order. */
export function drugIds(): string[] {
	return DRUGS.map((d) => d.id);
}
