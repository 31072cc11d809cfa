/**
 * One streaming pass over a family's VCF (joint multi-sample or single-sample) that collects
 * everything the family analysis needs, so each input file is read — and inflated — once:
 *
 * - every sample's genotypes as columnar chunks (the genome domain's `readCohort` with
 *   `keepAll`: byte-for-byte the chunks `importGenome(…, {sample})` stores, with the same build
 *   and sex decisions) for kinship, IBS0, sex, Mendelian errors and the inheritance patterns;
 * - the raw lines the rare-disease reader and the de novo gates look at: the header and every
 *   record overlapping an exon (± a margin) of a gene with a known disease, on either build, or a
 *   supplied ClinVar pathogenic site. These few lines (≈ 1 % of a genome) form a small VCF that
 *   `readCandidates` (candidate variants) and `readSiteQualities` (DP/GQ/AD) later read instead
 *   of the file; both only ever decode lines in those regions, so their results are the same as
 *   over the whole file.
 */
import { ChromField, exonRegionFilter, type ClinVarDb, type RareKb } from '../rare/index';
import { readCohort } from '../genome/index';
import { familySample, type FamilySample } from './samples';

/** Extra bases kept around exons (the rare reader uses 10; a wider net costs little). */
const REGION_MARGIN = 60;

/** Options of `readFamilyVcf`. */
export interface FamilyVcfReadOptions {
	/** The rare-disease knowledge base (gene models of both builds); without it no region lines are kept. */
	kb?: RareKb | null;
	clinvar?: ClinVarDb | null;
	/** Samples to read (VCF column names, in this order); all when absent. */
	samples?: string[];
	signal?: AbortSignal;
	totalBytes?: number;
	onProgress?: (p: { bytesRead: number; totalBytes: number | null; records: number }) => void;
}

/** What one pass over a family VCF gives. */
export interface FamilyVcfRead {
	/** Every sample of the VCF (header order). */
	allSamples: string[];
	/** The chosen samples' genomes, ids = VCF column names. */
	samples: FamilySample[];
	/** Data records in the file. */
	records: number;
	/** The header and the records in disease-gene exons (a small VCF, uncompressed). */
	regionVcf: Uint8Array;
}

/** Exons ± margin of genes with a disease, on both builds (a superset of what the rare reader reads). */
async function diseaseExons(kb: RareKb): Promise<(chrom: string, pos: number, len: number) => boolean> {
	return exonRegionFilter([await kb.genes('GRCh37'), await kb.genes('GRCh38')], new Set(kb.annotations.byGene.keys()), REGION_MARGIN);
}

/** Growable byte buffer for the region VCF. */
class ByteSink {
	private buf = new Uint8Array(1 << 16);
	length = 0;
	push(src: Uint8Array, s: number, e: number): void {
		const need = this.length + (e - s) + 1;
		if (need > this.buf.length) {
			const next = new Uint8Array(Math.max(need, this.buf.length * 2));
			next.set(this.buf.subarray(0, this.length));
			this.buf = next;
		}
		this.buf.set(src.subarray(s, e), this.length);
		this.length += e - s;
		this.buf[this.length++] = 10;
	}
	bytes(): Uint8Array {
		return this.buf.slice(0, this.length);
	}
}

/** Read a family VCF once: every sample's genome plus the lines the ranking needs. */
export async function readFamilyVcf(stream: ReadableStream<Uint8Array>, options: FamilyVcfReadOptions = {}): Promise<FamilyVcfRead> {
	const inExons = options.kb ? await diseaseExons(options.kb) : null;
	const pathogenic = options.clinvar?.pathogenicSites ?? null;
	const sink = new ByteSink();
	const chromField = new ChromField();
	let headerDone = false;
	const tap = (buf: Uint8Array, s: number, e: number) => {
		if (buf[s] === 35) {
			// '#': header (kept whole; the #CHROM line ends it)
			if (!headerDone) sink.push(buf, s, e);
			if (buf[s + 1] !== 35) headerDone = true;
			return;
		}
		if (!inExons && !pathogenic) return;
		const t1 = buf.indexOf(9, s);
		if (t1 < 0 || t1 >= e) return;
		const prevChrom = chromField.read(buf, s, t1);
		if (!prevChrom) return;
		let pos = 0;
		let i = t1 + 1;
		while (i < e && buf[i] >= 48 && buf[i] <= 57) pos = pos * 10 + buf[i++] - 48;
		if (buf[i] !== 9) return;
		// REF length (columns: CHROM POS ID REF)
		const t3 = buf.indexOf(9, i + 1);
		const t4 = t3 < 0 || t3 >= e ? -1 : buf.indexOf(9, t3 + 1);
		const refLen = t4 > t3 && t4 < e ? t4 - t3 - 1 : 1;
		if (inExons?.(prevChrom, pos, Math.max(1, refLen)) || pathogenic?.has(`${prevChrom}:${pos}`)) sink.push(buf, s, e);
	};
	const read = await readCohort(stream, { positions: new Map(), rsids: new Set() }, {
		keepAll: true,
		onLine: tap,
		samples: options.samples,
		signal: options.signal,
		totalBytes: options.totalBytes,
		onProgress: options.onProgress
	});
	const joint = read.allSamples.length > 1;
	return {
		allSamples: read.allSamples,
		samples: read.samples.map((s) => familySample(s.sample, { summary: { ...s.summary, records: read.records }, chunks: s.chunks }, joint)),
		records: read.records,
		regionVcf: sink.bytes()
	};
}
