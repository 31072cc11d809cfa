/**
 * One entry point for a received or stored report: recognise its kind, read it through that
 * domain's guarded reader, and lay it out for the shared renderers (HTML view, PDF). Adding a
 * result kind = its model, its reader and its layout, registered here.
 */
import { pgxReportLayout, readPgxReport } from '../pgx/report';
import { rareReportLayout, readRareReport } from '../rare/report';
import { familyReportLayout, readFamilyReport } from '../family/report';
import { pkReportLayout, readPkReport } from '../pk/report';
import { list, obj, text, ReportError } from './read';
import { CLINICAL_DISCLAIMER, REPORT_FORMAT, type ReportKind, type ReportLayout } from './types';

/** A report ready to show: its kind, its model (as read) and its layout. */
export interface ReadableReport {
	kind: ReportKind | 'legacy-pgx';
	model: unknown;
	layout: ReportLayout;
}

const KINDS: Record<string, (v: unknown) => ReadableReport> = {
	pgx: (v) => {
		const model = readPgxReport(v);
		return { kind: 'pgx', model, layout: pgxReportLayout(model) };
	},
	rare: (v) => {
		const model = readRareReport(v);
		return { kind: 'rare', model, layout: rareReportLayout(model) };
	},
	pk: (v) => {
		const model = readPkReport(v);
		return { kind: 'pk', model, layout: pkReportLayout(model) };
	},
	family: (v) => {
		const model = readFamilyReport(v);
		return { kind: 'family', model, layout: familyReportLayout(model) };
	}
};

/** Register a kind's reader (used by domains that are built outside this module). */
export function registerReportKind(kind: ReportKind, read: (v: unknown) => ReadableReport): void {
	KINDS[kind] = read;
}

/** The kinds this build can show. */
export function knownReportKinds(): string[] {
	return Object.keys(KINDS);
}

/**
 * The PGx document of earlier versions (`{kind: 'qenome-pgx-report', profileName, updated, result}`,
 * result = the stored gene list): shown as a gene table, marked as the older format.
 */
function readLegacyPgx(o: Record<string, unknown>): ReadableReport {
	const result = obj(o.result ?? {}, 'the result');
	const raw = result.genes;
	const genes: Record<string, unknown>[] = Array.isArray(raw)
		? list(raw).map((g) => obj(g, 'a gene'))
		: Object.entries(obj(raw ?? {}, 'the genes')).map(([gene, g]) => ({ gene, ...obj(g, 'a gene') }));
	const rows = genes.map((g) => [
		text(g.gene, '?'),
		Array.isArray(g.diplotypes) ? list(g.diplotypes).map((d) => text(d)).join(' or ') : text(g.diplotype, '—'),
		text(g.phenotype, '—'),
		g.source === 'outside' ? 'entered by the user' : 'file'
	]);
	const updated = text(o.updated, '—');
	const layout: ReportLayout = {
		title: 'Pharmacogenomics report',
		kind: 'pgx',
		header: {
			patientName: text(o.profileName) || null,
			dateOfBirth: null,
			reportDate: updated,
			sourceFile: '—',
			sourceSha256: null,
			build: '—',
			sex: '—',
			testType: '—',
			testLimits: 'Older report format: genes and phenotypes only, without coverage, recommendations or limits. Ask the sender to share it again from an up-to-date Qenome.',
			sources: [{ name: 'Knowledge base', version: text(obj(result.kb ?? {}, 'kb').version, '—') }],
			producedBy: 'Qenome (older version)'
		},
		summary: [
			{
				title: 'Genes, diplotypes, phenotypes',
				blocks: [
					{ type: 'table', name: 'genes', columns: [{ label: 'Gene', width: 15 }, { label: 'Diplotype', width: 30 }, { label: 'Phenotype', width: 35 }, { label: 'Source', width: 20 }], rows }
				]
			}
		],
		appendix: [],
		disclaimer: CLINICAL_DISCLAIMER
	};
	return { kind: 'legacy-pgx', model: o, layout };
}

/** Recognise and read a report document; throws ReportError when it is not one this build can show. */
export function readReport(value: unknown): ReadableReport {
	const o = obj(value, 'the document');
	if (o.kind === 'qenome-pgx-report') return readLegacyPgx(o);
	if (o.format !== REPORT_FORMAT) throw new ReportError('not-a-report', 'This JSON document is not a Qenome report.');
	const read = KINDS[text(o.kind)];
	if (!read) throw new ReportError('unknown-kind', `This Qenome cannot show "${text(o.kind, '?')}" reports yet; update Qenome.`);
	return read(value);
}
