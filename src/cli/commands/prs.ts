/**
 * `qenome prs GENOME --score PGS000001.txt.gz [--keep-ambiguous] [--frequencies FREQ.tsv]
 * [--match-log LOG.tsv] [--sample NAME] [--json]`: a PGS Catalog polygenic score on one genome.
 * Below a 75 % match rate no score is reported: the JSON (with `rawScore: null`) is still printed
 * so the coverage can be seen, and the command exits 1.
 */
import fs from 'node:fs';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { CliError } from '../errors';
import { fileStream } from '../input';
import { readTextOrFail } from '../files';
import { wantsBatch } from './pgx-batch';
import { importGenome, isImportError, type ParsedGenome } from '../../lib/genome/index';
import {
	PrsError,
	logTsv,
	makeLogTable,
	parseFrequencyFile,
	parseScoreFile,
	prsJson,
	runPrs,
	type FrequencyTable,
	type PrsResult,
	type ScoreFile
} from '../../lib/prs/index';

const USAGE =
	'qenome prs GENOME --score FILE [--keep-ambiguous] [--frequencies FREQ.tsv] [--match-log LOG.tsv] [--sample NAME] [--json]  |  qenome prs COHORT.vcf.gz --score FILE --all-samples --tsv OUT.tsv [--json-dir DIR]';

/** Import a genome file (any supported format); bad input → CliError (exit 2). */
export async function readGenome(file: string, sample?: string): Promise<ParsedGenome> {
	const { stream, size } = fileStream(file);
	try {
		return await importGenome(stream, { sample, fileName: file, totalBytes: size });
	} catch (err) {
		if (isImportError(err)) throw new CliError(`${file}: ${(err as Error).message} [${(err as { code: string }).code}]`, 'input');
		throw err;
	}
}

/** Parse a scoring file; PrsError → CliError with its exit code. */
export async function readScore(file: string): Promise<ScoreFile> {
	const { stream, size } = fileStream(file);
	try {
		return await parseScoreFile(stream, { totalBytes: size });
	} catch (err) {
		throw asCli(err, file);
	}
}

/** Read a frequency file (`--frequencies`). */
export function readFrequencies(file: string): FrequencyTable {
	const text = readTextOrFail(file, 'frequency file', 512 * 1024 * 1024);
	try {
		return parseFrequencyFile(text);
	} catch (err) {
		throw new CliError(`${file}: ${(err as Error).message}`, 'input');
	}
}

/** A PrsError as a one-line CliError (exit 2 for input, 1 for refusals); others unchanged. */
export function asCli(err: unknown, file?: string): unknown {
	if (err instanceof PrsError) return new CliError(`${file ? `${file}: ` : ''}${err.message} [${err.code}]`, err.kind, { code: err.code });
	return err;
}

/** Write the match log TSV (streamed, `.partial` renamed on success). */
export async function writeMatchLog(out: string, score: ScoreFile, result: PrsResult): Promise<void> {
	const partial = `${out}.partial`;
	const ws = fs.createWriteStream(partial);
	let buf = '';
	for (const line of logTsv(makeLogTable(score, result))) {
		buf += line;
		if (buf.length > 1 << 20) {
			if (!ws.write(buf)) await new Promise<void>((r) => ws.once('drain', () => r()));
			buf = '';
		}
	}
	ws.write(buf);
	await new Promise<void>((resolve, reject) => ws.end((err?: Error | null) => (err ? reject(err) : resolve())));
	fs.renameSync(partial, out);
}

/** The human-readable summary. */
export function humanPrs(r: PrsResult): string {
	const lines = [
		`${r.score.id} ${r.score.name !== r.score.id ? `(${r.score.name}) ` : ''}— ${r.score.trait}`,
		`matched ${r.matched.toLocaleString('en')} of ${r.score.variants.toLocaleString('en')} variants (${(r.matchRate * 100).toFixed(1)} %), ${r.coordinates} ${r.score.build} positions`,
		`dropped: ${r.dropped.ambiguous} ambiguous, ${r.dropped.multiallelic} multi-allelic, ${r.dropped.missing} missing, ${r.dropped.mismatched} mismatched`,
		r.rawScore === null ? 'raw score: not reported (match rate below 75 %)' : `raw score: ${r.rawScore}`,
		r.reference && r.percentile !== null
			? `percentile: ${r.percentile.toFixed(1)} (reference mean ${r.reference.mean.toPrecision(4)}, sd ${r.reference.sd.toPrecision(4)}; ${r.reference.source})`
			: 'percentile: none (no honest reference distribution)'
	];
	if (r.header.citation) lines.push(`citation: ${r.header.citation}`);
	if (r.header.license) lines.push(`licence: ${r.header.license}`);
	for (const w of r.warnings) lines.push(`warning: ${w}`);
	return lines.join('\n');
}

export { fileStream };

/** `qenome prs`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage: USAGE,
	summary: 'Polygenic score from a PGS Catalog scoring file, matched by position and alleles, honest about coverage.',
	async run(argv) {
		if (wantsBatch(argv)) return (await import('./prs-batch')).runPrsBatch(argv); // cohort form (issue 18)
		const args = parseArgs(argv, { flags: ['json', 'keep-ambiguous'], values: ['score', 'sample', 'frequencies', 'match-log'] });
		if (args.positionals.length !== 1) throw new CliError(`usage: ${USAGE}`);
		const scoreFile = args.values.get('score');
		if (!scoreFile) throw new CliError(`--score is required; usage: ${USAGE}`);
		const freqFile = args.values.get('frequencies');
		const frequencies = freqFile ? readFrequencies(freqFile) : undefined;
		const score = await readScore(scoreFile);
		const genome = await readGenome(args.positionals[0], args.values.get('sample'));
		let result: PrsResult;
		try {
			result = runPrs(score, genome, { keepAmbiguous: args.flags.has('keep-ambiguous'), frequencies });
		} catch (err) {
			throw asCli(err);
		}
		const logFile = args.values.get('match-log');
		if (logFile) await writeMatchLog(logFile, score, result);
		process.stdout.write((args.flags.has('json') ? JSON.stringify(prsJson(result), null, 2) : humanPrs(result)) + '\n');
		if (result.rawScore === null)
			throw new CliError(`no score reported: only ${(result.matchRate * 100).toFixed(1)} % of the variants matched (at least 75 % needed)`, 'refused', { code: 'low-match-rate' });
		return 0;
	}
};

export default command;
