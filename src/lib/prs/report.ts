/**
 * What leaves the engine: the CLI's JSON (exact shape of the issue), the per-variant match log as
 * a columnar table (stored with the result) and as rows/TSV, and the JSON document a sealed
 * report carries.
 */
import { CHROMOSOMES } from '../genome/types';
import { STATUS_NAMES } from './run';
import type { PrsResult, ScoreFile } from './types';

/** The JSON printed by `qenome prs --json`. */
export interface PrsJson {
	score: { id: string; name: string; trait: string; build: string; variants: number };
	matched: number;
	matchRate: number;
	dropped: { ambiguous: number; multiallelic: number; missing: number; mismatched: number };
	rawScore: number | null;
	reference: { mean: number; sd: number; source: string } | null;
	percentile: number | null;
	warnings: string[];
}

/** The CLI JSON of a result (exactly the fields the issue names). */
export function prsJson(r: Pick<PrsResult, 'score' | 'matched' | 'matchRate' | 'dropped' | 'rawScore' | 'reference' | 'percentile' | 'warnings'>): PrsJson {
	return {
		score: { ...r.score },
		matched: r.matched,
		matchRate: r.matchRate,
		dropped: { ...r.dropped },
		rawScore: r.rawScore,
		reference: r.reference ? { mean: r.reference.mean, sd: r.reference.sd, source: r.reference.source } : null,
		percentile: r.percentile,
		warnings: [...r.warnings]
	};
}

/** The match log with each variant's identity, columnar (kept with a saved result). */
export interface PrsLogTable {
	n: number;
	chrom: Uint8Array;
	pos: Uint32Array;
	rsid: Uint32Array;
	effect: Uint8Array;
	other: Uint8Array;
	/** Row → [effect, other] texts for long alleles. */
	longAlleles: [number, string, string | null][];
	weight: Float64Array;
	status: Uint8Array;
	dosage: Int8Array;
	contribution: Float64Array;
}

/** Build the stored log table from the scoring file and a result (coordinates as matched). */
export function makeLogTable(score: ScoreFile, result: PrsResult): PrsLogTable {
	const h = result.coordinates === 'harmonised';
	return {
		n: score.n,
		chrom: h ? score.hmChrom! : score.chrom,
		pos: h ? score.hmPos! : score.pos,
		rsid: score.rsid,
		effect: score.effect,
		other: score.other,
		longAlleles: [...score.longAlleles.entries()].map(([r, [e, o]]) => [r, e, o]),
		weight: score.effectWeight,
		status: result.log.status,
		dosage: result.log.dosage,
		contribution: result.log.contribution
	};
}

/** One row of the match log, for people. */
export interface PrsLogRow {
	row: number;
	variant: string;
	rsid: string | null;
	effect: string;
	other: string | null;
	weight: number;
	status: string;
	dosage: number | null;
	contribution: number | null;
}

/** Row i of a log table (`row` is 1-based in the scoring file's variant order). */
export function logRow(t: PrsLogTable, i: number, long?: Map<number, [string, string | null]>): PrsLogRow {
	const pair = long?.get(i) ?? t.longAlleles.find((x) => x[0] === i)?.slice(1) as [string, string | null] | undefined;
	const effect = pair ? pair[0] : 'ACGT'[t.effect[i] - 1] ?? '?';
	const other = pair ? pair[1] : t.other[i] ? 'ACGT'[t.other[i] - 1] : null;
	const matched = t.dosage[i] >= 0;
	return {
		row: i + 1,
		variant: t.chrom[i] ? `${CHROMOSOMES[t.chrom[i] - 1]}:${t.pos[i]}` : '—',
		rsid: t.rsid[i] ? `rs${t.rsid[i]}` : null,
		effect,
		other,
		weight: t.weight[i],
		status: STATUS_NAMES[t.status[i]],
		dosage: matched ? t.dosage[i] : null,
		contribution: matched ? t.contribution[i] : null
	};
}

/** Indices of log rows whose status is in `statuses` (all when empty). */
export function filterLog(t: PrsLogTable, statuses: string[] = []): Uint32Array {
	if (statuses.length === 0) return Uint32Array.from({ length: t.n }, (_, i) => i);
	const want = new Set(statuses);
	const ok = new Uint8Array(256);
	for (const [code, name] of Object.entries(STATUS_NAMES)) if (want.has(name)) ok[Number(code)] = 1;
	let m = 0;
	for (let i = 0; i < t.n; i++) if (ok[t.status[i]]) m++;
	const out = new Uint32Array(m);
	let k = 0;
	for (let i = 0; i < t.n; i++) if (ok[t.status[i]]) out[k++] = i;
	return out;
}

/** The match log as TSV lines (header first), produced lazily so a 1M-row log streams. */
export function* logTsv(t: PrsLogTable): Generator<string> {
	yield 'row\tvariant\trsid\teffect_allele\tother_allele\teffect_weight\tstatus\tdosage\tcontribution\n';
	const long = new Map(t.longAlleles.map(([r, e, o]) => [r, [e, o] as [string, string | null]]));
	for (let i = 0; i < t.n; i++) {
		const r = logRow(t, i, long);
		yield `${r.row}\t${r.variant}\t${r.rsid ?? ''}\t${r.effect}\t${r.other ?? ''}\t${r.weight}\t${r.status}\t${r.dosage ?? ''}\t${r.contribution ?? ''}\n`;
	}
}

/** A result as saved per profile (store kind `prs:<score id>`). */
export interface PrsRecord {
	result: Omit<PrsResult, 'log'>;
	log: PrsLogTable;
	/** Name of the scoring file the person chose. */
	fileName: string;
	computed: string;
}

/** Store kind for a score's saved result. */
export function prsResultKind(scoreId: string): string {
	return `prs:${scoreId}`;
}

/** Most log rows a sealed report carries (a report is read by a person, not re-scored). */
export const REPORT_LOG_ROWS = 20_000;

/**
 * The JSON document of a sealed PRS report: the result, citation and licence, and the match log
 * (every row for scores up to REPORT_LOG_ROWS variants; otherwise the rows not matched, up to that
 * many, with the counts of all).
 */
export function prsReportDocument(rec: PrsRecord, profileName: string) {
	const t = rec.log;
	const long = new Map(t.longAlleles.map(([r, e, o]) => [r, [e, o] as [string, string | null]]));
	const rows: PrsLogRow[] = [];
	const all = t.n <= REPORT_LOG_ROWS;
	for (let i = 0; i < t.n && rows.length < REPORT_LOG_ROWS; i++) if (all || t.dosage[i] < 0) rows.push(logRow(t, i, long));
	return {
		kind: 'qenome-prs-report' as const,
		profileName,
		updated: rec.computed,
		fileName: rec.fileName,
		result: { ...prsJson(rec.result), citation: rec.result.header.citation, license: rec.result.header.license, caveats: rec.result.caveats, coordinates: rec.result.coordinates, genome: rec.result.genome, statusCounts: rec.result.statusCounts },
		log: { complete: all, rows }
	};
}
