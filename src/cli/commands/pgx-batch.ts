/**
 * `qenome pgx COHORT.vcf.gz --all-samples [--samples S1,S2 | --samples-file F] --tsv OUT.tsv
 * [--json-dir DIR] [--summary OUT.html|OUT.md] [--outside CALLS.tsv]`: pharmacogenomics for every
 * sample of a joint-called VCF in ONE streaming pass (readCohort keeps only the PGx positions, so
 * memory is samples × PGx positions). Each sample's JSON is built by the library's
 * `pgxJsonFromView` (src/lib/pgx/json.ts, the same code as the single-sample command), so
 * `--json-dir/SAMPLE.json` equals `qenome pgx COHORT.vcf.gz --sample SAMPLE --json`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from '../args';
import { CliError } from '../errors';
import { fileStream } from '../input';
import { readTextOrFail } from '../files';
import { createGenomeView, isImportError, readCohort } from '../../lib/genome/index';
import { loadKb, parseOutsideCalls, pgxJsonFromView } from '../../lib/pgx/index';
import { PGX_TSV_COLUMNS, cohortSummaryHtml, cohortSummaryMarkdown, pgxKeep, pgxTsvRows, summarizePgxCohort, type PgxJsonLike } from '../../lib/cohort/index';

const USAGE =
	'qenome pgx COHORT.vcf.gz (--all-samples | --samples S1,S2 | --samples-file F) --tsv OUT.tsv [--json-dir DIR] [--summary OUT.html|OUT.md] [--outside CALLS.tsv]';

/** True when the arguments ask for the cohort (batch) form. */
export function wantsBatch(argv: string[]): boolean {
	return argv.some((a) => /^--(all-samples|samples|samples-file)(=|$)/.test(a));
}

/** Read a samples file: one name per line, blank lines and # comments ignored. */
export function readSamplesFile(file: string): string[] {
	const text = readTextOrFail(file, 'samples file', 16 * 1024 * 1024);
	const names = text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter((l) => l && !l.startsWith('#'));
	if (!names.length) throw new CliError(`${file} lists no samples`);
	return names;
}

/**
 * A sample name as a file name: kept as is when it is plain (letters, digits, . _ -), otherwise
 * unsafe characters are percent-encoded; "." and ".." are refused. Never a path.
 */
export function sampleFileName(sample: string): string {
	if (sample === '.' || sample === '..' || sample === '') throw new CliError(`the sample name "${sample}" cannot be a file name`);
	return sample.replace(/[^A-Za-z0-9._-]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/** Write a file atomically: `.partial` first, renamed on success. */
function writeAtomic(file: string, text: string): void {
	const partial = `${file}.partial`;
	fs.writeFileSync(partial, text);
	fs.renameSync(partial, file);
}

/** Run the cohort form. */
export async function runPgxBatch(argv: string[]): Promise<number> {
	const args = parseArgs(argv, { flags: ['all-samples', 'json'], values: ['samples', 'samples-file', 'tsv', 'json-dir', 'summary', 'outside'] });
	if (args.positionals.length !== 1) throw new CliError(`usage: ${USAGE}`);
	const modes = [args.flags.has('all-samples'), args.values.has('samples'), args.values.has('samples-file')].filter(Boolean).length;
	if (modes !== 1) throw new CliError(`choose exactly one of --all-samples, --samples, --samples-file; usage: ${USAGE}`);
	const tsv = args.values.get('tsv');
	if (!tsv) throw new CliError(`--tsv OUT.tsv is required for a cohort; usage: ${USAGE}`);
	if (args.flags.has('json')) throw new CliError('--json prints one sample; for a cohort use --json-dir DIR (one JSON per sample)');
	const samples = args.values.has('samples')
		? args.values
				.get('samples')!
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean)
		: args.values.has('samples-file')
			? readSamplesFile(args.values.get('samples-file')!)
			: undefined;
	if (samples && !samples.length) throw new CliError('--samples lists no samples');
	const kb = await loadKb();
	let outside: ReturnType<typeof parseOutsideCalls> = [];
	const outsideFile = args.values.get('outside');
	if (outsideFile) {
		const text = readTextOrFail(outsideFile, 'outside calls file', 1024 * 1024);
		try {
			outside = parseOutsideCalls(text, kb);
		} catch (err) {
			throw new CliError((err as Error).message, 'input');
		}
	}
	const jsonDir = args.values.get('json-dir');
	if (jsonDir) fs.mkdirSync(jsonDir, { recursive: true });
	const file = args.positionals[0];
	const { stream, size } = fileStream(file);
	const t0 = performance.now();
	let cohort;
	try {
		cohort = await readCohort(stream, pgxKeep(kb), { samples, totalBytes: size });
	} catch (err) {
		if (isImportError(err)) throw new CliError(`${file}: ${(err as Error).message} [${(err as { code: string }).code}]`, 'input');
		throw err;
	}
	const names = cohort.samples.map((s) => sampleFileName(s.sample));
	if (new Set(names).size !== names.length) throw new CliError('two samples have the same name; their JSON files would collide');
	const lines = [PGX_TSV_COLUMNS.join('\t')];
	const summaryItems: { sample: string; json: PgxJsonLike }[] = [];
	for (let i = 0; i < cohort.samples.length; i++) {
		const s = cohort.samples[i];
		const json = await pgxJsonFromView(createGenomeView(s.summary, s.chunks), { outside, kb });
		for (const row of pgxTsvRows(s.sample, json)) lines.push(row.join('\t'));
		if (jsonDir) writeAtomic(path.join(jsonDir, `${names[i]}.json`), JSON.stringify(json, null, 2) + '\n');
		summaryItems.push({ sample: s.sample, json });
		s.chunks = []; // free as we go
	}
	writeAtomic(tsv, lines.join('\n') + '\n');
	const summaryFile = args.values.get('summary');
	if (summaryFile) {
		const summary = summarizePgxCohort(summaryItems);
		writeAtomic(summaryFile, /\.md$/i.test(summaryFile) ? cohortSummaryMarkdown(summary) : cohortSummaryHtml(summary));
	}
	const secs = (performance.now() - t0) / 1000;
	process.stderr.write(
		`qenome: ${cohort.samples.length} samples × ${Object.keys(kb.genes).length}+ genes from ${cohort.records.toLocaleString('en')} records (${cohort.kept.toLocaleString('en')} PGx rows kept) in ${secs.toFixed(1)} s → ${tsv}\n`
	);
	return 0;
}
