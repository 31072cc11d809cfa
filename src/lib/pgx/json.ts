/**
 * The `qenome pgx --json` object, built in one place so the single-sample CLI and the batch
 * (`--all-samples`) print identical JSON for a sample.
 */
import type { GenomeView } from '../genome/types';
import type { CallOptions } from './caller';
import type { PgxKb } from './kb-types';
import type { OutsideCall } from './outside';
import { runPgx, type PgxReport } from './index';

/** The JSON shape printed with `qenome pgx --json` for a report. */
export function pgxJson(r: PgxReport) {
	return {
		kb: r.kb,
		genes: r.genes.map((g) => ({
			gene: g.gene,
			diplotypes: g.diplotypes,
			phenotype: g.phenotype,
			activityScore: g.activityScore,
			untested: g.untested,
			missingPositions: g.missingPositions,
			warnings: g.warnings,
			source: g.source === 'outside' ? 'entered by the user' : 'file',
			...(g.screening ? { screening: true } : {}),
			phased: g.phased,
			...(g.sexAssumed ? { sexAssumed: g.sexAssumed } : {}),
			coverage: g.coverage,
			untestedKeyAlleles: g.untestedKeyAlleles,
			...(g.halfCalls.length ? { halfCalls: g.halfCalls } : {}),
			...(g.decidingPositions.length ? { decidingPositions: g.decidingPositions } : {})
		})),
		drugs: r.drugs.map((d) => ({
			drug: d.drug,
			genes: d.genes,
			recommendation: d.recommendation,
			classification: d.classification,
			population: d.population,
			source: d.source
		}))
	};
}

/** The `--json` object of one genome. */
export type PgxJson = ReturnType<typeof pgxJson>;

/** Options for `pgxJsonFromView`. */
export interface PgxJsonOptions extends CallOptions {
	outside?: OutsideCall[];
	kb?: PgxKb;
}

/** Genome view + options → the `qenome pgx --json` object (shared by single-sample and batch runs). */
export async function pgxJsonFromView(view: GenomeView, opts: PgxJsonOptions = {}): Promise<PgxJson> {
	return pgxJson(await runPgx(view, opts.outside ?? [], opts.kb, { sex: opts.sex }));
}
