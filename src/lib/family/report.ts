/**
 * The family rare-disease clinician report: the rare-disease body (ranked genes with segregation)
 * plus the family — members, relatedness and Mendelian checks, notes. Typed and versioned; its
 * layout reuses the rare-disease sections; a guarded reader for received documents.
 */
import { buildRareReport, rareSections, readRareBody, type RareClinicalReport, type RareReportContext } from '../rare/report';
import { checkModel, list, num, obj, text, texts } from '../report/read';
import { CLINICAL_DISCLAIMER, REPORT_FORMAT, type ReportLayout, type ReportModelBase } from '../report/types';
import type { FamilyResult } from './rank';

/** Version of `FamilyClinicalReport`. */
export const FAMILY_REPORT_VERSION = 1;

/** The family report model (version 1). */
export interface FamilyClinicalReport extends ReportModelBase<'family'>, Omit<RareClinicalReport, 'kind' | 'version' | 'format'> {
	kind: 'family';
	version: typeof FAMILY_REPORT_VERSION;
	proband: string;
	members: { id: string; father: string | null; mother: string | null; sex: string; phenotype: string }[];
	relatedness: { a: string; b: string; kinship: number; relationship: string; sites: number }[];
	trios: { child: string; father: string; mother: string; mendelianErrors: number; sites: number; rate: number }[];
	pedErrors: string[];
	notes: string[];
}

/** Build the family report model from a family analysis. */
export function buildFamilyReport(f: FamilyResult, ctx: RareReportContext = {}): FamilyClinicalReport {
	const { format: _f, kind: _k, version: _v, ...body } = buildRareReport(f.rare, { ...ctx, patientName: ctx.patientName ?? f.proband });
	return {
		...body,
		format: REPORT_FORMAT,
		kind: 'family',
		version: FAMILY_REPORT_VERSION,
		header: { ...body.header, testType: `Family analysis (${f.members.length} members in the pedigree): ${body.header.testType}` },
		proband: f.proband,
		members: f.members.map((m) => ({ id: m.id, father: m.father, mother: m.mother, sex: String(m.sex), phenotype: String(m.phenotype) })),
		relatedness: f.checks.pairs.map((p) => ({ a: p.a, b: p.b, kinship: p.kinship, relationship: String(p.relationship), sites: p.sites })),
		trios: f.checks.trios.map((t) => ({ child: t.child, father: t.father, mother: t.mother, mendelianErrors: t.mendelianErrors, sites: t.sites, rate: t.rate })),
		pedErrors: [...f.checks.pedErrors],
		notes: [...f.notes, ...f.checks.warnings]
	};
}

/** Lay the family report out: family checks first, then the ranking. */
export function familyReportLayout(r: FamilyClinicalReport): ReportLayout {
	const { summary, appendix } = rareSections(r);
	return {
		title: 'Family rare-disease report',
		kind: 'family',
		header: r.header,
		summary: [
			{
				title: 'Family and checks',
				blocks: [
					{
						type: 'table',
						name: 'members',
						columns: [
							{ label: 'Member', width: 22 },
							{ label: 'Father · mother', width: 30 },
							{ label: 'Sex', width: 18 },
							{ label: 'Status', width: 30 }
						],
						rows: r.members.map((m) => [m.id + (m.id === r.proband ? ' (proband)' : ''), `${m.father ?? '—'} · ${m.mother ?? '—'}`, m.sex, m.phenotype])
					},
					r.pedErrors.length
						? { type: 'paragraph' as const, tone: 'warning' as const, text: `The genomes contradict the pedigree: ${r.pedErrors.join(' ')}` }
						: { type: 'paragraph' as const, text: 'Checked before the ranking: the DNA agrees with the stated pedigree (relationships, sex and Mendelian inheritance).' },
					{
						type: 'list' as const,
						items: [
							...(r.relatedness.length ? [`Relatedness from the DNA (KING-robust kinship): ${r.relatedness.map((p) => `${p.a}–${p.b} ${p.relationship} (${p.kinship.toFixed(3)})`).join('; ')}`] : []),
							...r.trios.map((t) => `Trio ${t.child} ← ${t.father} × ${t.mother}: ${t.mendelianErrors} Mendelian errors in ${t.sites} sites (${(t.rate * 100).toFixed(2)} %)`)
						]
					}
				]
			},
			...summary
		],
		appendix: [
			{
				title: 'Relatedness (KING-robust kinship)',
				blocks: [
					{
						type: 'table',
						name: 'relatedness',
						columns: [
							{ label: 'Pair', width: 40 },
							{ label: 'Kinship', width: 15 },
							{ label: 'Relationship', width: 30 },
							{ label: 'Sites', width: 15 }
						],
						rows: r.relatedness.map((p) => [`${p.a} – ${p.b}`, p.kinship.toFixed(3), p.relationship, String(p.sites)])
					},
					...(r.notes.length ? [{ type: 'list' as const, items: r.notes }] : [])
				]
			},
			...appendix
		],
		disclaimer: CLINICAL_DISCLAIMER
	};
}

/** Read a family report from untrusted JSON; throws ReportError. */
export function readFamilyReport(v: unknown): FamilyClinicalReport {
	const o = checkModel(v, 'family', FAMILY_REPORT_VERSION);
	return {
		format: REPORT_FORMAT,
		kind: 'family',
		version: FAMILY_REPORT_VERSION,
		...readRareBody(o),
		proband: text(o.proband, '—'),
		members: list(o.members).map((m) => {
			const x = obj(m, 'a member');
			return { id: text(x.id, '?'), father: text(x.father) || null, mother: text(x.mother) || null, sex: text(x.sex, '—'), phenotype: text(x.phenotype, '—') };
		}),
		relatedness: list(o.relatedness).map((p) => {
			const x = obj(p, 'a pair');
			return { a: text(x.a), b: text(x.b), kinship: num(x.kinship) ?? 0, relationship: text(x.relationship), sites: num(x.sites) ?? 0 };
		}),
		trios: list(o.trios).map((t) => {
			const x = obj(t, 'a trio');
			return { child: text(x.child), father: text(x.father), mother: text(x.mother), mendelianErrors: num(x.mendelianErrors) ?? 0, sites: num(x.sites) ?? 0, rate: num(x.rate) ?? 0 };
		}),
		pedErrors: texts(o.pedErrors),
		notes: texts(o.notes)
	};
}
