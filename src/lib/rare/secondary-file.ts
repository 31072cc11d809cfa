/**
 * Secondary findings / carrier screening straight from a genome file (VCF, or a consumer array
 * file), without a phenotype: what the opt-in section of the /rare page runs after consent.
 */
import { decodeRecord, importGenome, type ParsedGenome } from '../genome/index';
import { arrayCandidates } from './array';
import type { ClinVarDb } from './clinvar';
import { RareError } from './errors';
import type { RareKb } from './kb';
import { arraySiteCoverage, findSecondary, secondaryGeneSymbols, type ArraySiteCoverage, type SecondaryOptIn, type SecondaryReport } from './secondary';
import type { RareProgress, RareSex } from './types';
import { readCandidates } from './vcf';

/** Input of `secondaryFromFile`. */
export interface SecondaryFileInput {
	file: { open(): ReadableStream<Uint8Array>; name: string; size?: number; sample?: string };
	optIn: SecondaryOptIn;
	sex: RareSex;
	clinvar: ClinVarDb | null;
	signal?: AbortSignal;
	onProgress?: (p: RareProgress) => void;
}

/** Read a genome file and report the opted-in sections (a VCF is streamed; anything else is imported as an array file). */
export async function secondaryFromFile(kb: RareKb, input: SecondaryFileInput): Promise<SecondaryReport> {
	const { file, optIn, sex, clinvar, signal } = input;
	if (!optIn.secondaryFindings && !optIn.carrier) throw new RareError('input', 'no-opt-in', 'Choose secondary findings, carrier screening or both first.');
	try {
		const set = await readCandidates(file.open(), kb, {
			sample: file.sample,
			sex,
			clinvar,
			signal,
			totalBytes: file.size,
			extraGenes: secondaryGeneSymbols(optIn),
			onProgress: (p) => input.onProgress?.({ stage: 'reading', fraction: p.fraction, records: p.records })
		});
		return findSecondary(set.candidates, { optIn, format: 'vcf', build: set.build, sex, clinvar, models: await kb.genes(set.build), annotated: set.annotated });
	} catch (err) {
		const e = err as { code?: string; message?: string };
		if (e?.code !== 'bad-vcf' || !/not a VCF/.test(e.message ?? '')) throw err;
	}
	const parsed = await importGenome(file.open(), { signal, fileName: file.name, totalBytes: file.size });
	if (parsed.summary.format === 'vcf') throw new RareError('input', 'bad-vcf', `${file.name} could not be read as a VCF.`);
	const arr = arrayCandidates(parsed, clinvar);
	const arrayCoverage = clinvar ? arrayCoverageOf(parsed, clinvar) : undefined;
	return findSecondary(arr.variants, { optIn, format: 'array', build: arr.build, sex, clinvar, models: await kb.genes(arr.build), arrayCoverage });
}

/** How many of the lists' ClinVar P/LP SNV sites an imported array file actually called. */
export function arrayCoverageOf(parsed: ParsedGenome, clinvar: ClinVarDb): ArraySiteCoverage {
	function* called(): Generator<string> {
		for (const chunk of parsed.chunks)
			for (let i = 0; i < chunk.positions.length; i++) if (decodeRecord(chunk, i).alleles) yield `${chunk.chrom}:${chunk.positions[i]}`;
	}
	return arraySiteCoverage(clinvar, called());
}
