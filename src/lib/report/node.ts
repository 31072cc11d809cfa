/** Node-only helpers of the report layer (CLI, tests): the embedded fonts read from static/fonts. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPORT_FONT_FILES, type ReportFonts } from './pdf';

/** The static/ folder: beside the source tree (tests, tsx) or one level up from the CLI bundle. */
function staticDir(): string {
	const here = path.dirname(fileURLToPath(import.meta.url));
	for (const c of [here, path.resolve(here, '../../../static'), path.resolve(here, '../static'), path.resolve(here, '../../static')])
		if (fs.existsSync(path.join(c, REPORT_FONT_FILES.regular))) return c;
	throw new Error('The report fonts (static/fonts) were not found next to Qenome.');
}

/** Read the report fonts from disk. */
export function readReportFonts(): ReportFonts {
	const dir = staticDir();
	return {
		regular: new Uint8Array(fs.readFileSync(path.join(dir, REPORT_FONT_FILES.regular))),
		bold: new Uint8Array(fs.readFileSync(path.join(dir, REPORT_FONT_FILES.bold)))
	};
}
