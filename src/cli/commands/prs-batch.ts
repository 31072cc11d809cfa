/**
 * `qenome prs COHORT.vcf.gz --score FILE (--all-samples | --samples S1,S2 | --samples-file F)
 * --tsv OUT.tsv [--json-dir DIR] [--keep-ambiguous] [--frequencies FREQ.tsv]`: one polygenic score
 * for every sample of a joint VCF in ONE streaming pass (readCohort keeps only the score's
 * positions: memory ≈ samples × score positions). Each sample's JSON is `prsJson(runPrs(…))`, the
 * same code as `qenome prs COHORT.vcf.gz --sample S --score FILE --json`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from '../args';
import { CliError } from '../errors';
import { isImportError, readCohort } from '../../lib/genome/index';
import { prsJson, runPrs, type ScoreFile } from '../../lib/prs/index';
import { scoreKeep, tsvCell } from '../../lib/cohort/index';
import { readSamplesFile, sampleFileName } from './pgx-batch';
import { asCli, fileStream, readFrequencies, readScore } from './prs';

const USAGE =
	'qenome prs COHORT.vcf.gz --score FILE (--all-samples | --samples S1,S2 | --samples-file F) --tsv OUT.tsv [--json-dir DIR] [--keep-ambiguous] [--frequencies FREQ.tsv]';

/** Columns of the cohort PRS TSV. */
export const PRS_TSV_COLUMNS = ['sample', 'score', 'matched', 'match_rate', 'raw_score', 'percentile', 'warnings'] as const;


/** Run the cohort form of `qenome prs`. */
export async function runPrsBatch(argv: string[]): Promise<number> {
	const args = parseArgs(argv, { flags: ['all-samples', 'keep-ambiguous', 'json'], values: ['score', 'samples', 'samples-file', 'tsv', 'json-dir', 'frequencies'] });
	if (args.positionals.length !== 1) throw new CliError(`usage: ${USAGE}`);
	const modes = [args.flags.has('all-samples'), args.values.has('samples'), args.values.has('samples-file')].filter(Boolean).length;
	if (modes !== 1) throw new CliError(`choose exactly one of --all-samples, --samples, --samples-file; usage: ${USAGE}`);
	const tsv = args.values.get('tsv');
	const scoreFile = args.values.get('score');
	if (!tsv || !scoreFile) throw new CliError(`--score FILE and --tsv OUT.tsv are required for a cohort; usage: ${USAGE}`);
	if (args.flags.has('json')) throw new CliError('--json prints one sample; for a cohort use --json-dir DIR (one JSON per sample)');
	const samples = args.values.has('samples')
		? args.values.get('samples')!.split(',').map((s) => s.trim()).filter(Boolean)
		: args.values.has('samples-file')
			? readSamplesFile(args.values.get('samples-file')!)
			: undefined;
	if (samples && !samples.length) throw new CliError('--samples lists no samples');
	const freqFile = args.values.get('frequencies');
	const frequencies = freqFile ? readFrequencies(freqFile) : undefined;
	const score = await readScore(scoreFile);
	const jsonDir = args.values.get('json-dir');
	if (jsonDir) fs.mkdirSync(jsonDir, { recursive: true });
	const file = args.positionals[0];
	const { stream, size } = fileStream(file);
	let cohort;
	try {
		cohort = await readCohort(stream, scoreKeep(score), { samples, totalBytes: size });
	} catch (err) {
		if (isImportError(err)) throw new CliError(`${file}: ${(err as Error).message} [${(err as { code: string }).code}]`, 'input');
		throw err;
	}
	const names = cohort.samples.map((s) => sampleFileName(s.sample));
	if (new Set(names).size !== names.length) throw new CliError('two samples have the same name; their JSON files would collide');
	const lines = [PRS_TSV_COLUMNS.join('\t')];
	let refused = 0;
	for (let i = 0; i < cohort.samples.length; i++) {
		const s = cohort.samples[i];
		let json;
		try {
			json = prsJson(runPrs(score, { summary: s.summary, chunks: s.chunks }, { keepAmbiguous: args.flags.has('keep-ambiguous'), frequencies }));
		} catch (err) {
			throw asCli(err);
		}
		if (json.rawScore === null) refused++;
		lines.push([s.sample, json.score.id, json.matched, json.matchRate, json.rawScore ?? '', json.percentile ?? '', json.warnings.join('; ')].map(tsvCell).join('\t'));
		if (jsonDir) {
			const out = path.join(jsonDir, `${names[i]}.json`);
			fs.writeFileSync(`${out}.partial`, JSON.stringify(json, null, 2) + '\n');
			fs.renameSync(`${out}.partial`, out);
		}
		s.chunks = [];
	}
	fs.writeFileSync(`${tsv}.partial`, lines.join('\n') + '\n');
	fs.renameSync(`${tsv}.partial`, tsv);
	process.stderr.write(
		`qenome: ${score.header.pgsId ?? 'score'} for ${cohort.samples.length} samples (${cohort.kept.toLocaleString('en')} score rows kept of ${cohort.records.toLocaleString('en')})${refused ? `; ${refused} below the 75 % match rate (raw_score empty)` : ''} → ${tsv}\n`
	);
	return 0;
}
