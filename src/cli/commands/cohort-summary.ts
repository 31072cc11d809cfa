/**
 * `qenome cohort-summary --json-dir DIR [--json-dir DIR …] --out SUMMARY.html|SUMMARY.md`: the
 * cohort summary (phenotype frequencies per gene with bar charts, actionable results per drug)
 * from the per-sample JSON files that `qenome pgx --all-samples --json-dir` wrote — so a workflow
 * can summarise the shards it merged. HTML by default, Markdown for `.md`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { CliError } from '../errors';
import { cohortSummaryHtml, cohortSummaryMarkdown, summarizePgxCohort, type PgxJsonLike } from '../../lib/cohort/index';

const USAGE = 'qenome cohort-summary --json-dir DIR [--json-dir DIR …] --out SUMMARY.html|SUMMARY.md [--title TEXT]';
/** Largest per-sample JSON read (a PGx JSON is ~100 KB). */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

/** `qenome cohort-summary`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage: USAGE,
	summary: 'Cohort PGx summary (phenotypes per gene, actionable results per drug) from per-sample JSON files.',
	async run(argv) {
		const args = parseArgs(argv, { values: ['out', 'title'], repeatable: ['json-dir'] });
		const dirs = args.lists.get('json-dir') ?? [];
		const out = args.values.get('out');
		if (!dirs.length || !out || args.positionals.length) throw new CliError(`usage: ${USAGE}`);
		const items: { sample: string; json: PgxJsonLike }[] = [];
		for (const dir of dirs) {
			let names: string[];
			try {
				names = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
			} catch {
				throw new CliError(`cannot read the folder ${dir}`);
			}
			for (const n of names) {
				const file = path.join(dir, n);
				const st = fs.statSync(file);
				if (!st.isFile() || st.size > MAX_JSON_BYTES) throw new CliError(`${file}: not a per-sample PGx JSON (not a regular file or too large)`);
				let json: PgxJsonLike;
				try {
					json = JSON.parse(fs.readFileSync(file, 'utf8'));
				} catch {
					throw new CliError(`${file}: not valid JSON`);
				}
				if (!json || !Array.isArray(json.genes) || !Array.isArray(json.drugs)) throw new CliError(`${file}: not a \`qenome pgx --json\` result (no genes/drugs)`);
				items.push({ sample: decodeURIComponent(n.slice(0, -5)), json });
			}
		}
		if (!items.length) throw new CliError('the folders hold no per-sample JSON files');
		const summary = summarizePgxCohort(items);
		const title = args.values.get('title') ?? 'Cohort pharmacogenomics summary';
		const text = /\.md$/i.test(out) ? cohortSummaryMarkdown(summary, title) : cohortSummaryHtml(summary, title);
		fs.writeFileSync(`${out}.partial`, text);
		fs.renameSync(`${out}.partial`, out);
		process.stderr.write(`qenome: summary of ${items.length} samples → ${out}\n`);
		return 0;
	}
};

export default command;
