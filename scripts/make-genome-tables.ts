/**
 * Converts facts from ../shared/data/pgx/pypgx/variant-table.csv (PyPGx, MIT) into a small
 * committed table, so the project builds without ../shared:
 * src/lib/genome/build-markers.json — common array SNPs with their GRCh37 and GRCh38 positions
 * and reference bases, used to tell the assembly of an imported file. (The demo genome's
 * pharmacogenomic sites come from the committed knowledge base, static/kb/pgx.json.)
 *
 * Usage: `npx tsx scripts/make-genome-tables.ts` (re-run when the shared table changes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Location of the shared PyPGx table (absent on clean clones). */
export const table = path.resolve(root, '..', 'shared', 'data', 'pgx', 'pypgx', 'variant-table.csv');

/** One row of the PyPGx variant table. */
export interface VariantRow {
	gene: string;
	rsid: string;
	chrom: string;
	pos37: number;
	pos38: number;
	ref37: string;
	ref38: string;
	/** ALT of the GRCh38 name: the star-allele-defining variant (PharmVar is GRCh38-based). */
	alt38: string;
	alt: string;
	impact: string;
}

/** Read the PyPGx variant table (CSV with no quoted commas in the columns used). */
export function readVariantTable(file: string): VariantRow[] {
	const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
	const head = lines[0].split(',');
	const col = (name: string) => head.indexOf(name);
	const c = {
		gene: col('Gene'), rsid: col('rsID'), chrom: col('Chromosome'), p37: col('GRCh37Position'),
		p38: col('GRCh38Position'), n38: col('GRCh38Name'), r37: col('GRCh37Allele'), r38: col('GRCh38Allele'), alt: col('Variant'), impact: col('Impact')
	};
	return lines.slice(1).map((l) => {
		const f = l.split(',');
		return {
			gene: f[c.gene], rsid: f[c.rsid], chrom: f[c.chrom].replace(/^chr/, ''), pos37: Number(f[c.p37]),
			pos38: Number(f[c.p38]), ref37: f[c.r37], ref38: f[c.r38], alt38: f[c.n38].split('-')[3] ?? '', alt: f[c.alt], impact: f[c.impact]
		};
	});
}

// Common SNPs on 23andMe/AncestryDNA/MyHeritage/FTDNA arrays and in WGS calls, spread over
// chromosomes, whose GRCh37 and GRCh38 positions differ.
const MARKERS = [
	'rs4244285', 'rs4986893', 'rs12248560', 'rs28399504', 'rs1057910', 'rs1799853', 'rs9923231',
	'rs4149056', 'rs776746', 'rs1800462', 'rs1800460', 'rs1142345', 'rs3918290', 'rs67376798',
	'rs55886062', 'rs1065852', 'rs3892097', 'rs16947', 'rs1135840', 'rs28371725', 'rs28371706',
	'rs5030865', 'rs1045642', 'rs2032582', 'rs1128503', 'rs2231142', 'rs2108622', 'rs116855232',
	'rs4148323', 'rs887829', 'rs3745274', 'rs1801133'
];

/** Write the build-marker table. */
function main(): void {
	if (!fs.existsSync(table)) {
		console.error(`${table} is missing; the committed tables are kept as they are.`);
		process.exit(1);
	}
	const rows = readVariantTable(table);
	const byRsid = new Map(rows.map((r) => [r.rsid, r]));
	const markers = MARKERS.map((id) => byRsid.get(id)).filter((r): r is VariantRow => !!r && r.pos37 !== r.pos38);
	fs.writeFileSync(
		path.join(root, 'src', 'lib', 'genome', 'build-markers.json'),
		JSON.stringify(
			{
				source: 'PyPGx variant-table.csv (MIT), via scripts/make-genome-tables.ts',
				markers: markers.map((r) => ({ rsid: r.rsid, chrom: r.chrom, grch37: r.pos37, grch38: r.pos38, ref37: r.ref37, ref38: r.ref38 }))
			},
			null,
			1
		) + '\n'
	);
	console.log(`build markers: ${markers.length}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
