/**
 * Test helpers: an in-memory GenomeView, a tiny VCF writer/reader for generated diplotype VCFs
 * (the generator writes real VCF text; this reader keeps 37k files fast), and ../shared paths.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GenomeBuild, GenomeSummary, GenomeView, GenotypeCall, InferredSex } from '../../../src/lib/genome/types';

/** ../shared beside the project (QENOME_SHARED overrides it, e.g. for a git worktree). */
export const SHARED = process.env.QENOME_SHARED ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared');
export const PGX_DIR = path.join(SHARED, 'data', 'pgx');
export const HAVE_SHARED = fs.existsSync(PGX_DIR);
if (!HAVE_SHARED) console.log(`[pgx tests] skipping ../shared-based tests: ${PGX_DIR} is absent`);

/** A record for the in-memory view. */
export interface Rec {
	chrom: string;
	pos: number;
	id: string | null;
	alleles: string[] | null;
	ref?: string | null;
}

/** A GenomeView over a list of records. */
export function memoryView(recs: Rec[], opts: { build?: GenomeBuild; sex?: InferredSex; format?: GenomeSummary['format'] } = {}): GenomeView {
	const byPos = new Map<string, GenotypeCall>();
	const byId = new Map<string, GenotypeCall>();
	for (const r of recs) {
		const call: GenotypeCall = { chrom: r.chrom as GenotypeCall['chrom'], pos: r.pos, id: r.id, alleles: r.alleles, phased: false, ref: r.ref ?? null };
		byPos.set(`${r.chrom}:${r.pos}`, call);
		if (r.id) byId.set(r.id, call);
	}
	const summary: GenomeSummary = {
		format: opts.format ?? 'vcf',
		formatDetail: 'test',
		build: opts.build ?? 'GRCh38',
		buildEvidence: 'test',
		sex: opts.sex ?? 'female',
		records: recs.length,
		calls: recs.length,
		noCalls: 0,
		// A sex given here stands for genome-wide evidence (as from a whole array or genome).
		perChromosome: opts.sex ? { X: { records: 5000, calls: 5000, noCalls: 0, heterozygous: opts.sex === 'female' ? 500 : 0 } } : {},
		sample: null,
		warnings: []
	};
	return {
		summary,
		byRsid: (rs) => byId.get(typeof rs === 'number' ? `rs${rs}` : rs) ?? null,
		byPosition: (c, p) => byPos.get(`${c}:${p}`) ?? null
	};
}

/** Parse a single-sample VCF text (GT only) into a memory view. */
export function vcfToView(text: string, opts: { build?: GenomeBuild; sex?: InferredSex } = {}): GenomeView {
	const recs: Rec[] = [];
	for (const line of text.split('\n')) {
		if (!line || line.startsWith('#')) continue;
		const f = line.split('\t');
		const alleles = [f[3], ...f[4].split(',')];
		const gt = f[9].split(':')[0].split(/[/|]/);
		recs.push({
			chrom: f[0].replace(/^chr/, '').replace(/^M$/, 'MT'),
			pos: Number(f[1]),
			id: f[2] === '.' ? null : f[2],
			alleles: gt.some((g) => g === '.') ? null : gt.map((g) => alleles[Number(g)]),
			ref: f[3]
		});
	}
	return memoryView(recs, opts);
}
