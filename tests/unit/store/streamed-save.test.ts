import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { StoreError, type QenomeStore, type RecordCodec } from '../../../src/lib/store';
import { DB_VERSION, type QenomeDB } from '../../../src/lib/store/schema';
import { freshDbName, makeGenome, rawCounts, useStores } from './helpers';

/** A chunk of 200 records is ~3 KB: a 4 KB bound puts one chunk in each save transaction. */
const SMALL_BATCH = 4096;

const open = useStores({ saveBatchBytes: SMALL_BATCH });

describe('saveGenome in bounded batches', () => {
	it('a complete import is visible with every chunk; progress rises to 1 batch by batch; readers never see it half-written', async () => {
		const name = freshDbName();
		// The save waits on the codec for chromosome 3: look at the store from there (2 batches in).
		let store: QenomeStore | null = null;
		let seenDuring: { listed: number; raw: Awaited<ReturnType<typeof rawCounts>> } | null = null;
		const codec: RecordCodec = {
			encode: async (_s, id, value) => {
				if (id.endsWith('/3') && store) seenDuring = { listed: (await store.listProfiles()).length, raw: await rawCounts(name) };
				return value;
			},
			decode: async (_s, _id, value) => value
		};
		store = await open({ name, codec });
		const genome = makeGenome(['1', '2', '3', 'X', 'MT'], 200);
		const fractions: number[] = [];
		const id = await store.saveGenome(genome, { name: 'Streamed', sourceFileName: 's.vcf' }, { onProgress: (f) => fractions.push(f) });
		expect(fractions.length).toBe(5);
		expect(fractions.every((f, i) => i === 0 || f > fractions[i - 1])).toBe(true);
		expect(fractions.at(-1)).toBe(1);
		expect(seenDuring).toEqual({ listed: 0, raw: { profiles: 1, chunks: 2, results: 0 } });
		const list = await store.listProfiles();
		expect(list.map((p) => p.id)).toEqual([id]);
		const chunks = await store.loadChunks(id);
		expect(chunks.map((c) => c.chrom)).toEqual(['1', '2', '3', 'X', 'MT']);
		expect(chunks[0].positions).toEqual(genome.chunks[0].positions);
		expect(await rawCounts(name)).toEqual({ profiles: 1, chunks: 5, results: 0 });
	});

	it('a cancel after some batches were written leaves nothing behind', async () => {
		const name = freshDbName();
		const store = await open({ name });
		const keep = await store.saveGenome(makeGenome(['22'], 50), { name: 'keep', sourceFileName: 'k' });
		const controller = new AbortController();
		const err = await store
			.saveGenome(makeGenome(['1', '2', '3', '4'], 200), { name: 'c', sourceFileName: 'c' }, {
				signal: controller.signal,
				onProgress: (f) => {
					if (f >= 0.5) controller.abort();
				}
			})
			.catch((e) => e);
		expect(err).toBeInstanceOf(StoreError);
		expect(err.code).toBe('cancelled');
		expect((await store.listProfiles()).map((p) => p.id)).toEqual([keep]);
		expect(await rawCounts(name)).toEqual({ profiles: 1, chunks: 1, results: 0 });
	});

	it('a failure in a later batch (here: the codec refuses chromosome 3) leaves nothing behind', async () => {
		const name = freshDbName();
		const codec: RecordCodec = {
			encode: async (_store, id, value) => {
				if (id.endsWith('/3')) throw new StoreError('failed', 'refused on purpose');
				return value;
			},
			decode: async (_store, _id, value) => value
		};
		const store = await open({ name, codec });
		const err = await store.saveGenome(makeGenome(['1', '2', '3', '4'], 200), { name: 'f', sourceFileName: 'f' }).catch((e) => e);
		expect(err).toBeInstanceOf(StoreError);
		expect(err.message).toContain('refused on purpose');
		expect(await store.listProfiles()).toEqual([]);
		expect(await rawCounts(name)).toEqual({ profiles: 0, chunks: 0, results: 0 });
	});

	it('a crash leftover (pending profile whose writer is gone) is swept on open; a live one is kept and hidden', async () => {
		const name = freshDbName();
		const first = await open({ name });
		const done = await first.saveGenome(makeGenome(['1'], 20), { name: 'done', sourceFileName: 'd' });
		first.close();
		// Simulate a tab that crashed mid-import (mark an hour old) and one still importing (mark now).
		const db = await openDB<QenomeDB>(name, DB_VERSION);
		const chunk = makeGenome(['2'], 10).chunks[0];
		await db.put('profiles', { id: 'crashed', v: { id: 'crashed' }, pending: Date.now() - 60 * 60 * 1000 });
		await db.put('chunks', { profileId: 'crashed', chrom: '2', v: chunk });
		await db.put('profiles', { id: 'live', v: { id: 'live' }, pending: Date.now() });
		await db.put('chunks', { profileId: 'live', chrom: '2', v: chunk });
		db.close();
		// Where the runtime has Web Locks (browsers, newer Node), a live writer holds its save lock.
		const locks = (globalThis as { navigator?: { locks?: { request: (n: string, cb: () => Promise<void>) => Promise<void> } } }).navigator?.locks;
		let release = () => {};
		const held = new Promise<void>((r) => (release = r));
		let locked: Promise<void> | null = null;
		if (locks) {
			await new Promise<void>((acquired) => {
				locked = locks.request('qenome-save:live', () => {
					acquired();
					return held;
				});
			});
		}
		const store = await open({ name });
		release();
		await locked;
		expect((await store.listProfiles()).map((p) => p.id)).toEqual([done]);
		expect(await store.getProfile('live')).toBeUndefined();
		const dump = await store.dumpAll();
		expect(dump.profiles.map((p) => p.id)).toEqual([done]);
		expect(dump.chunks.map((c) => c.profileId)).toEqual([done]);
		expect(await rawCounts(name)).toEqual({ profiles: 2, chunks: 2, results: 0 });
	});
});
