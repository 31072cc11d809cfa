/**
 * The drug-model (pharmacokinetic simulation) clinician report: a typed, versioned model built
 * from a `SimulationResult`, its layout for the shared renderers, and a guarded reader. A
 * simulation, labelled as one: the CPIC advice governs dosing; model figures never replace it.
 */
import { checkModel, list, num, obj, readHeader, text, textOrNull, texts } from '../report/read';
import { CLINICAL_DISCLAIMER, REPORT_FORMAT, type ReportHeader, type ReportLayout, type ReportModelBase } from '../report/types';
import type { SimulationResult } from './simulate';

/** Version of `PkClinicalReport`. */
export const PK_REPORT_VERSION = 1;

/** The drug-model report model (version 1). */
export interface PkClinicalReport extends ReportModelBase<'pk'> {
	kind: 'pk';
	version: typeof PK_REPORT_VERSION;
	drug: { name: string; use: string; analyte: string; model: string };
	regimen: string;
	unit: string;
	genes: { gene: string; phenotype: string; activityScore: number | null; genetic: number; activity: number; comedications: string[]; source: string | null }[];
	exposureRatio: number;
	steadyState: { patient: { cmax: number; cmin: number; auc: number; cavg: number; timeInWindow: number | null }; typical: { cmax: number; cmin: number; auc: number; cavg: number; timeInWindow: number | null } };
	window: string | null;
	/** The CPIC advice for the patient's phenotype (governs dosing), or null. */
	cpic: { guideline: string; gene: string; phenotype: string; advice: string | null } | null;
	/** Model figure only: the dose that would give typical average exposure (null with why). */
	modelEquivalentDose: string;
	warnings: string[];
	caveats: string[];
	sources: string[];
	limits: string[];
}

/** Context the simulation lacks. */
export interface PkReportContext {
	patientName?: string | null;
	dateOfBirth?: string | null;
	reportDate?: string;
	sourceFile?: string | null;
	build?: string | null;
	sex?: string | null;
	producedBy?: string;
}

/** Limits of every drug-model report. */
export const PK_LIMITS = [
	'A simulation with published average parameters, scaled by the genotype-predicted activity: it shows the direction and rough size of the effect, not this patient’s measured levels.',
	'Dosing follows the CPIC guideline text shown; the model’s “equivalent dose” is a figure of the model, not a dose recommendation.',
	'Not modelled: organ function, age, pregnancy, adherence, food and most drug interactions except the co-medications listed.'
];

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2));

/** Build the report model from a simulation. */
export function buildPkReport(s: SimulationResult, ctx: PkReportContext = {}): PkClinicalReport {
	const header: ReportHeader = {
		patientName: ctx.patientName ?? null,
		dateOfBirth: ctx.dateOfBirth ?? null,
		reportDate: ctx.reportDate ?? new Date().toISOString(),
		sourceFile: ctx.sourceFile ?? 'phenotypes chosen by hand',
		sourceSha256: null,
		build: ctx.build ?? '—',
		sex: ctx.sex ?? '—',
		testType: 'Pharmacokinetic simulation (compartment model) from genotype-predicted enzyme activity',
		testLimits: PK_LIMITS[0],
		sources: [{ name: 'Drug model parameters', version: Object.keys(s.sources).length ? `${Object.keys(s.sources).length} cited sources` : '—' }, ...(s.cpic ? [{ name: 'CPIC guideline', version: s.cpic.guideline }] : [])],
		producedBy: ctx.producedBy ?? 'Qenome (on-device simulation)'
	};
	const r = s.regimen;
	const metrics = (m: SimulationResult['steadyState']['patient']) => ({ cmax: m.cmax, cmin: m.cmin, auc: m.auc, cavg: m.cavg, timeInWindow: m.timeInWindow });
	return {
		format: REPORT_FORMAT,
		kind: 'pk',
		version: PK_REPORT_VERSION,
		header,
		drug: { name: s.drug.name, use: s.drug.use, analyte: s.drug.analyteName, model: s.drug.kind },
		regimen: `${r.loadingDose ? `${r.loadingDose} mg loading, then ` : ''}${r.dose} mg ${r.route} every ${r.interval} h × ${r.doses}${r.infusionHours ? ` (infused over ${r.infusionHours} h)` : ''}; ${s.weightKg} kg`,
		unit: s.unit,
		genes: s.activities.map((a) => ({
			gene: a.gene,
			phenotype: a.phenotype,
			activityScore: a.activityScore,
			genetic: a.genetic,
			activity: a.activity,
			comedications: a.comedications.map((c) => `${c.name} ×${fmt(c.multiplier)} (${c.strength})`),
			source: a.source ? `${a.source.source}, ${a.source.where}` : null
		})),
		exposureRatio: s.exposureRatio,
		steadyState: { patient: metrics(s.steadyState.patient), typical: metrics(s.steadyState.typical) },
		window: s.window ? `${fmt(s.window.low)}–${fmt(s.window.high)} ${s.unit} (${s.window.what})` : null,
		cpic: s.cpic ? { guideline: s.cpic.guideline, gene: s.cpic.gene, phenotype: s.cpic.phenotype, advice: s.cpic.advice?.text ?? null } : null,
		modelEquivalentDose: s.equivalentDose.mg !== null ? `${fmt(s.equivalentDose.mg)} mg per ${r.interval} h (${Math.round(s.equivalentDose.fraction * 100)} % of the dose) — model figure, not a recommendation` : s.equivalentDose.reason,
		warnings: [...s.warnings],
		caveats: [...s.caveats, ...s.pharmacodynamicNotes.map((n) => `${n.gene}: ${n.text}`)],
		sources: Object.entries(s.sources).map(([k, v]) => `${k}: ${v}`),
		limits: [...PK_LIMITS]
	};
}

/** Lay the drug-model report out. */
export function pkReportLayout(r: PkClinicalReport): ReportLayout {
	const m = (x: PkClinicalReport['steadyState']['patient']) => [fmt(x.cmax), fmt(x.cmin), fmt(x.auc), x.timeInWindow === null ? '—' : `${Math.round(x.timeInWindow * 100)} %`];
	return {
		title: `Drug-exposure simulation report: ${r.drug.name}`,
		kind: 'pk',
		header: r.header,
		summary: [
			{
				title: 'Findings',
				blocks: [
					{ type: 'paragraph', text: `${r.drug.name} (${r.drug.use}); ${r.regimen}. Predicted steady-state exposure (AUC) is ${fmt(r.exposureRatio)} × that of a typical patient (simulation).` },
					r.cpic
						? { type: 'paragraph', tone: 'warning', text: `CPIC (${r.cpic.guideline}) for ${r.cpic.gene} ${r.cpic.phenotype}: ${r.cpic.advice ?? 'no advice text for this phenotype.'}` }
						: { type: 'paragraph', tone: 'muted', text: 'No CPIC guideline row applies to this drug and phenotype.' },
					{ type: 'paragraph', tone: 'muted', text: `Model equivalent dose: ${r.modelEquivalentDose}.` }
				]
			},
			{
				title: 'Genes and activity used',
				blocks: [
					{
						type: 'table',
						name: 'genes',
						columns: [
							{ label: 'Gene', width: 14 },
							{ label: 'Phenotype', width: 36 },
							{ label: 'Activity (genotype → with co-medications)', width: 25 },
							{ label: 'Co-medications', width: 25 }
						],
						rows: r.genes.map((g) => [g.gene, g.phenotype + (g.activityScore !== null ? ` (AS ${g.activityScore})` : ''), `${fmt(g.genetic)} → ${fmt(g.activity)}`, g.comedications.join('; ') || '—'])
					}
				]
			},
			{
				title: 'Steady state (one dosing interval)',
				blocks: [
					{
						type: 'table',
						name: 'exposure',
						columns: [
							{ label: 'Simulated patient', width: 20 },
							{ label: `Cmax (${r.unit})`, width: 20 },
							{ label: `Cmin (${r.unit})`, width: 20 },
							{ label: `AUC (${r.unit}·h)`, width: 20 },
							{ label: 'Time in window', width: 20 }
						],
						rows: [['This patient', ...m(r.steadyState.patient)], ['Typical patient', ...m(r.steadyState.typical)]]
					},
					...(r.window ? [{ type: 'paragraph' as const, tone: 'muted' as const, text: `Therapeutic window: ${r.window}.` }] : [])
				]
			},
			{ title: 'Limits', blocks: [{ type: 'list', items: [...r.limits, ...r.warnings] }] }
		],
		appendix: [
			{ title: 'Caveats', blocks: [{ type: 'list', items: r.caveats.length ? r.caveats : ['—'] }] },
			{ title: 'Sources of the model’s numbers', blocks: [{ type: 'list', items: r.sources.length ? r.sources : ['—'] }] }
		],
		disclaimer: `Simulation, not a measurement. ${CLINICAL_DISCLAIMER}`
	};
}

/** Read a drug-model report from untrusted JSON; throws ReportError. */
export function readPkReport(v: unknown): PkClinicalReport {
	const o = checkModel(v, 'pk', PK_REPORT_VERSION);
	const d = obj(o.drug ?? {}, 'the drug');
	const ss = obj(o.steadyState ?? {}, 'the steady state');
	const metrics = (x: unknown) => {
		const y = obj(x ?? {}, 'metrics');
		return { cmax: num(y.cmax) ?? 0, cmin: num(y.cmin) ?? 0, auc: num(y.auc) ?? 0, cavg: num(y.cavg) ?? 0, timeInWindow: num(y.timeInWindow) };
	};
	const c = o.cpic ? obj(o.cpic, 'CPIC') : null;
	return {
		format: REPORT_FORMAT,
		kind: 'pk',
		version: PK_REPORT_VERSION,
		header: readHeader(o.header),
		drug: { name: text(d.name, '?'), use: text(d.use), analyte: text(d.analyte), model: text(d.model) },
		regimen: text(o.regimen),
		unit: text(o.unit),
		genes: list(o.genes).map((g) => {
			const x = obj(g, 'a gene');
			return { gene: text(x.gene, '?'), phenotype: text(x.phenotype), activityScore: num(x.activityScore), genetic: num(x.genetic) ?? 0, activity: num(x.activity) ?? 0, comedications: texts(x.comedications), source: textOrNull(x.source) };
		}),
		exposureRatio: num(o.exposureRatio) ?? 0,
		steadyState: { patient: metrics(ss.patient), typical: metrics(ss.typical) },
		window: textOrNull(o.window),
		cpic: c ? { guideline: text(c.guideline), gene: text(c.gene), phenotype: text(c.phenotype), advice: textOrNull(c.advice) } : null,
		modelEquivalentDose: text(o.modelEquivalentDose),
		warnings: texts(o.warnings),
		caveats: texts(o.caveats),
		sources: texts(o.sources),
		limits: texts(o.limits)
	};
}
