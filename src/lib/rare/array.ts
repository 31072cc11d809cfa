/**
 * Consumer array files (23andMe, AncestryDNA …): only known variants can be assessed. With a
 * ClinVar file, every arrayed site ClinVar calls pathogenic/likely pathogenic is checked for its
 * ALT allele; nothing else is a candidate, and the absence of a variant rules nothing out (the
 * scorer is told so: genes without a variant are not penalised). Never a de novo claim.
 */
import { decodeRecord, type ParsedGenome } from '../genome/index';
import type { ClinVarDb, ClinVarRecord } from './clinvar';
import { RareError } from './errors';
import type { CandidateVariant, RareBuild } from './types';

/** Candidates of an imported array genome: arrayed sites with a ClinVar pathogenic ALT allele present. */
export function arrayCandidates(parsed: ParsedGenome, clinvar: ClinVarDb | null): { variants: CandidateVariant[]; build: RareBuild; warnings: string[] } {
	const build = parsed.summary.build;
	const warnings = [
		`${parsed.summary.formatDetail} is a genotyping array: only variants ClinVar already calls pathogenic can be assessed; a gene without such a variant is not ruled out, and de novo or new variants cannot be seen.`
	];
	if (!clinvar) {
		warnings.push('No ClinVar file was supplied, so no variant could be assessed: genes are ranked by phenotype alone.');
		return { variants: [], build, warnings };
	}
	if (clinvar.build && clinvar.build !== build)
		throw new RareError('input', 'build-mismatch', `The ClinVar file is ${clinvar.build} but the array file is ${build}; use the ClinVar release for ${build}.`);
	const bySite = new Map<string, [string, string, ClinVarRecord][]>();
	for (const [key, rec] of clinvar.records) {
		if (rec.significance !== 'pathogenic' && rec.significance !== 'likely_pathogenic') continue;
		const [c, p, ref, alt] = key.split(':');
		if (ref.length !== 1 || alt.length !== 1) continue;
		const site = `${c}:${p}`;
		const l = bySite.get(site);
		if (l) l.push([ref, alt, rec]);
		else bySite.set(site, [[ref, alt, rec]]);
	}
	const variants: CandidateVariant[] = [];
	for (const chunk of parsed.chunks) {
		for (let i = 0; i < chunk.positions.length; i++) {
			const recs = bySite.get(`${chunk.chrom}:${chunk.positions[i]}`);
			if (!recs) continue;
			const call = decodeRecord(chunk, i);
			if (!call.alleles) continue;
			for (const [ref, alt, rec] of recs) {
				const copies = call.alleles.filter((a) => a === alt).length;
				if (!copies || !rec.gene) continue;
				const zygosity = call.alleles.length === 1 ? 'hemi' : copies === 2 ? 'hom' : 'het';
				variants.push({
					chrom: chunk.chrom,
					pos: chunk.positions[i],
					ref,
					alt,
					genotype: zygosity === 'hom' ? '1/1' : zygosity === 'hemi' ? '1' : '0/1',
					zygosity,
					gene: rec.gene,
					consequence: 'coding_sequence_variant',
					consequenceSource: 'coordinates',
					frequency: null,
					frequencySource: null,
					clinvar: { significance: rec.significance, stars: rec.stars, clnsig: rec.clnsig, id: rec.id },
					filtered: false
				});
			}
		}
	}
	warnings.push(`${variants.length} arrayed variant(s) that ClinVar ${clinvar.release} calls pathogenic or likely pathogenic were found. Array calls of rare variants are often false positives: confirm any finding with a clinical test.`);
	return { variants, build, warnings };
}
