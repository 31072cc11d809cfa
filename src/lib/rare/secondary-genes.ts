/**
 * Gene lists for the opt-in secondary-findings and carrier-screening sections (issue 12), re-keyed
 * from their publications. Data only; the rules that read it live in `./secondary`.
 *
 * ## ACMG SF v3.3 (84 genes)
 * Source: Lee K, Abul-Husn NS, Amendola LM, et al. "ACMG SF v3.3 list for reporting of secondary
 * findings in clinical exome and genome sequencing: a policy statement of the American College of
 * Medical Genetics and Genomics (ACMG)". Genet Med 2025;27(8):101454. PMID 40568962.
 * Machine-readable copy used for re-keying: ClinGen's "ACMG SF Annotations Download — ACMG SF v3.3
 * List" sheet, as vendored at github.com/WillardFord/pathogenic-variants
 * (data/ACMG SF Annotations Download - ACMG SF v3.3 List.tsv, commit 86ccd020), columns Gene, Gene MIM,
 * Disease/Phenotype, Disorder MIM, Phenotype Category, Inheritance, SF List Version, Variants to report.
 * Cross-checked gene by gene (symbol, inheritance, version added) against a second independent copy
 * (a Python module citing the same publication, 84 genes, "v3.3 added ABCD1, CYP27A1, PLN over v3.2 (81)").
 * NCBI's ClinVar ACMG page was still at v3.1/v3.2 when those copies were made, so it is not the source.
 *
 * Conversion note: one row per gene (the sheet has one row per gene–condition pair: 96 rows for 84
 * genes; the conditions of a gene are joined with "; "). "Variants to report" is kept verbatim in
 * `variantsToReport` and mapped to a rule `report`:
 *   "All P and LP"                                          → 'all'
 *   "All hemi, het, homozygous P and LP" (GLA, OTC)         → 'all'
 *   "P and LP (2 variants)" (AR genes)                      → 'biallelic'
 *   "All hemi or homozygous P and LP or 2 het. P/LP variants" (ABCD1) → 'hemi-hom-or-two'
 *   "P and LP (truncating variants only)" (TTN)             → 'truncating'
 *   "p.C282Y homozygotes only" (HFE)                        → 'hfe-c282y-homozygote'
 * One deliberate reading: TRDN is listed AR with "All P and LP"; a single heterozygous variant in a
 * recessive gene is carrier status, not the condition, so TRDN is mapped to 'biallelic' (a single
 * variant shows under carrier screening only when that section is chosen). Typos of the sheet
 * ("Dliated", "Phentyope") are corrected; MIM numbers are omitted.
 *
 * ## ACMG carrier screening 2021, Tier 3 (113 genes)
 * Source: Gregg AR, Aarabi M, Klugman S, et al. "Screening for autosomal recessive and X-linked
 * conditions during pregnancy and preconception: a practice resource of the American College of
 * Medical Genetics and Genomics (ACMG)". Genet Med 2021;23(10):1793–1806. PMID 34285390 (PMC8488021).
 * 97 autosomal recessive + 16 X-linked genes. Re-keyed from two public copies of the paper's tables
 * that agree gene for gene (one lists 113 with conditions; the other 112 "113 minus SMN1").
 * Conversion note: symbols as the paper gives them; `aliases` carries current HGNC symbols
 * (GBA → GBA1, G6PC → G6PC1, MMUT ← MUT) so annotated VCFs of either era match. SMN1 is listed but
 * spinal muscular atrophy carriers have one copy of SMN1 (a copy-number state): a VCF of small
 * variants cannot show it, which the carrier section says.
 */

/** How the publication says variants in a gene are to be reported. */
export type SecondaryReportRule = 'all' | 'biallelic' | 'hemi-hom-or-two' | 'truncating' | 'hfe-c282y-homozygote';

/** One ACMG SF v3.3 gene. */
export interface SecondaryGene {
	gene: string;
	/** Condition(s) as the list names them. */
	condition: string;
	category: 'Cancer' | 'Cardiovascular' | 'Metabolic' | 'Other' | 'Cardiovascular/Metabolic';
	inheritance: 'AD' | 'AR' | 'XL';
	/** SF list version that added the gene (1 = the 2013 list). */
	since: string;
	/** "Variants to report", verbatim. */
	variantsToReport: string;
	report: SecondaryReportRule;
}

/** Version label of the secondary-findings list. */
export const SF_LIST = {
	name: 'ACMG SF v3.3',
	citation: 'Lee K et al. ACMG SF v3.3 list for reporting of secondary findings in clinical exome and genome sequencing. Genet Med 2025;27(8):101454 (PMID 40568962)',
	genes: 84
} as const;

const ALL = 'All P and LP';
const TWO = 'P and LP (2 variants)';

// gene, condition, category, inheritance, since, variants to report
const SF_ROWS: [string, string, SecondaryGene['category'], SecondaryGene['inheritance'], string, string][] = [
	['ABCD1', 'X-linked adrenoleukodystrophy', 'Metabolic', 'XL', '3.3', 'All hemi or homozygous P and LP or 2 het. P/LP variants'],
	['ACTA2', 'Familial thoracic aortic aneurysm', 'Cardiovascular', 'AD', '1', ALL],
	['ACTC1', 'Hypertrophic cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['ACVRL1', 'Hereditary hemorrhagic telangiectasia', 'Other', 'AD', '3', ALL],
	['APC', 'Familial adenomatous polyposis', 'Cancer', 'AD', '1', ALL],
	['APOB', 'Familial hypercholesterolemia', 'Cardiovascular', 'AD', '1', ALL],
	['ATP7B', 'Wilson disease', 'Other', 'AR', '2', TWO],
	['BAG3', 'Dilated cardiomyopathy; Myofibrillar myopathy', 'Cardiovascular', 'AD', '3.1', ALL],
	['BMPR1A', 'Juvenile polyposis syndrome', 'Cancer', 'AD', '1', ALL],
	['BRCA1', 'Hereditary breast and ovarian cancer', 'Cancer', 'AD', '1', ALL],
	['BRCA2', 'Hereditary breast and ovarian cancer', 'Cancer', 'AD', '1', ALL],
	['BTD', 'Biotinidase deficiency', 'Metabolic', 'AR', '3', TWO],
	['CACNA1S', 'Malignant hyperthermia', 'Other', 'AD', '1', ALL],
	['CALM1', 'Long-QT syndrome type 14; Catecholaminergic polymorphic ventricular tachycardia', 'Cardiovascular', 'AD', '3.2', ALL],
	['CALM2', 'Long-QT syndrome type 15; Catecholaminergic polymorphic ventricular tachycardia', 'Cardiovascular', 'AD', '3.2', ALL],
	['CALM3', 'Long-QT syndrome type 16; Catecholaminergic polymorphic ventricular tachycardia', 'Cardiovascular', 'AD', '3.2', ALL],
	['CASQ2', 'Catecholaminergic polymorphic ventricular tachycardia', 'Cardiovascular', 'AR', '3', TWO],
	['COL3A1', 'Ehlers-Danlos syndrome, vascular type', 'Cardiovascular', 'AD', '1', ALL],
	['CYP27A1', 'Cerebrotendinous xanthomatosis', 'Metabolic', 'AR', '3.3', TWO],
	['DES', 'Dilated cardiomyopathy; Myofibrillar myopathy', 'Cardiovascular', 'AD', '3.1', ALL],
	['DSC2', 'Arrhythmogenic right ventricular cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['DSG2', 'Arrhythmogenic right ventricular cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['DSP', 'Arrhythmogenic right ventricular cardiomyopathy; Dilated cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['ENG', 'Hereditary hemorrhagic telangiectasia', 'Other', 'AD', '3', ALL],
	['FBN1', 'Marfan syndrome', 'Cardiovascular', 'AD', '1', ALL],
	['FLNC', 'Dilated cardiomyopathy; Hypertrophic cardiomyopathy; Myofibrillar myopathy', 'Cardiovascular', 'AD', '3', ALL],
	['GAA', 'Pompe disease', 'Metabolic', 'AR', '3', TWO],
	['GLA', 'Fabry disease', 'Cardiovascular/Metabolic', 'XL', '1', 'All hemi, het, homozygous P and LP'],
	['HFE', 'Hereditary hemochromatosis (c.845G>A; p.C282Y homozygotes only)', 'Other', 'AR', '3', 'p.C282Y homozygotes only'],
	['HNF1A', 'Maturity-onset diabetes of the young', 'Other', 'AD', '3', ALL],
	['KCNH2', 'Long-QT syndrome type 2', 'Cardiovascular', 'AD', '1', ALL],
	['KCNQ1', 'Long-QT syndrome type 1', 'Cardiovascular', 'AD', '1', ALL],
	['LDLR', 'Familial hypercholesterolemia', 'Cardiovascular', 'AD', '1', ALL],
	['LMNA', 'Dilated cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['MAX', 'Hereditary paraganglioma-pheochromocytoma syndrome', 'Cancer', 'AD', '3', ALL],
	['MEN1', 'Multiple endocrine neoplasia type 1', 'Cancer', 'AD', '1', ALL],
	['MLH1', 'Lynch syndrome', 'Cancer', 'AD', '1', ALL],
	['MSH2', 'Lynch syndrome', 'Cancer', 'AD', '1', ALL],
	['MSH6', 'Lynch syndrome', 'Cancer', 'AD', '1', ALL],
	['MUTYH', 'MUTYH-associated polyposis', 'Cancer', 'AR', '1', TWO],
	['MYBPC3', 'Hypertrophic cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['MYH11', 'Familial thoracic aortic aneurysm', 'Cardiovascular', 'AD', '1', ALL],
	['MYH7', 'Hypertrophic cardiomyopathy; Dilated cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['MYL2', 'Hypertrophic cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['MYL3', 'Hypertrophic cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['NF2', 'NF2-related schwannomatosis', 'Cancer', 'AD', '1', ALL],
	['OTC', 'Ornithine transcarbamylase deficiency', 'Metabolic', 'XL', '2', 'All hemi, het, homozygous P and LP'],
	['PALB2', 'Hereditary breast cancer', 'Cancer', 'AD', '3', ALL],
	['PCSK9', 'Familial hypercholesterolemia', 'Cardiovascular', 'AD', '1', ALL],
	['PKP2', 'Arrhythmogenic right ventricular cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['PLN', 'Dilated cardiomyopathy', 'Cardiovascular', 'AD', '3.3', ALL],
	['PMS2', 'Lynch syndrome', 'Cancer', 'AD', '1', ALL],
	['PRKAG2', 'Hypertrophic cardiomyopathy', 'Cardiovascular/Metabolic', 'AD', '1', ALL],
	['PTEN', 'PTEN hamartoma tumor syndrome', 'Cancer', 'AD', '1', ALL],
	['RB1', 'Retinoblastoma', 'Cancer', 'AD', '1', ALL],
	['RBM20', 'Dilated cardiomyopathy', 'Cardiovascular', 'AD', '3.1', ALL],
	['RET', 'Familial medullary thyroid cancer; Multiple endocrine neoplasia type 2A; Multiple endocrine neoplasia type 2B', 'Cancer', 'AD', '1', ALL],
	['RPE65', 'RPE65-related retinopathy', 'Other', 'AR', '3', TWO],
	['RYR1', 'Malignant hyperthermia', 'Other', 'AD', '1', ALL],
	['RYR2', 'Catecholaminergic polymorphic ventricular tachycardia', 'Cardiovascular', 'AD', '1', ALL],
	['SCN5A', 'Long-QT syndrome type 3; Brugada syndrome; Dilated cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['SDHAF2', 'Hereditary paraganglioma-pheochromocytoma syndrome', 'Cancer', 'AD', '1', ALL],
	['SDHB', 'Hereditary paraganglioma-pheochromocytoma syndrome', 'Cancer', 'AD', '1', ALL],
	['SDHC', 'Hereditary paraganglioma-pheochromocytoma syndrome', 'Cancer', 'AD', '1', ALL],
	['SDHD', 'Hereditary paraganglioma-pheochromocytoma syndrome', 'Cancer', 'AD', '1', ALL],
	['SMAD3', 'Loeys-Dietz syndrome', 'Cardiovascular', 'AD', '1', ALL],
	['SMAD4', 'Juvenile polyposis syndrome; Hereditary hemorrhagic telangiectasia', 'Cancer', 'AD', '1', ALL],
	['STK11', 'Peutz-Jeghers syndrome', 'Cancer', 'AD', '1', ALL],
	['TGFBR1', 'Loeys-Dietz syndrome', 'Cardiovascular', 'AD', '1', ALL],
	['TGFBR2', 'Loeys-Dietz syndrome', 'Cardiovascular', 'AD', '1', ALL],
	['TMEM127', 'Hereditary paraganglioma-pheochromocytoma syndrome', 'Cancer', 'AD', '3', ALL],
	['TMEM43', 'Arrhythmogenic right ventricular cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['TNNC1', 'Dilated cardiomyopathy', 'Cardiovascular', 'AD', '3.1', ALL],
	['TNNI3', 'Hypertrophic cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['TNNT2', 'Dilated cardiomyopathy; Hypertrophic cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['TP53', 'Li-Fraumeni syndrome', 'Cancer', 'AD', '1', ALL],
	['TPM1', 'Hypertrophic cardiomyopathy', 'Cardiovascular', 'AD', '1', ALL],
	['TRDN', 'Catecholaminergic polymorphic ventricular tachycardia; Long QT syndrome', 'Cardiovascular', 'AR', '3', ALL],
	['TSC1', 'Tuberous sclerosis complex', 'Cancer', 'AD', '1', ALL],
	['TSC2', 'Tuberous sclerosis complex', 'Cancer', 'AD', '1', ALL],
	['TTN', 'Dilated cardiomyopathy (truncating variants only)', 'Cardiovascular', 'AD', '3', 'P and LP (truncating variants only)'],
	['TTR', 'Hereditary transthyretin-related amyloidosis', 'Other', 'AD', '3.1', ALL],
	['VHL', 'Von Hippel-Lindau syndrome', 'Cancer', 'AD', '1', ALL],
	['WT1', 'WT1-related Wilms tumor', 'Cancer', 'AD', '1', ALL]
];

function ruleOf(inheritance: SecondaryGene['inheritance'], text: string): SecondaryReportRule {
	if (text === 'p.C282Y homozygotes only') return 'hfe-c282y-homozygote';
	if (text === 'P and LP (truncating variants only)') return 'truncating';
	if (text === 'All hemi or homozygous P and LP or 2 het. P/LP variants') return 'hemi-hom-or-two';
	if (text === TWO || inheritance === 'AR') return 'biallelic';
	if (text === ALL || text === 'All hemi, het, homozygous P and LP') return 'all';
	throw new Error(`unmapped "Variants to report": ${text}`);
}

/** The 84 ACMG SF v3.3 genes, alphabetical. */
export const SF_GENES: readonly SecondaryGene[] = SF_ROWS.map(([gene, condition, category, inheritance, since, variantsToReport]) => ({
	gene,
	condition,
	category,
	inheritance,
	since,
	variantsToReport,
	report: ruleOf(inheritance, variantsToReport)
}));

/** One carrier-screening gene. */
export interface CarrierGene {
	gene: string;
	inheritance: 'AR' | 'XL';
	condition: string;
	/** Other symbols the gene goes by in annotated VCFs. */
	aliases: string[];
}

/** Version label of the carrier-screening list. */
export const CARRIER_LIST = {
	name: 'ACMG carrier screening 2021 (Tier 3)',
	citation: 'Gregg AR et al. Screening for autosomal recessive and X-linked conditions during pregnancy and preconception: a practice resource of the ACMG. Genet Med 2021;23(10):1793–1806 (PMID 34285390)',
	genes: 113
} as const;

const XL_CARRIER = new Set(['ABCD1', 'AFF2', 'ARX', 'DMD', 'F8', 'F9', 'FMR1', 'GLA', 'L1CAM', 'MID1', 'NR0B1', 'OTC', 'PLP1', 'RPGR', 'RS1', 'SLC6A8']);
const CARRIER_ALIASES: Record<string, string[]> = { GBA: ['GBA1'], G6PC: ['G6PC1'], MMUT: ['MUT'] };

// gene|condition, in the paper's alphabetical order
const CARRIER_ROWS = `ABCA3|Surfactant metabolism dysfunction, pulmonary, 3
ABCC8|Diabetes mellitus, permanent neonatal 3
ABCD1|X-linked adrenoleukodystrophy
ACADM|Medium-chain acyl-CoA dehydrogenase deficiency
ACADVL|Very long-chain acyl-CoA dehydrogenase deficiency
ACAT1|Alpha-methylacetoacetic aciduria
AFF2|Intellectual disability, X-linked, associated with fragile site FRAXE
AGA|Aspartylglucosaminuria
AGXT|Primary hyperoxaluria type 1
AHI1|Joubert syndrome 3
AIRE|Autoimmune polyendocrinopathy syndrome type I
ALDOB|Hereditary fructose intolerance
ALPL|Hypophosphatasia
ANO10|Spinocerebellar ataxia 10
ARSA|Metachromatic leukodystrophy
ARX|Developmental and epileptic encephalopathy 1
ASL|Argininosuccinic aciduria
ASPA|Canavan disease
ATP7B|Wilson disease
BBS1|Bardet-Biedl syndrome 1
BBS2|Bardet-Biedl syndrome 2
BCKDHB|Maple syrup urine disease
BLM|Bloom syndrome
BTD|Biotinidase deficiency
CBS|Homocystinuria
CC2D2A|Joubert syndrome 9
CCDC88C|Congenital hydrocephalus 1
CEP290|Joubert syndrome 5
CFTR|Cystic fibrosis
CHRNE|Congenital myasthenic syndrome 4
CLCN1|Congenital myotonia, autosomal recessive
CLRN1|Usher syndrome type 3A
CNGB3|Achromatopsia 3
COL7A1|Recessive dystrophic epidermolysis bullosa
CPT2|Carnitine palmitoyltransferase II deficiency
CYP11A1|Congenital adrenal insufficiency (CYP11A1)
CYP21A2|Congenital adrenal hyperplasia due to 21-hydroxylase deficiency
CYP27A1|Cerebrotendinous xanthomatosis
CYP27B1|Vitamin D-dependent rickets type 1A
DHCR7|Smith-Lemli-Opitz syndrome
DHDDS|Congenital disorder of glycosylation (DHDDS)
DLD|Dihydrolipoamide dehydrogenase deficiency
DMD|Duchenne/Becker muscular dystrophy
DYNC2H1|Short-rib thoracic dysplasia 3
ELP1|Familial dysautonomia
ERCC2|Cerebrooculofacioskeletal syndrome 2
EVC2|Ellis-van Creveld syndrome
F8|Hemophilia A
F9|Hemophilia B
FAH|Tyrosinemia type I
FANCC|Fanconi anemia, complementation group C
FKRP|Muscular dystrophy-dystroglycanopathy (FKRP)
FKTN|Muscular dystrophy-dystroglycanopathy (FKTN)
FMO3|Trimethylaminuria
FMR1|Fragile X syndrome
FXN|Friedreich ataxia
G6PC|Glycogen storage disease type Ia
GAA|Pompe disease
GALT|Galactosemia
GBA|Gaucher disease
GBE1|Glycogen storage disease type IV
GJB2|Nonsyndromic hearing loss (DFNB1)
GLA|Fabry disease
GNPTAB|Mucolipidosis II/III alpha/beta
GRIP1|Fraser syndrome
HBA1|Alpha-thalassemia
HBA2|Alpha-thalassemia
HBB|Sickle cell disease / beta-thalassemia
HEXA|Tay-Sachs disease
HPS1|Hermansky-Pudlak syndrome 1
HPS3|Hermansky-Pudlak syndrome 3
IDUA|Mucopolysaccharidosis type I
L1CAM|L1 syndrome (X-linked hydrocephalus)
LRP2|Donnai-Barrow syndrome
MCCC2|3-methylcrotonyl-CoA carboxylase 2 deficiency
MCOLN1|Mucolipidosis type IV
MCPH1|Primary microcephaly 1
MID1|Opitz GBBB syndrome, X-linked
MLC1|Megalencephalic leukoencephalopathy with subcortical cysts
MMACHC|Methylmalonic aciduria and homocystinuria, cblC type
MMUT|Methylmalonic aciduria (methylmalonyl-CoA mutase deficiency)
MVK|Mevalonate kinase deficiency
NAGA|Schindler disease
NEB|Nemaline myopathy 2
NPHS1|Congenital nephrotic syndrome, Finnish type
NR0B1|Congenital adrenal hypoplasia, X-linked
OCA2|Oculocutaneous albinism type II
OTC|Ornithine transcarbamylase deficiency
PAH|Phenylketonuria
PCDH15|Usher syndrome type 1F
PKHD1|Autosomal recessive polycystic kidney disease
PLP1|Pelizaeus-Merzbacher disease / spastic paraplegia 2
PMM2|Congenital disorder of glycosylation type Ia
POLG|POLG-related mitochondrial DNA depletion
PRF1|Familial hemophagocytic lymphohistiocytosis 2
RARS2|Pontocerebellar hypoplasia type 6
RNASEH2B|Aicardi-Goutieres syndrome 2
RPGR|X-linked retinitis pigmentosa (RP3)
RS1|X-linked juvenile retinoschisis
SCO2|Mitochondrial complex IV deficiency (SCO2)
SLC19A3|Biotin-thiamine-responsive basal ganglia disease
SLC26A2|SLC26A2-related skeletal dysplasia
SLC26A4|Pendred syndrome / DFNB4 hearing loss
SLC37A4|Glycogen storage disease type Ib
SLC6A8|Cerebral creatine deficiency syndrome 1
SMN1|Spinal muscular atrophy
SMPD1|Niemann-Pick disease type A/B
TF|Atransferrinemia
TMEM216|Joubert syndrome 2
TNXB|Tenascin-X deficient Ehlers-Danlos syndrome
TYR|Oculocutaneous albinism type 1
USH2A|Usher syndrome type 2A
XPC|Xeroderma pigmentosum group C`;

/** The 113 ACMG 2021 Tier-3 carrier-screening genes (97 AR, 16 X-linked), alphabetical. */
export const CARRIER_GENES: readonly CarrierGene[] = CARRIER_ROWS.split('\n').map((line) => {
	const [gene, condition] = line.split('|');
	return { gene, condition, inheritance: XL_CARRIER.has(gene) ? 'XL' : 'AR', aliases: CARRIER_ALIASES[gene] ?? [] };
});

/**
 * HFE c.845G>A (p.Cys282Tyr, rs1800562) on each build, the one variant the SF list reports in HFE
 * (homozygotes only). GRCh37 6:26093141 G>A; GRCh38 6:26092913 G>A.
 */
export const HFE_C282Y = { GRCh37: { chrom: '6', pos: 26093141, ref: 'G', alt: 'A' }, GRCh38: { chrom: '6', pos: 26092913, ref: 'G', alt: 'A' } } as const;
