/**
 * `qenome import FILE [--sample NAME] [--json]`: import a raw DNA file with the same library the
 * browser uses and print its summary. Bad input → one line on stderr, exit 2.
 */
import { parseArgs } from '../args';
import type { Command } from '../command';
import { CliError } from '../errors';
import { openGenomeFile } from '../files';
import { importGenome, isImportError, type GenomeSummary } from '../../lib/genome/index';
import { nodeImportOptions } from '../../lib/genome/node';

/** The JSON shape printed with --json. */
export function summaryJson(s: GenomeSummary, extra: { sha256: string; bytes: number }) {
	return {
		format: s.format,
		formatDetail: s.formatDetail,
		build: s.build,
		buildEvidence: s.buildEvidence,
		sex: s.sex,
		sample: s.sample,
		records: s.records,
		calls: s.calls,
		noCalls: s.noCalls,
		perChromosome: s.perChromosome,
		warnings: s.warnings,
		sha256: extra.sha256,
		bytes: extra.bytes
	};
}

/** A short human-readable summary. */
function humanSummary(s: GenomeSummary): string {
	const rate = s.calls + s.noCalls > 0 ? ((100 * s.calls) / (s.calls + s.noCalls)).toFixed(1) : '0';
	const lines = [
		`${s.formatDetail}${s.sample ? `, sample ${s.sample}` : ''}`,
		`build ${s.build} (${s.buildEvidence})`,
		`sex: ${s.sex}`,
		`${s.records.toLocaleString('en')} records, ${s.calls.toLocaleString('en')} calls, ${s.noCalls.toLocaleString('en')} no-calls (call rate ${rate}%)`,
		`chromosomes: ${Object.entries(s.perChromosome)
			.map(([c, v]) => `${c}:${v!.records}`)
			.join(' ')}`
	];
	for (const w of s.warnings) lines.push(`warning: ${w}`);
	return lines.join('\n');
}

/** `qenome import`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage: 'qenome import FILE [--sample NAME] [--json]',
	summary: 'Import a raw DNA file (23andMe, AncestryDNA, MyHeritage, FTDNA, LivingDNA, VCF; zip/gzip) and summarise it.',
	async run(argv) {
		const args = parseArgs(argv, { flags: ['json'], values: ['sample'] });
		if (args.positionals.length !== 1) throw new CliError('usage: qenome import FILE [--sample NAME] [--json]');
		const file = args.positionals[0];
		const { stream, size } = openGenomeFile(file);
		const platform = nodeImportOptions(size);
		try {
			// native hashes and, for a large bgzipped VCF, worker threads that inflate and parse in parallel
			const parsed = await importGenome(stream, { ...platform.options, sample: args.values.get('sample'), fileName: file, totalBytes: size });
			const out = args.flags.has('json')
				? JSON.stringify(summaryJson(parsed.summary, parsed), null, 2)
				: humanSummary(parsed.summary);
			process.stdout.write(out + '\n');
			return 0;
		} catch (err) {
			if (isImportError(err)) throw new CliError(`${file}: ${err.message} [${err.code}]`, err.kind, { code: err.code });
			throw err;
		} finally {
			platform.close();
		}
	}
};

export default command;
