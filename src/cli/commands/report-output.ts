/** Shared by `qenome pgx` (and the other report commands): write the PDF and FHIR exports atomically. */
import fs from 'node:fs';
import path from 'node:path';
import { CliError } from '../errors';
import { renderReportPdf } from '../../lib/report/pdf';
import { readReportFonts } from '../../lib/report/node';
import type { ReportLayout } from '../../lib/report/types';

/** Write `bytes` to `file` through a temporary file in the same folder, so a failure leaves nothing half-written. */
export function writeAtomically(file: string, bytes: Uint8Array | string): void {
	const dir = path.dirname(path.resolve(file));
	if (!fs.existsSync(dir)) throw new CliError(`cannot write ${file}: folder ${dir} does not exist`);
	const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
	try {
		fs.writeFileSync(tmp, bytes);
		fs.renameSync(tmp, file);
	} catch (e) {
		fs.rmSync(tmp, { force: true });
		throw new CliError(`cannot write ${file}: ${(e as Error).message}`, 'failed');
	}
}

/** Write the requested exports of one report. */
export async function writeReportExports(
	out: { pdf?: string; fhir?: string; json?: string },
	report: { layout: ReportLayout; fhir?: () => Promise<unknown>; model?: unknown }
): Promise<void> {
	if (out.pdf) writeAtomically(out.pdf, await renderReportPdf(report.layout, readReportFonts()));
	if (out.fhir && report.fhir) writeAtomically(out.fhir, JSON.stringify(await report.fhir(), null, 2) + '\n');
	if (out.json && report.model) writeAtomically(out.json, JSON.stringify(report.model, null, 2) + '\n');
}
