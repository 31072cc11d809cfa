/**
 * Collects parsed records into per-chromosome `ChunkBuilder`s and counts what was skipped.
 */
import { ChunkBuilder } from './builder';
import { ImportError } from './errors';
import { LIMITS } from './limits';
import { CHROMOSOMES, type GenomeChunk } from './types';

/** Per-chromosome builders plus file-level counters. */
export class GenomeAccumulator {
	private builders: (ChunkBuilder | undefined)[] = new Array(CHROMOSOMES.length);
	/** Data rows / records read from the file (including skipped ones). */
	records = 0;
	/** Records on unplaced contigs, chromosome 0, alt/decoy contigs: counted, not kept. */
	skippedUnplaced = 0;

	/** Count one data record; refuses absurd counts. */
	countRecord(): void {
		if (++this.records > LIMITS.maxRecords)
			throw new ImportError('too-large', `The file has more than ${LIMITS.maxRecords.toLocaleString('en')} records, more than a whole genome; it was not imported.`);
	}

	/** The builder for chromosome index `k` (0..24), created on first use. */
	builder(k: number): ChunkBuilder {
		return (this.builders[k] ??= new ChunkBuilder(CHROMOSOMES[k]));
	}

	/** Finish every builder into chunks, in canonical chromosome order. */
	finish(): GenomeChunk[] {
		const out: GenomeChunk[] = [];
		for (let k = 0; k < this.builders.length; k++) {
			const b = this.builders[k];
			this.builders[k] = undefined; // let the builder's over-allocated arrays go as soon as possible
			if (b && b.length > 0) out.push(b.finish());
		}
		return out;
	}
}
