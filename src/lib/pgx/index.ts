/**
 * Pharmacogenomics: CPIC star-allele calling from arrays and VCFs (GRCh37/GRCh38), phenotypes,
 * CPIC drug recommendations, outside (lab) calls, and warfarin dosing (IWPC 2009 + CPIC 2017).
 * Framework-free; runs in Node, workers and pages.
 */
import type { GenomeView } from '../genome/types';
import { callAllGenes, type CallOptions, type GeneCall } from './caller';
import { loadKb } from './kb';
import type { PgxKb } from './kb-types';
import { applyOutsideCalls, type OutsideCall } from './outside';
import { recommendAll, type DrugRecommendation } from './recommend';

export type { PgxKb, KbDrug, KbSource } from './kb-types';
export { loadKb } from './kb';
export { callAllGenes, callGene, cpicAlleleName, KEY_ALLELES, NOT_DETERMINABLE, type CallOptions, type CoverageVerdict, type GeneCall, type SiteEvidence } from './caller';
export { recommendAll, recommendDrug, searchDrugs, type DrugRecommendation } from './recommend';
export { parseOutsideCalls, applyOutsideCalls, normalisePhenotype, type OutsideCall } from './outside';
export {
	warfarinDose,
	warfarinGenetics,
	iwpcWeeklyDose,
	IWPC,
	type WarfarinClinical,
	type WarfarinGenetics,
	type WarfarinResult,
	type WarfarinRace
} from './warfarin';
export { PgxError, type PgxErrorCode } from './errors';

/** Everything the PGx page, report and CLI show for one profile. */
export interface PgxReport {
	kb: { version: string; sources: PgxKb['sources'] };
	genes: GeneCall[];
	drugs: DrugRecommendation[];
}

/** Call all genes, apply outside calls, and look up every drug's recommendation. */
export async function runPgx(view: GenomeView, outside: OutsideCall[] = [], kb?: PgxKb, opts: CallOptions = {}): Promise<PgxReport> {
	const k = kb ?? (await loadKb());
	const calls = applyOutsideCalls(callAllGenes(view, k, opts), outside, k, opts.sex ?? view.summary.sex);
	return { kb: { version: k.version, sources: k.sources }, genes: calls, drugs: recommendAll(calls, k) };
}
export { pgxJson, pgxJsonFromView, type PgxJson, type PgxJsonOptions } from './json';
export { firstSentence, isNoChange, mayChangeMedicine, plainAllele, plainDiplotype, compactDiplotype, plainPhenotype, plainPopulation, plainAction, plainSummary, limitedTest, LIMITED_TAG_GENES, type PlainSummaryLine } from './plain';
export {
	buildPgxReport,
	readPgxReport,
	pgxReportLayout,
	describeTest,
	isTypicalPhenotype,
	PGX_REPORT_VERSION,
	PGX_LIMITS,
	type PgxClinicalReport,
	type PgxReportGene,
	type PgxReportRecommendation,
	type PgxReportContext
} from './report';
export { pgxFhirBundle, loadPgxCodes, type PgxCodes } from './fhir';
