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
export { rankGenes, calibratedScore, isConstrained, SCORE_CALIBRATION, variantScore, frequencyFactor, GENOTYPE_PARAMS, CONSEQUENCE_PATHOGENICITY, type RankOptions, type Ranking, type GenotypeParams } from './score';
export { scorePhenotype, prepareQuery, PHENOTYPE_PARAMS, type PhenotypeParams, type PhenotypeScores, type PreparedQuery } from './phenotype';
export { readCandidates, type CandidateSet, type ReadCandidatesOptions } from './vcf';
export { readClinVar, reviewStars, simplifySignificance, canonicalChrom, type ClinVarDb } from './clinvar';
export { readHpoa, hpoaFrequency } from './hpoa';
export { consequenceOnModel, classifyTerms, CONSEQUENCE_ORDER } from './consequence';
export { parsePhenopacket, toPhenopacket, type PhenopacketCase, type PhenopacketVariant, type PhenopacketExportOptions } from './phenopacket';
export { rareJson, type RareJson } from './json';
export { textStream } from './stream';
export { TermIndex, type TermHit } from './search';
export { loadRareKbBrowser, browserKbSource } from './kb-browser';
export { buildRareReport, rareReportLayout, readRareReport, hpoNames as hpoNamesOf, RARE_REPORT_VERSION, RARE_LIMITS, type RareClinicalReport, type RareReportGene, type RareReportVariant, type RareReportContext } from './report';
export { rareFhirBundle } from './fhir';
