/**
 * `npm run build:demo`: writes static/demo/qenome-demo-23andme.zip — a synthetic 23andMe v5
 * raw-data download (~640k rows, GRCh37) for the "Try the demo genome" button.
 *
 * Deterministic: a seeded PRNG, a fixed zip entry time, fixed compression level — the same bytes
 * on every run and machine. Rows are random rsIDs/genotypes at random positions spread over
 * 1–22, X, Y and MT, except the pharmacogenomic sites, which carry planted genotypes at their
 * true GRCh37 positions (CYP2C19*2 het, CYP2C9*3 het, VKORC1 -1639 het, SLCO1B1 521 het,
 * CYP3A5*3/*3, CYP2D6*4 het, every other gene normal). The sites come from the project's own
 * committed knowledge base (static/kb/pgx.json, see scripts/build-kb.ts): every single-base site
 * with an rsID and a GRCh37 position, planted with the gene's normal allele (*1; NAT2 *4), so the
 * demo shows full calls where an array could test and honest "not tested" lists where it could
 * not (indels, sites without GRCh37 positions, HLA tags, which the KB places by rsID only).
 * The demo person is female (X heterozygous, Y no-calls) — nothing about a real person.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

/** A demo genotype planted at a GRCh37 position. */
export interface DemoSite {
	gene: string;
	rsid: string;
	chrom: string;
	pos: number;
	/** 23andMe-style genotype: two bases sorted, or one for MT. */
	genotype: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'static', 'demo', 'qenome-demo-23andme.zip');
const ENTRY = 'genome_Qenome_Demo_v5_Full_20240101000000.txt';
const TOTAL_ROWS = 640_000;

/** GRCh37 chromosome lengths (bp). */
const LENGTHS: Record<string, number> = {
	'1': 249250621, '2': 243199373, '3': 198022430, '4': 191154276, '5': 180915260, '6': 171115067,
	'7': 159138663, '8': 146364022, '9': 141213431, '10': 135534747, '11': 135006516, '12': 133851895,
	'13': 115169878, '14': 107349540, '15': 102531392, '16': 90354753, '17': 81195210, '18': 78077248,
	'19': 59128983, '20': 63025520, '21': 48129895, '22': 51304566, X: 155270560, Y: 59373566, MT: 16569
};
/** Rows per sex chromosome / MT as on a v5 chip; autosomes share the rest by length. */
const FIXED_ROWS: Record<string, number> = { X: 17_500, Y: 2_200, MT: 4_300 };

/** mulberry32: small, fast, seeded PRNG in [0, 1) — the same generator the PK population uses. */
export { seededRandom as mulberry32 } from '../src/lib/pk/population';
import { seededRandom as mulberry32 } from '../src/lib/pk/population';

/**
 * The diplotypes that make the demo interesting; every other gene carries its normal allele twice.
 * Genotypes are derived from the allele definitions themselves, so a planted diplotype is
 * consistent at every site its alleles define (e.g. CYP2C19*2 is more than rs4244285).
 */
export const PLANTED_DIPLOTYPES: Record<string, [string, string]> = {
	CYP2C19: ['*1', '*2'],
	CYP2C9: ['*1', '*3'],
	SLCO1B1: ['*1', '*5'],
	CYP3A5: ['*3', '*3'],
	CYP2D6: ['*1', '*4'],
	VKORC1: ['rs9923231 reference (C)', 'rs9923231 variant (T)']
};

interface KbSite {
	rsid: string | null;
	pos37: number | null;
	alleles: string[];
}
interface KbAllele {
	name: string;
	defined: Record<string, string>;
}
interface KbGene {
	chrom: string;
	sites: KbSite[];
	alleles: KbAllele[];
}

/** The allele a normal genome carries for a gene: *1 (NAT2: *4), else the reference definition. */
function normalAllele(gene: string, kb: KbGene): KbAllele {
	const want = gene === 'NAT2' ? '*4' : '*1';
	return kb.alleles.find((a) => a.name === want) ?? kb.alleles[0];
}

/** The planted sites, from the committed knowledge base (no ../shared needed). */
export function loadSites(): { sites: DemoSite[]; from: string } {
	const kbFile = path.join(root, 'static', 'kb', 'pgx.json');
	const kb = JSON.parse(fs.readFileSync(kbFile, 'utf8')) as { genes: Record<string, KbGene>; mtRnr1: { pos: number; ref: string; name: string }[] };
	const sites: DemoSite[] = [];
	const seen = new Set<string>();
	for (const [gene, g] of Object.entries(kb.genes)) {
		const reference = g.alleles[0];
		const named = (name: string): KbAllele => {
			const a = g.alleles.find((x) => x.name === name);
			if (!a) throw new Error(`demo genome: ${gene} has no allele ${name} in the knowledge base`);
			return a;
		};
		const planted = PLANTED_DIPLOTYPES[gene];
		const pair = planted ? planted.map(named) : [normalAllele(gene, g), normalAllele(gene, g)];
		g.sites.forEach((site, i) => {
			if (!site.rsid?.startsWith('rs') || !site.pos37 || seen.has(site.rsid)) return;
			if (!site.alleles.every((a) => /^[ACGT]$/.test(a))) return;
			// An allele's base at a site it does not define is the reference definition's base.
			const bases = pair.map((a) => a.defined[String(i)] ?? reference.defined[String(i)] ?? site.alleles[0]);
			if (!bases.every((b) => /^[ACGT]$/.test(b))) return;
			seen.add(site.rsid);
			sites.push({ gene, rsid: site.rsid, chrom: g.chrom, pos: site.pos37, genotype: bases.sort().join('') });
		});
	}
	// MT-RNR1 m.1555A>G (aminoglycoside hearing loss): tested and normal; 23andMe's rsID for it.
	const m1555 = kb.mtRnr1.find((m) => m.pos === 1555);
	if (m1555) sites.push({ gene: 'MT-RNR1', rsid: 'rs267606617', chrom: 'MT', pos: 1555, genotype: m1555.ref });
	// One record per position (a few definitions share a position under two rsIDs).
	const byPos = new Map<string, DemoSite>();
	for (const s of sites) if (!byPos.has(`${s.chrom}:${s.pos}`)) byPos.set(`${s.chrom}:${s.pos}`, s);
	return { sites: [...byPos.values()], from: 'static/kb/pgx.json' };
}

const HEADER = `# This data file generated by 23andMe at: Mon Jan 01 00:00:00 2024
#
# This file contains raw genotype data, including data that is not used in 23andMe reports.
# This data has undergone a general quality review however only a subset of markers have been
# individually validated for accuracy. As such, this data is suitable only for research,
# educational, and informational use and not for medical or other use.
#
# QENOME DEMO: this file is SYNTHETIC. It was generated by scripts/make-demo-genome.ts and
# describes no real person.
#
# Below is a text version of your data.  Fields are TAB-separated
# Each line corresponds to a single SNP.  For each SNP, we provide its identifier
# (an rsid or an internal id), its location on the reference human genome, and the
# genotype call oriented with respect to the plus strand on the human reference sequence.
# We are using reference human assembly build 37 (also known as Annotation Release 104).
# Note that it is possible that data downloaded at different times may be different due to ongoing
# improvements in our ability to call genotypes. More information about these changes can be found at:
# https://you.23andme.com/p/[profile-id]/tools/data/download/
#
# More information on reference human assembly builds:
# https://www.ncbi.nlm.nih.gov/assembly/GCF_000001405.13/
#
# rsid\tchromosome\tposition\tgenotype
`;

/** Generate the demo text (exported for tests). */
export function makeDemoText(seed = 20240101): { text: string; rows: number; planted: number; from: string } {
	const rnd = mulberry32(seed);
	const { sites, from } = loadSites();
	const planted = new Map<string, DemoSite[]>();
	const reservedIds = new Set(sites.map((s) => Number(s.rsid.slice(2))));
	for (const s of sites) (planted.get(s.chrom) ?? planted.set(s.chrom, []).get(s.chrom)!).push(s);
	const chroms = Object.keys(LENGTHS);
	const autosomal = chroms.filter((c) => !(c in FIXED_ROWS));
	const autoLen = autosomal.reduce((a, c) => a + LENGTHS[c], 0);
	const autoRows = TOTAL_ROWS - Object.values(FIXED_ROWS).reduce((a, b) => a + b, 0) - sites.length;
	const PAIRS = ['AG', 'CT', 'AG', 'CT', 'AC', 'GT', 'AT', 'CG'];
	const out: string[] = [HEADER];
	let rows = 0;
	const usedIds = new Set<number>();
	for (const chrom of chroms) {
		const n = FIXED_ROWS[chrom] ?? Math.round((autoRows * LENGTHS[chrom]) / autoLen);
		const len = LENGTHS[chrom];
		const plantedHere = (planted.get(chrom) ?? []).slice().sort((a, b) => a.pos - b.pos);
		const reservedPos = new Set(plantedHere.map((s) => s.pos));
		// Strictly increasing positions inside the chromosome (MT is shorter than the usual 10 kb margins).
		const margin = Math.min(10_000, Math.floor(len / 20));
		const step = (len - 2 * margin) / n;
		let p = 0;
		let lastPos = 0;
		for (let k = 0; k < n; k++) {
			let pos = Math.floor(margin + k * step + rnd() * step * 0.9) + 1;
			if (pos <= lastPos) pos = lastPos + 1;
			lastPos = pos;
			while (p < plantedHere.length && plantedHere[p].pos <= pos) {
				const s = plantedHere[p++];
				out.push(`${s.rsid}\t${chrom}\t${s.pos}\t${s.genotype}\n`);
				rows++;
			}
			if (reservedPos.has(pos)) continue;
			let id: string;
			if (rnd() < 0.03) id = `i${7000000 + Math.floor(rnd() * 999999)}`;
			else {
				let rs: number;
				do rs = 1000 + Math.floor(rnd() * 800_000_000);
				while (reservedIds.has(rs) || usedIds.has(rs));
				usedIds.add(rs);
				id = `rs${rs}`;
			}
			const pair = PAIRS[Math.floor(rnd() * PAIRS.length)];
			const r = rnd();
			let gt: string;
			if (rnd() < 0.008) gt = chrom === 'MT' ? '-' : '--';
			else if (chrom === 'Y') gt = '--'; // female: no Y calls
			else if (chrom === 'MT') gt = pair[r < 0.9 ? 0 : 1];
			else {
				const het = chrom === 'X' ? 0.15 : 0.3;
				gt = r < het ? pair : r < het + (1 - het) * 0.7 ? pair[0] + pair[0] : pair[1] + pair[1];
			}
			out.push(`${id}\t${chrom}\t${pos}\t${gt}\n`);
			rows++;
		}
		while (p < plantedHere.length) {
			const s = plantedHere[p++];
			out.push(`${s.rsid}\t${chrom}\t${s.pos}\t${s.genotype}\n`);
			rows++;
		}
	}
	return { text: out.join(''), rows, planted: sites.length, from };
}

/** Write the zip. */
function main(): void {
	const t0 = performance.now();
	const { text, rows, planted, from } = makeDemoText();
	const data = new TextEncoder().encode(text);
	// Local-time constructor: the zip's DOS date fields come out identical in every time zone.
	const zip = zipSync({ [ENTRY]: [data, { level: 6, mtime: new Date(2024, 0, 1, 0, 0, 0) }] });
	fs.mkdirSync(path.dirname(OUT), { recursive: true });
	fs.writeFileSync(OUT, zip);
	console.log(
		`demo genome: ${rows.toLocaleString('en')} rows (${planted} planted PGx sites from ${from}), ` +
			`${(zip.length / 1e6).toFixed(1)} MB zip → ${path.relative(root, OUT)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`
	);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
