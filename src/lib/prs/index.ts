/**
 * Polygenic scores from PGS Catalog scoring files (format v2.0), on the device: streamed parsing,
 * pgsc_calc-style matching by position and alleles (strand flips, ambiguous and multi-allelic
 * sites), additive/dominant/recessive/per-dosage weights, an honest reference distribution only
 * when allele frequencies allow it, and a per-variant match log. Framework-free.
 */
export * from './types';
export { PrsError, type PrsErrorCode } from './errors';
export { parseScoreFile, parseScoreBytes, normaliseBuild, SCORE_LIMITS, type ParseScoreOptions } from './scorefile';
export { matchScore, isMatched, contributionOf, AMBIGUOUS_AF_MARGIN, type PrsTarget, type MatchOptions } from './match';
export { variantMoments, referenceFromFrequencies, normalCdf, parseFrequencyFile, type FrequencyTable } from './reference';
export { runPrs, chooseCoordinates, MIN_MATCH_RATE, STATUS_NAMES, type RunPrsOptions } from './run';
export {
	prsJson,
	makeLogTable,
	logRow,
	filterLog,
	logTsv,
	prsResultKind,
	prsReportDocument,
	REPORT_LOG_ROWS,
	type PrsJson,
	type PrsLogTable,
	type PrsLogRow,
	type PrsRecord
} from './report';
