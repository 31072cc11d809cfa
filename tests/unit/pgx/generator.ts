/**
 * Diplotype VCF generator driven by the definition tables: for a pair of named alleles it writes
 * a GRCh38 VCF holding both haplotypes (unphased) at every definition site, optionally with sites
 * removed. IUPAC definition codes are written as their first base.
 */
import type { KbGene } from '../../../src/lib/pgx/kb-types';
import { alleleBase } from '../../../src/lib/pgx/match';

const IUPAC_FIRST: Record<string, string> = { R: 'A', Y: 'C', S: 'C', W: 'A', K: 'G', M: 'A', B: 'C', D: 'A', H: 'A', V: 'A', N: 'A' };

function concrete(b: string): string {
	return IUPAC_FIRST[b] ?? b;
}

/** VCF text for diplotype a/b of `gene` (indexes into gene.alleles), minus `skip` site indexes. */
export function diplotypeVcf(gene: KbGene, a: number, b: number, skip: Set<number> = new Set()): string {
	const lines = ['##fileformat=VCFv4.2', '##reference=GRCh38', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tSAMPLE'];
	gene.sites.forEach((site, s) => {
		if (skip.has(s)) return;
		const h = [concrete(alleleBase(gene, a, s)), concrete(alleleBase(gene, b, s))];
		const alts = [...new Set(h.filter((x) => x !== site.ref38))];
		const code = (x: string) => (x === site.ref38 ? 0 : alts.indexOf(x) + 1);
		lines.push([`chr${gene.chrom}`, site.pos38, site.rsid ?? '.', site.ref38, alts.join(',') || '.', '.', 'PASS', '.', 'GT', `${code(h[0])}/${code(h[1])}`].join('\t'));
	});
	return lines.join('\n') + '\n';
}
