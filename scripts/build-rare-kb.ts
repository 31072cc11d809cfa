/**
 * Builds the rare-disease knowledge base (static/kb/rare/*.json.gz) from ../shared/data/hpo and
 * ../shared/data/genes. Run: `npx tsx scripts/build-rare-kb.ts [SHARED_DIR]` (default $QENOME_SHARED, else ../shared).
 *
 * Output (gzipped JSON, loaded lazily by src/lib/rare/kb*.ts):
 * - hpo.json.gz        ontology: ids, names, is_a parents, alt ids / obsolete replacements (scoring)
 * - hpo-text.json.gz   synonyms (layperson marked) and definitions (the term picker only)
 * - annotations.json.gz diseases (id, name, genes, inheritance) with their HPO terms and frequencies
 * - genes-GRCh38.json.gz / genes-GRCh37.json.gz  one coding transcript per gene (exons, CDS), the
 *   tier (exact MANE CDS, MANE rebuilt from RefSeq exons [GRCh38], or another isoform), gnomAD constraint and ClinGen haploinsufficiency; plus
 *   RefSeq models (exons, no CDS) of the NON-CODING genes that have an HPO disease (RNU4-2, RMRP,
 *   TERC, …: absent from the protein-coding Ensembl/MANE sets), each marked functional RNA or other
 *   non-coding RNA (rule in `nonCodingModels` below)
 *
 * OMIM's own text is not shipped: disease names come from HPO's annotation files (CC BY 4.0).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { INHERITANCE_MODES, hpoaFrequency } from '../src/lib/rare/hpoa';
import type { GeneModel } from '../src/lib/rare/kb';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(process.argv[2] ?? process.env.QENOME_SHARED ?? path.join(root, '..', 'shared'));
const hpoDir = path.join(shared, 'data', 'hpo');
const genesDir = path.join(shared, 'data', 'genes');
const out = path.join(root, 'static', 'kb', 'rare');
fs.mkdirSync(out, { recursive: true });

function readGz(file: string): string {
	return zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
}
function tsv(file: string): string[][] {
	return readGz(file)
		.split('\n')
		.filter((l) => l.length > 0)
		.map((l) => l.split('\t'));
}
function write(name: string, value: unknown): void {
	const json = JSON.stringify(value);
	const gz = zlib.gzipSync(json, { level: 9 });
	fs.writeFileSync(path.join(out, name), gz);
	console.log(`${name}: ${(json.length / 1e6).toFixed(2)} MB JSON → ${(gz.length / 1e6).toFixed(2)} MB gzip`);
}
const hpNum = (id: string) => Number(id.slice(3));

// ---------------------------------------------------------------- ontology
interface OboTerm {
	id: string;
	name: string;
	def: string;
	parents: string[];
	alt: string[];
	syn: string[];
	lay: string[];
	obsolete: boolean;
	replacedBy: string | null;
}
const obo = readGz(path.join(hpoDir, 'hp.obo.gz'));
const version = /^data-version: hp\/releases\/(\S+)/m.exec(obo)?.[1] ?? 'unknown';
const terms: OboTerm[] = [];
for (const block of obo.split('\n[').slice(1)) {
	if (!block.startsWith('Term]')) continue;
	const t: OboTerm = { id: '', name: '', def: '', parents: [], alt: [], syn: [], lay: [], obsolete: false, replacedBy: null };
	for (const line of block.split('\n')) {
		const c = line.indexOf(': ');
		if (c < 0) continue;
		const k = line.slice(0, c);
		const v = line.slice(c + 2);
		if (k === 'id') t.id = v;
		else if (k === 'name') t.name = v;
		else if (k === 'def') t.def = /^"((?:[^"\\]|\\.)*)"/.exec(v)?.[1]?.replace(/\\"/g, '"') ?? '';
		else if (k === 'is_a') t.parents.push(v.split(' ')[0]);
		else if (k === 'alt_id') t.alt.push(v);
		else if (k === 'is_obsolete') t.obsolete = v.trim() === 'true';
		else if (k === 'replaced_by') t.replacedBy = v.trim();
		else if (k === 'synonym') {
			const m = /^"((?:[^"\\]|\\.)*)"\s+(\w+)\s*(\w+)?/.exec(v);
			if (!m) continue;
			const text = m[1].replace(/\\"/g, '"');
			if (m[3] === 'obsolete_synonym' || m[3] === 'allelic_requirement') continue;
			if (text.toLowerCase() === t.name.toLowerCase()) {
				if (m[3] === 'layperson') t.lay.push(text);
				continue;
			}
			(m[3] === 'layperson' ? t.lay : t.syn).push(text);
		}
	}
	if (t.id.startsWith('HP:')) terms.push(t);
}
const live = terms.filter((t) => !t.obsolete);
const index = new Map<string, number>();
live.forEach((t, i) => index.set(t.id, i));
const aliases: [number, number][] = [];
for (const t of live) for (const a of t.alt) aliases.push([hpNum(a), index.get(t.id)!]);
for (const t of terms) if (t.obsolete && t.replacedBy && index.has(t.replacedBy)) aliases.push([hpNum(t.id), index.get(t.replacedBy)!]);
write('hpo.json.gz', {
	version,
	source: 'Human Phenotype Ontology (hp.obo), HPO Consortium, CC BY 4.0',
	ids: live.map((t) => hpNum(t.id)),
	names: live.map((t) => t.name),
	parents: live.map((t) => t.parents.map((p) => index.get(p)).filter((x): x is number => x !== undefined)),
	aliases
});
write('hpo-text.json.gz', {
	version,
	defs: live.map((t) => t.def),
	syn: live.map((t) => t.syn),
	lay: live.map((t) => t.lay)
});
console.log(`HPO ${version}: ${live.length} live terms, ${terms.length - live.length} obsolete, ${aliases.length} aliases`);

// ---------------------------------------------------------------- gene symbols (MANE = current)
const mane = tsv(path.join(genesDir, 'MANE.GRCh38.v1.0.summary.txt.gz'));
const mh = mane[0];
const col = (name: string) => mh.indexOf(name);
const ncbiToSymbol = new Map<string, string>();
const ensgToSymbol = new Map<string, string>();
const hgncOf = new Map<string, string>();
for (const r of mane.slice(1)) {
	if (r[col('MANE_status')] !== 'MANE Select') continue;
	const sym = r[col('symbol')];
	ncbiToSymbol.set(r[col('#NCBI_GeneID')].replace('GeneID:', ''), sym);
	ensgToSymbol.set(r[col('Ensembl_Gene')].split('.')[0], sym);
	hgncOf.set(sym, r[col('HGNC_ID')]);
}

// ---------------------------------------------------------------- diseases and annotations
const INHERITANCE = INHERITANCE_MODES;
const parseFrequency = hpoaFrequency;
const dg = tsv(path.join(hpoDir, 'disease_to_gene.tsv.gz')).slice(1);
const genesOf = new Map<string, Set<string>>();
for (const [disease, , ncbi, symbol, assoc] of dg) {
	if (assoc === 'POLYGENIC') continue;
	const sym = ncbiToSymbol.get(ncbi.replace('NCBIGene:', '')) ?? symbol;
	if (!sym) continue;
	if (!genesOf.has(disease)) genesOf.set(disease, new Set());
	genesOf.get(disease)!.add(sym);
}
const d2h = tsv(path.join(hpoDir, 'disease_to_hpo.hpo3-2025-11-24.tsv.gz')).slice(1);
interface Dz {
	id: string;
	name: string;
	modes: Set<string>;
	ann: Map<number, number>;
}
const diseases = new Map<string, Dz>();
const aliasMap = new Map(aliases);
const resolveFast = (id: string) => index.get(id) ?? aliasMap.get(hpNum(id));
/** Add one annotation row to a disease: an inheritance mode, or a phenotype term with its frequency. */
function annotate(d: Dz, hpo: string, freq: string): void {
	if (INHERITANCE[hpo]) {
		d.modes.add(INHERITANCE[hpo]);
		return;
	}
	const ti = resolveFast(hpo);
	if (ti === undefined) return;
	const f = parseFrequency(freq);
	if (f === 0) return;
	d.ann.set(ti, Math.max(d.ann.get(ti) ?? -1, f));
}
for (const [id, name, hpo, , freq] of d2h) {
	if (!genesOf.has(id)) continue;
	let d = diseases.get(id);
	if (!d) diseases.set(id, (d = { id, name, modes: new Set(), ann: new Map() }));
	annotate(d, hpo, freq);
}
// genes_to_phenotype (2026-02) adds annotations for disease ids the 2025 table lacks
const g2p = tsv(path.join(hpoDir, 'genes_to_phenotype.txt.gz')).slice(1);
const extra = new Map<string, Dz>();
for (const [ncbi, symbol, hpo, , freq, disease] of g2p) {
	if (diseases.has(disease)) continue;
	let d = extra.get(disease);
	if (!d) extra.set(disease, (d = { id: disease, name: '', modes: new Set(), ann: new Map() }));
	const sym = ncbiToSymbol.get(ncbi) ?? symbol;
	if (!genesOf.has(disease)) genesOf.set(disease, new Set());
	genesOf.get(disease)!.add(sym);
	annotate(d, hpo, freq);
}
const names = new Map(tsv(path.join(hpoDir, 'diseases.tsv.gz')).slice(1).map((r) => [r[0], r[1]] as [string, string]));
for (const [id, name] of dg.map((r) => [r[0], r[1]])) if (!names.has(id)) names.set(id, name);
for (const d of extra.values()) {
	d.name = names.get(d.id) ?? d.id;
	if (d.ann.size) diseases.set(d.id, d);
}
const dzList = [...diseases.values()].filter((d) => d.ann.size > 0).sort((a, b) => (a.id < b.id ? -1 : 1));
write('annotations.json.gz', {
	source: `HPO disease annotations (hpo3 build 2025-11-24 disease→phenotype; genes_to_phenotype ${version}; genes_to_disease 2025), HPO Consortium, CC BY 4.0`,
	version: `2025-11-24 + ${version}`,
	ids: dzList.map((d) => d.id),
	names: dzList.map((d) => d.name),
	genes: dzList.map((d) => [...genesOf.get(d.id)!].sort()),
	modes: dzList.map((d) => [...d.modes].sort()),
	terms: dzList.map((d) => [...d.ann.keys()]),
	// frequency in percent (integer), -1 = not stated
	freqs: dzList.map((d) => [...d.ann.values()].map((f) => (f < 0 ? -1 : Math.round(f * 100))))
});
console.log(`diseases with genes and phenotype annotations: ${dzList.length}`);

// ---------------------------------------------------------------- gene models + constraint
const constraint = new Map<string, { pLI: number | null; loeuf: number | null; misZ: number | null; src: string }>();
const num = (s: string | undefined) => (s === undefined || s === '' || s === 'NA' ? null : Number(s));
const v2 = tsv(path.join(genesDir, 'gnomad.v2.1.1.constraint.compact.tsv.gz'));
{
	const h = v2[0];
	for (const r of v2.slice(1)) {
		const g = ensgToSymbol.get(r[h.indexOf('gene_id')]) ?? r[h.indexOf('gene')];
		constraint.set(g, { pLI: num(r[h.indexOf('pLI')]), loeuf: num(r[h.indexOf('oe_lof_upper')]), misZ: num(r[h.indexOf('mis_z')]), src: 'v2.1.1' });
	}
}
const v4 = tsv(path.join(genesDir, 'gnomad.v4.gene_constraint.genoppi_subset.tsv.gz'));
for (const r of v4.slice(1)) {
	const [g, pLI, loeuf, misZ] = r;
	if (loeuf === 'NA' || loeuf === '') continue;
	constraint.set(g, { pLI: num(pLI), loeuf: num(loeuf), misZ: num(misZ), src: 'v4.0' });
}
const round = (x: number | null, d = 3) => (x === null || !Number.isFinite(x) ? null : Number(x.toFixed(d)));

let readThrough: Set<string> | undefined;
/** Wanted non-coding symbols whose GRCh38 RefSeq exons overlap a coding sequence on the same strand. */
function readThroughLoci(wanted: Set<string>): Set<string> {
	const pieces: [string, number, number, string][] = [];
	for (const r of tsv(path.join(genesDir, 'ensembl75_canonical.lifted.GRCh38.genepred.tsv.gz')).slice(1)) {
		const st = r[8].split(',').filter(Boolean).map(Number);
		const en = r[9].split(',').filter(Boolean).map(Number);
		const [cs, ce] = [Number(r[5]), Number(r[6])];
		st.forEach((x, i) => {
			const a = Math.max(x, cs);
			const b = Math.min(en[i], ce);
			if (a < b) pieces.push([r[1], a, b, r[2]]);
		});
	}
	const found = new Set<string>();
	for (const r of tsv(path.join(genesDir, 'genomespy_refseq_exons.GRCh38.bed12.gz'))) {
		if (!wanted.has(r[3])) continue;
		const chrom = r[0].replace(/^chr/, '');
		const s0 = Number(r[1]);
		const sizes = r[10].split(',').filter(Boolean).map(Number);
		const rel = r[11].split(',').filter(Boolean).map(Number);
		for (const [c, a, b, strand] of pieces)
			if (c === chrom && strand === r[5] && rel.some((x, i) => s0 + x < b && s0 + x + sizes[i] > a)) found.add(r[3]);
	}
	return found;
}

/** Symbols of every Ensembl-75 canonical coding transcript (both builds): protein-coding genes. */
const ensemblSymbols = new Set<string>();
for (const file of ['ensembl75_canonical.lifted.GRCh38.genepred.tsv.gz', 'ensembl75_canonical.GRCh37.genepred.tsv.gz']) {
	const rows = tsv(path.join(genesDir, file));
	const h = rows[0];
	for (const r of rows.slice(1)) ensemblSymbols.add(ensgToSymbol.get(r[h.indexOf('gene_id')]) ?? r[h.indexOf('name2')]);
}

/** A transcript model rebuilt by `maneRebuiltModels` (0-based, half-open; exon bounds as plain arrays). */
type RebuiltModel = Pick<GeneModel, 'chrom' | 'strand' | 'txStart' | 'txEnd' | 'cdsStart' | 'cdsEnd'> & { starts: number[]; ends: number[] };

/**
 * GRCh38 models rebuilt on the MANE Select transcript for genes whose Ensembl-75 lift is another
 * isoform (tier 0) or missing: the RefSeq exon structure (`genomespy_refseq_exons.GRCh38.bed12.gz`,
 * no CDS) with the CDS bounds that the exact MANE UTR pieces give (`ManeSelectBed…utr5/utr3`; their
 * start column is 1-based, checked on the 12,100 genes whose lift is MANE's CDS: the rebuilt bounds
 * then agree in 99.6 %). Kept only when the two files describe the same transcript: one locus of the
 * symbol on MANE's chromosome and strand, its span within 2 bases of MANE's, every UTR piece inside
 * an exon, and a CDS that is a whole number of codons. Tier 2.
 */
function maneRebuiltModels(): Map<string, RebuiltModel> {
	const span = new Map<string, { chrom: string; start: number; end: number; strand: string }>();
	for (const r of mane.slice(1)) if (r[col('MANE_status')] === 'MANE Select') span.set(r[col('symbol')], { chrom: r[col('GRCh38_chr')].replace(/^chr/, ''), start: Number(r[col('chr_start')]), end: Number(r[col('chr_end')]), strand: r[col('chr_strand')] });
	const utr = new Map<string, { u5: [number, number][]; u3: [number, number][] }>();
	for (const k of ['5', '3'] as const)
		for (const r of tsv(path.join(genesDir, `ManeSelectBed.GENCODEv50.GRCh38.utr${k}.bed.gz`))) {
			if (r[0].startsWith('#')) continue;
			const u = utr.get(r[4]) ?? { u5: [], u3: [] };
			utr.set(r[4], u);
			(k === '5' ? u.u5 : u.u3).push([Number(r[1]) - 1, Number(r[2])]);
		}
	const loci = new Map<string, string[][]>();
	for (const r of tsv(path.join(genesDir, 'genomespy_refseq_exons.GRCh38.bed12.gz'))) {
		const l = loci.get(r[3]);
		if (l) l.push(r);
		else loci.set(r[3], [r]);
	}
	const out = new Map<string, RebuiltModel>();
	for (const [sym, m] of span) {
		const list = (loci.get(sym) ?? []).filter((r) => r[0].replace(/^chr/, '') === m.chrom && r[5] === m.strand);
		if (list.length !== 1) continue;
		const r = list[0];
		const txStart = Number(r[1]);
		const txEnd = Number(r[2]);
		if (Math.abs(txStart - (m.start - 1)) > 2 || Math.abs(txEnd - m.end) > 2) continue;
		const sizes = r[10].split(',').filter(Boolean).map(Number);
		const starts = r[11].split(',').filter(Boolean).map((x) => txStart + Number(x));
		const ends = starts.map((x, i) => x + sizes[i]);
		const u = utr.get(sym) ?? { u5: [], u3: [] };
		if (![...u.u5, ...u.u3].every(([a, b]) => starts.some((x, i) => a >= x - 1 && b <= ends[i] + 1))) continue;
		const plus = m.strand === '+';
		const left = plus ? u.u5 : u.u3;
		const right = plus ? u.u3 : u.u5;
		const cdsStart = left.length ? Math.max(...left.map(([, b]) => b)) : txStart;
		const cdsEnd = right.length ? Math.min(...right.map(([a]) => a)) : txEnd;
		if (cdsStart >= cdsEnd) continue;
		let cdsLength = 0;
		for (let i = 0; i < starts.length; i++) cdsLength += Math.max(0, Math.min(ends[i], cdsEnd) - Math.max(starts[i], cdsStart));
		if (cdsLength === 0 || cdsLength % 3 !== 0) continue;
		out.set(sym, { chrom: m.chrom, strand: plus ? 1 : -1, txStart, txEnd, cdsStart, cdsEnd, starts, ends });
	}
	return out;
}

function geneModels(build: 'GRCh38' | 'GRCh37') {
	const file = build === 'GRCh38' ? 'ensembl75_canonical.lifted.GRCh38.genepred.tsv.gz' : 'ensembl75_canonical.GRCh37.genepred.tsv.gz';
	const rows = tsv(path.join(genesDir, file));
	const h = rows[0];
	const hi = new Map<string, number>();
	for (const r of tsv(path.join(genesDir, `ClinGen_haploinsufficiency_gene.${build === 'GRCh38' ? 'hg38' : 'hg19'}.bed.gz`)).slice(1)) hi.set(r[3], Number(r[4]));
	const genes: unknown[][] = [];
	const seen = new Set<string>();
	const rebuilt = build === 'GRCh38' ? maneRebuiltModels() : new Map<string, RebuiltModel>();
	/** One model row: [symbol, chrom, strand(1/-1), txStart(0-based), txEnd, cdsStart-txStart, cdsEnd-txStart, exon starts relative to txStart, exon lengths, tier, pLI, LOEUF, misZ, ClinGen HI score or -1]. */
	const rowOf = (sym: string, chrom: string, strand: number, txStart: number, txEnd: number, cdsStart: number, cdsEnd: number, starts: number[], ends: number[], tier: number) => {
		const c = constraint.get(sym);
		return [sym, chrom, strand, txStart, txEnd, cdsStart - txStart, cdsEnd - txStart, starts.map((s) => s - txStart), starts.map((s, i) => ends[i] - s), tier, round(c?.pLI ?? null), round(c?.loeuf ?? null), round(c?.misZ ?? null, 2), hi.get(sym) ?? -1];
	};
	let replaced = 0;
	for (const r of rows.slice(1)) {
		const chrom = r[1];
		if (!/^([0-9]+|X|Y|MT)$/.test(chrom)) continue;
		const sym = ensgToSymbol.get(r[h.indexOf('gene_id')]) ?? r[h.indexOf('name2')];
		if (seen.has(sym)) continue;
		seen.add(sym);
		const txStart = Number(r[3]);
		const starts = r[8].split(',').filter(Boolean).map(Number);
		const ends = r[9].split(',').filter(Boolean).map(Number);
		const match = build === 'GRCh38' ? r[h.indexOf('mane_match')] : '';
		const tier = build === 'GRCh38' ? (/same_cds_bounds/.test(match) ? 1 : 0) : 0;
		const m = tier === 0 ? rebuilt.get(sym) : undefined;
		if (m) {
			replaced++;
			genes.push(rowOf(sym, m.chrom, m.strand, m.txStart, m.txEnd, m.cdsStart, m.cdsEnd, m.starts, m.ends, 2));
		} else genes.push(rowOf(sym, chrom, r[2] === '-' ? -1 : 1, txStart, Number(r[4]), Number(r[5]), Number(r[6]), starts, ends, tier));
	}
	// MANE genes the Ensembl-75 lift lacks altogether
	let added = 0;
	for (const [sym, m] of rebuilt) {
		if (seen.has(sym) || !/^([0-9]+|X|Y)$/.test(m.chrom)) continue;
		seen.add(sym);
		added++;
		genes.push(rowOf(sym, m.chrom, m.strand, m.txStart, m.txEnd, m.cdsStart, m.cdsEnd, m.starts, m.ends, 2));
	}
	if (build === 'GRCh38') console.log(`GRCh38 models rebuilt on MANE Select (RefSeq exons + MANE CDS bounds): ${replaced} replace another Ensembl-75 isoform, ${added} added`);
	const nc = nonCodingModels(build, seen, hi);
	genes.push(...nc);
	write(`genes-${build}.json.gz`, {
		build,
		source:
			(build === 'GRCh38'
				? 'Ensembl 75 canonical transcripts lifted to GRCh38 (CAVA, MIT; tier 1 = CDS identical to MANE Select v1.0); tier 2 = MANE Select v1.0 rebuilt from RefSeq exons (genome-spy refSeq hg38 track) and MANE UTR bounds (ManeSelectBed, GENCODE v50) where the lift is another isoform or missing'
				: 'Ensembl 75 canonical transcripts, GRCh37 (CAVA, MIT)') +
			`; RefSeq exon models of ${nc.length} non-coding disease genes (genome-spy refSeq ${build === 'GRCh38' ? 'hg38' : 'hg19'} track); gnomAD constraint v4.0/v2.1.1 (CC0); ClinGen dosage`,
		hgnc: Object.fromEntries([...hgncOf].filter(([s]) => seen.has(s))),
		genes
	});
}

/**
 * Non-coding disease genes. Our gene models are protein-coding (Ensembl canonical / MANE), so a
 * disease gene that is an RNA — RNU4-2 (ReNU syndrome), RNU4ATAC, RNU12, RMRP, TERC, SNORD118,
 * MIR140 … — had no model and its variants never became candidates. For every gene that has a disease
 * in the built-in annotations, no protein-coding model in this build and no MANE Select (protein-
 * coding) transcript, the RefSeq exon structure of the same build (`genomespy_refseq_exons.<build>
 * .bed12.gz`; both builds carry them, so nothing is lifted) is added with no CDS (cdsStart = cdsEnd),
 * which makes a variant in its exon `non_coding_transcript_exon_variant`. A gene with more than one
 * locus on the primary assembly in that file is left out (ambiguous; logged), and so is a locus whose
 * exons overlap a protein-coding CDS on the same strand (a read-through such as LRTOMT).
 *
 * Column 15 says what an exon variant means (src/lib/rare/score.ts):
 * 1 = functional RNA: the whole mature RNA is the gene product and sequence variants in it cause the
 *     disease. Rule: a single exon of ≤ 500 nt (a small structural RNA: snRNA, snoRNA, miRNA, RMRP,
 *     TERC …) that is the ONLY gene of at least one of its diseases (so the disease is that RNA's own,
 *     not a multi-gene deletion or imprinting region such as Prader-Willi's SNORD116 cluster);
 * 2 = other non-coding RNA (lncRNAs, imprinted transcripts, repeat-expansion loci, …): an exon
 *     variant keeps the low non-coding prior — their disease mechanisms are mostly dosage,
 *     methylation or expansions that a small variant call does not show.
 */
function nonCodingModels(build: 'GRCh38' | 'GRCh37', haveModel: Set<string>, hi: Map<string, number>): unknown[][] {
	// protein-coding = a MANE Select gene, an Ensembl-75 canonical coding transcript in either build, or
	// a gene with gnomAD constraint (computed for protein-coding genes only): POLR2A and ORAI1 have no
	// MANE v1.0 transcript and no GRCh38 lift, but they are not RNAs — a coding gap, not this one
	const protein = new Set([...hgncOf.keys(), ...constraint.keys(), ...ensemblSymbols]);
	const soleGeneOf = new Set<string>();
	const wanted = new Set<string>();
	for (const d of dzList) {
		const gs = genesOf.get(d.id)!;
		for (const g of gs) if (!haveModel.has(g) && !protein.has(g)) wanted.add(g);
		if (gs.size === 1) soleGeneOf.add([...gs][0]);
	}
	const rows = new Map<string, string[][]>();
	for (const r of tsv(path.join(genesDir, `genomespy_refseq_exons.${build}.bed12.gz`))) {
		const chrom = r[0].replace(/^chr/, '');
		if (!wanted.has(r[3]) || !/^([0-9]+|X|Y|M)$/.test(chrom)) continue;
		const l = rows.get(r[3]);
		if (l) l.push(r);
		else rows.set(r[3], [r]);
	}
	// a RefSeq locus whose exon overlaps, on the same strand, the CDS of an Ensembl-75 coding exon
	// (GRCh38) is a read-through or alternative transcript of coding genes (e.g. LRTOMT = LRRC51 +
	// TOMT), not an RNA gene; UTRs do not count (SNORD118 lies in the 3′ UTR of a TMEM107
	// isoform). Decided once on GRCh38, applied to both builds
	readThrough ??= readThroughLoci(wanted);
	const out: unknown[][] = [];
	const ambiguous: string[] = [...readThrough].filter((g) => rows.has(g)).map((g) => `${g} (overlaps coding exons)`);
	for (const g of readThrough) rows.delete(g);
	const functional: string[] = [];
	for (const [sym, list] of [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
		if (list.length > 1) {
			ambiguous.push(sym);
			continue;
		}
		const [chr, s, , , , strand, , , , count, sizes, starts] = list[0];
		const chrom = chr.replace(/^chr/, '') === 'M' ? 'MT' : chr.replace(/^chr/, '');
		const txStart = Number(s);
		const lens = sizes.split(',').filter(Boolean).map(Number);
		const rel = starts.split(',').filter(Boolean).map(Number);
		const txEnd = txStart + rel[rel.length - 1] + lens[lens.length - 1];
		const isFunctional = Number(count) === 1 && lens[0] <= 500 && soleGeneOf.has(sym);
		if (isFunctional) functional.push(sym);
		const c = constraint.get(sym);
		out.push([sym, chrom, strand === '-' ? -1 : 1, txStart, txEnd, 0, 0, rel, lens, 0, round(c?.pLI ?? null), round(c?.loeuf ?? null), round(c?.misZ ?? null, 2), hi.get(sym) ?? -1, isFunctional ? 1 : 2]);
	}
	const missing = [...wanted].filter((g) => !rows.has(g)).sort();
	console.log(`${build}: ${out.length} non-coding disease-gene models (${functional.length} functional RNA: ${functional.join(', ')})`);
	console.log(`${build}: other non-coding: ${out.filter((r) => r[14] === 2).map((r) => r[0]).join(', ')}`);
	if (ambiguous.length) console.log(`${build}: left out (several loci, or a coding read-through): ${ambiguous.join(', ')}`);
	console.log(`${build}: annotated genes without any model (not in the RefSeq file either): ${missing.join(', ')}`);
	return out;
}
geneModels('GRCh38');
geneModels('GRCh37');
