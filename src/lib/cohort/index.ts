/**
 * Cohort scale: what a one-pass multi-sample read must keep for pharmacogenomics, the per-sample
 * TSV rows, and the cohort summary (phenotype frequencies per gene, actionable results per drug)
 * as data, Markdown and HTML. The streaming reader itself is `readCohort` in the genome domain.
 */
export { pgxKeep, pgxTsvRows, tsvCell, PGX_TSV_COLUMNS } from './pgx';
export { scoreKeep } from './prs';
export {
	summarizePgxCohort,
	cohortSummaryMarkdown,
	cohortSummaryHtml,
	ACTIONABLE_RULE,
	type CohortSummary,
	type DrugCounts,
	type GenePhenotypeCounts,
	type PgxJsonLike
} from './summary';
