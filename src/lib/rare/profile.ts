/**
 * A genome profile stored in the browser (imported on the home page) as rare-disease input.
 *
 * - VCF-backed profiles keep every record's REF and genotype, so the full analysis runs: the
 *   profile's non-reference records are written back out as a minimal VCF stream (no INFO: the
 *   store keeps no annotations, so consequences come from coordinates and frequencies only from a
 *   stored gnomAD file) and read by the same streaming reader as a VCF file.
 * - Array profiles (23andMe …) can only show variants ClinVar already calls pathogenic.
 */
import { GENOTYPE_FLAGS, decodeRecord, type GenomeChunk, type GenomeSummary } from '../genome/index';
import { analyseRare, type RareAnalysisInput } from './analyse';
import { arrayCandidates } from './array';
import type { RareKb } from './kb';
import { secondaryGeneSymbols } from './secondary';
import { interestFilter } from './vcf';
import type { RareResult } from './types';

/** A stored profile as the analysis needs it. */
export interface StoredProfileInput {
	name: string;
	sourceFileName: string;
	summary: GenomeSummary;
	chunks: GenomeChunk[];
}

/** Input of `analyseRareProfile`: everything of `analyseRare` but the genome. */
export type RareProfileInput = Omit<RareAnalysisInput, 'vcf' | 'candidates'> & { profile: StoredProfileInput };

/**
 * The non-reference records of a VCF-backed profile as a minimal single-sample VCF stream. With
 * `keep`, only records it accepts (chrom, pos, REF length) are written: the reader would skip the
 * others anyway, so a 5 M-record genome is not formatted and re-parsed as text.
 */
export function profileVcfStream(summary: GenomeSummary, chunks: GenomeChunk[], keep?: (chrom: string, pos: number, len: number) => boolean): ReadableStream<Uint8Array> {
	const enc = new TextEncoder();
	const sample = (summary.sample ?? 'SAMPLE').replace(/[\t\r\n]/g, ' ') || 'SAMPLE';
	const header = `##fileformat=VCFv4.2\n##reference=${summary.build}\n##source=Qenome stored profile\n##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t${sample}\n`;
	let ci = 0;
	let i = 0;
	let sentHeader = false;
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			if (!sentHeader) {
				sentHeader = true;
				controller.enqueue(enc.encode(header));
				return;
			}
			const lines: string[] = [];
			let size = 0;
			while (ci < chunks.length && size < 256 * 1024) {
				const c = chunks[ci];
				if (i >= c.positions.length) {
					ci++;
					i = 0;
					continue;
				}
				const k = i++;
				const f = c.flags[k];
				if (!(f & GENOTYPE_FLAGS.HAS_REF) || f & (GENOTYPE_FLAGS.CONFLICT | GENOTYPE_FLAGS.HALF_CALL)) continue;
				const a1 = c.allele1[k];
				const a2 = c.allele2[k];
				if (a1 === 0) continue;
				const rc = c.refCodes?.[k] ?? 0;
				// Fast skip of reference calls with one-letter codes, and of records outside `keep`.
				if (rc !== 7 && a1 !== 7 && a2 !== 7 && a1 === rc && (a2 === 0 || a2 === rc)) continue;
				if (keep && rc !== 7 && !keep(c.chrom, c.positions[k], 1)) continue;
				const call = decodeRecord(c, k);
				if (!call.alleles || !call.ref) continue;
				if (keep && rc === 7 && !keep(c.chrom, c.positions[k], call.ref.length)) continue;
				const ref = call.ref;
				const alts: string[] = [];
				const gt = call.alleles.map((a) => {
					if (a === ref) return '0';
					let j = alts.indexOf(a);
					if (j < 0) j = alts.push(a) - 1;
					return String(j + 1);
				});
				if (!alts.length) continue;
				const line = `${c.chrom}\t${c.positions[k]}\t.\t${ref}\t${alts.join(',')}\t.\t${f & GENOTYPE_FLAGS.FILTERED ? 'FAIL' : 'PASS'}\t.\tGT\t${gt.join(call.phased ? '|' : '/')}\n`;
				lines.push(line);
				size += line.length;
			}
			if (lines.length) controller.enqueue(enc.encode(lines.join('')));
			if (ci >= chunks.length) controller.close();
		}
	});
}

/** Rank genes for a stored profile: full analysis for a VCF-backed one, known variants only for an array. */
export async function analyseRareProfile(kb: RareKb, input: RareProfileInput): Promise<RareResult> {
	const { profile, ...rest } = input;
	let sexNote: string | null = null;
	if (rest.query.sex === 'unknown' && profile.summary.sex !== 'unknown') {
		rest.query = { ...rest.query, sex: profile.summary.sex };
		sexNote = `Sex not given: ${profile.summary.sex}, as inferred from the profile's X/Y genotypes, was used.`;
	}
	if (profile.summary.format === 'vcf') {
		// The reader's own region test (exons ± 10 bp of disease genes, opted-in gene lists, ClinVar pathogenic sites), applied before formatting.
		const genes = new Set([...kb.annotations.byGene.keys(), ...(rest.optIn && (rest.optIn.secondaryFindings || rest.optIn.carrier) ? secondaryGeneSymbols(rest.optIn) : [])]);
		const inExons = interestFilter(await kb.genes(profile.summary.build), genes);
		const clinvar = rest.clinvar ?? null;
		const keep = (chrom: string, pos: number, len: number) => inExons(chrom, pos, len) || (clinvar?.pathogenicSites.has(`${chrom}:${pos}`) ?? false);
		const result = await analyseRare(kb, {
			...rest,
			vcf: { stream: profileVcfStream(profile.summary, profile.chunks, keep), name: profile.sourceFileName }
		});
		result.input.records = profile.summary.records;
		if (sexNote) result.warnings.unshift(sexNote);
		result.warnings.unshift(
			`Read from the stored profile “${profile.name}” (${profile.sourceFileName}): the profile keeps genotypes but not the file's annotations, so consequences come from coordinates${rest.gnomad ? '' : ' and no population frequency is known unless a gnomAD file is stored'}.`
		);
		return result;
	}
	const arr = arrayCandidates({ summary: profile.summary, chunks: profile.chunks, sha256: '', bytes: 0 }, rest.clinvar ?? null);
	const result = await analyseRare(kb, {
		...rest,
		candidates: { variants: arr.variants, build: arr.build, file: profile.sourceFileName, sample: null, records: profile.summary.records, warnings: arr.warnings, format: 'array' }
	});
	if (sexNote) result.warnings.unshift(sexNote);
	return result;
}
