/**
 * Streaming reader of a patient's VCF into candidate variants for the rare-disease scorer.
 *
 * Hot path: for every record only CHROM and POS are parsed from bytes; the record is decoded as
 * text only when POS falls in a region of interest (exons ± 10 bp of genes with a disease, or a
 * ClinVar pathogenic site when a ClinVar file was supplied). A 5 M-record genome therefore decodes
 * a few hundred thousand lines at most, and memory holds only the candidates.
 */
import { canonicalChrom, ChromField, type ClinVarDb } from './clinvar';
import type { GnomadDb } from './gnomad';
import { classifyTerms, consequenceOnModel, modelsAt, moreSevere } from './consequence';
import { RareError, checkCancelled } from './errors';
import type { GeneModels, RareKb } from './kb';
import { forEachLine } from './stream';
import type { CandidateVariant, ConsequenceClass, RareBuild, RareSex, Zygosity } from './types';

/** Options of `readCandidates`. */
export interface ReadCandidatesOptions {
	/** The sample to analyse (required when the VCF has several). */
	sample?: string;
	/** Build when the header does not say it (default: from the header, else GRCh38 with a warning). */
	build?: RareBuild;
	sex?: RareSex;
	clinvar?: ClinVarDb | null;
	signal?: AbortSignal;
	/** Total bytes of the input (for progress fractions). */
	totalBytes?: number;
	onProgress?: (p: { bytes: number; records: number; fraction: number | null }) => void;
	/** Population frequencies from a user's gnomAD sites VCF (used when the record's INFO has none). */
	gnomad?: GnomadDb | null;
	/** Drop variants more frequent than this in the population (default 5 %). */
	maxFrequency?: number;
	/** Genes read besides those with a disease annotation (the opt-in secondary-findings/carrier gene lists). */
	extraGenes?: Iterable<string>;
	/**
	 * Which genes' variants become candidates: 'disease' (default: genes with a disease in the
	 * built-in annotations — fastest) or 'all' (every gene model, so a gene without any disease
	 * annotation can still rank on its variants; validation with an older annotation release uses
	 * this, or the newer release's gene list would leak into the older run).
	 */
	genes?: 'disease' | 'all';
}

/** What the reader found. */
export interface CandidateSet {
	build: RareBuild;
	sample: string | null;
	samples: string[];
	records: number;
	candidates: CandidateVariant[];
	/** True when the VCF carries consequence annotations (CSQ/ANN/BCSQ). */
	annotated: boolean;
	/** True when at least one record carried a usable population frequency. */
	hasFrequency: boolean;
	warnings: string[];
}

const GRCH38_CHR1 = 248956422;
const GRCH37_CHR1 = 249250621;
/** Margin around exons kept as "of interest" (splice region is 8 bp). */
const EXON_MARGIN = 10;

/** Merged exon ± margin intervals per chromosome, 1-based inclusive starts/ends. */
interface Regions {
	starts: Float64Array;
	ends: Float64Array;
}

/** Merged exon intervals ± margin (1-based, inclusive) of `genes` (null = every gene) over one or more gene-model sets. */
function buildRegions(modelSets: GeneModels[], genes: Set<string> | null, margin = EXON_MARGIN): Map<string, Regions> {
	const raw = new Map<string, [number, number][]>();
	for (const models of modelSets) {
		for (const [chrom, list] of models.byChrom) {
			const iv = raw.get(chrom) ?? raw.set(chrom, []).get(chrom)!;
			for (const m of list) {
				if (genes && !genes.has(m.gene)) continue;
				for (let i = 0; i < m.exonStarts.length; i++) iv.push([m.exonStarts[i] + 1 - margin, m.exonEnds[i] + margin]);
			}
		}
	}
	const out = new Map<string, Regions>();
	for (const [chrom, iv] of raw) {
		iv.sort((a, b) => a[0] - b[0]);
		const s: number[] = [];
		const e: number[] = [];
		for (const [a, b] of iv) {
			if (s.length && a <= e[e.length - 1] + 1) e[e.length - 1] = Math.max(e[e.length - 1], b);
			else {
				s.push(a);
				e.push(b);
			}
		}
		out.set(chrom, { starts: Float64Array.from(s), ends: Float64Array.from(e) });
	}
	return out;
}

/**
 * The "region of interest" test the reader uses (exons ± 10 bp of genes with a disease annotation),
 * for other streaming readers that keep only what the scorer can use (gnomAD sites). `genes` null = every gene model.
 */
export function interestFilter(models: GeneModels, genes: Set<string> | null): (chrom: string, pos: number, len: number) => boolean {
	return exonRegionFilter([models], genes);
}

/**
 * Whether [pos, pos + len − 1] on a canonical chromosome overlaps an exon ± `margin` of `genes`
 * (null = every gene) in any of `modelSets` — e.g. both builds' models, for a reader that does not
 * know the file's build yet (the family reader).
 */
export function exonRegionFilter(modelSets: GeneModels[], genes: Set<string> | null, margin = EXON_MARGIN): (chrom: string, pos: number, len: number) => boolean {
	const regions = buildRegions(modelSets, genes, margin);
	return (chrom, pos, len) => inRegions(regions.get(chrom), pos, len);
}

/** True when [pos, pos + len − 1] overlaps an interval of `r`. */
function inRegions(r: Regions | undefined, pos: number, len: number): boolean {
	if (!r) return false;
	let lo = 0;
	let hi = r.starts.length;
	const last = pos + len - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (r.starts[mid] <= last) lo = mid + 1;
		else hi = mid;
	}
	return lo > 0 && r.ends[lo - 1] >= pos;
}

/** VCF INFO annotation layouts we read. */
interface AnnotationLayout {
	csq: string[] | null;
	ann: boolean;
	bcsq: boolean;
}

const FREQ_KEYS = ['gnomADe_AF', 'gnomADg_AF', 'gnomAD_AF', 'gnomad_AF', 'gnomAD_exomes_AF', 'gnomAD_genomes_AF', 'ExAC_AF', 'MAX_AF', 'AF_popmax', 'popmax_AF', 'gnomADe_AF_popmax'];

/** INFO as key → value (flags → ''); '.' → empty. Parsed once per record. */
function parseInfo(info: string): Map<string, string> {
	const m = new Map<string, string>();
	if (!info || info === '.') return m;
	for (const kv of info.split(';')) {
		const eq = kv.indexOf('=');
		if (eq < 0) m.set(kv, '');
		else m.set(kv.slice(0, eq), kv.slice(eq + 1));
	}
	return m;
}

/** Read a VCF stream into candidate variants assigned to genes. */
export async function readCandidates(stream: ReadableStream<Uint8Array>, kb: RareKb, options: ReadCandidatesOptions = {}): Promise<CandidateSet> {
	const dec = new TextDecoder();
	const warnings: string[] = [];
	const headerLines: string[] = [];
	let samples: string[] | null = null;
	let sampleCol = -1;
	let build: RareBuild | null = options.build ?? null;
	let models: GeneModels | null = null;
	let regions: Map<string, Regions> | null = null;
	const layout: AnnotationLayout = { csq: null, ann: false, bcsq: false };
	let records = 0;
	let first = true;
	const candidates: CandidateVariant[] = [];
	let annotated = false;
	let hasFrequency = false;
	let droppedCommon = 0;
	const maxFreq = options.maxFrequency ?? 0.05;
	const allGenes = options.genes === 'all';
	const diseaseGenes = new Set([...kb.annotations.byGene.keys(), ...(options.extraGenes ?? [])]);
	const chromField = new ChromField();
	const clinvar = options.clinvar ?? null;
	const gnomad = options.gnomad ?? null;
	const sex = options.sex ?? 'unknown';

	// Gene models of the possible builds are loaded first, so the header is resolved synchronously.
	const available = new Map<RareBuild, GeneModels>();
	for (const b of options.build ? [options.build] : (['GRCh38', 'GRCh37'] as RareBuild[])) available.set(b, await kb.genes(b));
	const onHeaderDone = () => {
		const header = headerLines.join('\n');
		if (!build) {
			const m = /##contig=<ID=(?:chr)?1,length=(\d+)/.exec(header);
			if (m && Number(m[1]) === GRCH38_CHR1) build = 'GRCh38';
			else if (m && Number(m[1]) === GRCH37_CHR1) build = 'GRCh37';
			else if (/##reference=.*(GRCh38|hg38)/i.test(header)) build = 'GRCh38';
			else if (/##reference=.*(GRCh37|hg19|b37|hs37)/i.test(header)) build = 'GRCh37';
			else {
				build = 'GRCh38';
				warnings.push('The VCF header does not state its genome build; GRCh38 was assumed.');
			}
		}
		const csq = /##INFO=<ID=CSQ,.*Format: ([^">]+)/.exec(header);
		if (csq) layout.csq = csq[1].trim().split('|');
		layout.ann = /##INFO=<ID=ANN,/.test(header);
		layout.bcsq = /##INFO=<ID=BCSQ,/.test(header);
		annotated = !!(layout.csq || layout.ann || layout.bcsq);
		if (clinvar?.build && clinvar.build !== build)
			throw new RareError('input', 'build-mismatch', `The ClinVar file is ${clinvar.build} but the VCF is ${build}; use the ClinVar release for ${build}.`);
		if (gnomad?.build && gnomad.build !== build)
			throw new RareError('input', 'build-mismatch', `The gnomAD file is ${gnomad.build} but the VCF is ${build}; use the gnomAD release for ${build}.`);
		models = available.get(build)!;
		regions = buildRegions([models], allGenes ? null : diseaseGenes);
	};

	const processLine = (line: string) => {
		const f = line.split('\t');
		if (f.length < 10 && samples && samples.length > 0) return;
		const chrom = canonicalChrom(f[0]);
		if (!chrom) return;
		const pos = Number(f[1]);
		const ref = f[3].toUpperCase();
		const alts = f[4].split(',');
		const fmt = f[8]?.split(':') ?? [];
		const gtIdx = fmt.indexOf('GT');
		const sampleField = sampleCol >= 0 ? f[sampleCol] : undefined;
		if (gtIdx < 0 || !sampleField) return;
		const gt = sampleField.split(':')[gtIdx] ?? '.';
		const alleles = gt.split(/[/|]/);
		const ploidy = alleles.length;
		const filtered = !(f[6] === 'PASS' || f[6] === '.');
		const info = parseInfo(f[7] ?? '');
		const infoValue = (_: unknown, key: string) => info.get(key) ?? null;
		const nSamples = samples?.length ?? 1;
		const ns = Number(infoValue(info, 'NS') ?? 0);
		const an = Number(infoValue(info, 'AN') ?? 0);
		const afIsPopulation = ns > nSamples || an > 2 * nSamples;
		for (let k = 0; k < alts.length; k++) {
			const alt = alts[k].toUpperCase();
			if (alt === '*' || alt === '.' || alt.startsWith('<')) continue;
			const copies = alleles.filter((a) => a === String(k + 1)).length;
			if (copies === 0) continue;
			let zyg: Zygosity = copies >= 2 ? 'hom' : ploidy === 1 ? 'hemi' : 'het';
			if (chrom === 'X' && sex === 'male' && zyg === 'hom') zyg = 'hemi';
			if (chrom === 'Y' || chrom === 'MT') zyg = copies >= 1 && ploidy === 1 ? 'hemi' : zyg;
			// frequency
			let freq: number | null = null;
			let freqSrc: string | null = null;
			const consider = (v: string | null | undefined, src: string) => {
				if (!v) return;
				const x = Number(v.split(',')[Math.min(k, v.split(',').length - 1)]);
				if (Number.isFinite(x) && (freq === null || x > freq)) {
					freq = x;
					freqSrc = src;
				}
			};
			for (const key of FREQ_KEYS) consider(infoValue(info, key), key);
			if (gnomad) {
				const af = gnomad.frequency(chrom, pos, ref, alt);
				if (af !== null && (freq === null || af > freq)) {
					freq = af;
					freqSrc = `gnomAD ${gnomad.release}`;
				}
			}
			if (afIsPopulation) consider(infoValue(info, 'AF'), 'AF (cohort/population in INFO)');
			// annotations from the VCF
			const byGene = new Map<string, ConsequenceClass>();
			if (layout.csq) {
				const v = infoValue(info, 'CSQ');
				if (v) {
					const iA = layout.csq.indexOf('Allele');
					const iC = layout.csq.indexOf('Consequence');
					const iS = layout.csq.indexOf('SYMBOL');
					const freqCols = layout.csq.map((c, i) => [c, i] as const).filter(([c]) => /(^|_)AF$/.test(c) && /gnomAD|ExAC|MAX_AF|^AF$/.test(c));
					for (const entry of v.split(',')) {
						const p = entry.split('|');
						if (alts.length > 1 && iA >= 0 && !matchesVepAllele(p[iA], ref, alt)) continue;
						const c = classifyTerms(p[iC] ?? '');
						const g = p[iS];
						if (c && g) byGene.set(g, byGene.has(g) ? moreSevere(byGene.get(g)!, c) : c);
						for (const [name, i] of freqCols) consider(p[i]?.split('&')[0], `CSQ ${name}`);
					}
				}
			}
			if (layout.ann) {
				const v = infoValue(info, 'ANN');
				if (v)
					for (const entry of v.split(',')) {
						const p = entry.split('|');
						if (p[0] && p[0] !== alt) continue;
						const c = classifyTerms(p[1] ?? '');
						if (c && p[3]) byGene.set(p[3], byGene.has(p[3]) ? moreSevere(byGene.get(p[3])!, c) : c);
					}
			}
			if (layout.bcsq) {
				const v = infoValue(info, 'BCSQ');
				if (v)
					for (const entry of v.split(',')) {
						const p = entry.split('|');
						const c = classifyTerms(p[0] ?? '');
						if (c && p[1]) byGene.set(p[1], byGene.has(p[1]) ? moreSevere(byGene.get(p[1])!, c) : c);
					}
			}
			if (freq !== null) hasFrequency = true;
			const cv = clinvar?.records.get(`${chrom}:${pos}:${ref}:${alt}`) ?? null;
			const pathogenicCv = cv && (cv.significance === 'pathogenic' || cv.significance === 'likely_pathogenic');
			if (freq !== null && freq > maxFreq && !pathogenicCv) {
				droppedCommon++;
				continue;
			}
			// coordinates for genes the annotation did not name
			const source = new Map<string, 'vcf-annotation' | 'coordinates'>();
			for (const g of byGene.keys()) source.set(g, 'vcf-annotation');
			for (const m of modelsAt(models!, chrom, pos, ref.length)) {
				if (byGene.has(m.gene)) continue;
				const c = consequenceOnModel(m, pos, ref, alt);
				if (c) {
					byGene.set(m.gene, c);
					source.set(m.gene, 'coordinates');
				}
			}
			if (cv?.gene && !byGene.has(cv.gene) && pathogenicCv) {
				byGene.set(cv.gene, 'intron_variant');
				source.set(cv.gene, 'coordinates');
			}
			for (const [gene, consequence] of byGene) {
				if (!allGenes && !diseaseGenes.has(gene)) continue;
				if (!pathogenicCv && (consequence === 'intron_variant' || consequence === 'upstream_gene_variant' || consequence === 'downstream_gene_variant' || consequence === 'intergenic_variant'))
					continue;
				candidates.push({
					chrom,
					pos,
					ref,
					alt,
					genotype: zyg === 'hom' ? '1/1' : zyg === 'hemi' ? '1' : '0/1',
					zygosity: zyg,
					gene,
					consequence,
					consequenceSource: source.get(gene)!,
					frequency: freq,
					frequencySource: freqSrc,
					clinvar: cv ? { significance: cv.significance, stars: cv.stars, clnsig: cv.clnsig, id: cv.id } : null,
					filtered
				});
			}
		}
	};

	await forEachLine(
		stream,
		(buf, s, e) => {
			if (first) {
				first = false;
				const head = dec.decode(buf.subarray(s, Math.min(e, s + 20)));
				if (!head.startsWith('##fileformat=VCF')) throw new RareError('input', 'bad-vcf', 'This is not a VCF file (it does not start with "##fileformat=VCF").');
			}
			if (e === s) return;
			if (buf[s] === 35) {
				const line = dec.decode(buf.subarray(s, e));
				if (line.startsWith('#CHROM')) {
					const cols = line.split('\t');
					samples = cols.slice(9);
					if (samples.length === 0) throw new RareError('input', 'bad-vcf', 'The VCF has no sample column: a genotype is needed.');
					if (options.sample) {
						const i = samples.indexOf(options.sample);
						if (i < 0) throw new RareError('input', 'unknown-sample', `The VCF has no sample "${options.sample}" (it has: ${samples.join(', ')}).`);
						sampleCol = 9 + i;
					} else if (samples.length > 1) {
						throw new RareError('input', 'several-samples', `The VCF has ${samples.length} samples (${samples.slice(0, 5).join(', ')}…): choose one, or analyse them as a family with a pedigree.`);
					} else sampleCol = 9;
					onHeaderDone();
				} else headerLines.push(line);
				return;
			}
			if (!samples) throw new RareError('input', 'bad-vcf', 'The VCF has no "#CHROM" header line before its first record.');
			records++;
			// CHROM: reuse the previous decoded name when the bytes are the same
			const tab1 = buf.indexOf(9, s);
			if (tab1 < 0 || tab1 >= e) return;
			const prevChrom = chromField.read(buf, s, tab1);
			if (!prevChrom) return;
			let pos = 0;
			let i = tab1 + 1;
			for (; i < e && buf[i] !== 9; i++) {
				const c = buf[i] - 48;
				if (c < 0 || c > 9) throw new RareError('input', 'bad-vcf', `Record ${records}: POS is not a number.`, { record: records });
				pos = pos * 10 + c;
			}
			// REF length for the overlap test
			const tab3 = buf.indexOf(9, buf.indexOf(9, i + 1) + 1);
			const tab4 = buf.indexOf(9, tab3 + 1);
			const refLen = tab4 > tab3 ? tab4 - tab3 - 1 : 1;
			const interesting = inRegionsPending(prevChrom, pos, refLen);
			if (interesting) processLine(dec.decode(buf.subarray(s, e)));
		},
		{
			signal: options.signal,
			onBytes: (bytes) => options.onProgress?.({ bytes, records, fraction: options.totalBytes ? Math.min(1, bytes / options.totalBytes) : null })
		}
	);

	function inRegionsPending(chrom: string, pos: number, len: number): boolean {
		if (!regions) return false;
		if (clinvar?.pathogenicSites.has(`${chrom}:${pos}`)) return true;
		return inRegions(regions.get(chrom), pos, len);
	}

	if (first) throw new RareError('input', 'bad-vcf', 'The file is empty.');
	if (!samples) throw new RareError('input', 'bad-vcf', 'The VCF has no "#CHROM" header line.');
	if (!annotated) warnings.push('The VCF carries no consequence annotation (VEP CSQ, SnpEff ANN or bcftools BCSQ): consequences were derived from coordinates, so a coding SNV cannot be told missense from synonymous.');
	if (!hasFrequency) warnings.push('The VCF carries no population allele frequencies: common variants could not be filtered out.');
	if (droppedCommon) warnings.push(`${droppedCommon} variant(s) more frequent than ${(maxFreq * 100).toFixed(0)} % in the population were set aside.`);
	warnings.push('Deep intronic and intergenic variants are not assessed (unless a supplied ClinVar file calls them pathogenic).');
	return { build: build!, sample: samples![sampleCol - 9] ?? null, samples: samples!, records, candidates, annotated, hasFrequency, warnings };
}

/** VEP writes indel alleles without the anchor base ("-" for a deletion). */
function matchesVepAllele(vep: string | undefined, ref: string, alt: string): boolean {
	if (!vep) return true;
	if (vep === alt) return true;
	if (ref[0] === alt[0]) {
		const trimmed = alt.slice(1) || '-';
		return vep === trimmed;
	}
	return false;
}
