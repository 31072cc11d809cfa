/**
 * Browser side of the report layer: fetch the embedded fonts (same origin, precached for offline
 * use) and render a report layout to a PDF Blob on the device.
 */
import { downloadFile } from '../../clients';
import { REPORT_FONT_FILES, renderReportPdf, type ReportFonts, type ReportLayout } from '$lib/report';

let fonts: Promise<ReportFonts> | null = null;

async function fetchBytes(path: string): Promise<Uint8Array> {
	const r = await fetch(`/${path}`);
	if (!r.ok) throw new Error(`The report font ${path} could not be loaded (${r.status}).`);
	return new Uint8Array(await r.arrayBuffer());
}

/** The report fonts (fetched once per page). */
export function reportFonts(): Promise<ReportFonts> {
	fonts ??= Promise.all([fetchBytes(REPORT_FONT_FILES.regular), fetchBytes(REPORT_FONT_FILES.bold)])
		.then(([regular, bold]) => ({ regular, bold }))
		.catch((e: unknown) => {
			fonts = null;
			throw e;
		});
	return fonts;
}

/** The clinician PDF of a layout, as a Blob. */
export async function reportPdfBlob(layout: ReportLayout): Promise<Blob> {
	const bytes = await renderReportPdf(layout, await reportFonts());
	return new Blob([bytes as BlobPart], { type: 'application/pdf' });
}

/** Offer a Blob as a download (the client layer's one download helper). */
export function saveBlob(blob: Blob, name: string): void {
	downloadFile(blob, name);
}

/** A file-name-safe stem from a title and a date. */
export function fileStem(...parts: (string | null | undefined)[]): string {
	return (
		parts
			.filter(Boolean)
			.join('-')
			.replace(/[^\p{L}\p{N}._-]+/gu, '_')
			.replace(/_+/g, '_')
			.slice(0, 80) || 'report'
	);
}
