/**
 * The family's genomes, as the analyses see them: one imported genome per member (the existing
 * importer's columnar chunks), with what its absence of a record means.
 */
import type { GenomeChunk, GenomeSummary, ParsedGenome } from '../genome/index';
import { FamilyError } from './errors';

/** One member's genome. */
export interface FamilySample {
	/** Sample id: the VCF column name, or the array file's name. */
	id: string;
	/** 'vcf' (sequencing calls) or 'array' (consumer genotyping chip). */
	source: 'vcf' | 'array';
	summary: GenomeSummary;
	chunks: GenomeChunk[];
	/**
	 * True for VCFs: a site missing from the file is read as reference (homozygous REF). This is
	 * exact for joint multi-sample VCFs (every sample has a column at every record) and an
	 * assumption for separate single-sample VCFs (it presumes the same regions were called).
	 * False for arrays: only sites the chip reports are compared.
	 */
	absentIsReference: boolean;
	/** True when several members came from one joint-called VCF (absence is then exact). */
	jointCalled: boolean;
}

/** Most genomes analysed together. */
export const MAX_FAMILY_SAMPLES = 16;

/** Wrap an imported genome as a family sample. */
export function familySample(id: string, genome: Pick<ParsedGenome, 'summary' | 'chunks'>, jointCalled = false): FamilySample {
	const vcf = genome.summary.format === 'vcf';
	return { id, source: vcf ? 'vcf' : 'array', summary: genome.summary, chunks: genome.chunks, absentIsReference: vcf, jointCalled };
}

/** Check a set of samples can be analysed together: unique ids, one build, a sane count. */
export function checkSamples(samples: readonly FamilySample[], minimum = 2): void {
	if (samples.length < minimum)
		throw new FamilyError('too-few-samples', `Relatedness needs at least ${minimum} genomes; ${samples.length} given.`);
	if (samples.length > MAX_FAMILY_SAMPLES)
		throw new FamilyError('too-many-samples', `At most ${MAX_FAMILY_SAMPLES} genomes can be analysed together; ${samples.length} given.`);
	const seen = new Set<string>();
	for (const s of samples) {
		if (seen.has(s.id)) throw new FamilyError('duplicate-sample-id', `Two genomes have the same sample id "${s.id}"; rename one.`, { sample: s.id });
		seen.add(s.id);
	}
	const builds = new Set(samples.map((s) => s.summary.build));
	if (builds.size > 1) {
		const list = samples.map((s) => `${s.id} ${s.summary.build}`).join(', ');
		throw new FamilyError('build-mismatch', `The genomes are on different reference builds (${list}); positions cannot be compared. Use files on one build.`, { builds: [...builds] });
	}
}
