/**
 * Converts PyPGx's CPIC drug table (../shared/data/pgx/pypgx/cpic-table.csv: drug, RxNorm, ATC,
 * CPIC level, PharmGKB level) into `static/kb/pgx-codes.json`, used to code medications
 * (RxNorm) and evidence levels in the FHIR export, plus the HGNC ids of the genes (MANE summary). Deterministic (drugs sorted).
 *
 * Usage: tsx scripts/build-drug-codes.ts [--shared DIR]
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One CSV line → fields (double quotes, commas inside quotes). */
function csvFields(line: string): string[] {
	const out: string[] = [];
	let cur = '';
	let q = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (q) {
			if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
			else if (c === '"') q = false;
			else cur += c;
		} else if (c === '"') q = true;
		else if (c === ',') out.push(cur), (cur = '');
		else cur += c;
	}
	out.push(cur);
	return out;
}

/** Build the JSON text from the shared folder. */
export function buildDrugCodes(shared: string): string {
	const text = fs.readFileSync(path.join(shared, 'data/pgx/pypgx/cpic-table.csv'), 'utf8');
	const [head, ...rows] = text.split(/\r?\n/).filter(Boolean);
	const cols = csvFields(head);
	const at = (name: string) => cols.indexOf(name);
	const drugs: Record<string, { rxnorm: string | null; atc: string[]; pairs: Record<string, { cpicLevel: string; pharmgkbLevel: string }> }> = {};
	for (const line of rows) {
		const f = csvFields(line);
		const drug = f[at('Drug')].trim().toLowerCase();
		const gene = f[at('Gene')].trim();
		const d = (drugs[drug] ??= { rxnorm: f[at('RxNorm')].trim() || null, atc: f[at('ATC')].split(',').map((s) => s.trim()).filter(Boolean), pairs: {} });
		d.pairs[gene] = { cpicLevel: f[at('CPICLevel')].trim(), pharmgkbLevel: f[at('PharmGKBLevel')].trim() };
	}
	// HGNC ids of the knowledge base's genes, from the MANE summary (MT-RNR1 has no MANE entry: HGNC:7470).
	const kbGenes: string[] = Object.keys((JSON.parse(fs.readFileSync(path.join(root, 'static/kb/pgx.json'), 'utf8')) as { genes: Record<string, unknown> }).genes);
	const wanted = new Set([...kbGenes, 'HLA-A', 'HLA-B', 'MT-RNR1']);
	const hgnc: Record<string, string> = { 'MT-RNR1': 'HGNC:7470' };
	const mane = zlib.gunzipSync(fs.readFileSync(path.join(shared, 'data/genes/MANE.GRCh38.v1.0.summary.txt.gz'))).toString('utf8');
	for (const line of mane.split('\n')) {
		const f = line.split('\t');
		if (f.length > 3 && wanted.has(f[3])) hgnc[f[3]] = f[2];
	}
	const missing = [...wanted].filter((g) => !hgnc[g]);
	if (missing.length) throw new Error(`no HGNC id for ${missing.join(', ')}`);
	const genes = Object.fromEntries(Object.keys(hgnc).sort().map((k) => [k, hgnc[k]]));
	const sorted = Object.fromEntries(Object.keys(drugs).sort().map((k) => [k, drugs[k]]));
	return JSON.stringify({ format: 1, source: { name: 'PyPGx cpic-table.csv (CPIC gene–drug pairs with RxNorm and ATC codes)', licence: 'MIT', url: 'https://github.com/sbslee/pypgx' }, geneSource: 'MANE GRCh38 v1.0 summary (HGNC ids)', genes, drugs: sorted }) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	const i = process.argv.indexOf('--shared');
	const shared = i > 0 ? process.argv[i + 1] : path.join(root, '..', 'shared');
	const out = path.join(root, 'static/kb/pgx-codes.json');
	fs.writeFileSync(out, buildDrugCodes(shared));
	console.log(`wrote ${path.relative(root, out)}`);
}
