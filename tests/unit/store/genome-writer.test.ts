/**
 * QenomeStore.beginGenome (the streamed import's writer, src/lib/store/store.ts): chunks written
 * one transaction each while the import runs, invisible until the commit; abort and a failed
 * write leave nothing behind; a chromosome taken back and put again is stored once, whole.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { StoreError, type QenomeStore, type RecordCodec } from '../../../src/lib/store';
import { freshDbName, makeGenome, rawCounts, useStores } from './helpers';

const open = useStores();

describe('beginGenome: a genome saved while it is imported', () => {
	it('chunks are written as they come, hidden until the commit; the committed profile equals saveGenome’s', async () => {
		const name = freshDbName();
		const store = await open({ name });
		const genome = makeGenome(['1', '2', '3', 'X', 'MT'], 200);
		const writer = await store.beginGenome({ name: 'Streamed', sourceFileName: 's.vcf' });
		expect(await rawCounts(name)).toEqual({ profiles: 1, chunks: 0, results: 0 });
		writer.put(genome.chunks[0]);
		writer.put(genome.chunks[1]);
		await writer.drain(); // at most one still being written
		writer.put(genome.chunks[2]);
		await writer.drain();
		expect((await rawCounts(name)).chunks).toBeGreaterThanOrEqual(2);
		expect(await store.listProfiles()).toEqual([]);
		expect(await store.getProfile(writer.id)).toBeUndefined();
		for (const c of genome.chunks.slice(3)) writer.put(c);
		const fractions: number[] = [];
		const id = await writer.commit(genome, { onProgress: (f) => fractions.push(f) });
		expect(id).toBe(writer.id);
		expect(fractions.at(-1)).toBe(1);
		expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
		const [profile] = await store.listProfiles();
		expect(profile).toMatchObject({ id, name: 'Streamed', sourceFileName: 's.vcf', sourceSha256: genome.sha256, sourceBytes: genome.bytes, summary: genome.summary });
		expect(await store.loadChunks(id)).toEqual(genome.chunks);
		// the same genome through saveGenome gives the same record (but for id and time)
		const other = await store.getProfile(await store.saveGenome(genome, { name: 'Streamed', sourceFileName: 's.vcf' }));
		expect({ ...other, id, created: profile.created }).toEqual(profile);
		expect(() => writer.put(genome.chunks[0])).toThrow(StoreError);
	});

	it('take gives a chunk back; putting it again (grown) replaces it', async () => {
		const store = await open();
		const small = makeGenome(['7'], 20).chunks[0];
		const big = makeGenome(['7'], 50).chunks[0];
		const writer = await store.beginGenome({ name: 'Back', sourceFileName: 'b.vcf' });
		writer.put(small);
		expect(await writer.take('7')).toEqual(small);
		writer.put(big);
		const id = await writer.commit(makeGenome(['7'], 50));
		expect(await store.loadChunks(id)).toEqual([big]);
	});

	it('abort deletes what was written; so does a failed write (surfaced by drain), and nothing is listed', async () => {
		const name = freshDbName();
		const store = await open({ name });
		const genome = makeGenome(['1', '2', '3'], 100);
		const writer = await store.beginGenome({ name: 'Gone', sourceFileName: 'g.vcf' });
		writer.put(genome.chunks[0]);
		writer.put(genome.chunks[1]);
		await writer.drain();
		await writer.abort();
		expect(await rawCounts(name)).toEqual({ profiles: 0, chunks: 0, results: 0 });

		const failing: RecordCodec = {
			encode: async (_s, id, value) => {
				if (id.endsWith('/2')) throw new StoreError('failed', 'disk trouble');
				return value;
			},
			decode: async (_s, _id, value) => value
		};
		const name2 = freshDbName();
		const store2 = await open({ name: name2, codec: failing });
		const w2 = await store2.beginGenome({ name: 'Broken', sourceFileName: 'x.vcf' });
		w2.put(genome.chunks[0]);
		w2.put(genome.chunks[1]);
		w2.put(genome.chunks[2]);
		// the importer stops at the failure and aborts, as the genome worker does
		await expect(w2.drain().then(() => w2.drain())).rejects.toThrow('disk trouble');
		await expect(w2.commit(genome)).rejects.toThrow('disk trouble');
		expect(await rawCounts(name2)).toEqual({ profiles: 0, chunks: 0, results: 0 });
		await w2.abort(); // after the commit's own clean-up: nothing more to do
		expect(await store2.listProfiles()).toEqual([]);
	});

	it('a cancel before the start writes nothing', async () => {
		const name = freshDbName();
		const store = await open({ name });
		const ctl = new AbortController();
		ctl.abort();
		await expect(store.beginGenome({ name: 'x', sourceFileName: 'x' }, { signal: ctl.signal })).rejects.toMatchObject({ code: 'cancelled' });
		expect(await rawCounts(name)).toEqual({ profiles: 0, chunks: 0, results: 0 });
	});
});
