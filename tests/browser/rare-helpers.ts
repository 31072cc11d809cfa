/** Shared data for the /rare browser specs, read from the committed GRCh38 gene models (static/kb/rare). */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** One gene row of genes-GRCh38.json.gz: [gene, chrom, strand, txStart, txEnd, cdsStart, cdsEnd, exonStarts, exonLengths] (starts relative to txStart). */
type GeneRow = [string, string, number, number, number, number, number, number[], number[]];

let genes: GeneRow[] | null = null;

/**
 * A 1-based position inside a coding exon of `gene` (an exon whose coding part exceeds 50 bases):
 * `'first'` = 31 bases past the start of the first such exon in genome order, `'last'` = 30 bases
 * before the end of the last one (for a minus-strand gene, near its coding start).
 */
export function codingPosition(gene: string, which: 'first' | 'last'): { chrom: string; pos: number } {
	genes ??= JSON.parse(zlib.gunzipSync(fs.readFileSync(path.resolve('static/kb/rare/genes-GRCh38.json.gz'))).toString('utf8')).genes as GeneRow[];
	const row = genes.find((g) => g[0] === gene);
	if (!row) throw new Error(`no gene model for ${gene}`);
	const [, chrom, , txStart, , cs, ce, starts, lens] = row;
	const order = starts.map((_, i) => i);
	if (which === 'last') order.reverse();
	for (const i of order) {
		const s = Math.max(txStart + starts[i], txStart + cs);
		const e = Math.min(txStart + starts[i] + lens[i], txStart + ce);
		if (e - s > 50) return { chrom, pos: which === 'first' ? s + 31 : e - 30 };
	}
	throw new Error(`no coding exon in ${gene}`);
}
