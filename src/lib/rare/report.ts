/**
 * The rare-disease clinician report: a typed, versioned model built from a `RareResult` (used by
 * the page, the bundle, the Inbox, the PDF, FHIR and the CLI), its layout for the shared renderers
 * in src/lib/report, and a guarded reader for received documents.
 */
import { checkModel, list, num, obj, readHeader, text, textOrNull, texts } from '../report/read';
import { CLINICAL_DISCLAIMER, REPORT_FORMAT, type ReportHeader, type ReportLayout, type ReportModelBase, type ReportSection } from '../report/types';
import type { SecondaryReport, SecondaryVariant } from './secondary';
import type { RareResult } from './types';

/** Version of `RareClinicalReport`. */
export const RARE_REPORT_VERSION = 1;

/** One candidate variant as reported. */
export interface RareReportVariant {
	chrom: string;
	pos: number;
	ref: string;
	alt: string;
	genotype: string;
	zygosity: string;
	consequence: string;
	frequency: number | null;
	/** "pathogenic (2★, ClinVar 12345)" or null. */
	clinvar: string | null;
	/** Family segregation in words, when a family analysis ran. */
	segregation: string | null;
}

/** One ranked gene as reported. */
export interface RareReportGene {
	rank: number;
	gene: string;
	score: number;
	phenotypeScore: number;
	variantScore: number | null;
	inheritance: string[];
	diseases: { id: string; name: string; modes: string[] }[];
	/** Query terms the top disease explains, and how ("exact", "partial", "excluded-present"…). */
	evidence: string[];
	variants: RareReportVariant[];
	constraint: { pLI: number | null; loeuf: number | null };
	unknowns: string[];
}

/** One opted-in secondary finding or carrier result as reported (variants in words). */
export interface RareReportSecondaryItem {
	gene: string;
	condition: string;
	inheritance: string;
	/** SF: 'reportable' | 'possible'; carrier: 'carrier' | 'more-than-carrier'. */
	status: string;
	reason: string;
	variants: string[];
}

/** The opt-in section: present only when the person chose secondary findings and/or carrier screening. */
export interface RareReportSecondary {
	/** Lists used, with version and citation. */
	lists: string[];
	clinvar: string | null;
	/** null = not chosen; [] = chosen, nothing found (read with `notAssessed`). */
	secondaryFindings: (RareReportSecondaryItem & { variantsToReport: string })[] | null;
	carrier: RareReportSecondaryItem[] | null;
	notAssessed: string[];
	method: string;
}

/** The rare-disease report model (version 1). Also the body of the family report. */
export interface RareClinicalReport extends ReportModelBase<'rare'> {
	kind: 'rare';
	version: typeof RARE_REPORT_VERSION;
	hpo: { version: string; annotations: string; attribution: string };
	build: string | null;
	phenotype: { observed: { id: string; name: string }[]; excluded: { id: string; name: string }[]; sex: string };
	input: { file: string | null; sample: string | null; format: string | null; variantsConsidered: number; records: number };
	genes: RareReportGene[];
	method: string;
	warnings: string[];
	limits: string[];
	/** Opt-in secondary findings / carrier screening (absent unless chosen). */
	secondary?: RareReportSecondary;
}

/** The patient and report context a rare-disease result lacks. */
export interface RareReportContext {
	patientName?: string | null;
	dateOfBirth?: string | null;
	reportDate?: string;
	sourceSha256?: string | null;
	producedBy?: string;
	/** How many ranked genes the report keeps (default 20). */
	top?: number;
}

/** Limits every rare-disease report states. */
export const RARE_LIMITS = [
	'A ranking to guide review, not a diagnosis: the top gene is a candidate until confirmed by a clinical laboratory and a clinician who knows the patient.',
	'Phenotype matching depends on the HPO terms entered; missing or imprecise terms change the ranking.',
	'Only variants in the file are considered: no copy-number, structural, repeat-expansion or mitochondrial heteroplasmy calls unless the file holds them; a consumer array reads known positions only.',
	'Population frequencies and ClinVar assertions are used only when the file or a supplied ClinVar file carries them.'
];

/** HPO term names from the result's own evidence (the ontology's labels). */
export function hpoNames(r: RareResult): Map<string, string> {
	const m = new Map<string, string>();
	for (const g of r.genes) for (const d of g.diseases) for (const t of d.matches) if (t.queryName) m.set(t.query, t.queryName);
	return m;
}

const secondaryVariantText = (v: SecondaryVariant) =>
	`${v.chrom}:${v.pos} ${v.ref}>${v.alt} ${v.genotype} (${v.zygosity}), ${v.consequence.replace(/_/g, ' ')}${v.clinvar ? `, ClinVar ${v.clinvar.significance.replace(/_/g, ' ')} (${v.clinvar.stars}★, ${v.clinvar.id})` : v.evidence === 'predicted-lof' ? ', predicted loss of function (not classified)' : ', the variant the list names'}`;

/** The report's opt-in section from a result's `secondary`. */
export function buildSecondarySection(s: SecondaryReport): RareReportSecondary {
	return {
		lists: [
			...(s.optIn.secondaryFindings ? [`${s.lists.secondaryFindings.name} (${s.lists.secondaryFindings.genes} genes): ${s.lists.secondaryFindings.citation}`] : []),
			...(s.optIn.carrier ? [`${s.lists.carrier.name} (${s.lists.carrier.genes} genes): ${s.lists.carrier.citation}`] : [])
		],
		clinvar: s.clinvar ? `ClinVar ${s.clinvar.release}, at least ${s.clinvar.minStars}★` : null,
		secondaryFindings: s.secondaryFindings?.map((f) => ({ gene: f.gene, condition: f.condition, inheritance: f.inheritance, status: f.status, reason: f.reason, variantsToReport: f.variantsToReport, variants: f.variants.map(secondaryVariantText) })) ?? null,
		carrier: s.carrier?.map((f) => ({ gene: f.gene, condition: f.condition, inheritance: f.inheritance, status: f.status, reason: f.reason, variants: f.variants.map(secondaryVariantText) })) ?? null,
		notAssessed: [...s.notAssessed],
		method: s.method
	};
}

/** Build the report model from a rare-disease result. */
export function buildRareReport(r: RareResult, ctx: RareReportContext = {}): RareClinicalReport {
	const names = hpoNames(r);
	const term = (id: string) => ({ id, name: names.get(id) ?? id });
	const header: ReportHeader = {
		patientName: ctx.patientName ?? null,
		dateOfBirth: ctx.dateOfBirth ?? null,
		reportDate: ctx.reportDate ?? r.created,
		sourceFile: r.input.file ?? 'none (phenotype only)',
		sourceSha256: ctx.sourceSha256 ?? null,
		build: r.build ?? '— (phenotype only)',
		sex: r.query.sex === 'unknown' ? 'not stated (X-linked modes not assumed)' : `${r.query.sex} (stated)`,
		testType: r.input.format === 'vcf' ? 'Variant calls (VCF) ranked with the HPO phenotype' : r.input.format === 'array' ? 'Consumer genotyping array ranked with the HPO phenotype (known variants only)' : 'Phenotype-only ranking (no genome)',
		testLimits: RARE_LIMITS[2],
		sources: [
			{ name: 'Human Phenotype Ontology', version: r.hpo.version },
			{ name: 'HPO annotations', version: r.hpo.annotations },
			...(r.references ?? []).map((x) => ({ name: x.name, version: x.version }))
		],
		producedBy: ctx.producedBy ?? 'Qenome (on-device analysis)'
	};
	const genes = r.genes.slice(0, ctx.top ?? 20).map((g) => {
		const top = g.diseases[0];
		return {
			rank: g.rank,
			gene: g.gene,
			score: g.score,
			phenotypeScore: g.phenotypeScore,
			variantScore: g.variantScore,
			inheritance: [...g.inheritance],
			diseases: g.diseases.slice(0, 3).map((d) => ({ id: d.id, name: d.name, modes: [...d.modes] })),
			evidence: top ? top.matches.map((t) => `${t.queryName || t.query}: ${t.kind}${t.matchedName && t.kind === 'partial' ? ` (via ${t.matchedName})` : ''}`) : [],
			variants: g.variants.slice(0, 6).map((v) => ({
				chrom: v.chrom,
				pos: v.pos,
				ref: v.ref,
				alt: v.alt,
				genotype: v.genotype,
				zygosity: v.zygosity,
				consequence: v.consequence,
				frequency: v.frequency,
				clinvar: v.clinvar ? `${v.clinvar.significance.replace(/_/g, ' ')} (${v.clinvar.stars}★, ClinVar ${v.clinvar.id})` : null,
				segregation: v.segregation ? `${v.segregation.patterns.join(', ') || 'no pattern fits'}${v.segregation.consistent ? '' : ' — contradicted by the pedigree'}` : null
			})),
			constraint: { pLI: g.constraint.pLI, loeuf: g.constraint.loeuf },
			unknowns: [...g.unknowns]
		};
	});
	return {
		format: REPORT_FORMAT,
		kind: 'rare',
		version: RARE_REPORT_VERSION,
		header,
		hpo: { ...r.hpo },
		build: r.build,
		phenotype: { observed: r.query.observed.map(term), excluded: r.query.excluded.map(term), sex: r.query.sex },
		input: { ...r.input },
		genes,
		method: r.method,
		warnings: [...r.warnings],
		limits: [...RARE_LIMITS],
		...(r.secondary ? { secondary: buildSecondarySection(r.secondary) } : {})
	};
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const variantText = (v: RareReportVariant) =>
	`${v.chrom}:${v.pos} ${v.ref}>${v.alt} ${v.genotype} (${v.zygosity}), ${v.consequence.replace(/_/g, ' ')}${v.frequency !== null ? `, AF ${v.frequency.toPrecision(2)}` : ''}${v.clinvar ? `, ${v.clinvar}` : ''}${v.segregation ? `; family: ${v.segregation}` : ''}`;

/** The sections of a rare-disease layout (shared with the family report). */
export function rareSections(r: Omit<RareClinicalReport, 'kind' | 'version' | 'format'>): { summary: ReportSection[]; appendix: ReportSection[] } {
	const summary: ReportSection[] = [
		{
			title: 'Ranked candidate genes',
			blocks: [
				{
					type: 'table',
					name: 'genes',
					columns: [
						{ label: 'Gene', width: 12 },
						{ label: 'Rank · score', width: 12 },
						{ label: 'Best-matching disease (inheritance)', width: 36 },
						{ label: 'Candidate variants', width: 40 }
					],
					rows: r.genes.slice(0, 10).map((g) => [
						g.gene,
						`#${g.rank} · ${pct(g.score)}`,
						g.diseases[0] ? `${g.diseases[0].name} (${g.diseases[0].id}${g.diseases[0].modes.length ? `; ${g.diseases[0].modes.join(', ')}` : ''})` : '—',
						g.variants.length ? g.variants.slice(0, 2).map(variantText).join('\n') : r.input.file ? 'none passing the filters' : 'no genome given'
					])
				}
			]
		},
		{
			title: 'Phenotype (HPO terms)',
			blocks: [
				{ type: 'paragraph', text: `Observed: ${r.phenotype.observed.map((t) => `${t.name} (${t.id})`).join('; ') || '—'}.` },
				...(r.phenotype.excluded.length ? [{ type: 'paragraph' as const, text: `Excluded: ${r.phenotype.excluded.map((t) => `${t.name} (${t.id})`).join('; ')}.` }] : [])
			]
		},
		...(r.secondary ? [secondaryReportSection(r.secondary)] : []),
		{ title: 'Limits', blocks: [{ type: 'list', items: r.limits }, ...(r.warnings.length ? [{ type: 'list' as const, items: r.warnings }] : [])] }
	];
	const appendix: ReportSection[] = [
		{
			title: 'Evidence per gene',
			blocks: r.genes.flatMap((g) => [
				{
					type: 'paragraph' as const,
					text: `#${g.rank} ${g.gene} — score ${pct(g.score)}, phenotype ${pct(g.phenotypeScore)}, variants ${pct(g.variantScore)}; inheritance ${g.inheritance.join(', ') || '—'}; pLI ${g.constraint.pLI ?? '—'}, LOEUF ${g.constraint.loeuf ?? '—'}.`
				},
				...(g.diseases.length ? [{ type: 'paragraph' as const, tone: 'muted' as const, text: `Diseases: ${g.diseases.map((d) => `${d.name} (${d.id})`).join('; ')}` }] : []),
				...(g.evidence.length ? [{ type: 'paragraph' as const, tone: 'muted' as const, text: `Terms: ${g.evidence.join('; ')}` }] : []),
				...(g.variants.length ? [{ type: 'list' as const, items: g.variants.map(variantText) }] : []),
				...(g.unknowns.length ? [{ type: 'paragraph' as const, tone: 'muted' as const, text: `Not assessed: ${g.unknowns.join('; ')}` }] : [])
			])
		},
		{
			title: 'Method and versions',
			blocks: [
				{ type: 'paragraph', text: r.method },
				{
					type: 'fields',
					items: [
						{ label: 'HPO', value: r.hpo.version },
						{ label: 'Annotations', value: r.hpo.annotations },
						{ label: 'Genome', value: `${r.input.file ?? 'none'}${r.input.sample ? ` (sample ${r.input.sample})` : ''}; ${r.input.records} records, ${r.input.variantsConsidered} variants considered; build ${r.build ?? '—'}` }
					]
				},
				{ type: 'paragraph', tone: 'muted', text: r.hpo.attribution }
			]
		}
	];
	return { summary, appendix };
}

/** The report section of the opt-in secondary findings / carrier screening (its own section, chosen by the patient). */
export function secondaryReportSection(s: RareReportSecondary): ReportSection {
	const items = (l: RareReportSecondaryItem[]) =>
		l.flatMap((f) => [
			{ type: 'paragraph' as const, text: `${f.gene} — ${f.condition} (${f.inheritance}; ${f.status.replace(/-/g, ' ')}): ${f.reason}` },
			...(f.variants.length ? [{ type: 'list' as const, items: f.variants }] : [])
		]);
	const blocks: ReportSection['blocks'] = [{ type: 'paragraph', tone: 'muted', text: `Chosen by the patient. ${s.lists.join(' ')}${s.clinvar ? ` ${s.clinvar}.` : ' No ClinVar file.'}` }];
	if (s.secondaryFindings) {
		blocks.push({ type: 'paragraph', text: s.secondaryFindings.length ? `Secondary findings: ${s.secondaryFindings.length}.` : 'Secondary findings: none found in what could be assessed (see below).' });
		blocks.push(...items(s.secondaryFindings));
	}
	if (s.carrier) {
		blocks.push({ type: 'paragraph', text: s.carrier.length ? `Carrier screening: ${s.carrier.length} gene(s).` : 'Carrier screening: no carrier variant found in what could be assessed (see below).' });
		blocks.push(...items(s.carrier));
	}
	blocks.push({ type: 'paragraph', tone: 'muted', text: 'Could not be assessed:' }, { type: 'list', items: s.notAssessed }, { type: 'paragraph', tone: 'muted', text: s.method });
	return { title: 'Secondary findings and carrier screening (opted in)', blocks };
}

/** Lay the rare-disease report out for the PDF and the HTML view. */
export function rareReportLayout(r: RareClinicalReport): ReportLayout {
	return { title: 'Rare-disease gene ranking report', kind: 'rare', header: r.header, ...rareSections(r), disclaimer: CLINICAL_DISCLAIMER };
}

/** Read the body shared by rare and family reports. */
export function readRareBody(o: Record<string, unknown>): Omit<RareClinicalReport, 'kind' | 'version' | 'format'> {
	const hpo = obj(o.hpo ?? {}, 'HPO');
	const ph = obj(o.phenotype ?? {}, 'the phenotype');
	const inp = obj(o.input ?? {}, 'the input');
	const termList = (v: unknown) => list(v).map((t) => ({ id: text(obj(t, 'a term').id), name: text(obj(t, 'a term').name) }));
	return {
		header: readHeader(o.header),
		hpo: { version: text(hpo.version, '—'), annotations: text(hpo.annotations, '—'), attribution: text(hpo.attribution) },
		build: textOrNull(o.build),
		phenotype: { observed: termList(ph.observed), excluded: termList(ph.excluded), sex: text(ph.sex, 'unknown') },
		input: { file: textOrNull(inp.file), sample: textOrNull(inp.sample), format: textOrNull(inp.format), variantsConsidered: num(inp.variantsConsidered) ?? 0, records: num(inp.records) ?? 0 },
		genes: list(o.genes).map((g) => {
			const x = obj(g, 'a gene');
			const c = obj(x.constraint ?? {}, 'constraint');
			return {
				rank: num(x.rank) ?? 0,
				gene: text(x.gene, '?'),
				score: num(x.score) ?? 0,
				phenotypeScore: num(x.phenotypeScore) ?? 0,
				variantScore: num(x.variantScore),
				inheritance: texts(x.inheritance),
				diseases: list(x.diseases).map((d) => {
					const y = obj(d, 'a disease');
					return { id: text(y.id), name: text(y.name), modes: texts(y.modes) };
				}),
				evidence: texts(x.evidence),
				variants: list(x.variants).map((v) => {
					const y = obj(v, 'a variant');
					return {
						chrom: text(y.chrom),
						pos: num(y.pos) ?? 0,
						ref: text(y.ref),
						alt: text(y.alt),
						genotype: text(y.genotype),
						zygosity: text(y.zygosity),
						consequence: text(y.consequence),
						frequency: num(y.frequency),
						clinvar: textOrNull(y.clinvar),
						segregation: textOrNull(y.segregation)
					};
				}),
				constraint: { pLI: num(c.pLI), loeuf: num(c.loeuf) },
				unknowns: texts(x.unknowns)
			};
		}),
		method: text(o.method),
		warnings: texts(o.warnings),
		limits: texts(o.limits),
		...(o.secondary ? { secondary: readSecondary(obj(o.secondary, 'the secondary findings')) } : {})
	};
}

function readSecondary(o: Record<string, unknown>): RareReportSecondary {
	const item = (v: unknown) => {
		const y = obj(v, 'a finding');
		return { gene: text(y.gene, '?'), condition: text(y.condition), inheritance: text(y.inheritance), status: text(y.status), reason: text(y.reason), variants: texts(y.variants) };
	};
	return {
		lists: texts(o.lists),
		clinvar: textOrNull(o.clinvar),
		secondaryFindings: o.secondaryFindings == null ? null : list(o.secondaryFindings).map((v) => ({ ...item(v), variantsToReport: text(obj(v, 'a finding').variantsToReport) })),
		carrier: o.carrier == null ? null : list(o.carrier).map(item),
		notAssessed: texts(o.notAssessed),
		method: text(o.method)
	};
}

/** Read a rare-disease report from untrusted JSON; throws ReportError. */
export function readRareReport(v: unknown): RareClinicalReport {
	const o = checkModel(v, 'rare', RARE_REPORT_VERSION);
	return { format: REPORT_FORMAT, kind: 'rare', version: RARE_REPORT_VERSION, ...readRareBody(o) };
}
