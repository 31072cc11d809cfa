/**
 * Shared input for the family commands (`relate`, family `rare`): load every FILE as one or more
 * family samples — a VCF (every sample of a joint VCF) in ONE streaming pass that also keeps the
 * lines the ranking needs (`readFamilyVcf`), an array file through the genome importer, named
 * after the file — and read an optional PED.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CliError } from '../errors';
import { importGenome, isImportError, listVcfSamples } from '../../lib/genome/index';
import { familySample, isFamilyError, parsePed, PED_LIMITS, readFamilyVcf, type FamilySample, type Pedigree } from '../../lib/family/index';
import type { ClinVarDb, RareKb } from '../../lib/rare/index';

/** Open FILE as a web stream (1 MiB pieces). */
export function openStream(file: string): ReadableStream<Uint8Array> {
	return Readable.toWeb(fs.createReadStream(file, { highWaterMark: 1 << 20 })) as unknown as ReadableStream<Uint8Array>;
}

/** Stat FILE or throw a one-line CLI error. */
export function statFile(file: string): fs.Stats {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(file);
	} catch {
		throw new CliError(`cannot read ${file}: no such file`);
	}
	if (!stat.isFile()) throw new CliError(`cannot read ${file}: not a regular file`);
	return stat;
}

/** A sample id from an array file's name: the base name without compression and text extensions. */
export function idFromFileName(file: string): string {
	let base = path.basename(file);
	for (let i = 0; i < 3; i++) base = base.replace(/\.(gz|zip|txt|csv|tsv|vcf)$/i, '');
	return base.replace(/[^A-Za-z0-9_.:@+-]/g, '_').slice(0, PED_LIMITS.maxIdLength) || 'sample';
}

/** One loaded file: its samples and the file they came from. */
export interface LoadedFile {
	file: string;
	samples: FamilySample[];
	/** For a VCF: its records and the small VCF of the lines the ranking reads (see `readFamilyVcf`). */
	vcf: { records: number; regionVcf: Uint8Array } | null;
}

/**
 * Load every sample of every FILE, reading each file once (a VCF's header is peeked first to
 * tell it from an array file). Give `kb` (and `clinvar`) when the files will be ranked.
 */
export async function loadFamilyFiles(files: string[], ranking: { kb?: RareKb | null; clinvar?: ClinVarDb | null } = {}): Promise<LoadedFile[]> {
	const out: LoadedFile[] = [];
	for (const file of files) {
		const stat = statFile(file);
		let vcfNames: string[] | null = null;
		try {
			vcfNames = await listVcfSamples(openStream(file));
		} catch (err) {
			if (!(isImportError(err) && err.code === 'unknown-format')) throw asCli(file, err);
		}
		try {
			if (vcfNames && vcfNames.length) {
				const r = await readFamilyVcf(openStream(file), { kb: ranking.kb, clinvar: ranking.clinvar, totalBytes: stat.size });
				out.push({ file, samples: r.samples, vcf: { records: r.records, regionVcf: r.regionVcf } });
			} else {
				const g = await importGenome(openStream(file), { fileName: file, totalBytes: stat.size });
				out.push({ file, samples: [familySample(idFromFileName(file), g)], vcf: null });
			}
		} catch (err) {
			throw asCli(file, err);
		}
	}
	return out;
}

/** Read and parse a PED file. */
export function readPed(file: string): Pedigree {
	const stat = statFile(file);
	if (stat.size > PED_LIMITS.maxBytes) throw new CliError(`${file}: the PED file is larger than ${PED_LIMITS.maxBytes / 1024} KiB`);
	try {
		return parsePed(fs.readFileSync(file, 'utf8'));
	} catch (err) {
		throw asCli(file, err);
	}
}

/** Map library errors to one-line CLI errors (exit 2 for input, 1 for refusals). */
export function asCli(file: string | null, err: unknown): unknown {
	if (isImportError(err)) return new CliError(`${file ?? 'input'}: ${err.message} [${err.code}]`, 'input');
	if (isFamilyError(err)) return new CliError(`${file ? `${file}: ` : ''}${err.message} [${err.code}]`, err.kind);
	return err;
}
