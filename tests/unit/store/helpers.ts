/** Store test helpers: small synthetic genomes (columnar, as the importer produces them), stores closed after each test, raw counts. */
import { openDB } from 'idb';
import { afterEach } from 'vitest';
import type { Chromosome, GenomeChunk, ParsedGenome } from '../../../src/lib/genome/types';
import { openStore, type QenomeStore } from '../../../src/lib/store';
import { DB_VERSION, upgradeSchema, type QenomeDB } from '../../../src/lib/store/schema';

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

/** Options of `openStore` (the database name defaults to a fresh one). */
export type TestStoreOptions = NonNullable<Parameters<typeof openStore>[0]>;

/**
 * For one test file: returns an `open(options)` that opens a store (on a fresh database unless
 * `name` is given, `defaults` under `options`) and closes every store it opened after each test.
 */
export function useStores(defaults: TestStoreOptions = {}): (options?: TestStoreOptions) => Promise<QenomeStore> {
	const opened: QenomeStore[] = [];
	afterEach(() => {
		for (const s of opened.splice(0)) s.close();
	});
	return async (options = {}) => {
		const store = await openStore({ name: freshDbName(), ...defaults, ...options });
		opened.push(store);
		return store;
	};
}

/** Raw record counts straight from IndexedDB (the store's readers hide pending profiles). */
export async function rawCounts(name: string): Promise<{ profiles: number; chunks: number; results: number }> {
	const db = await openDB<QenomeDB>(name, DB_VERSION, { upgrade: (d, o, n, tx) => upgradeSchema(d, o, n ?? DB_VERSION, tx) });
	const counts = { profiles: await db.count('profiles'), chunks: await db.count('chunks'), results: await db.count('results') };
	db.close();
	return counts;
}
