/**
 * `qenome relate FILE [FILE…] [--ped family.ped] [--json]`: the checks before a family analysis —
 * pairwise KING-robust kinship, IBS0 and relationship, inferred vs stated sex, Mendelian-error
 * rate per trio, and every way the PED contradicts the DNA. FILEs are single- or multi-sample
 * VCFs or consumer array files; sample ids come from the VCF header or the array file's name.
 */
import { parseArgs } from '../args';
import type { Command } from '../command';
import { CliError } from '../errors';
import { relate, type RelateResult } from '../../lib/family/index';
import { escapeUnsafe } from '../../lib/format/index';
import { asCli, loadFamilyFiles, readPed } from './family-input';

const USAGE = 'qenome relate FILE [FILE…] [--ped family.ped] [--json]';

/** The JSON shape printed with --json (issue 13). */
export function relateJson(r: RelateResult) {
	return {
		samples: r.samples.map((s) => ({ id: s.id, statedSex: s.statedSex, inferredSex: s.inferredSex, source: s.source })),
		pairs: r.pairs.map((p) => ({ a: p.a, b: p.b, kinship: p.kinship, ibs0: p.ibs0, relationship: p.relationship, sites: p.sites, stated: p.stated })),
		pedErrors: r.pedErrors,
		trios: r.trios,
		warnings: r.warnings
	};
}

/** Plain-text report: contradictions first. */
function human(r: RelateResult): string {
	const lines: string[] = [];
	if (r.pedErrors.length) {
		lines.push('PED CONTRADICTIONS:');
		for (const e of r.pedErrors) lines.push(`  ! ${e}`);
		lines.push('');
	}
	lines.push('samples:');
	for (const s of r.samples) lines.push(`  ${s.id.padEnd(16)} ${s.source.padEnd(5)} stated ${s.statedSex ?? '—'}, DNA ${s.inferredSex}`);
	lines.push('', 'pairs:');
	for (const p of r.pairs)
		lines.push(`  ${`${p.a} – ${p.b}`.padEnd(30)} kinship ${p.kinship.toFixed(4).padStart(7)}  IBS0 ${p.ibs0.toFixed(5)}  ${p.relationship}${p.stated ? ` (PED: ${p.stated})` : ''}  [${p.sites} sites]`);
	if (r.trios.length) {
		lines.push('', 'trios:');
		for (const t of r.trios) lines.push(`  ${t.child} (father ${t.father}, mother ${t.mother}): ${t.mendelianErrors} Mendelian errors in ${t.sites} sites (${(100 * t.rate).toFixed(2)} %)`);
	}
	for (const w of r.warnings) lines.push(`warning: ${w}`);
	// Sample ids come from files: never let a name move the cursor or reorder the lines.
	return lines.map(escapeUnsafe).join('\n');
}

/** `qenome relate`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage: USAGE,
	summary: 'Family checks: kinship, relationships, sex and Mendelian errors, and PED contradictions.',
	async run(argv) {
		const args = parseArgs(argv, { flags: ['json'], values: ['ped'] });
		if (args.positionals.length < 1) throw new CliError(`usage: ${USAGE}`);
		const pedFile = args.values.get('ped');
		const pedigree = pedFile ? readPed(pedFile) : null;
		const files = await loadFamilyFiles(args.positionals);
		const samples = files.flatMap((f) => f.samples);
		let result: RelateResult;
		try {
			result = relate(samples, { pedigree });
		} catch (err) {
			throw asCli(null, err);
		}
		process.stdout.write((args.flags.has('json') ? JSON.stringify(relateJson(result), null, 2) : human(result)) + '\n');
		return 0;
	}
};

export default command;
