/**
 * A large chromosome stored as several records (src/lib/store/chunk-parts.ts and the writer in
 * store.ts): the parts join back into exactly the chunk that was put, through every reader
 * (loadChunks, take, dumpAll/restoreAll); a partial write leaves nothing visible or behind; whole
 * records (as stored before parts existed) read unchanged next to split ones.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { GenomeChunk } from '../../../src/lib/genome/types';
import { openStore, StoreError, type QenomeStore, type RecordCodec } from '../../../src/lib/store';
import { chunkPart, joinChunkParts, partCount, type ChunkPart } from '../../../src/lib/store/chunk-parts';
import { DB_VERSION, upgradeSchema, type QenomeDB } from '../../../src/lib/store/schema';
import { freshDbName, makeChunk, makeGenome } from './helpers';

const opened: QenomeStore[] = [];
async function open(name: string, options: Parameters<typeof openStore>[0] = {}): Promise<QenomeStore> {
	const store = await openStore({ name, ...options });
	opened.push(store);
	return store;
}
afterEach(() => {
	for (const s of opened.splice(0)) s.close();
});

/** The raw chunk keys of the database (chrom field of every envelope), sorted. */
async function rawChunkKeys(name: string): Promise<string[]> {
	const db = await openDB<QenomeDB>(name, DB_VERSION, { upgrade: (d, o, n, tx) => upgradeSchema(d, o, n ?? DB_VERSION, tx) });
	const keys = (await db.getAllKeys('chunks')).map((k) => k[1]).sort();
	db.close();
	return keys;
}

/** A VCF-like chunk with every optional table, sparse entries on part boundaries included. */
function richChunk(n: number): GenomeChunk {
	const c = makeChunk('1', n, 3);
	const every = (step: number) => Uint32Array.from({ length: Math.ceil(n / step) }, (_, i) => i * step);
	c.refCodes = Uint8Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 7 : 1 + (i % 4)));
	c.refIndex = every(5);
	c.refs = [...c.refIndex].map((i) => `AC${i}`);
	c.longAlleleIndex = every(3);
	c.longAlleles = [...c.longAlleleIndex].map((i) => [`A${i}`, 'T'] as [string, string]);
	c.otherIdIndex = every(7);
	c.otherIds = [...c.otherIdIndex].map((i) => `id${i}`);
	c.phaseSetIndex = Uint32Array.of(6, 7, 8, n - 1);
	c.phaseSets = Uint32Array.of(100, 100, 200, 300);
	return c;
}

describe('chunk parts', () => {
	it('split into parts (copies of their range, indices rebased) and joined in any order gives the chunk back', () => {
		const chunk = richChunk(50);
		expect(partCount(50, 7)).toBe(8);
		const parts = Array.from({ length: 8 }, (_, k) => chunkPart(chunk, k, 7) as ChunkPart);
		expect(parts.map((p) => p.positions.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 1]);
		// a part's arrays are their own, exact-size buffers (a view would be cloned with its whole buffer)
		for (const p of parts) expect(p.positions.buffer.byteLength).toBe(p.positions.byteLength);
		expect(parts[1].longAlleleIndex[0]).toBe(2); // record 9 = 7 + 2
		expect(joinChunkParts([...parts].reverse())).toEqual(chunk);
		// one part: the chunk itself, unchanged
		expect(chunkPart(chunk, 0, 64)).toBe(chunk);
	});

	it('refuses a missing, doubled or foreign part', () => {
		const chunk = richChunk(20);
		const parts = Array.from({ length: 3 }, (_, k) => chunkPart(chunk, k, 7) as ChunkPart);
		expect(() => joinChunkParts(parts.slice(0, 2))).toThrow(StoreError);
		expect(() => joinChunkParts([parts[0], parts[1], parts[1]])).toThrow(StoreError);
		expect(() => joinChunkParts([parts[0], parts[1], { ...parts[2], chrom: '2' }])).toThrow(StoreError);
	});
});

describe('the writer stores a large chromosome in parts', () => {
	it('round-trips through loadChunks, a lookup view, take and dumpAll/restoreAll; a re-put replaces every old part', async () => {
		const name = freshDbName();
		const store = await open(name, { partRecords: 16 });
		const big = richChunk(100);
		const small = makeChunk('2', 10, 5);
		const writer = await store.beginGenome({ name: 'Parts', sourceFileName: 'p.vcf' });
		writer.put(big);
		writer.put(small);
		expect(await writer.take('1')).toEqual(big);
		// chromosome 1 came back: put again (grown), then once more with fewer parts
		const grown = richChunk(120);
		writer.put(grown);
		await writer.drain(0);
		expect((await rawChunkKeys(name)).filter((k) => k.startsWith('1'))).toEqual(['1#0', '1#1', '1#2', '1#3', '1#4', '1#5', '1#6', '1#7']);
		writer.put(big);
		const genome = makeGenome(['1', '2'], 10);
		const id = await writer.commit(genome);
		expect(await rawChunkKeys(name)).toEqual(['1#0', '1#1', '1#2', '1#3', '1#4', '1#5', '1#6', '2']);
		expect(await store.loadChunks(id)).toEqual([big, small]);
		const view = await store.openGenomeView(id);
		// a record of the last part and one of the first, by position
		expect(view.byPosition('1', big.positions[99])).toMatchObject({ pos: big.positions[99], id: big.rsids[99] ? `rs${big.rsids[99]}` : null });
		expect(view.byPosition('1', big.positions[98])?.id).toBe(`id98`);
		expect(view.byPosition('1', big.positions[1])).toMatchObject({ pos: big.positions[1] });
		const dump = await store.dumpAll();
		expect(dump.chunks.map((c) => c.chunk)).toEqual([big, small]);
		// a restore writes whole records; a store with another part size reads both layouts alike
		const other = freshDbName();
		const store2 = await open(other);
		await store2.restoreAll(dump);
		expect(await rawChunkKeys(other)).toEqual(['1', '2']);
		expect(await store2.loadChunks(id)).toEqual([big, small]);
	});

	it('whole records written before parts existed read unchanged beside split ones', async () => {
		const name = freshDbName();
		const legacy = await open(name); // default part size: these chunks are one record each
		const old = makeGenome(['1', '2'], 30);
		const oldId = await legacy.saveGenome(old, { name: 'Old', sourceFileName: 'o.txt' });
		legacy.close();
		const store = await open(name, { partRecords: 8 });
		expect(await rawChunkKeys(name)).toEqual(['1', '2']);
		expect(await store.loadChunks(oldId)).toEqual(old.chunks);
		const fresh = makeGenome(['1', '2'], 30);
		const newId = await store.saveGenome(fresh, { name: 'New', sourceFileName: 'n.txt' });
		expect(await store.loadChunks(newId)).toEqual(fresh.chunks);
		expect(await store.loadChunks(oldId)).toEqual(old.chunks);
		expect((await store.dumpAll()).chunks).toHaveLength(4);
	});

	it('each part is sealed under its own record id (the key it is stored under)', async () => {
		const ids: string[] = [];
		const codec: RecordCodec = {
			encode: async (store, id, value) => {
				if (store === 'chunks') ids.push(id);
				return { id, value };
			},
			decode: async (_s, id, stored) => {
				const s = stored as { id: string; value: unknown };
				if (s.id !== id) throw new StoreError('failed', `sealed as ${s.id}, read as ${id}`);
				return s.value;
			}
		};
		const store = await open(freshDbName(), { partRecords: 40, codec });
		const chunk = richChunk(100);
		const writer = await store.beginGenome({ name: 'Sealed', sourceFileName: 's.vcf' });
		writer.put(chunk);
		const id = await writer.commit(makeGenome(['1'], 100));
		expect(ids).toEqual([`${id}/1#0`, `${id}/1#1`, `${id}/1#2`]);
		expect(await store.loadChunks(id)).toEqual([chunk]);
	});

	it('a write that fails at a middle part: nothing is visible, and the commit leaves nothing behind', async () => {
		const name = freshDbName();
		const failing: RecordCodec = {
			encode: async (_s, id, value) => {
				if (id.endsWith('/1#3')) throw new StoreError('failed', 'disk trouble');
				return value;
			},
			decode: async (_s, _id, value) => value
		};
		const store = await open(name, { partRecords: 16, codec: failing });
		const writer = await store.beginGenome({ name: 'Half', sourceFileName: 'h.vcf' });
		writer.put(richChunk(100));
		await expect(writer.drain(0)).rejects.toThrow('disk trouble');
		// parts 0–2 were written, yet no reader sees the profile
		expect(await rawChunkKeys(name)).toEqual(['1#0', '1#1', '1#2']);
		expect(await store.listProfiles()).toEqual([]);
		expect(await store.getProfile(writer.id)).toBeUndefined();
		expect((await store.dumpAll()).chunks).toEqual([]);
		await expect(writer.commit(makeGenome(['1'], 100))).rejects.toThrow('disk trouble');
		expect(await rawChunkKeys(name)).toEqual([]);
	});

	it('abort in the middle of a split chromosome deletes every part written', async () => {
		const name = freshDbName();
		const store = await open(name, { partRecords: 16 });
		const writer = await store.beginGenome({ name: 'Stop', sourceFileName: 's.vcf' });
		writer.put(richChunk(100));
		writer.put(makeChunk('2', 50, 9));
		await writer.abort();
		expect(await rawChunkKeys(name)).toEqual([]);
		expect(await store.listProfiles()).toEqual([]);
	});
});
