/**
 * Public face of the family domain: pedigrees (PED), relatedness checks before analysis
 * (KING-robust kinship, IBS0, sex, Mendelian errors, PED contradictions) and inheritance
 * patterns over several members' genomes. Framework-free; used by the CLI, workers and pages.
 * The family clinician report (issue #14) builds on the result types exported here.
 */
export { FamilyError, isFamilyError, type FamilyErrorCode } from './errors';
export {
	parsePed,
	formatPed,
	pedigreeIssues,
	pedigreeTrios,
	pedigreeKinship,
	statedRelationship,
	PED_LIMITS,
	type PedMember,
	type PedSex,
	type PedPhenotype,
	type Pedigree,
	type StatedRelationship
} from './ped';
export { familySample, checkSamples, MAX_FAMILY_SAMPLES, type FamilySample } from './samples';
export { alignChromosome, type AlignedChromosome } from './aligned';
export {
	relate,
	classifyRelationship,
	pedContradictions,
	KINSHIP_CUTOFFS,
	PO_IBS0_RATIO,
	MIN_INFORMATIVE_SITES,
	MENDELIAN_ERROR_LIMIT,
	type Relationship,
	type RelateSample,
	type RelatePair,
	type TrioCheck,
	type RelateResult,
	type RelateOptions
} from './relate';
export { readSiteQualities, siteKey, type CallQuality, type SiteQualities } from './quality';
export {
	assessVariant,
	assessGene,
	memberGenotype,
	DE_NOVO_GATES,
	type InheritancePattern,
	type MemberGenotype,
	type FamilyVariant,
	type FamilyGene,
	type VariantSite,
	type FamilyContext
} from './inheritance';
export { analyseFamily, chooseProband, type FamilyAnalysisInput, type FamilyResult, type FamilyVcfSource } from './rank';
export { buildFamilyReport, familyReportLayout, readFamilyReport, FAMILY_REPORT_VERSION, type FamilyClinicalReport } from './report';
export { readFamilyVcf, type FamilyVcfRead, type FamilyVcfReadOptions } from './single-pass';
export { layoutPedigree, type PedigreeLayout, type PedigreeNode, type PedigreeLine } from './layout';
