/**
 * Bibliography of the PK data. Numbers in drugs.ts, phenotypes.ts and comedications.ts point
 * here by key and name the table or section they come from.
 */
import type { Source } from './data-types';

/** Every source the model's numbers come from. */
export const SOURCES: Record<string, Source> = {
	'celexa-label': {
		citation: 'CELEXA (citalopram) US prescribing information, Allergan: §12.3 Pharmacokinetics',
		url: 'https://www.accessdata.fda.gov/scripts/cder/daf/'
	},
	'plavix-label': {
		citation: 'PLAVIX (clopidogrel) US prescribing information, Bristol-Myers Squibb/Sanofi: §7.1 CYP2C19 inhibitors, §12.3, §12.5',
		url: 'https://www.accessdata.fda.gov/scripts/cder/daf/'
	},
	'clopidogrel-label': {
		citation: 'Clopidogrel tablets US prescribing information (generic clopidogrel; openFDA set id 0078fb3d-3595-4ae1-a059-1d5e81c879cf): §12.3 Pharmacokinetics (Metabolism, Elimination)',
		url: 'https://api.fda.gov/drug/label.json?search=set_id:0078fb3d-3595-4ae1-a059-1d5e81c879cf'
	},
	'mega-2009': {
		citation: 'Mega JL et al. Cytochrome P-450 polymorphisms and response to clopidogrel. N Engl J Med 2009;360:354–362'
	},
	'yue-1991': {
		citation: 'Yue QY et al. Pharmacokinetics of codeine and its metabolites in Caucasian healthy volunteers: comparisons between extensive and poor hydroxylators of debrisoquine. Br J Clin Pharmacol 1991;31:635–642',
		url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC1368572'
	},
	'kirchheiner-2007': {
		citation: 'Kirchheiner J et al. Pharmacokinetics of codeine and its metabolite morphine in ultra-rapid metabolizers due to CYP2D6 duplication. Pharmacogenomics J 2007;7:257–265 (PMID 16819548)'
	},
	'codeine-label': {
		citation: 'Codeine sulfate tablets US prescribing information (openFDA set id 010905f9-3bcb-4b50-9fe8-a3ad0010f14c): §12.3 Pharmacokinetics',
		url: 'https://api.fda.gov/drug/label.json?search=set_id:010905f9-3bcb-4b50-9fe8-a3ad0010f14c'
	},
	'morphine-label': {
		citation: 'Morphine sulfate tablets US prescribing information (openFDA set id 07593aa4-f2c4-4d6e-b186-ab2a4ecaa38a): §12.3 Pharmacokinetics (Excretion)',
		url: 'https://api.fda.gov/drug/label.json?search=set_id:07593aa4-f2c4-4d6e-b186-ab2a4ecaa38a'
	},
	'hamberg-2007': {
		citation: 'Hamberg AK et al. A PK-PD model for predicting the impact of age, CYP2C9, and VKORC1 genotype on individualization of warfarin therapy. Clin Pharmacol Ther 2007;81:529–538'
	},
	'prograf-label': {
		citation: 'PROGRAF (tacrolimus) US prescribing information, Astellas: §12.3 Pharmacokinetics (Table 14: PK parameters; absolute bioavailability), §2 trough ranges'
	},
	'passey-2011': {
		citation: 'Passey C et al. Dosing equation for tacrolimus using genetic variants and clinical factors. Br J Clin Pharmacol 2011;72:948–957 (PMID 21671989)',
		url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC3244642'
	},
	'tacrolimus-poppk-2018': {
		citation: 'Population pharmacokinetics of tacrolimus with CYP3A5 genotype. Br J Clin Pharmacol 2018;84:1748–1756 (doi:10.1111/bcp.13605), Table 2',
		url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC6046506'
	},
	'dilantin-label': {
		citation: 'DILANTIN (phenytoin) US prescribing information, Pfizer: §2 Dosage (serum levels 10–20 mcg/mL), §12.3 Pharmacokinetics'
	},
	'winter-2010': {
		citation: 'Winter ME. Basic Clinical Pharmacokinetics, 5th ed. Lippincott Williams & Wilkins 2010: Phenytoin chapter (population Vmax, Km, V)'
	},
	'sustiva-label': {
		citation: 'SUSTIVA (efavirenz) US prescribing information, Bristol-Myers Squibb: §12.3 Pharmacokinetics'
	},
	'marzolini-2001': {
		citation: 'Marzolini C et al. Efavirenz plasma levels can predict treatment failure and central nervous system side effects in HIV-1-infected patients. AIDS 2001;15:71–75 (PMID 11192870)',
		url: 'https://pubmed.ncbi.nlm.nih.gov/11192870'
	},
	'haas-2004': {
		citation: 'Haas DW et al. Pharmacogenetics of efavirenz and central nervous system side effects: an Adult AIDS Clinical Trials Group study. AIDS 2004;18:2391–2400'
	},
	'fluorouracil-label': {
		citation: 'Fluorouracil injection US prescribing information (Spectrum, 2016 PLR format): §12.3 Pharmacokinetics (elimination half-life)'
	},
	'agnp-2018': {
		citation: 'Hiemke C et al. Consensus Guidelines for Therapeutic Drug Monitoring in Neuropsychopharmacology: Update 2017. Pharmacopsychiatry 2018;51:9–62'
	},
	'cicali-2021': {
		citation: 'Cicali EJ et al. How to Integrate CYP2D6 Phenoconversion Into Clinical Pharmacogenetics: A Tutorial. Clin Pharmacol Ther 2021;110:677–687'
	},
	'fda-ddi-table': {
		citation: 'US FDA. Drug Development and Drug Interactions: Table of Substrates, Inhibitors and Inducers (strong inhibitor: ≥5-fold AUC increase of a sensitive index substrate; moderate: ≥2- to <5-fold; strong inducer: ≥80 % AUC decrease; moderate: 50–80 %)',
		url: 'https://www.fda.gov/drugs/drug-interactions-labeling/healthcare-professionals-fdas-examples-drugs-interact-cyp-enzymes-and-transporter-systems'
	},
	'cpic-activity-score': {
		citation: 'CPIC allele function and activity-value tables (CYP2C9, CYP2D6, DPYD), as packaged by PharmCAT / CPIC database (2024)'
	},
	'amstutz-2018': {
		citation: 'Amstutz U et al. CPIC Guideline for Dihydropyrimidine Dehydrogenase Genotype and Fluoropyrimidine Dosing: 2017 Update. Clin Pharmacol Ther 2018;103:210–216'
	},
	'caudle-2013': {
		citation: 'Caudle KE, Thorn CF, Klein TE et al. Clinical Pharmacogenetics Implementation Consortium guidelines for dihydropyrimidine dehydrogenase genotype and fluoropyrimidine dosing. Clin Pharmacol Ther 2013;94:640–645 (PMC3831181)',
		url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC3831181'
	},
	'birdwell-2015': {
		citation: 'Birdwell KA et al. CPIC Guidelines for CYP3A5 Genotype and Tacrolimus Dosing. Clin Pharmacol Ther 2015;98:19–24'
	},
	'cpic-citalopram': {
		citation: 'CPIC Guideline for citalopram, escitalopram and CYP2C19 — CPIC via PharmGKB PA166127638 v48 (snapshot 2024-03-25; in Qenome’s PGx knowledge base)'
	},

	'cpic-clopidogrel': {
		citation: 'CPIC Guideline for clopidogrel and CYP2C19 — CPIC via PharmGKB PA166104948 v47 (snapshot 2024-03-25; in Qenome’s PGx knowledge base)'
	},

	'cpic-codeine': {
		citation: 'CPIC Guideline for codeine and CYP2D6 — CPIC via PharmGKB PA166104996 v66 (snapshot 2024-03-25; in Qenome’s PGx knowledge base)'
	},

	'cpic-tacrolimus': {
		citation: 'CPIC Guideline for tacrolimus and CYP3A5 — CPIC via PharmGKB PA166124619 v38 (snapshot 2024-03-25; in Qenome’s PGx knowledge base)'
	},

	'cpic-phenytoin': {
		citation: 'CPIC Guideline for fosphenytoin, phenytoin and CYP2C9, HLA-B — CPIC via PharmGKB PA166122806 v51 (snapshot 2024-03-25; in Qenome’s PGx knowledge base)'
	},

	'cpic-efavirenz': {
		citation: 'CPIC Guideline for efavirenz and CYP2B6 — CPIC via PharmGKB PA166182603 v9 (snapshot 2024-03-25; in Qenome’s PGx knowledge base)'
	},

	'cpic-fluorouracil': {
		citation: 'CPIC Guideline for fluorouracil and DPYD — CPIC via PharmGKB PA166122686 v48 (snapshot 2024-03-25; in Qenome’s PGx knowledge base)'
	},

	'cpic-warfarin': {
		citation: 'CPIC Guideline for warfarin and CYP2C9, CYP4F2, VKORC1 — CPIC via PharmGKB PA166104949 v43 (snapshot 2024-03-25; in Qenome’s PGx knowledge base)'
	},

	'mykkanen-2022': {
		citation: 'Mykkänen AJH, Taskinen S, Neuvonen M, Paile-Hyvärinen M, Tarkiainen EK, Lilius T, Tapaninen T, Backman JT, Tornio A, Niemi M. Genomewide association study of simvastatin pharmacokinetics (229 volunteers, single dose). Clin Pharmacol Ther 2022 (PMID 35652242)',
		url: 'https://pubmed.ncbi.nlm.nih.gov/35652242'
	},
	'lennard-2013': {
		citation: 'Lennard L et al. Thiopurine methyltransferase genotype–phenotype discordance, and thiopurine active metabolite formation, in childhood acute lymphoblastic leukaemia (UK trial ALL97). Br J Clin Pharmacol 2013;76:125–136 (doi:10.1111/bcp.12066)',
		url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC3703235'
	},
	'cpic-simvastatin': {
		citation: 'CPIC Guideline for simvastatin and SLCO1B1 (CPIC 2022 SLCO1B1/ABCG2/CYP2C9 statin guideline, PMID 35152405) — CPIC via PharmGKB PA166105005 v52 (snapshot 2024-03-25; in Qenome’s PGx knowledge base)'
	},
	'lennard-1993': {
		citation: 'Lennard L, Gibson BE, Nicole T, Lilleyman JS. Congenital thiopurine methyltransferase deficiency and 6-mercaptopurine toxicity during treatment for acute lymphoblastic leukaemia. Arch Dis Child 1993;69:577–579 (abstract: two TPMT-deficient children "produced higher concentrations of cytotoxic drug metabolites at 10-25% of the protocol dose than other patients taking 100%")',
		url: 'https://adc.bmj.com/content/69/5/577'
	},
	'moriyama-2016': {
		citation: 'Moriyama T et al. NUDT15 polymorphisms alter thiopurine metabolism and hematopoietic toxicity. Nat Genet 2016;48:367–373 (abstract: 4 NUDT15 coding variants with 74.4–100 % loss of nucleotide diphosphatase activity; patients with defective alleles showed excessive thiopurine active metabolites and toxicity; no TGN ratio given)',
		url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC5029084'
	},
	'cpic-mercaptopurine': {
		citation: 'CPIC Guideline for mercaptopurine and NUDT15, TPMT (CPIC 2018 update, PMID 30447069) — CPIC via PharmGKB PA166104945 v46 (snapshot 2024-03-25; in Qenome’s PGx knowledge base)'
	},

	assumption: {
		citation: 'Assumption of this model, not a published figure: shown as "assumed" wherever it is used'
	},
	derived: {
		citation: 'Derived in this file from the cited figures (the derivation is stated in the note)'
	}
};
