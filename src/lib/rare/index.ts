/**
 * Public face of the rare-disease domain: HPO phenotypes (+ a genome) → ranked genes and diseases
 * with their evidence. Browser-safe (no Node imports); Node code loads the knowledge base through
 * `./kb-node`, pages and workers through `./kb-browser`.
 */
export * from './types';
export { RareError, type RareErrorCode } from './errors';
export {
	Ontology,
	Annotations,
	GeneModels,
	createRareKb,
	type RareKb,
	type RareKbSource,
	type Disease,
	type GeneModel,
	type HpoTextJson
} from './kb';
export { analyseRare, analyseRareFile, RARE_METHOD, type RareAnalysisInput, type RareFileInput } from './analyse';
export { arrayCandidates } from './array';
export { analyseRareProfile, profileVcfStream, type StoredProfileInput, type RareProfileInput } from './profile';
export { rankGenes, calibratedScore, isConstrained, isLofTolerant, isContiguousGeneSyndrome, SCORE_CALIBRATION, variantScore, frequencyFactor, GENOTYPE_PARAMS, CONSEQUENCE_PATHOGENICITY, type RankOptions, type Ranking, type GenotypeParams } from './score';
export { scorePhenotype, prepareQuery, unknownFrequencies, PHENOTYPE_PARAMS, type PhenotypeParams, type PhenotypeScores, type PreparedQuery } from './phenotype';
export { readCandidates, interestFilter, exonRegionFilter, type CandidateSet, type ReadCandidatesOptions } from './vcf';
export { readClinVar, reviewStars, simplifySignificance, canonicalChrom, ChromField, clinVarFromTable, MAX_CLINVAR_RECORDS, type ClinVarDb, type ClinVarRecord, type ClinVarRecords, type ClinVarTable } from './clinvar';
export { readGnomad, gnomadFromTable, gnomadVersion, MAX_GNOMAD_RECORDS, type GnomadDb, type GnomadTable, type ReadGnomadOptions } from './gnomad';
export { SiteTable, SiteTableBuilder, type SiteChromosome } from './sites';
export {
	clinvarParts,
	gnomadParts,
	hpoaParts,
	clinvarFromParts,
	gnomadFromParts,
	hpoaFromParts,
	USER_KNOWLEDGE_KINDS,
	type UserKnowledge,
	type UserKnowledgeInfo,
	type UserKnowledgeKind,
	type UserKnowledgePart
} from './knowledge';
export { readHpoa, hpoaFrequency } from './hpoa';
export { consequenceOnModel, consequenceFromHgvs, classifyTerms, CONSEQUENCE_ORDER } from './consequence';
export { parsePhenopacket, toPhenopacket, type PhenopacketCase, type PhenopacketVariant, type PhenopacketExportOptions } from './phenopacket';
export { rareJson, type RareJson } from './json';
export { textStream } from './stream';
export { TermIndex, type TermHit } from './search';
export { loadRareKbBrowser, browserKbSource } from './kb-browser';
export { buildRareReport, rareReportLayout, readRareReport, hpoNames as hpoNamesOf, RARE_REPORT_VERSION, RARE_LIMITS, type RareClinicalReport, type RareReportGene, type RareReportVariant, type RareReportContext } from './report';
export { rareFhirBundle } from './fhir';
export {
	findSecondary,
	secondaryGeneSymbols,
	SECONDARY_MIN_STARS,
	SECONDARY_MAX_LOF_FREQUENCY,
	SECONDARY_METHOD,
	LOF_CONSEQUENCES,
	type SecondaryOptIn,
	type SecondaryReport,
	type SecondaryFinding,
	type CarrierFinding,
	type SecondaryVariant,
	type SecondaryInput,
	arraySiteCoverage,
	type ArraySiteCoverage
} from './secondary';
export { SF_GENES, SF_LIST, CARRIER_GENES, CARRIER_LIST, HFE_C282Y, type SecondaryGene, type CarrierGene, type SecondaryReportRule } from './secondary-genes';
export { buildSecondarySection, secondaryReportSection, type RareReportSecondary, type RareReportSecondaryItem } from './report';
export { secondaryFromFile, arrayCoverageOf, type SecondaryFileInput } from './secondary-file';
export { withheldGenes, withheldWarning, type WithheldGenes } from './withhold';
