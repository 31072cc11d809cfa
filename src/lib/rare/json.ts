/** The JSON shape of `qenome rare --json` (issue 12), derived from a RareResult. */
import type { RareResult } from './types';

/** `{hpo: {version}, build, genes: [...], warnings}` exactly as the issue states (plus evidence fields). */
export interface RareJson {
	hpo: { version: string; annotations: string };
	build: string | null;
	genes: {
		gene: string;
		rank: number;
		score: number;
		phenotypeScore: number;
		variantScore: number | null;
		inheritance: string[];
		diseases: { id: string; name: string; score: number }[];
		variants: { chrom: string; pos: number; ref: string; alt: string; genotype: string; consequence: string; frequency: number | null; clinvar: string | null; segregation?: unknown }[];
	}[];
	warnings: string[];
}

const r6 = (x: number) => Number(x.toPrecision(6));

/** Convert a result to the CLI JSON. */
export function rareJson(result: RareResult): RareJson {
	return {
		hpo: { version: result.hpo.version, annotations: result.hpo.annotations },
		build: result.build,
		genes: result.genes.map((g) => ({
			gene: g.gene,
			rank: g.rank,
			score: r6(g.score),
			phenotypeScore: r6(g.phenotypeScore),
			variantScore: g.variantScore === null ? null : r6(g.variantScore),
			inheritance: g.inheritance,
			diseases: g.diseases.map((d) => ({ id: d.id, name: d.name, score: r6(d.score) })),
			variants: g.variants.map((v) => ({
				chrom: v.chrom,
				pos: v.pos,
				ref: v.ref,
				alt: v.alt,
				genotype: v.genotype,
				consequence: v.consequence,
				frequency: v.frequency,
				clinvar: v.clinvar ? `${v.clinvar.clnsig} (${v.clinvar.stars}★)` : null,
				...(v.segregation ? { segregation: v.segregation } : {})
			}))
		})),
		warnings: result.warnings
	};
}
