/**
 * The report layer's shared shapes.
 *
 * Each domain owns a typed, versioned report model (`PgxClinicalReport` in src/lib/pgx, …) and a
 * mapping of it onto the generic `ReportLayout` below. Every renderer (the clinician PDF, the HTML
 * view in pages and the Inbox) draws a `ReportLayout`, so a new result kind needs only its model and
 * that mapping.
 */

/** Format name every report model carries (bundle content, stored results, CLI JSON). */
export const REPORT_FORMAT = 'qenome-report';

/** The result kinds that have a clinician report. */
export type ReportKind = 'pgx' | 'pk' | 'rare' | 'family';

/** Fields common to every report model (the domain adds its own typed body). */
export interface ReportModelBase<K extends ReportKind = ReportKind> {
	format: typeof REPORT_FORMAT;
	kind: K;
	/** Version of this kind's model; a reader refuses versions it does not know. */
	version: number;
	header: ReportHeader;
}

/** One knowledge base or data set a report used, with its version. */
export interface ReportSourceVersion {
	name: string;
	version: string;
}

/** The header every clinician report starts with. */
export interface ReportHeader {
	/** Patient name from the profile, or null: then the PDF leaves a line to fill in. */
	patientName: string | null;
	/** Date of birth (ISO date) when known, else null (a line to fill in). */
	dateOfBirth: string | null;
	/** ISO date-time the report was produced. */
	reportDate: string;
	/** The DNA file the result came from. */
	sourceFile: string;
	/** SHA-256 of the source file when known. */
	sourceSha256: string | null;
	/** Genome build of the source data. */
	build: string;
	/** Sex used by the analysis and where it came from. */
	sex: string;
	/** e.g. "Consumer genotyping array (23andMe v5)", "VCF (WGS/WES)". */
	testType: string;
	/** What this kind of test cannot show, in one sentence. */
	testLimits: string;
	/** Knowledge bases and their versions. */
	sources: ReportSourceVersion[];
	/** The software that produced the report. */
	producedBy: string;
}

/** A block of content in a report section. */
export type ReportBlock =
	| { type: 'paragraph'; text: string; tone?: 'normal' | 'muted' | 'warning' }
	| { type: 'list'; items: string[] }
	| { type: 'fields'; items: { label: string; value: string }[] }
	| {
			type: 'table';
			/** Stable name (e.g. "genes"), used by the HTML view's test ids. */
			name: string;
			caption?: string;
			/** Relative column widths (PDF) and labels. */
			columns: { label: string; width: number }[];
			rows: string[][];
	  };

/** A titled part of a report. */
export interface ReportSection {
	title: string;
	blocks: ReportBlock[];
}

/** A report laid out for reading: what the PDF and the HTML view draw. */
export interface ReportLayout {
	/** "Pharmacogenomics report", … */
	title: string;
	kind: ReportKind;
	header: ReportHeader;
	/** The 1–2 page summary: actionable findings first, then the main table, limits. */
	summary: ReportSection[];
	/** Full detail, printed after the summary. */
	appendix: ReportSection[];
	/** The "confirm with a clinical test" disclaimer, on the summary and in every PDF footer. */
	disclaimer: string;
}

/** The disclaimer every clinician report carries. */
export const CLINICAL_DISCLAIMER =
	'Not a diagnostic test. Produced on the patient’s device from their own DNA file; confirm any actionable result with a clinical-grade test before acting on it.';
