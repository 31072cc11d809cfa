import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, openStore, StoreError, type QenomeStore, type RecordCodec, type StoreChange } from '../../../src/lib/store';
import { freshDbName, makeChunk, makeGenome, useStores } from './helpers';

const open = useStores();

/** Everything in the store, for "unchanged" comparisons. */
async function snapshot(store: QenomeStore) {
	return store.dumpAll();
}

describe('saveGenome / load', () => {
	it('round-trips profiles and chunks byte-exactly', async () => {
		const store = await open();
		const genome = makeGenome(['1', '2', 'X', 'MT'], 2000);
		const id = await store.saveGenome(genome, { name: 'My DNA', sourceFileName: 'genome.txt' });
		const profile = await store.getProfile(id);
		expect(profile?.name).toBe('My DNA');
		expect(profile?.summary).toEqual(genome.summary);
		expect(profile?.sourceSha256).toBe(genome.sha256);
		expect(profile?.origin).toEqual({ kind: 'file' });
		const chunks = await store.loadChunks(id);
		expect(chunks.map((c) => c.chrom)).toEqual(['1', '2', 'X', 'MT']);
		for (const [i, chunk] of chunks.entries()) {
			const original = genome.chunks[i];
			expect(chunk.positions).toBeInstanceOf(Uint32Array);
			expect(Buffer.from(chunk.positions.buffer).equals(Buffer.from(original.positions.buffer))).toBe(true);
			expect(Buffer.from(chunk.allele1.buffer).equals(Buffer.from(original.allele1.buffer))).toBe(true);
			expect(chunk).toEqual(original);
		}
		expect((await store.listProfiles()).map((p) => p.id)).toEqual([id]);
	});

	it('falls back to the file name when the name is blank and strips control characters', async () => {
		const store = await open();
		const id = await store.saveGenome(makeGenome(['1'], 10), { name: '  \n ', sourceFileName: 'a\u0007b.txt' });
		expect((await store.getProfile(id))?.name).toBe('a b.txt');
	});

	it('leaves the database unchanged when a chunk cannot be stored mid-transaction', async () => {
		const store = await open();
		const keep = await store.saveGenome(makeGenome(['1'], 50), { name: 'keep', sourceFileName: 'k.txt' });
		const before = await snapshot(store);
		const bad = makeGenome(['1', '2', '3'], 50);
		(bad.chunks[2] as unknown as { extra: unknown }).extra = () => 'functions cannot be cloned';
		const err = await store.saveGenome(bad, { name: 'bad', sourceFileName: 'b.txt' }).catch((e) => e);
		expect(err).toBeInstanceOf(StoreError);
		expect(err.code).toBe('invalid');
		expect(await snapshot(store)).toEqual(before);
		expect((await store.listProfiles()).map((p) => p.id)).toEqual([keep]);
	});

	it('reports a quota refusal with a code, sizes in the message, and stores nothing', async () => {
		const store = await open();
		const genome = makeGenome(['1', '2'], 100);
		// Structured clone reads getters: this one throws the browser's quota DOMException while
		// the second chunk is being written, after the profile and first chunk were queued.
		Object.defineProperty(genome.chunks[1], 'flags', {
			enumerable: true,
			get() {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
		});
		const err = await store.saveGenome(genome, { name: 'q', sourceFileName: 'q.txt' }).catch((e) => e);
		expect(err).toBeInstanceOf(StoreError);
		expect(err.code).toBe('quota');
		expect(err.message).toMatch(/Not enough storage space: saving needs about \d/);
		expect(err.message).toMatch(/Nothing was saved/);
		expect(err.details.neededBytes).toBeGreaterThan(1000);
		expect(await store.listProfiles()).toEqual([]);
		expect((await snapshot(store)).chunks).toEqual([]);
	});

	it('stores nothing when cancelled while the transaction runs', async () => {
		const store = await open();
		const controller = new AbortController();
		const genome = makeGenome(['1', '2', '3', '4', '5'], 3000);
		const saving = store.saveGenome(genome, { name: 'c', sourceFileName: 'c.txt' }, { signal: controller.signal });
		queueMicrotask(() => controller.abort());
		const err = await saving.catch((e) => e);
		expect(err).toBeInstanceOf(StoreError);
		expect(err.code).toBe('cancelled');
		expect(await store.listProfiles()).toEqual([]);
		expect((await snapshot(store)).chunks).toEqual([]);
	});

	it('refuses a genome with two chunks for one chromosome', async () => {
		const store = await open();
		const genome = makeGenome(['1'], 10);
		genome.chunks.push(makeChunk('1', 5));
		await expect(store.saveGenome(genome, { name: 'd', sourceFileName: 'd' })).rejects.toMatchObject({ code: 'invalid' });
		expect(await store.listProfiles()).toEqual([]);
	});
});

describe('rename, delete, delete everything', () => {
	it('renames, refuses empty names and missing profiles', async () => {
		const store = await open();
		const id = await store.saveGenome(makeGenome(['1'], 10), { name: 'old', sourceFileName: 'f' });
		await store.renameProfile(id, '  New   name ');
		expect((await store.getProfile(id))?.name).toBe('New name');
		await expect(store.renameProfile(id, '   ')).rejects.toMatchObject({ code: 'invalid' });
		await expect(store.renameProfile('nope', 'x')).rejects.toMatchObject({ code: 'not-found' });
	});

	it('deletes one profile with its chunks and results, leaving others intact', async () => {
		const store = await open();
		const a = await store.saveGenome(makeGenome(['1', '2'], 20), { name: 'a', sourceFileName: 'a' });
		const b = await store.saveGenome(makeGenome(['1', 'X'], 20), { name: 'b', sourceFileName: 'b' });
		await store.putResult(a, 'pgx', { x: 1 });
		await store.putResult(b, 'pgx', { x: 2 });
		await store.deleteProfile(a);
		expect(await store.getProfile(a)).toBeUndefined();
		expect(await store.loadChunks(a)).toEqual([]);
		expect(await store.getResult(a, 'pgx')).toBeUndefined();
		expect((await store.loadChunks(b)).map((c) => c.chrom)).toEqual(['1', 'X']);
		expect((await store.getResult<{ x: number }>(b, 'pgx'))?.value).toEqual({ x: 2 });
	});

	it('deletes everything but keeps settings in meta', async () => {
		const store = await open();
		const id = await store.saveGenome(makeGenome(['1'], 20), { name: 'a', sourceFileName: 'a' });
		await store.putResult(id, 'pgx', [1, 2, 3]);
		await store.putRecord('keys', 'identity', { secret: new Uint8Array([1, 2, 3]) });
		await store.putRecord('contacts', 'alice', { name: 'Alice' });
		await store.putMeta('vault', { salt: 'abc' });
		await store.deleteEverything();
		expect(await snapshot(store)).toEqual({ profiles: [], chunks: [], results: [], keys: [], contacts: [] });
		expect(await store.getMeta('vault')).toEqual({ salt: 'abc' });
	});
});

describe('results and records', () => {
	it('puts and replaces results per profile and kind; refuses results for unknown profiles', async () => {
		const store = await open();
		const id = await store.saveGenome(makeGenome(['1'], 10), { name: 'a', sourceFileName: 'a' });
		await store.putResult(id, 'pgx', { calls: ['*1/*2'] });
		await store.putResult(id, 'pgx', { calls: ['*1/*1'] });
		await store.putResult(id, 'warfarin-inputs', { age: 60 });
		const r = await store.getResult<{ calls: string[] }>(id, 'pgx');
		expect(r?.value).toEqual({ calls: ['*1/*1'] });
		expect(r?.profileId).toBe(id);
		expect(Date.parse(r!.updated)).not.toBeNaN();
		expect(await store.getResult(id, 'nothing')).toBeUndefined();
		await expect(store.putResult('missing', 'pgx', 1)).rejects.toMatchObject({ code: 'not-found' });
	});

	it('stores keys and contacts records', async () => {
		const store = await open();
		await store.putRecord('keys', 'me', { pub: new Uint8Array([9, 8, 7]) });
		await store.putRecord('contacts', 'bob', { name: 'Bob' });
		await store.putRecord('contacts', 'carol', { name: 'Carol' });
		expect(await store.getRecord('keys', 'me')).toEqual({ pub: new Uint8Array([9, 8, 7]) });
		expect((await store.listRecords<{ name: string }>('contacts')).map((r) => r.value.name).sort()).toEqual(['Bob', 'Carol']);
		await store.deleteRecord('contacts', 'bob');
		expect(await store.getRecord('contacts', 'bob')).toBeUndefined();
		await expect(store.putRecord('profiles' as 'keys', 'x', 1)).rejects.toMatchObject({ code: 'invalid' });
	});
});

describe('codec', () => {
	/** A reversible codec that hides values (JSON + byte reversal), recording what it saw. */
	function scramblingCodec(seen: string[]): RecordCodec {
		const enc = new TextEncoder();
		const dec = new TextDecoder();
		return {
			async encode(store, id, value) {
				seen.push(`enc ${store} ${id}`);
				await Promise.resolve();
				return enc.encode(JSON.stringify(value, (_k, v) => (ArrayBuffer.isView(v) ? { $ta: v.constructor.name, d: Array.from(v as Uint8Array) } : v))).reverse();
			},
			async decode(store, id, stored) {
				seen.push(`dec ${store} ${id}`);
				const text = dec.decode((stored as Uint8Array).slice().reverse());
				return JSON.parse(text, (_k, v) => {
					if (v && typeof v === 'object' && '$ta' in v) {
						const Ctor = globalThis[v.$ta as 'Uint8Array'] as unknown as { from(a: number[]): unknown };
						return Ctor.from(v.d);
					}
					return v;
				});
			}
		};
	}

	it('passes every record through the codec and round-trips', async () => {
		const seen: string[] = [];
		const name = freshDbName();
		const store = await open({ name, codec: scramblingCodec(seen) });
		const genome = makeGenome(['1', 'Y'], 30);
		const id = await store.saveGenome(genome, { name: 'Secret Name', sourceFileName: 's.txt' });
		await store.putResult(id, 'pgx', { gene: 'CYP2C19' });
		await store.putRecord('contacts', 'alice', { name: 'Alice' });
		expect(seen).toContain(`enc profiles ${id}`);
		expect(seen).toContain(`enc chunks ${id}/1`);
		expect(seen).toContain(`enc results ${id}/pgx`);
		expect(seen).toContain('enc contacts alice');
		expect((await store.getProfile(id))?.name).toBe('Secret Name');
		expect(await store.loadChunks(id)).toEqual(genome.chunks);
		expect((await store.getResult(id, 'pgx'))?.value).toEqual({ gene: 'CYP2C19' });

		// The raw database holds only the encoded bytes: no name in plaintext.
		const raw = await open({ name });
		const rawDump = await raw.dumpAll();
		expect(rawDump.profiles[0]).toBeInstanceOf(Uint8Array);
		expect(new TextDecoder().decode(rawDump.profiles[0] as unknown as Uint8Array)).not.toContain('Secret Name');
		expect(new TextDecoder().decode(rawDump.profiles[0] as unknown as Uint8Array)).toContain('emaN terceS');
	});

	it('dumps decoded records and restores them in one transaction', async () => {
		const source = await open();
		const id = await source.saveGenome(makeGenome(['1', '2'], 40), { name: 'a', sourceFileName: 'a' });
		await source.putResult(id, 'pgx', { a: 1 });
		await source.putRecord('keys', 'k', new Uint8Array([1, 2]));
		const dump = await source.dumpAll();

		const target = await open({ codec: scramblingCodec([]) });
		await target.restoreAll(dump);
		expect(await target.dumpAll()).toEqual(dump);

		// A failing restore (a value that cannot be cloned) with replace leaves the target as it was.
		const plain = await open();
		await plain.restoreAll(dump);
		const broken = { ...dump, contacts: [{ key: 'x', value: { f: () => 1 } }] };
		await expect(plain.restoreAll(broken, { replace: true })).rejects.toBeInstanceOf(StoreError);
		expect(await plain.dumpAll()).toEqual(dump);
	});
});

describe('change notifications', () => {
	it('notifies local listeners and other store instances (other tabs, workers)', async () => {
		const name = freshDbName();
		const a = await open({ name });
		const b = await open({ name });
		const seenA: StoreChange[] = [];
		const seenB: StoreChange[] = [];
		a.onChange((c) => seenA.push(c));
		const unsubscribe = b.onChange((c) => seenB.push(c));
		const id = await a.saveGenome(makeGenome(['1'], 5), { name: 'x', sourceFileName: 'x' });
		await a.putResult(id, 'pgx', 1);
		await expect.poll(() => seenB.length).toBe(2);
		expect(seenA).toEqual([{ type: 'profiles' }, { type: 'results', profileId: id }]);
		expect(seenB).toEqual(seenA);
		unsubscribe();
		await a.deleteEverything();
		expect(seenA.at(-1)).toEqual({ type: 'all-deleted' });
		await new Promise((r) => setTimeout(r, 50));
		expect(seenB).toHaveLength(2);
	});
});

describe('several tabs and schema upgrades', () => {
	it('closes itself when another tab upgrades, so the upgrade is not blocked, then explains', async () => {
		const name = freshDbName();
		const messages: string[] = [];
		const store = await open({ name, onVersionChange: (m) => messages.push(m) });
		await store.saveGenome(makeGenome(['1'], 5), { name: 'x', sourceFileName: 'x' });
		let blocked = false;
		const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open(name, DB_VERSION + 1);
			req.onblocked = () => (blocked = true);
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		expect(blocked).toBe(false);
		expect(upgraded.version).toBe(DB_VERSION + 1);
		upgraded.close();
		expect(messages).toEqual([expect.stringMatching(/updated in another tab/)]);
		await expect(store.listProfiles()).rejects.toMatchObject({ code: 'outdated' });
	});
});
