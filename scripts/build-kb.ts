/**
 * `npm run kb`: converts the reference pharmacogenomics tables in ../shared/data/pgx into Qenome's
 * own compact, versioned knowledge base `static/kb/pgx.json` (see src/lib/pgx/kb-types.ts).
 *
 * Deterministic: keys are sorted, arrays keep source order, and the only dates written are the
 * sources' own versions. `buildKb(sharedDir)` returns the text so a test can rebuild and compare.
 *
 * Usage: tsx scripts/build-kb.ts [--shared DIR] [--out FILE]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
	KbAllele,
	KbDrug,
	KbExtraSite,
	KbGene,
	KbHlaTag,
	KbMtVariant,
	KbPhenotypeEntry,
	KbRecommendation,
	KbSite,
	KbSource,
	PgxKb
} from '../src/lib/pgx/kb-types';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Genes whose definition tables are converted. */
export const KB_GENES = [
	'ABCG2', 'CACNA1S', 'CFTR', 'CYP2B6', 'CYP2C19', 'CYP2C9', 'CYP2D6', 'CYP3A4', 'CYP3A5', 'CYP4F2',
	'DPYD', 'G6PD', 'IFNL3', 'NAT2', 'NUDT15', 'RYR1', 'SLCO1B1', 'TPMT', 'UGT1A1', 'VKORC1'
];

/**
 * HLA tag SNPs (published facts; not in ../shared). Screening only: a tag SNP is in linkage with
 * the HLA allele in the named populations, never a typed HLA result.
 * HLA-B*15:02 is deliberately absent: NCBI Medical Genetics Summaries (Phenytoin/carbamazepine and
 * HLA-B*15:02) state tag variants cannot reliably detect it (rs2844682/rs3909184 proved inaccurate
 * in later studies; rs144012689 is proposed for Chinese populations only). The caller reports it
 * as not screened.
 */
const HLA_TAGS: KbHlaTag[] = [
	{
		gene: 'HLA-B', allele: '*57:01', rsid: 'rs2395029', tagAllele: 'G', otherAllele: 'T', pos37: null, pos38: null,
		note: 'HCP5 rs2395029 G is in strong linkage with HLA-B*57:01 in people of European ancestry (de Bakker et al., Nat Genet 2008); weaker in other ancestries.'
	},
	{
		gene: 'HLA-B', allele: '*58:01', rsid: 'rs9263726', tagAllele: 'A', otherAllele: 'G', pos37: null, pos38: null,
		note: 'PSORS1C1 rs9263726 A tags HLA-B*58:01 in Japanese and Han Chinese (Tohkin et al., Pharmacogenomics J 2013); not validated in other ancestries.'
	},
	{
		gene: 'HLA-A', allele: '*31:01', rsid: 'rs1061235', tagAllele: 'T', otherAllele: 'A', pos37: null, pos38: null,
		note: 'HLA-A 3\u2032UTR rs1061235 T tags HLA-A*31:01 in people of European ancestry (McCormack et al., NEJM 2011); A/T is strand-ambiguous.'
	}
];

function readJson<T>(file: string): T {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Minimal RFC 4180 CSV reader (quoted fields, commas inside quotes). */
function readCsv(file: string): Record<string, string>[] {
	const text = fs.readFileSync(file, 'utf8');
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field || row.length) {
		row.push(field);
		rows.push(row);
	}
	const [head, ...body] = rows.filter((r) => r.length > 1);
	return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

/** JSON with object keys sorted at every level, so the output is byte-stable. */
export function stableStringify(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	if (Array.isArray(value)) return '[' + value.map(stableStringify).join(',') + ']';
	const obj = value as Record<string, unknown>;
	return (
		'{' +
		Object.keys(obj)
			.filter((k) => obj[k] !== undefined)
			.sort()
			.map((k) => JSON.stringify(k) + ':' + stableStringify(obj[k]))
			.join(',') +
		'}'
	);
}

/** Strip the small HTML subset used in CPIC recommendation texts to plain text. */
function htmlToText(html: string): string {
	return html
		.replace(/<\/(p|h\d|li)>/g, '\n')
		.replace(/<br\s*\/?>/g, '\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&gt;/g, '>')
		.replace(/&lt;/g, '<')
		.replace(/&amp;/g, '&')
		.replace(/&nbsp;/g, ' ')
		.replace(/&#39;/g, "'")
		.replace(/&quot;/g, '"')
		.split('\n')
		.map((l) => l.replace(/\s+/g, ' ').trim())
		.filter(Boolean)
		.join('\n');
}

interface TranslationVariant {
	position: number;
	rsid: string | null;
	chromosomeHgvsName: string;
	ref: string;
	alts: string[];
}
interface TranslationAllele {
	name: string;
	alleles: (string | null)[];
	score: number;
}
interface Translation {
	gene: string;
	version: string;
	chromosome: string;
	variants: TranslationVariant[];
	namedAlleles: TranslationAllele[];
}
interface PhenotypeFile {
	gene: string;
	version: string;
	namedAlleles: { name: string; activityValue: string | null; functionValue: string | null; lookupKey: string | null }[];
	diplotypes: { diplotypekey: Record<string, number>; generesult: string; activityScore: string | null; lookupkey: string }[];
}
interface Exemption {
	ignoredAlleles?: string[];
	unphasedDiplotypePriorities?: { list: string[]; pick: string }[];
	extraPositions?: TranslationVariant[];
}

/** Index the PyPGx GRCh37↔GRCh38 table by GRCh38 position and by rsID. */
function loadLiftTable(shared: string) {
	const rows = readCsv(path.join(shared, 'pypgx', 'variant-table.csv'));
	const byPos = new Map<string, Record<string, string>>();
	const byRsid = new Map<string, Record<string, string>>();
	for (const r of rows) {
		byPos.set(`${r.Chromosome}:${r.GRCh38Position}`, r);
		if (r.rsID && r.rsID.startsWith('rs')) byRsid.set(r.rsID, r);
	}
	return { byPos, byRsid };
}

function toSite(v: TranslationVariant, chrom: string, lift: ReturnType<typeof loadLiftTable>, alleleTexts: Set<string>): KbSite {
	const row = lift.byPos.get(`${chrom}:${v.position}`) ?? (v.rsid ? lift.byRsid.get(v.rsid) : undefined);
	let pos37: number | null = null;
	let ref37: string | null = null;
	if (row && row.GRCh37Position && row.GRCh37Position !== 'N/A') {
		const shift = v.position - Number(row.GRCh38Position);
		pos37 = Number(row.GRCh37Position) + shift;
		// The reference base only transfers when both tables anchor the variant identically.
		ref37 = shift === 0 && row.GRCh38Allele === v.ref ? row.GRCh37Allele : shift === 0 ? row.GRCh37Allele : null;
		if (ref37 && ref37.length !== v.ref.length) ref37 = null;
	}
	return {
		pos38: v.position,
		pos37,
		rsid: v.rsid,
		ref38: v.ref,
		ref37,
		alleles: [...new Set([v.ref, ...v.alts, ...alleleTexts])],
		label: v.chromosomeHgvsName
	};
}

function geneChrom(c: string): string {
	return c.replace(/^chr/, '').replace(/^M$/, 'MT');
}

/** Genes whose allele functions come from CPIC's allele function table (`cpic-functions/`). */
const CPIC_FUNCTION_GENES = ['CACNA1S', 'RYR1'];

/** gene → allele → CPIC function, from `cpic-functions/allele_functions.tsv` (one row per defining position). */
function readCpicFunctions(shared: string): Map<string, Map<string, string>> {
	const out = new Map<string, Map<string, string>>();
	const file = path.join(shared, 'cpic-functions', 'allele_functions.tsv');
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		if (!line || line.startsWith('#') || line.startsWith('gene\t')) continue;
		const [gene, allele, fn] = line.split('\t');
		if (!gene || !allele || !fn) continue;
		if (!out.has(gene)) out.set(gene, new Map());
		out.get(gene)!.set(allele, fn);
	}
	return out;
}

/** Convert one gene's definition and phenotype tables. */
function convertGene(
	shared: string,
	gene: string,
	lift: ReturnType<typeof loadLiftTable>,
	exemptions: Record<string, Exemption>,
	pypgxAlleles: Record<string, string>[]
): KbGene {
	const tr = readJson<Translation>(path.join(shared, 'pharmcat', 'alleles', `${gene}_translation.json`));
	const chrom = geneChrom(tr.chromosome);
	const texts = tr.variants.map(() => new Set<string>());
	for (const a of tr.namedAlleles) a.alleles.forEach((b, i) => b && /^[ACGT]+$/.test(b) && texts[i].add(b));
	const sites = tr.variants.map((v, i) => toSite(v, chrom, lift, texts[i]));
	const phenoFile = path.join(shared, 'pharmcat', 'phenotype', `${gene}.json`);
	const pheno = fs.existsSync(phenoFile) ? readJson<PhenotypeFile>(phenoFile) : null;
	const fnByName = new Map<string, { fn: string | null; activity: number | null; key: string | null }>();
	if (pheno) {
		for (const a of pheno.namedAlleles)
			fnByName.set(a.name, {
				fn: a.functionValue,
				activity: a.activityValue != null && a.activityValue !== '' && !isNaN(Number(a.activityValue)) ? Number(a.activityValue) : null,
				key: a.lookupKey
			});
	} else {
		for (const r of pypgxAlleles.filter((r) => r.Gene === gene))
			fnByName.set(r.StarAllele, {
				fn: r.Function === 'N/A' ? null : r.Function,
				activity: r.ActivityScore !== 'N/A' && !isNaN(Number(r.ActivityScore)) ? Number(r.ActivityScore) : null,
				key: r.Function === 'N/A' ? null : r.Function
			});
	}
	// RYR1 and CACNA1S: functions from CPIC's allele function table (not PyPGx).
	if (CPIC_FUNCTION_GENES.includes(gene)) {
		const cpic = readCpicFunctions(shared).get(gene);
		if (cpic) for (const [name, fn] of cpic) fnByName.set(name, { fn, activity: fnByName.get(name)?.activity ?? null, key: fn });
	}
	const alleles: KbAllele[] = tr.namedAlleles.map((a) => {
		const defined: Record<string, string> = {};
		a.alleles.forEach((b, i) => {
			if (b !== null) defined[String(i)] = b;
		});
		const f = fnByName.get(a.name);
		return { name: a.name, defined, score: a.score, fn: f?.fn ?? null, activity: f?.activity ?? null };
	});
	const lookupKeys: Record<string, string> = {};
	for (const [name, f] of fnByName) if (f.key) lookupKeys[name] = f.key;
	const phenotypeByFunctions: Record<string, KbPhenotypeEntry> = {};
	if (pheno) {
		for (const d of pheno.diplotypes) {
			const names = Object.entries(d.diplotypekey).flatMap(([n, c]) => Array<string>(c).fill(n));
			if (names.length !== 2 && !(names.length === 1)) continue;
			const keys = names.map((n) => lookupKeys[n] ?? n).sort();
			const entry: KbPhenotypeEntry = {
				phenotype: d.generesult,
				activityScore: d.activityScore != null && !isNaN(Number(d.activityScore)) ? Number(d.activityScore) : null,
				lookupKey: d.lookupkey
			};
			phenotypeByFunctions[keys.join('|')] = entry;
		}
	}
	// IFNL3: the shared phenotype file lists no diplotypes. CPIC's rule (Muir et al., Clin Pharmacol
	// Ther 2014;95:141-146, PMID 24096968, Table 2): rs12979860 CC is the favorable response
	// genotype; CT and TT are unfavorable. Written here as that published fact, with its citation.
	if (gene === 'IFNL3' && Object.keys(phenotypeByFunctions).length === 0) {
		const fav = 'Favorable response allele';
		const unfav = 'Unfavorable response allele';
		const entry = (phenotype: string): KbPhenotypeEntry => ({ phenotype, activityScore: null, lookupKey: phenotype });
		phenotypeByFunctions[[fav, fav].join('|')] = entry('Favorable response genotype');
		phenotypeByFunctions[[fav, unfav].join('|')] = entry('Unfavorable response genotype');
		phenotypeByFunctions[[unfav, unfav].join('|')] = entry('Unfavorable response genotype');
	}
	const method: KbGene['phenotypeMethod'] =
		gene === 'CYP2D6' ? 'activity-score' : gene === 'G6PD' ? 'g6pd' : gene === 'RYR1' ? 'ryr-cacna' : pheno ? 'functions' : 'none';
	const scoreBands =
		gene === 'CYP2D6'
			? [
					{ min: 0, max: 0.25, phenotype: 'Poor Metabolizer' },
					{ min: 0.25, max: 1.25, phenotype: 'Intermediate Metabolizer' },
					{ min: 1.25, max: 2.5, phenotype: 'Normal Metabolizer' },
					{ min: 2.5, max: null, phenotype: 'Ultrarapid Metabolizer' }
				]
			: [];
	return {
		gene,
		chrom,
		sites,
		alleles,
		ignoredAlleles: exemptions[gene]?.ignoredAlleles ?? [],
		unphasedPriorities: (exemptions[gene]?.unphasedDiplotypePriorities ?? []).map((p) => ({ list: p.list, pick: p.pick })),
		phenotypeByFunctions,
		lookupKeys,
		phenotypeMethod: method,
		scoreBands,
		version: tr.version
	};
}

/** Parse MT-RNR1 variants ("m.1555A>G") from the phenotype table; SNVs only. */
function convertMtRnr1(shared: string): KbMtVariant[] {
	const p = readJson<{ haplotypes: Record<string, string> }>(path.join(shared, 'pharmcat', 'phenotype', 'MT_RNR1.json'));
	const out: KbMtVariant[] = [];
	for (const [name, phenotype] of Object.entries(p.haplotypes)) {
		const m = /^m\.(\d+)([ACGT])>([ACGT])$/.exec(name);
		if (m) out.push({ name, pos: Number(m[1]), ref: m[2], alt: m[3], phenotype });
	}
	return out.sort((a, b) => a.pos - b.pos || a.name.localeCompare(b.name));
}

interface GuidelineFile {
	guideline: { id: string; name: string; version: number; url: string; relatedChemicals: { name: string }[]; relatedGenes: { symbol: string }[] };
	recommendations: {
		population: string;
		classification: { term: string } | null;
		relatedChemicals: { name: string }[];
		text: { html: string };
		implications: string[] | null;
		lookupKey: Record<string, string>;
		alternateDrugAvailable: boolean;
	}[];
	citations: { pmid: string }[];
	version: string;
}

/** Convert the CPIC guideline snapshots into one entry per drug. */
function convertDrugs(shared: string, strings: StringTable): KbDrug[] {
	const dir = path.join(shared, 'pharmcat', 'guidelines-cpic');
	const drugs: KbDrug[] = [];
	for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
		const g = readJson<GuidelineFile>(path.join(dir, f));
		const genes = g.guideline.relatedGenes.map((x) => x.symbol).sort();
		const title = g.guideline.name.replace(/^Annotation of /, '');
		for (const chem of g.guideline.relatedChemicals) {
			const recs: KbRecommendation[] = g.recommendations
				.filter((r) => r.relatedChemicals.some((c) => c.name === chem.name))
				.map((r) => ({
					lookup: r.lookupKey,
					population: r.population ?? 'general',
					classification: r.classification?.term ?? 'n/a',
					text: strings.add(htmlToText(r.text?.html ?? '')),
					implications: (r.implications ?? []).map((t) => strings.add(t)),
					alternateDrug: !!r.alternateDrugAvailable
				}));
			drugs.push({
				drug: chem.name,
				genes,
				guideline: title,
				url: g.guideline.url,
				source: `${title} — CPIC via PharmGKB ${g.guideline.id} v${g.guideline.version} (snapshot ${g.version})`,
				pmids: g.citations.map((c) => c.pmid).filter(Boolean),
				recommendations: recs
			});
		}
	}
	return drugs.sort((a, b) => a.drug.localeCompare(b.drug) || a.guideline.localeCompare(b.guideline));
}

/** Interns repeated texts (recommendations repeat across phenotype combinations). */
class StringTable {
	readonly list: string[] = [];
	private readonly index = new Map<string, number>();
	/** Index of `text`, adding it on first sight. */
	add(text: string): number {
		let i = this.index.get(text);
		if (i === undefined) {
			i = this.list.length;
			this.list.push(text);
			this.index.set(text, i);
		}
		return i;
	}
}

function firstLine(file: string): string {
	return fs.readFileSync(file, 'utf8').trim().split('\n')[0];
}

/** Build the knowledge base text from a ../shared directory. */
export function buildKb(shared: string): string {
	const pgx = path.join(shared, 'data', 'pgx');
	const lift = loadLiftTable(pgx);
	const exemptions = readJson<Record<string, Exemption>>(path.join(pgx, 'pharmcat', 'alleles', 'exemptions.json'));
	const pypgxAlleles = readCsv(path.join(pgx, 'pypgx', 'allele-table.csv'));
	const genes: Record<string, KbGene> = {};
	for (const g of KB_GENES) genes[g] = convertGene(pgx, g, lift, exemptions, pypgxAlleles);
	const extraSites: KbExtraSite[] = [];
	for (const [gene, ex] of Object.entries(exemptions).sort(([a], [b]) => a.localeCompare(b))) {
		for (const v of ex.extraPositions ?? []) {
			const chrom = geneChrom((v as unknown as { chromosome: string }).chromosome);
			extraSites.push({ gene, ...toSite(v, chrom, lift, new Set()) });
		}
	}
	const defVersion = genes.CYP2C19.version;
	const guidelineCommit = firstLine(path.join(pgx, 'pharmcat', 'guidelines-cpic', 'SOURCE_COMMIT'));
	const sources: KbSource[] = [
		{
			name: 'CPIC/PharmVar allele definitions, allele functions and phenotype tables',
			version: `${defVersion} (PharmCAT commit ${firstLine(path.join(pgx, 'pharmcat', 'SOURCE_COMMIT')).split(' ')[0]})`,
			licence: 'CC0-1.0 (CPIC content); packaging MPL-2.0 (PharmCAT)',
			attribution: 'CPIC® (Clinical Pharmacogenetics Implementation Consortium) and PharmVar, as packaged by PharmCAT (PharmGKB). CPIC® is a registered service mark of HHS.',
			url: 'https://cpicpgx.org/'
		},
		{
			name: 'CPIC guideline recommendations (PharmGKB annotations)',
			version: `snapshot of May 2024 (commit ${guidelineCommit.split(' ')[0]})`,
			licence: 'CC0-1.0 (CPIC content); packaging MPL-2.0 (PharmCAT)',
			attribution: 'CPIC® guidelines, via PharmGKB guideline annotations as packaged by PharmCAT.',
			url: 'https://cpicpgx.org/guidelines/'
		},
		{
			name: 'CPIC allele functions (RYR1, CACNA1S)',
			version: `PharmCAT example report, commit ${(/commit ([0-9a-f]{7,40})/.exec(fs.readFileSync(path.join(pgx, 'cpic-functions', 'allele_functions.tsv'), 'utf8'))?.[1] ?? 'unknown').slice(0, 12)}`,
			licence: 'CC0-1.0 (CPIC content)',
			attribution: 'CPIC® allele functions, as printed from CPIC data in PharmCAT’s example report.',
			url: 'https://cpicpgx.org/'
		},
		{
			name: 'PyPGx variant, allele and phenotype tables (GRCh37↔GRCh38 mapping, CYP2D6/G6PD/RYR1 allele functions)',
			version: `commit ${firstLine(path.join(pgx, 'pypgx', 'SOURCE_COMMIT')).split(' ')[0]}`,
			licence: 'MIT',
			attribution: 'PyPGx by Seung-been "Steven" Lee (MIT licence).',
			url: 'https://github.com/sbslee/pypgx'
		},
		{
			name: 'CPIC 2017 warfarin dosing flowchart (Figure 2) and IWPC 2009 pharmacogenetic algorithm',
			version: 'CPIC warfarin guideline 2017 (Johnson et al., Clin Pharmacol Ther 102:397); IWPC NEJM 2009;360:753-764',
			licence: 'CC0-1.0 (CPIC content); formula is a published fact',
			attribution: 'CPIC® warfarin guideline; International Warfarin Pharmacogenetics Consortium.',
			url: 'https://cpicpgx.org/guidelines/guideline-for-warfarin-and-cyp2c9-and-vkorc1/'
		}
	];
	const strings = new StringTable();
	const drugs = convertDrugs(pgx, strings);
	const kb: PgxKb = {
		format: 1,
		version: `qenome-kb-1/defs-${defVersion}/cpic-2024-05`,
		sources,
		genes,
		extraSites,
		hla: HLA_TAGS,
		mtRnr1: convertMtRnr1(pgx),
		drugs,
		strings: strings.list
	};
	return stableStringify(kb) + '\n';
}

/** Default location of ../shared. */
export function defaultSharedDir(): string {
	return path.resolve(root, '..', 'shared');
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
	const args = process.argv.slice(2);
	const opt = (name: string) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const shared = opt('--shared') ?? defaultSharedDir();
	const out = opt('--out') ?? path.join(root, 'static', 'kb', 'pgx.json');
	if (!fs.existsSync(path.join(shared, 'data', 'pgx'))) {
		console.error(`build-kb: ${shared}/data/pgx not found; pass --shared DIR`);
		process.exit(2);
	}
	const text = buildKb(shared);
	fs.mkdirSync(path.dirname(out), { recursive: true });
	fs.writeFileSync(out, text);
	console.log(`build-kb: wrote ${path.relative(root, out)} (${(text.length / 1024).toFixed(0)} KiB)`);
}
