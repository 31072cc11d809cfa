/**
 * A user-supplied gnomAD sites VCF (e.g. `gnomad.exomes.v4.1.sites.chr17.vcf.bgz`, or a bcftools
 * subset of it) read into population allele frequencies. Only what the scorer can use is kept:
 * records inside the regions the patient VCF reader examines (exons ± 10 bp of genes with a disease
 * annotation), their ALT alleles and INFO `AF` as a Float32 — ≈ 16 bytes per kept record. A full
 * gnomAD genomes release is far larger than a browser should stream; the exomes sites files (or a
 * per-chromosome subset) are what this is for.
 */
import { RareError } from './errors';
import type { RareKb } from './kb';
import { SiteTable, SiteTableBuilder, type SiteChromosome } from './sites';
import { forEachLine, type LineStreamOptions } from './stream';
import { ChromField } from './clinvar';
import { interestFilter } from './vcf';
import type { RareBuild } from './types';

/** Most kept records (≈ 16 bytes each in memory and in IndexedDB). */
export const MAX_GNOMAD_RECORDS = 20_000_000;
const MAX_ALLELE = 1000;

/** The compact form of a gnomAD file (what IndexedDB stores). */
export interface GnomadTable {
	/** "v4.1" etc. from the header or the file name; 'unknown' when neither says. */
	release: string;
	build: RareBuild | null;
	parts: SiteChromosome[];
	/** Data records read (before keeping only the regions of interest). */
	recordsRead: number;
}

/** Population frequencies by variant. */
export interface GnomadDb {
	release: string;
	build: RareBuild | null;
	/** Kept records. */
	size: number;
	/** AF of chrom:pos REF>ALT, or null when the file has no such record. */
	frequency(chrom: string, pos: number, ref: string, alt: string): number | null;
	table: GnomadTable;
}

/** A GnomadDb over a compact table (freshly read or loaded from IndexedDB). */
export function gnomadFromTable(t: GnomadTable): GnomadDb {
	const sites = new SiteTable(t.parts);
	return {
		release: t.release,
		build: t.build,
		size: sites.size,
		frequency(chrom, pos, ref, alt) {
			const i = sites.find(chrom, pos, ref, alt);
			return i < 0 ? null : sites.chroms.get(chrom)!.cols.af[i];
		},
		table: t
	};
}

/** "v4.1" from text such as "gnomAD v4.1", "gnomad.exomes.v4.1.sites", "gnomAD_v2.1.1". */
export function gnomadVersion(text: string): string | null {
	const m = /gnomad[^\n]*?[._ v-]v?(\d+(?:\.\d+){1,2})/i.exec(text);
	return m ? `v${m[1]}` : null;
}

/** Options of `readGnomad`. */
export interface ReadGnomadOptions extends LineStreamOptions {
	/** File name (the version is often only there). */
	fileName?: string;
}

/** Read a gnomAD sites VCF stream (plain, gzip or bgzip). */
export async function readGnomad(stream: ReadableStream<Uint8Array>, kb: RareKb, options: ReadGnomadOptions = {}): Promise<GnomadDb> {
	const dec = new TextDecoder();
	const header: string[] = [];
	let release: string | null = null;
	let build: RareBuild | null = null;
	let keep: ((chrom: string, pos: number, len: number) => boolean) | null = null;
	let sawAf = false;
	let first = true;
	let recordsRead = 0;
	const builder = new SiteTableBuilder([['af', Float32Array]]);
	const diseaseGenes = new Set(kb.annotations.byGene.keys());
	const models = { GRCh38: await kb.genes('GRCh38'), GRCh37: await kb.genes('GRCh37') };
	let firstChromHasChr: boolean | null = null;
	const chromField = new ChromField();

	const decideBuild = () => {
		const h = header.join('\n');
		const len = /##contig=<ID=(?:chr)?1,length=(\d+)/.exec(h)?.[1];
		if (len === '248956422') return 'GRCh38';
		if (len === '249250621') return 'GRCh37';
		if (/##reference=.*(GRCh38|hg38)/i.test(h)) return 'GRCh38';
		if (/##reference=.*(GRCh37|hg19|b37|hs37)/i.test(h)) return 'GRCh37';
		if (release) return Number(release.slice(1).split('.')[0]) >= 3 ? 'GRCh38' : 'GRCh37';
		return null;
	};

	await forEachLine(
		stream,
		(buf, s, e) => {
			if (first) {
				first = false;
				if (!dec.decode(buf.subarray(s, Math.min(e, s + 20))).startsWith('##fileformat=VCF'))
					throw new RareError('input', 'bad-gnomad', 'The gnomAD file is not a VCF (it does not start with "##fileformat=VCF").');
			}
			if (e === s) return;
			if (buf[s] === 35) {
				const line = dec.decode(buf.subarray(s, Math.min(e, s + 4000)));
				if (line.startsWith('#CHROM')) {
					release ??= gnomadVersion(header.join('\n')) ?? gnomadVersion(options.fileName ?? '');
					if (!sawAf) throw new RareError('input', 'bad-gnomad', 'The gnomAD file declares no INFO "AF" field: is it a gnomAD sites VCF?');
					build = decideBuild();
					return;
				}
				if (header.length < 20000) header.push(line);
				if (line.startsWith('##INFO=<ID=AF,')) sawAf = true;
				return;
			}
			if (!sawAf) throw new RareError('input', 'bad-gnomad', 'The gnomAD file has no "#CHROM" header line before its first record.');
			recordsRead++;
			const tab1 = buf.indexOf(9, s);
			if (tab1 < 0 || tab1 >= e) return;
			const prevChrom = chromField.read(buf, s, tab1);
			firstChromHasChr ??= chromField.raw.startsWith('chr');
			if (!prevChrom) return;
			if (!keep) {
				build ??= firstChromHasChr ? 'GRCh38' : 'GRCh37';
				keep = interestFilter(models[build], diseaseGenes);
			}
			let pos = 0;
			let i = tab1 + 1;
			for (; i < e && buf[i] !== 9; i++) {
				const c = buf[i] - 48;
				if (c < 0 || c > 9) throw new RareError('input', 'bad-gnomad', `gnomAD record ${recordsRead}: POS is not a number.`);
				pos = pos * 10 + c;
			}
			if (pos < 1 || pos > 0xffffffff) return;
			const tabId = buf.indexOf(9, i + 1);
			const tabRef = tabId < 0 ? -1 : buf.indexOf(9, tabId + 1);
			if (tabRef < 0 || tabRef >= e) return;
			if (!keep(prevChrom, pos, tabRef - tabId - 1)) return;
			const tabAlt = buf.indexOf(9, tabRef + 1);
			const tabQual = tabAlt < 0 ? -1 : buf.indexOf(9, tabAlt + 1);
			const tabFilter = tabQual < 0 ? -1 : buf.indexOf(9, tabQual + 1);
			if (tabFilter < 0 || tabFilter >= e) return;
			let infoEnd = buf.indexOf(9, tabFilter + 1);
			if (infoEnd < 0 || infoEnd > e) infoEnd = e;
			const ref = dec.decode(buf.subarray(tabId + 1, tabRef)).toUpperCase();
			const alts = dec.decode(buf.subarray(tabRef + 1, tabAlt)).toUpperCase().split(',');
			const info = dec.decode(buf.subarray(tabFilter + 1, infoEnd));
			const af = /(?:^|;)AF=([^;]*)/.exec(info)?.[1];
			if (!af || ref.length > MAX_ALLELE || !/^[ACGTN]+$/.test(ref)) return;
			const afs = af.split(',');
			for (let k = 0; k < alts.length; k++) {
				const alt = alts[k];
				const x = Number(afs[Math.min(k, afs.length - 1)]);
				if (!Number.isFinite(x) || x < 0 || x > 1 || alt.length > MAX_ALLELE || !/^[ACGTN]+$/.test(alt)) continue;
				if (builder.count >= MAX_GNOMAD_RECORDS)
					throw new RareError('input', 'bad-gnomad', `The gnomAD file has more than ${MAX_GNOMAD_RECORDS.toLocaleString('en')} records in the genes Qenome scores; use a per-chromosome or exome subset.`);
				builder.push(prevChrom, pos, ref, alt, [x]);
			}
		},
		options
	);
	if (first) throw new RareError('input', 'bad-gnomad', 'The gnomAD file is empty.');
	if (!sawAf) throw new RareError('input', 'bad-gnomad', 'The gnomAD file has no INFO "AF" field or no "#CHROM" header line.');
	return gnomadFromTable({ release: release ?? 'unknown', build, parts: builder.finish(), recordsRead });
}
