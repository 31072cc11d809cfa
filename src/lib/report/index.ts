/**
 * The report layer: shared shapes (`ReportLayout`, `ReportHeader`), the clinician PDF renderer,
 * FHIR building blocks, and `readReport` for documents received or stored. Each domain owns its
 * report model and layout (src/lib/pgx/report.ts, …). Browser-safe; Node helpers in node.ts.
 */
export * from './types';
export { renderReportPdf, headerFields, reportDay, wrapText, REPORT_FONT_FILES, type ReportFonts } from './pdf';
export { readReport, registerReportKind, knownReportKinds, type ReadableReport } from './kinds';
export { ReportError } from './read';
export { GENOMICS_IG, GENOMICS_IG_VERSION, stableUuid, type FhirBundle, type FhirResource } from './fhir';
