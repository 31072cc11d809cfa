/**
 * The pharmacogenomics clinician report: a typed, versioned model built from a `PgxReport` (what
 * the page, the bundle, the Inbox, the PDF, FHIR and the CLI all use), and its layout for the
 * shared renderers in src/lib/report.
 */
import type { GenomeSummary } from '../genome/types';
import { CLINICAL_DISCLAIMER, REPORT_FORMAT, type ReportHeader, type ReportLayout, type ReportModelBase, type ReportSection } from '../report/types';
import { checkModel, list, num, obj, readHeader, text, textOrNull, texts } from '../report/read';
import type { GeneCall, SiteEvidence } from './caller';
import type { KbSource } from './kb-types';
import type { DrugRecommendation } from './recommend';
import { compactDiplotype, limitedTest, plainPopulation, recommendedChange, shortPopulation } from './plain';

export { recommendedChange };

/** Version of `PgxClinicalReport`; bump on any incompatible change. */
export const PGX_REPORT_VERSION = 1;

/** One gene row of the report. */
export interface PgxReportGene {
	gene: string;
	diplotypes: string[];
	phenotype: string;
	activityScore: number | null;
	/** Positions the caller read vs the gene's defining positions. */
	coverage: { tested: number; total: number };
	/** Allele names the data could not test (not ruled out). */
	untested: string[];
	partiallyTested: string[];
	/** True when genotypes were phased (VCF "|"); false for arrays and unphased VCFs. */
	phased: boolean;
	source: 'file' | 'outside';
	screening: boolean;
	/** True when the result differs from the typical (normal function / negative screen) one. */
	atypical: boolean;
	/**
	 * The "limited test — normal not confirmed" tag (DPYD, TPMT, NUDT15, CYP2D6, CYP2C19, HLA with
	 * key alleles untested); absent in reports made before it existed.
	 */
	limited?: boolean;
	warnings: string[];
	evidence: SiteEvidence[];
}

/** One CPIC recommendation that applies. */
export interface PgxReportRecommendation {
	drug: string;
	genes: string[];
	/** The gene results it rests on ("CYP2C19: Intermediate Metabolizer"). */
	basis: { gene: string; key: string; screening: boolean; outside: boolean }[];
	/** CPIC classification (strength): Strong, Moderate, Optional, No recommendation. */
	strength: string;
	recommendation: string;
	implications: string[];
	population: string;
	/** Guideline source with version, and its URL. */
	source: string;
	url: string;
	/** True when a gene behind it has an atypical result: listed first in the summary. */
	actionable: boolean;
}

/** The PGx clinician report model (version 1). */
export interface PgxClinicalReport extends ReportModelBase<'pgx'> {
	kind: 'pgx';
	version: typeof PGX_REPORT_VERSION;
	knowledgeBase: { version: string; sources: KbSource[] };
	genes: PgxReportGene[];
	recommendations: PgxReportRecommendation[];
	/** Drugs whose guideline needs a gene this file could not determine. */
	notDeterminable: string[];
	limits: string[];
}

/** What the caller knows about the patient and the file (not in the PGx result). */
export interface PgxReportContext {
	patientName: string | null;
	dateOfBirth?: string | null;
	/** ISO date-time; defaults to now. */
	reportDate?: string;
	sourceFile: string;
	sourceSha256?: string | null;
	summary: Pick<GenomeSummary, 'format' | 'formatDetail' | 'build' | 'sex'>;
	/** When the user stated the sex instead of the inference (CLI --sex). */
	sexStated?: boolean;
	producedBy?: string;
}

const TYPICAL = /^(normal\b|rapid metabolizer|favorable response|reference|no cpic phenotype|ivacaftor non-responsive)|negative/i;

/**
 * True when a gene result is the typical one (normal function, negative screen, reference for
 * susceptibility genes), so it is not listed among the actionable findings.
 */
export function isTypicalPhenotype(phenotype: string, diplotypes: string[] = []): boolean {
	if (/^(not determinable|indeterminate)$/i.test(phenotype)) return true;
	if (/uncertain susceptibility/i.test(phenotype) && diplotypes.length > 0 && diplotypes.every((d) => /^reference\/reference$/i.test(d))) return true;
	return TYPICAL.test(phenotype);
}

/** Test type and its limits, in words, from the file format. */
export function describeTest(summary: Pick<GenomeSummary, 'format' | 'formatDetail'>): { testType: string; testLimits: string } {
	if (summary.format === 'vcf')
		return {
			testType: `Variant calls (${summary.formatDetail}) from sequencing or genotyping`,
			testLimits:
				'Only positions present in the VCF are read; a position the VCF does not list is reported as not tested, never as reference. No copy-number or structural variants (e.g. CYP2D6 deletions, duplications, hybrids); HLA by tag SNP only.'
		};
	return {
		testType: `Consumer genotyping array (${summary.formatDetail})`,
		testLimits:
			'A genotyping array reads a fixed set of positions: rare and private variants, copy-number changes (CYP2D6 deletions, duplications, hybrids) and HLA types are not measured; positions absent from the file are reported as not tested, never as normal. Arrays are unphased.'
	};
}

/** The PGx report limits (shown on the page, the PDF and the Inbox). */
export const PGX_LIMITS = [
	'Positions absent from the file are treated as not tested, never as normal; gene versions that could not be tested are listed per gene.',
	'CYP2D6 is read from single-nucleotide changes only: no copy-number or hybrid detection (deletions, duplications and hybrids are invisible).',
	'HLA results are tag-SNP screens, not HLA typing; confirm before prescribing. HLA-B*15:02 is not screened (no validated tag SNP).',
	'Unphased data may fit several diplotypes; all are shown, and the phenotype is indeterminate when they disagree.',
	'Recommendations are CPIC guideline text for the genotype-predicted phenotype; they do not replace clinical judgement, drug interactions or organ function.',
	'Consumer arrays can contain errors; confirm actionable results with a clinical test.'
];

function sexWords(ctx: PgxReportContext): string {
	const s = ctx.summary.sex;
	if (ctx.sexStated) return `${s} (stated by the user)`;
	return s === 'unknown' ? 'unknown (could not be inferred; X-linked genes such as G6PD read without it)' : `${s} (inferred from X/Y genotypes)`;
}

/** Build the PGx report model from the caller's result and the context of the file. */
export function buildPgxReport(
	result: { kb: { version: string; sources: KbSource[] }; genes: GeneCall[]; drugs: DrugRecommendation[] },
	ctx: PgxReportContext
): PgxClinicalReport {
	const genes: PgxReportGene[] = result.genes.map((g) => ({
		gene: g.gene,
		diplotypes: [...g.diplotypes],
		phenotype: g.phenotype,
		activityScore: g.activityScore,
		coverage: { tested: g.testedPositions, total: g.testedPositions + g.missingPositions },
		untested: [...g.untested],
		partiallyTested: [...g.partiallyTested],
		phased: Boolean((g as GeneCall & { phased?: boolean }).phased),
		source: g.source,
		screening: Boolean(g.screening),
		atypical: !isTypicalPhenotype(g.phenotype, g.diplotypes),
		limited: limitedTest(g),
		warnings: [...g.warnings],
		evidence: g.evidence.map((e) => ({ ...e }))
	}));
	const byGene = new Map(genes.map((g) => [g.gene, g]));
	const applies = result.drugs.filter((d) => d.determined && !/^n\/?a$/i.test(d.classification));
	const recommendations: PgxReportRecommendation[] = applies.map((d) => ({
		drug: d.drug,
		genes: [...d.genes],
		basis: d.basis.map((b) => ({ ...b })),
		strength: d.classification,
		recommendation: d.recommendation,
		implications: [...d.implications],
		population: d.population,
		source: d.source,
		url: d.url,
		actionable: d.basis.some((b) => byGene.get(b.gene)?.atypical || (b.gene.startsWith('HLA-') && /positive/.test(b.key)))
	}));
	recommendations.sort((a, b) => Number(b.actionable) - Number(a.actionable) || a.drug.localeCompare(b.drug));
	const { testType, testLimits } = describeTest(ctx.summary);
	const header: ReportHeader = {
		patientName: ctx.patientName,
		dateOfBirth: ctx.dateOfBirth ?? null,
		reportDate: ctx.reportDate ?? new Date().toISOString(),
		sourceFile: ctx.sourceFile,
		sourceSha256: ctx.sourceSha256 ?? null,
		build: ctx.summary.build,
		sex: sexWords(ctx),
		testType,
		testLimits,
		// The header names the knowledge-base version (it encodes the CPIC/PharmVar snapshots); every
		// source with its full version, licence and URL is in the appendix.
		sources: [{ name: 'Qenome PGx knowledge base', version: result.kb.version }],
		producedBy: ctx.producedBy ?? 'Qenome (on-device analysis)'
	};
	return {
		format: REPORT_FORMAT,
		kind: 'pgx',
		version: PGX_REPORT_VERSION,
		header,
		knowledgeBase: { version: result.kb.version, sources: result.kb.sources.map((s) => ({ ...s })) },
		genes,
		recommendations,
		notDeterminable: [...new Set(result.drugs.filter((d) => !d.determined).map((d) => d.drug))].sort(),
		limits: [...PGX_LIMITS]
	};
}

/** First sentence(s) of a recommendation, up to about `max` characters, for the summary table. */
export function shortText(text: string, max = 240): string {
	const t = text.replace(/\s+/g, ' ').trim();
	if (t.length <= max) return t;
	const cut = t.slice(0, max);
	const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('; '));
	return (end > 60 ? cut.slice(0, end + 1) : cut.slice(0, cut.lastIndexOf(' '))) + ' …';
}

/** "CPIC · PA166104997 v48" from a source string. */
export function shortSource(source: string): string {
	const m = /(PA\d+)\s+(v\d+)/.exec(source);
	return m ? `CPIC ${m[1]} ${m[2]}` : source.split(' — ')[0];
}

/** Diplotypes the summary lists before it counts the rest (the appendix lists every one). */
const SUMMARY_DIPLOTYPES = 3;

/** The gene's diplotypes; `brief` (the summary) names the first few and counts the rest. */
function diplotypeText(g: PgxReportGene, brief = false): string {
	const d = g.diplotypes.map(compactDiplotype);
	const listed = brief && d.length > SUMMARY_DIPLOTYPES + 1 ? `${d.slice(0, SUMMARY_DIPLOTYPES).join(' or ')} or ${d.length - SUMMARY_DIPLOTYPES} more (all in the appendix)` : d.join(' or ');
	return (listed || '—') + (g.source === 'outside' ? ' (entered by the user)' : '');
}

function coverageText(g: PgxReportGene): string {
	const parts = [`${g.coverage.tested}/${g.coverage.total} pos.`];
	if (g.untested.length) parts.push(`${g.untested.length} untested`);
	if (g.partiallyTested.length) parts.push(`${g.partiallyTested.length} partly`);
	return parts.join('; ');
}

function phenotypeText(g: PgxReportGene): string {
	return (
		g.phenotype +
		(g.activityScore !== null ? ` (activity score ${g.activityScore})` : '') +
		(g.screening ? ' — screen, not typing' : '') +
		(g.limited ? ' — limited test, normal not confirmed' : '')
	);
}

/** Lay the PGx report out for the PDF and the HTML view. */
export function pgxReportLayout(r: PgxClinicalReport): ReportLayout {
	const actionable = r.recommendations.filter((x) => x.actionable);
	const other = r.recommendations.filter((x) => !x.actionable);
	// The summary table: guideline-backed changes (Strong/Moderate); the rest of the affected drugs are named below it.
	const changes = actionable.filter((x) => /^(strong|moderate)$/i.test(x.strength) && recommendedChange(x.recommendation));
	const alsoAffected = actionable.filter((x) => !changes.includes(x));
	const atypical = r.genes.filter((g) => g.atypical);
	const byGene = new Map(r.genes.map((g) => [g.gene, g]));
	const basisText = (x: PgxReportRecommendation, brief = false) =>
		x.basis
			.map((b) => {
				const g = byGene.get(b.gene);
				const what = g && !b.gene.startsWith('HLA-') ? `${diplotypeText(g, brief)} ${g.phenotype}${g.activityScore !== null ? ` (AS ${g.activityScore})` : ''}` : b.key;
				return `${b.gene} ${what}${b.screening ? ' (screen)' : ''}${b.outside ? ' (entered)' : ''}`;
			})
			.join('; ');
	const summary: ReportSection[] = [
		{
			title: 'Actionable findings',
			blocks: [
				...(atypical.length
					? []
					: [{ type: 'paragraph' as const, text: 'No gene with a result other than typical function was found among the positions tested.' }]),
				changes.length
					? {
							type: 'table',
							name: 'actionable',
							columns: [
								{ label: 'Medicine', width: 14 },
								{ label: 'Based on', width: 25 },
								{ label: 'CPIC strength · source', width: 16 },
								{ label: 'Recommendation', width: 45 }
							],
							caption: 'Recommendations ending in “…” are shortened; the appendix gives every recommendation in full with its implications and source.',
							rows: changes.map((x) => [
								x.drug + (x.population !== 'general' ? ` (${shortPopulation(x.population)})` : ''),
								basisText(x, true),
								`${x.strength} · ${shortSource(x.source)}`,
								shortText(x.recommendation, 90)
							])
						}
					: { type: 'paragraph', text: 'No Strong or Moderate CPIC recommendation calls for a change of drug or dose for the genes tested.', tone: 'muted' },
				...(alsoAffected.length
					? [
							{
								type: 'paragraph' as const,
								tone: 'muted' as const,
								text: `Also guided by these results (optional-strength advice, monitoring, or standard dosing; full text in the appendix): ${[...new Set(alsoAffected.map((x) => `${x.drug} (${x.strength})`))].join(', ')}.`
							}
						]
					: []),
				...(r.notDeterminable.length
					? [{ type: 'paragraph' as const, tone: 'muted' as const, text: `No recommendation possible from this file (a gene the guideline needs could not be read): ${r.notDeterminable.join(', ')}.` }]
					: [])
			]
		},
		{
			title: 'Genes, diplotypes, phenotypes and coverage',
			blocks: [
				{
					type: 'table',
					name: 'genes',
					columns: [
						{ label: 'Gene', width: 10 },
						{ label: 'Diplotype', width: 34 },
						{ label: 'Phenotype', width: 32 },
						{ label: 'Coverage (positions read; alleles not / partly tested)', width: 26 }
					],
					rows: r.genes.filter((g) => g.diplotypes.length).map((g) => [g.gene, diplotypeText(g, true), phenotypeText(g), coverageText(g)])
				},
				// Genes with no diplotype at all take one line here; the appendix has each one's positions.
				...(r.genes.some((g) => !g.diplotypes.length)
					? [
							{
								type: 'paragraph' as const,
								tone: 'muted' as const,
								text: `Not determinable from this file (too few defining positions read; positions and untested alleles in the appendix): ${r.genes
									.filter((g) => !g.diplotypes.length)
									.map((g) => g.gene)
									.join(', ')}.`
							}
						]
					: [])
			]
		},
		{
			title: 'Limits',
			blocks: [
				{
					type: 'paragraph',
					tone: 'muted',
					text: [
						`Phasing: ${r.genes.some((g) => g.phased) ? 'phased genotypes used where the file states them' : 'unphased genotypes; diplotypes are inferred'}; coverage = defining positions present in the file, and "untested" alleles cannot be ruled out.`,
						...r.limits
					]
						.map((l, i) => `${i + 1}. ${l}`)
						.join(' ')
				}
			]
		}
	];
	const appendix: ReportSection[] = [
		{
			title: 'All recommendations that apply',
			blocks: [
				{
					type: 'table',
					name: 'recommendations',
					columns: [
						{ label: 'Medicine', width: 14 },
						{ label: 'Based on', width: 20 },
						{ label: 'Strength', width: 11 },
						{ label: 'Recommendation and implications', width: 55 }
					],
					rows: [...actionable, ...other].map((x) => [
						x.drug + (x.population !== 'general' ? ` (${plainPopulation(x.population)})` : ''),
						basisText(x),
						x.strength,
						[x.recommendation, ...x.implications.map((i) => `Implication: ${i}`), `Source: ${x.source}`].join('\n')
					])
				},
				...(r.notDeterminable.length
					? [{ type: 'paragraph' as const, text: `Not determinable from this file (a gene the guideline needs could not be read): ${r.notDeterminable.join(', ')}.` }]
					: [])
			]
		},
		{
			title: 'Gene detail: positions read, untested alleles, notes',
			blocks: r.genes.flatMap((g) => [
				{ type: 'paragraph' as const, text: `${g.gene} — ${diplotypeText(g)}; ${phenotypeText(g)}; ${coverageText(g)}.` },
				...(g.untested.length ? [{ type: 'paragraph' as const, tone: 'muted' as const, text: `Not tested: ${g.untested.join(', ')}` }] : []),
				...(g.partiallyTested.length ? [{ type: 'paragraph' as const, tone: 'muted' as const, text: `Partly tested: ${g.partiallyTested.join(', ')}` }] : []),
				...(g.warnings.length ? [{ type: 'list' as const, items: g.warnings }] : []),
				...(g.evidence.some((e) => e.status === 'tested')
					? [
							{
								type: 'paragraph' as const,
								tone: 'muted' as const,
								text: `Positions read: ${g.evidence
									.filter((e) => e.status === 'tested')
									.map((e) => `${e.rsid ?? e.position} ${e.label} ${e.genotype ?? '—'}${e.palindromic ? ' (A/T or C/G)' : ''}`)
									.join('; ')}.`
							}
						]
					: [])
			])
		},
		{
			title: 'Sources and versions',
			blocks: [
				{ type: 'list', items: r.knowledgeBase.sources.map((s) => `${s.name} — ${s.version}. ${s.attribution} Licence: ${s.licence}. ${s.url}`) },
				{ type: 'list', items: [...new Set(r.recommendations.map((x) => `${x.source} ${x.url}`))] }
			]
		}
	];
	return { title: 'Pharmacogenomics report', kind: 'pgx', header: r.header, summary, appendix, disclaimer: CLINICAL_DISCLAIMER };
}

/** Read a PGx report model from untrusted JSON (a bundle, storage); throws ReportError. */
export function readPgxReport(v: unknown): PgxClinicalReport {
	const o = checkModel(v, 'pgx', PGX_REPORT_VERSION);
	const kb = obj(o.knowledgeBase ?? {}, 'the knowledge base');
	return {
		format: REPORT_FORMAT,
		kind: 'pgx',
		version: PGX_REPORT_VERSION,
		header: readHeader(o.header),
		knowledgeBase: {
			version: text(kb.version, '—'),
			sources: list(kb.sources).map((s) => {
				const x = obj(s, 'a source');
				return { name: text(x.name), version: text(x.version), licence: text(x.licence), attribution: text(x.attribution), url: text(x.url) };
			})
		},
		genes: list(o.genes).map((g) => {
			const x = obj(g, 'a gene');
			const cov = obj(x.coverage ?? {}, 'coverage');
			return {
				gene: text(x.gene, '?'),
				diplotypes: texts(x.diplotypes),
				phenotype: text(x.phenotype, '—'),
				activityScore: num(x.activityScore),
				coverage: { tested: num(cov.tested) ?? 0, total: num(cov.total) ?? 0 },
				untested: texts(x.untested),
				partiallyTested: texts(x.partiallyTested),
				phased: x.phased === true,
				source: x.source === 'outside' ? 'outside' : 'file',
				screening: x.screening === true,
				atypical: x.atypical === true,
				limited: x.limited === true,
				warnings: texts(x.warnings),
				evidence: list(x.evidence).map((e) => {
					const y = obj(e, 'a position');
					const status = y.status === 'tested' || y.status === 'unreadable' ? y.status : 'missing';
					return { rsid: textOrNull(y.rsid), position: text(y.position), label: text(y.label), genotype: textOrNull(y.genotype), status, palindromic: y.palindromic === true };
				})
			};
		}),
		recommendations: list(o.recommendations).map((r) => {
			const x = obj(r, 'a recommendation');
			return {
				drug: text(x.drug, '?'),
				genes: texts(x.genes),
				basis: list(x.basis).map((b) => {
					const y = obj(b, 'a basis');
					return { gene: text(y.gene), key: text(y.key), screening: y.screening === true, outside: y.outside === true };
				}),
				strength: text(x.strength, '—'),
				recommendation: text(x.recommendation),
				implications: texts(x.implications),
				population: text(x.population, 'general'),
				source: text(x.source),
				url: text(x.url),
				actionable: x.actionable === true
			};
		}),
		notDeterminable: texts(o.notDeterminable),
		limits: texts(o.limits)
	};
}
