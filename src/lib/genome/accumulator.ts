/**
 * Collects parsed records into per-chromosome `ChunkBuilder`s and counts what was skipped.
 */
import { ChunkBuilder } from './builder';
import { ImportError } from './errors';
import { LIMITS } from './limits';
import { CHROMOSOMES, type GenomeChunk } from './types';

/** After this many "chromosome came back" events, stop finishing chromosomes early. */
const MAX_REOPENS = 4;

/**
 * Per-chromosome builders plus file-level counters.
 *
 * Files list chromosomes in blocks, so when the records move on to another chromosome the
 * previous one is finished into its exact-size chunk at once and its blocks are released: the
 * peak memory of a WGS import then holds one chromosome's blocks beside the finished chunks,
 * not every block plus every final copy. If a finished chromosome comes back (AncestryDNA lists
 * code 25 = X after Y), it is reopened; files that interleave chromosomes (e.g. sorted by rsID)
 * switch early finishing off after a few reopens.
 */
export class GenomeAccumulator {
	private builders: (ChunkBuilder | undefined)[] = new Array(CHROMOSOMES.length);
	private finished: (GenomeChunk | undefined)[] = new Array(CHROMOSOMES.length);
	private lastK = -1;
	private reopens = 0;
	/**
	 * Chromosomes finished early and taken by `handOff` (a streamed import stores them at once and
	 * forgets them); when one comes back in the file its new records start a fresh builder and
	 * `returned` lists it, for the importer to merge the stored part back in at the end.
	 */
	private handedOff = new Set<number>();
	/** Chromosome indices that came back after being handed off. */
	readonly returned = new Set<number>();
	/**
	 * Optional: offered every chromosome finished early (the file moved on to another); returns
	 * true when it took the chunk (then this accumulator keeps nothing of it).
	 */
	handOff: ((chunk: GenomeChunk) => boolean) | null = null;
	/** Data rows / records read from the file (including skipped ones). */
	records = 0;
	/** Records on unplaced contigs, chromosome 0, alt/decoy contigs: counted, not kept. */
	skippedUnplaced = 0;
	/** Records at position 0 on a placed chromosome (no such base): counted, not kept. */
	skippedPositionZero = 0;
	/** Allele texts longer than LIMITS.maxAlleleText, kept shortened (reported as a warning). */
	allelesShortened = 0;

	/** Count one data record; refuses absurd counts. */
	countRecord(): void {
		if (++this.records > LIMITS.maxRecords)
			throw new ImportError('too-large', `The file has more than ${LIMITS.maxRecords.toLocaleString('en')} records, more than a whole genome; it was not imported.`);
	}

	/** Count `n` data records at once (a parallel batch); refuses absurd counts. */
	countRecords(n: number): void {
		this.records += n;
		if (this.records > LIMITS.maxRecords)
			throw new ImportError('too-large', `The file has more than ${LIMITS.maxRecords.toLocaleString('en')} records, more than a whole genome; it was not imported.`);
	}

	/** The builder for chromosome index `k` (0..24), created on first use. */
	builder(k: number): ChunkBuilder {
		if (k !== this.lastK) this.switchTo(k);
		return this.builders[k]!;
	}

	/** The records moved to chromosome `k`: finish the previous one early, (re)open `k`. */
	private switchTo(k: number): void {
		const prev = this.lastK;
		this.lastK = k;
		if (prev >= 0 && this.reopens < MAX_REOPENS) {
			const b = this.builders[prev];
			if (b && b.length > 0) {
				this.builders[prev] = undefined;
				const chunk = b.finish();
				// a chromosome that came back stays here: its stored part is merged in at the end
				if (!this.returned.has(prev) && this.handOff?.(chunk)) this.handedOff.add(prev);
				else this.finished[prev] = chunk;
			}
		}
		if (this.builders[k]) return;
		const b = new ChunkBuilder(CHROMOSOMES[k]);
		if (this.handedOff.has(k)) {
			// its earlier records are stored: the importer merges them back in at the end
			this.reopens++;
			this.handedOff.delete(k);
			this.returned.add(k);
		}
		const done = this.finished[k];
		if (done) {
			this.reopens++;
			this.finished[k] = undefined;
			b.appendChunk(done);
		}
		this.builders[k] = b;
	}

	/**
	 * Put a handed-off chromosome's earlier chunk back (after `returned` named it): its records go
	 * before those read since, as if it had never left. Call before `finish`.
	 */
	restore(k: number, earlier: GenomeChunk): void {
		const later = this.builders[k];
		const b = new ChunkBuilder(CHROMOSOMES[k]);
		b.appendChunk(earlier);
		if (later && later.length > 0) b.appendChunk(later.finish());
		else if (this.finished[k]) b.appendChunk(this.finished[k]!);
		this.builders[k] = b;
		this.finished[k] = undefined;
		this.returned.delete(k);
	}

	/** Finish every builder into chunks, in canonical chromosome order. */
	finish(): GenomeChunk[] {
		const out: GenomeChunk[] = [];
		for (let k = 0; k < this.builders.length; k++) {
			const b = this.builders[k];
			this.builders[k] = undefined; // let the builder's blocks go as soon as possible
			if (b && b.length > 0) out.push(b.finish());
			else if (this.finished[k]) out.push(this.finished[k]!);
			this.finished[k] = undefined;
		}
		return out;
	}
}
