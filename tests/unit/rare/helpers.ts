/** Helpers for the rare-disease tests: the knowledge base, small VCFs written from real gene models. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CandidateVariant, GeneModel, RareKb } from '../../../src/lib/rare/index';
import { loadRareKbNode } from '../../../src/lib/rare/kb-node';

/** ../shared from the repository root (or $QENOME_SHARED). */
export const SHARED = path.resolve(process.env.QENOME_SHARED ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared'));
/** True when the phenopacket cases and backgrounds are present. */
export const HAVE_SHARED = fs.existsSync(path.join(SHARED, 'data', 'rare', 'phenopackets-dev', 'phenopackets.ndjson.gz'));

/** The committed knowledge base (loaded once per test file). */
export const kb = (): Promise<RareKb> => loadRareKbNode();

/** A 1-based position `offset` bases into the first coding exon's CDS part (transcript orientation). */
export function cdsPosition(m: GeneModel, offset: number): number {
	if (m.strand === 1) {
		for (let i = 0; i < m.exonStarts.length; i++) {
			const s = Math.max(m.exonStarts[i], m.cdsStart);
			const e = Math.min(m.exonEnds[i], m.cdsEnd);
			if (e - s > offset + 12) return s + offset + 1;
		}
	} else {
		for (let i = m.exonStarts.length - 1; i >= 0; i--) {
			const s = Math.max(m.exonStarts[i], m.cdsStart);
			const e = Math.min(m.exonEnds[i], m.cdsEnd);
			if (e - s > offset + 12) return e - offset;
		}
	}
	throw new Error(`no coding exon long enough in ${m.gene}`);
}

/** A VCF text with a GRCh38 header and the given records (CHROM POS REF ALT GT [INFO]). */
export function vcf(records: [string, number, string, string, string, string?][], sample = 'PATIENT'): string {
	const lines = [
		'##fileformat=VCFv4.2',
		'##contig=<ID=chr1,length=248956422>',
		'##INFO=<ID=gnomAD_AF,Number=A,Type=Float,Description="gnomAD allele frequency">',
		'##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
		`#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t${sample}`
	];
	for (const [c, p, r, a, gt, info] of records) lines.push(`chr${c}\t${p}\t.\t${r}\t${a}\t50\tPASS\t${info ?? '.'}\tGT\t${gt}`);
	return lines.join('\n') + '\n';
}

/** A candidate variant as the VCF reader makes it from coordinates (no frequency, no ClinVar). */
export function candidate(gene: string, consequence: CandidateVariant['consequence'], zygosity: CandidateVariant['zygosity'] = 'het', pos = 1, chrom = '1'): CandidateVariant {
	return {
		chrom,
		pos,
		ref: 'A',
		alt: 'G',
		genotype: zygosity === 'hom' ? '1/1' : zygosity === 'hemi' ? '1' : '0/1',
		zygosity,
		gene,
		consequence,
		consequenceSource: 'coordinates',
		frequency: null,
		frequencySource: null,
		clinvar: null,
		filtered: false
	};
}
