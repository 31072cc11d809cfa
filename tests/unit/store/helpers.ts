/** Small synthetic genomes for store tests (columnar, as the importer produces them). */
import type { Chromosome, GenomeChunk, ParsedGenome } from '../../../src/lib/genome/types';

let dbCounter = 0;
/** A fresh database name per test (fake-indexeddb keeps databases per process). */
export function freshDbName(): string {
	return `qenome-test-${process.pid}-${++dbCounter}-${Math.random().toString(36).slice(2)}`;
}

/** A chunk of `n` records with deterministic pseudo-random content. */
export function makeChunk(chrom: Chromosome, n: number, seed = 1): GenomeChunk {
	let s = seed >>> 0 || 1;
	const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
	const positions = new Uint32Array(n);
	const rsids = new Uint32Array(n);
	const allele1 = new Uint8Array(n);
	const allele2 = new Uint8Array(n);
	const flags = new Uint8Array(n);
	let pos = 10_000;
	for (let i = 0; i < n; i++) {
		pos += 1 + (next() % 5000);
		positions[i] = pos;
		rsids[i] = i % 7 === 0 ? 0 : 1 + (next() % 400_000_000);
		allele1[i] = next() % 5;
		allele2[i] = allele1[i] === 0 ? 0 : 1 + (next() % 4);
		flags[i] = next() % 2;
	}
	return {
		chrom,
		positions,
		rsids,
		allele1,
		allele2,
		flags,
		otherIdIndex: new Uint32Array([0]),
		otherIds: ['i3000001'],
		longAlleleIndex: new Uint32Array(0),
		longAlleles: []
	};
}

/** A parsed genome with the given chromosomes. */
export function makeGenome(chroms: Chromosome[] = ['1', '2', 'X'], n = 500): ParsedGenome {
	const chunks = chroms.map((c, i) => makeChunk(c, n, i + 7));
	const perChromosome: ParsedGenome['summary']['perChromosome'] = {};
	for (const c of chunks) perChromosome[c.chrom] = { records: n, calls: n, noCalls: 0, heterozygous: 0 };
	return {
		summary: {
			format: '23andme',
			formatDetail: '23andMe v5',
			build: 'GRCh37',
			buildEvidence: 'test',
			sex: 'female',
			records: n * chunks.length,
			calls: n * chunks.length,
			noCalls: 0,
			perChromosome,
			sample: null,
			warnings: []
		},
		chunks,
		sha256: 'ab'.repeat(32),
		bytes: 12345
	};
}
