/**
 * SYNTHETIC families for tests and benchmarks (seeded, deterministic): founders drawn from
 * per-site allele frequencies, children by Mendelian transmission with recombination (about one
 * crossover per chromosome and parent), written as 23andMe-style array files or a joint VCF.
 * Labelled synthetic everywhere it is used; no real person's data.
 */

import { seededRandom } from '../../../src/lib/pk/index';

/** Seeded PRNG (mulberry32, the PK virtual population's generator). */
export const rng: (seed: number) => () => number = seededRandom;

/** One simulated site. */
export interface SimSite {
	chrom: string;
	pos: number;
	rsid: number;
	ref: string;
	alt: string;
	/** ALT allele frequency. */
	p: number;
}

/** A simulated person: two haplotypes per chromosome (one on a male's X and Y). */
export interface SimPerson {
	id: string;
	sex: 'male' | 'female';
	hap: Map<string, [Uint8Array, Uint8Array | null]>;
}

const BASES = ['A', 'C', 'G', 'T'];
/** Autosomes plus X and Y. */
export const SIM_CHROMS = [...Array.from({ length: 22 }, (_, i) => String(i + 1)), 'X', 'Y'];

/** Sites per chromosome; autosomes get `perAutosome`, X `perX`, Y `perY`. */
export function makeSites(perAutosome: number, seed: number, perX = Math.ceil(perAutosome / 2), perY = 30): Map<string, SimSite[]> {
	const r = rng(seed);
	const out = new Map<string, SimSite[]>();
	let rsid = 1000;
	for (const chrom of SIM_CHROMS) {
		const n = chrom === 'X' ? perX : chrom === 'Y' ? perY : perAutosome;
		const list: SimSite[] = [];
		let pos = chrom === 'X' ? 3_000_000 : chrom === 'Y' ? 3_000_000 : 10_000; // X/Y sites outside the PARs
		for (let i = 0; i < n; i++) {
			pos += 1 + Math.floor(r() * 2000);
			const refI = Math.floor(r() * 4);
			const altI = (refI + 1 + Math.floor(r() * 3)) % 4;
			list.push({ chrom, pos, rsid: rsid++, ref: BASES[refI], alt: BASES[altI], p: 0.05 + r() * 0.45 });
		}
		out.set(chrom, list);
	}
	return out;
}

/** A founder with haplotypes drawn from the site frequencies. */
export function founder(id: string, sex: 'male' | 'female', sites: Map<string, SimSite[]>, r: () => number): SimPerson {
	const hap = new Map<string, [Uint8Array, Uint8Array | null]>();
	for (const [chrom, list] of sites) {
		const draw = () => Uint8Array.from(list, (s) => (r() < s.p ? 1 : 0));
		if (chrom === 'Y') hap.set(chrom, sex === 'male' ? [draw(), null] : [new Uint8Array(list.length), null]);
		else if (chrom === 'X' && sex === 'male') hap.set(chrom, [draw(), null]);
		else hap.set(chrom, [draw(), draw()]);
	}
	return { id, sex, hap };
}

/** One recombined gamete haplotype from a diploid pair. */
function gamete(pair: [Uint8Array, Uint8Array | null], r: () => number): Uint8Array {
	const [h0, h1] = pair;
	if (!h1) return h0.slice();
	const out = new Uint8Array(h0.length);
	let cur = r() < 0.5 ? 0 : 1;
	const switchAt = Math.floor(r() * h0.length); // one crossover per meiosis and chromosome
	for (let i = 0; i < h0.length; i++) {
		if (i === switchAt && r() < 0.7) cur ^= 1;
		out[i] = cur ? h1[i] : h0[i];
	}
	return out;
}

/** A child of `father` and `mother`. */
export function child(id: string, sex: 'male' | 'female', father: SimPerson, mother: SimPerson, r: () => number): SimPerson {
	const hap = new Map<string, [Uint8Array, Uint8Array | null]>();
	for (const [chrom, fPair] of father.hap) {
		const mPair = mother.hap.get(chrom)!;
		if (chrom === 'Y') hap.set(chrom, sex === 'male' ? [fPair[0].slice(), null] : [new Uint8Array(fPair[0].length), null]);
		else if (chrom === 'X') hap.set(chrom, sex === 'male' ? [gamete(mPair, r), null] : [gamete(mPair, r), fPair[0].slice()]);
		else hap.set(chrom, [gamete(fPair, r), gamete(mPair, r)]);
	}
	return { id, sex, hap };
}

/** Genotype text of a person at site i of `chrom` as two (or one) bases. */
function bases(p: SimPerson, chrom: string, i: number, s: SimSite): string[] {
	const [h0, h1] = p.hap.get(chrom)!;
	const b = (x: number) => (x ? s.alt : s.ref);
	return h1 ? [b(h0[i]), b(h1[i])] : [b(h0[i])];
}

/** A 23andMe-style raw data file (build 37 header) for `p`. */
export function to23andMe(p: SimPerson, sites: Map<string, SimSite[]>): string {
	const lines = ['# SYNTHETIC test data in 23andMe format (not a real person).', '# We are using reference human assembly build 37 (also known as Annotation Release 104).', '# rsid\tchromosome\tposition\tgenotype'];
	for (const [chrom, list] of sites) {
		for (let i = 0; i < list.length; i++) {
			const s = list[i];
			let g: string;
			if (chrom === 'Y') g = p.sex === 'male' ? bases(p, chrom, i, s)[0] : '--';
			else g = bases(p, chrom, i, s).sort().join('');
			lines.push(`rs${s.rsid}\t${chrom}\t${s.pos}\t${g}`);
		}
	}
	return lines.join('\n') + '\n';
}

/** An extra record planted in a VCF: genotypes by sample id (e.g. "0/1"), optional FORMAT fields. */
export interface PlantedRecord {
	chrom: string;
	pos: number;
	ref: string;
	alt: string;
	genotypes: Record<string, string>;
	/** Per sample DP, GQ, AD; defaults to a clean call. */
	quality?: Record<string, { dp: number; gq: number; ad: [number, number] }>;
	info?: string;
}

/** A joint-called VCF (GRCh37 contigs, variant sites only) with GT:AD:DP:GQ. */
export function toJointVcf(people: SimPerson[], sites: Map<string, SimSite[]>, planted: PlantedRecord[] = [], build: 'GRCh37' | 'GRCh38' = 'GRCh37'): string {
	const header = [
		'##fileformat=VCFv4.2',
		'##source=SYNTHETIC Qenome test family (not real people)',
		`##reference=${build}`,
		build === 'GRCh37' ? '##contig=<ID=1,length=249250621>' : '##contig=<ID=1,length=248956422>',
		'##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
		'##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">',
		'##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">',
		'##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype quality">',
		['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO', 'FORMAT', ...people.map((p) => p.id)].join('\t')
	];
	type Row = { chrom: string; pos: number; text: string };
	const rows: Row[] = [];
	const cell = (gt: string, q?: { dp: number; gq: number; ad: [number, number] }) => {
		const alt = gt.split(/[/|]/).filter((a) => a === '1').length;
		const calls = gt.split(/[/|]/).length;
		const dp = q?.dp ?? 30;
		const ad = q?.ad ?? (alt === 0 ? [dp, 0] : alt === calls ? [0, dp] : [dp / 2, dp / 2]);
		return `${gt}:${ad.join(',')}:${dp}:${q?.gq ?? 99}`;
	};
	for (const [chrom, list] of sites) {
		if (chrom === 'Y') continue;
		for (let i = 0; i < list.length; i++) {
			const s = list[i];
			const gts = people.map((p) => {
				const [h0, h1] = p.hap.get(chrom)!;
				return h1 ? `${h0[i]}/${h1[i]}`.replace('1/0', '0/1') : `${h0[i]}`;
			});
			if (gts.every((g) => !g.includes('1'))) continue;
			rows.push({ chrom, pos: s.pos, text: [chrom, s.pos, `rs${s.rsid}`, s.ref, s.alt, '50', 'PASS', '.', 'GT:AD:DP:GQ', ...gts.map((g) => cell(g))].join('\t') });
		}
	}
	for (const v of planted) {
		rows.push({ chrom: v.chrom, pos: v.pos, text: [v.chrom, v.pos, '.', v.ref, v.alt, '50', 'PASS', v.info ?? '.', 'GT:AD:DP:GQ', ...people.map((p) => cell(v.genotypes[p.id] ?? (v.chrom === 'X' && p.sex === 'male' ? '0' : '0/0'), v.quality?.[p.id]))].join('\t') });
	}
	const order = (c: string) => (c === 'X' ? 23 : c === 'Y' ? 24 : Number(c));
	rows.sort((a, b) => order(a.chrom) - order(b.chrom) || a.pos - b.pos);
	return header.join('\n') + '\n' + rows.map((r) => r.text).join('\n') + '\n';
}
