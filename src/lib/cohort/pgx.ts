/**
 * What a cohort pass must keep for the pharmacogenomic caller, and the per-sample TSV rows.
 * The positions are taken by running the caller itself on an empty "recording" view for each
 * build (every lookup it makes is recorded: positions, then the rsID fallbacks, HLA tags, MT
 * sites), plus every definition site of the knowledge base — so nothing the single-sample call
 * reads is left out.
 */
import type { Chromosome, GenomeBuild, GenomeSummary, GenomeView } from '../genome/types';
import { parseChromosomeName, parseRsid, type CohortKeep } from '../genome/index';
import { callAllGenes, type PgxJson, type PgxKb } from '../pgx/index';

/** A view that answers nothing and records what was asked. */
function recordingView(build: GenomeBuild, sex: GenomeSummary['sex'], keep: CohortKeep): GenomeView {
	const summary: GenomeSummary = {
		format: 'vcf',
		formatDetail: 'VCF',
		build,
		buildEvidence: 'recording',
		sex,
		records: 0,
		calls: 0,
		noCalls: 0,
		perChromosome: {},
		sample: null,
		warnings: []
	};
	return {
		summary,
		byPosition(chrom: string, pos: number) {
			const c = parseChromosomeName(chrom);
			if (c) (keep.positions.get(c) ?? keep.positions.set(c, new Set()).get(c)!).add(pos);
			return null;
		},
		byRsid(rsid: string | number) {
			const n = typeof rsid === 'number' ? rsid : parseRsid(rsid);
			if (n) keep.rsids.add(n);
			return null;
		}
	};
}

/** Every position (both builds) and rsID the PGx caller may read. */
export function pgxKeep(kb: PgxKb): CohortKeep {
	const keep: CohortKeep = { positions: new Map(), rsids: new Set() };
	for (const build of ['GRCh37', 'GRCh38'] as const)
		for (const sex of ['female', 'male', 'unknown'] as const) callAllGenes(recordingView(build, sex, keep), kb);
	const add = (chrom: string, pos: number | null | undefined, rsid: string | null | undefined) => {
		const c = parseChromosomeName(chrom);
		if (c && pos) (keep.positions.get(c) ?? keep.positions.set(c as Chromosome, new Set()).get(c)!).add(pos);
		const n = rsid ? parseRsid(rsid) : 0;
		if (n) keep.rsids.add(n);
	};
	for (const g of Object.values(kb.genes))
		for (const s of g.sites) {
			add(g.chrom, s.pos37, s.rsid);
			add(g.chrom, s.pos38, s.rsid);
		}
	return keep;
}

/** Columns of the cohort PGx TSV. */
export const PGX_TSV_COLUMNS = ['sample', 'gene', 'diplotypes', 'phenotype', 'activity_score', 'coverage', 'warnings'] as const;

/** TSV-safe text: tabs and line breaks become spaces. */
export function tsvCell(v: unknown): string {
	return v === null || v === undefined ? '' : String(v).replace(/[\t\r\n]+/g, ' ');
}

/**
 * One TSV row per gene for a sample, from its `qenome pgx --json` object: diplotypes joined by
 * " or ", coverage as the caller's verdict (complete / partial / limited / none) with the number
 * of definition positions the file lacks, warnings joined by "; ".
 */
export function pgxTsvRows(sample: string, json: Pick<PgxJson, 'genes'>): string[][] {
	return json.genes.map((g) => [
		tsvCell(sample),
		tsvCell(g.gene),
		tsvCell(g.diplotypes.join(' or ')),
		tsvCell(g.phenotype),
		tsvCell(g.activityScore),
		tsvCell(`${g.coverage}${g.missingPositions ? ` (${g.missingPositions} positions missing)` : ''}`),
		tsvCell(g.warnings.join('; '))
	]);
}
