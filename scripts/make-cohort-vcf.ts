/**
 * Synthetic joint-called cohort VCF (GRCh38) at the pharmacogenomic definition sites of the
 * committed knowledge base: every sample gets two random named alleles per gene, written at every
 * site of that gene; a share of samples is phased, some calls are missing (./.) and some are
 * half-calls (0/.), to test the cohort path. X (non-PAR) and Y rows let sex inference work as on
 * real data: even samples are female (X mostly heterozygous, no Y calls), odd ones male.
 * SYNTHETIC DATA, labelled as such in its header. Seeded: the same options give the same bytes.
 *
 *   npx tsx scripts/make-cohort-vcf.ts --samples 1000 --out cohort.vcf.gz [--seed 7] [--first 0]
 */
import fs from 'node:fs';
import { gzipSync } from 'fflate';
import type { PgxKb } from '../src/lib/pgx/kb-types';
import { alleleBase } from '../src/lib/pgx/match';
import { mulberry32 as rng } from './make-demo-genome';

/** Options of the generator. */
export interface CohortVcfOptions {
	samples: number;
	seed?: number;
	/** Number of the first sample (names are S0001, S0002, …), for shards of one cohort. */
	first?: number;
	/** Share of samples written phased (0–1). */
	phased?: number;
	/** Share of genotypes missing ./. and half-called 0/. . */
	missing?: number;
	halfCalls?: number;
}

const IUPAC_FIRST: Record<string, string> = { R: 'A', Y: 'C', S: 'C', W: 'A', K: 'G', M: 'A', B: 'C', D: 'A', H: 'A', V: 'A', N: 'A' };
const concrete = (b: string) => IUPAC_FIRST[b] ?? b;

/** The VCF text. */
export function makeCohortVcf(kb: PgxKb, o: CohortVcfOptions): string {
	const r = rng(o.seed ?? 7);
	const first = o.first ?? 0;
	const names = Array.from({ length: o.samples }, (_, i) => `S${String(first + i + 1).padStart(4, '0')}`);
	const phased = names.map(() => r() < (o.phased ?? 0.5));
	const missing = o.missing ?? 0.02;
	const half = o.halfCalls ?? 0.01;
	// rows keyed chrom:pos → { ref, id, haplotypes per sample }
	const rows = new Map<string, { chrom: string; pos: number; id: string; ref: string; h: [string, string][] }>();
	for (const gene of Object.values(kb.genes)) {
		if (!gene.alleles.length || !gene.sites.length) continue;
		const picks = names.map(() => [Math.floor(r() * gene.alleles.length), Math.floor(r() * gene.alleles.length)]);
		gene.sites.forEach((site, s) => {
			if (!/^[ACGT]+$/.test(site.ref38)) return;
			const key = `${gene.chrom}:${site.pos38}`;
			if (rows.has(key)) return;
			const h = picks.map(([a, b]) => [concrete(alleleBase(gene, a, s)), concrete(alleleBase(gene, b, s))] as [string, string]);
			if (h.some(([x, y]) => !/^[ACGT]+$/.test(x) || !/^[ACGT]+$/.test(y))) return;
			rows.set(key, { chrom: gene.chrom, pos: site.pos38, id: site.rsid ?? '.', ref: site.ref38, h });
		});
	}
	const chromOrder = (c: string) => (c === 'X' ? 23 : c === 'Y' ? 24 : c === 'MT' || c === 'M' ? 25 : Number(c));
	const sorted = [...rows.values()].sort((a, b) => chromOrder(a.chrom) - chromOrder(b.chrom) || a.pos - b.pos);
	const out = [
		'##fileformat=VCFv4.2',
		'##source=qenome scripts/make-cohort-vcf.ts (SYNTHETIC DATA for tests and benchmarks; not real people)',
		'##reference=GRCh38',
		'##contig=<ID=chr1,length=248956422>',
		'##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
		['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO', 'FORMAT', ...names].join('\t')
	];
	const gt = (i: number, a: number, b: number) => {
		const x = r();
		if (x < missing) return './.';
		if (x < missing + half) return `${a}/.`;
		return `${a}${phased[i] ? '|' : '/'}${b}`;
	};
	const emit = (chrom: string, pos: number, id: string, ref: string, h: [string, string][]) => {
		const alts: string[] = [];
		for (const [x, y] of h) for (const v of [x, y]) if (v !== ref && !alts.includes(v)) alts.push(v);
		const code = (v: string) => (v === ref ? 0 : alts.indexOf(v) + 1);
		out.push([`chr${chrom}`, pos, id, ref, alts.join(',') || '.', '.', 'PASS', '.', 'GT', ...h.map(([x, y], i) => gt(i, code(x), code(y)))].join('\t'));
	};
	let xyDone = false;
	const xy = () => {
		if (xyDone) return;
		xyDone = true;
		// X non-PAR rows (GRCh38 PAR1 ends at 2,781,479): females heterozygous 95 %, males haploid
		for (let k = 0; k < 400; k++) {
			const pos = 20_000_000 + k * 200_003;
			const h = names.map((_, i) => (i % 2 === 0 && r() < 0.95 ? ['A', 'G'] : r() < 0.5 ? ['G', 'G'] : ['A', 'A']) as [string, string]);
			out.push(['chrX', pos, '.', 'A', 'G', '.', 'PASS', '.', 'GT', ...h.map(([x, y], i) => (i % 2 ? (x === 'A' ? '0' : '1') : r() < half * 3 ? `${x === 'A' ? 0 : 1}/.` : `${x === 'A' ? 0 : 1}/${y === 'A' ? 0 : 1}`))].join('\t'));
		}
		for (let k = 0; k < 30; k++) {
			const pos = 7_000_000 + k * 100_003;
			out.push(['chrY', pos, '.', 'C', 'T', '.', 'PASS', '.', 'GT', ...names.map((_, i) => (i % 2 ? (r() < 0.1 ? './1' : r() < 0.5 ? '0' : '1') : '.'))].join('\t'));
		}
	};
	for (const row of sorted) {
		if (chromOrder(row.chrom) >= 23) xy();
		emit(row.chrom, row.pos, row.id, row.ref, row.h);
	}
	xy();
	return out.join('\n') + '\n';
}

// CLI
if (process.argv[1] && /make-cohort-vcf\.ts$/.test(process.argv[1])) {
	const arg = (k: string, d?: string) => {
		const i = process.argv.indexOf(`--${k}`);
		return i >= 0 ? process.argv[i + 1] : d;
	};
	const { loadKb } = await import('../src/lib/pgx/kb');
	const kb = await loadKb();
	const text = makeCohortVcf(kb, { samples: Number(arg('samples', '10')), seed: Number(arg('seed', '7')), first: Number(arg('first', '0')) });
	const out = arg('out', 'cohort.vcf.gz')!;
	fs.writeFileSync(out, out.endsWith('.gz') ? gzipSync(new TextEncoder().encode(text)) : text);
	console.log(`${out}: ${Number(arg('samples', '10'))} samples (synthetic)`);
}
