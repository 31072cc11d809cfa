import 'fake-indexeddb/auto';
import { Decrypter } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import type { QenomeStore } from '../../../src/lib/store';
import { BackupError, exportBackup, openBackup, restoreBackup, sealBackup } from '../../../src/lib/store/backup';
import { decodeRecord } from '../../../src/lib/store/record-bytes';
import { Vault } from '../../../src/lib/store/vault';
import { makeGenome, useStores } from './helpers';

const PASS = 'backup passphrase 42';
const LOG_N = 10; // age's default is 18; the work factor is stored in the file

const open = useStores();

/** A store with two profiles, results, a wrapped identity and contacts. */
async function filledStore(): Promise<QenomeStore> {
	const store = await open();
	const a = await store.saveGenome(makeGenome(['1', '2', 'X', 'MT'], 800), { name: 'Ana', sourceFileName: 'ana.txt' });
	const b = await store.saveGenome(makeGenome(['22'], 50), { name: '<b>Bo</b>', sourceFileName: 'bo.vcf' });
	await store.putResult(a, 'pgx', { calls: [{ gene: 'CYP2C19', diplotype: '*1/*2' }], score: -0, none: null });
	await store.putResult(b, 'warfarin-inputs', { age: 61, weightKg: 70.5 });
	await store.putRecord('keys', 'identity', { wrapped: new Uint8Array([1, 2, 3, 250]), kdf: { logN: 17 } });
	await store.putRecord('contacts', 'fp1', { name: 'Dr. Who', card: new Uint8Array(40).fill(7) });
	return store;
}

describe('backup and restore', () => {
	it('restores every record byte for byte into an empty store', async () => {
		const source = await filledStore();
		const { bytes, counts } = await exportBackup(source, PASS, { logN: LOG_N });
		expect(counts).toEqual({ profiles: 2, chunks: 5, results: 2, keys: 1, contacts: 1 });
		const target = await open();
		expect(await restoreBackup(target, bytes, PASS)).toEqual(counts);
		const before = await source.dumpAll();
		const after = await target.dumpAll();
		const byId = <T extends { profileId?: string; id?: string; key?: string }>(xs: T[]) =>
			[...xs].sort((x, y) => JSON.stringify([x.id ?? x.profileId, x.key]).localeCompare(JSON.stringify([y.id ?? y.profileId, y.key])));
		expect(byId(after.profiles)).toEqual(byId(before.profiles));
		expect(after.keys).toEqual(before.keys);
		expect(after.contacts).toEqual(before.contacts);
		expect(after.results.map((r) => r.kind).sort()).toEqual(before.results.map((r) => r.kind).sort());
		for (const r of before.results) expect(after.results.find((x) => x.kind === r.kind)).toEqual(r);
		expect(Object.is((after.results.find((r) => r.kind === 'pgx')?.value as { score: number }).score, -0)).toBe(true);
		for (const { profileId, chunk } of before.chunks) {
			const twin = after.chunks.find((c) => c.profileId === profileId && c.chunk.chrom === chunk.chrom)!.chunk;
			for (const field of ['positions', 'rsids', 'allele1', 'allele2', 'flags', 'otherIdIndex', 'longAlleleIndex'] as const) {
				expect(twin[field].constructor).toBe(chunk[field].constructor);
				expect(Buffer.from(twin[field].buffer, twin[field].byteOffset, twin[field].byteLength)).toEqual(
					Buffer.from(chunk[field].buffer, chunk[field].byteOffset, chunk[field].byteLength)
				);
			}
			expect(twin).toEqual(chunk);
		}
	});

	it('writes a standard age file that age opens with the passphrase', async () => {
		const source = await filledStore();
		const { bytes } = await exportBackup(source, PASS, { logN: LOG_N });
		expect(new TextDecoder().decode(bytes.subarray(0, 22))).toBe('age-encryption.org/v1\n');
		expect(Buffer.from(bytes).includes(Buffer.from('Ana'))).toBe(false);
		const d = new Decrypter();
		d.addPassphrase(PASS);
		const content = decodeRecord(await d.decrypt(bytes)) as { format: string; counts: { profiles: number } };
		expect(content.format).toBe('qenome-backup');
		expect(content.counts.profiles).toBe(2);
	});

	it('refuses a wrong passphrase, a damaged file and a non-backup, writing nothing', async () => {
		const { bytes } = await exportBackup(await filledStore(), PASS, { logN: LOG_N });
		const target = await open();
		await expect(restoreBackup(target, bytes, 'not the passphrase')).rejects.toMatchObject({ code: 'wrong-passphrase' });
		const damaged = bytes.slice();
		damaged[damaged.length - 5] ^= 0x40;
		await expect(restoreBackup(target, damaged, PASS)).rejects.toMatchObject({ code: 'damaged' });
		await expect(restoreBackup(target, bytes.subarray(0, bytes.length - 30), PASS)).rejects.toBeInstanceOf(BackupError);
		await expect(openBackup(new TextEncoder().encode('rsid\tchromosome\n'), PASS)).rejects.toMatchObject({ code: 'not-a-backup' });
		expect(await target.listProfiles()).toEqual([]);
	});

	it('refuses to merge into a store that holds data unless asked to replace', async () => {
		const { bytes } = await exportBackup(await filledStore(), PASS, { logN: LOG_N });
		const target = await open();
		const keep = await target.saveGenome(makeGenome(['3'], 10), { name: 'Keep me', sourceFileName: 'k.txt' });
		await expect(restoreBackup(target, bytes, PASS)).rejects.toMatchObject({ code: 'not-empty' });
		expect((await target.getProfile(keep))?.name).toBe('Keep me');
		await restoreBackup(target, bytes, PASS, { replace: true });
		expect(await target.getProfile(keep)).toBeUndefined();
		expect((await target.listProfiles()).map((p) => p.name).sort()).toEqual(['<b>Bo</b>', 'Ana']);
	});

	it('leaves the database unchanged when the restore fails mid-transaction', async () => {
		const { bytes } = await exportBackup(await filledStore(), PASS, { logN: LOG_N });
		const target = await open();
		const keep = await target.saveGenome(makeGenome(['3'], 10), { name: 'Keep me', sourceFileName: 'k.txt' });
		const before = await target.dumpAll();
		// Fail the transaction the way a full disk does: the 3rd put of the restore throws QuotaExceededError.
		const IDBObjectStoreProto = (globalThis as unknown as { IDBObjectStore: { prototype: { put: (...a: unknown[]) => unknown } } }).IDBObjectStore.prototype;
		const realPut = IDBObjectStoreProto.put;
		let puts = 0;
		IDBObjectStoreProto.put = function (this: unknown, ...args: unknown[]) {
			if (++puts === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			return realPut.apply(this, args);
		};
		try {
			await expect(restoreBackup(target, bytes, PASS, { replace: true })).rejects.toMatchObject({ code: 'quota' });
		} finally {
			IDBObjectStoreProto.put = realPut;
		}
		expect(await target.dumpAll()).toEqual(before);
		expect((await target.getProfile(keep))?.name).toBe('Keep me');
	});

	it('backs up a vaulted store in clear inside the encrypted file and restores under a new vault', async () => {
		const source = await filledStore();
		const vault = await Vault.attach(source, { logN: LOG_N });
		await vault.enable('vault passphrase 1');
		const { bytes } = await exportBackup(source, PASS, { logN: LOG_N });
		const target = await open();
		await restoreBackup(target, bytes, PASS);
		expect((await target.listProfiles()).map((p) => p.name).sort()).toEqual(['<b>Bo</b>', 'Ana']);
	});

	it('refuses a short passphrase', async () => {
		await expect(sealBackup({ profiles: [], chunks: [], results: [], keys: [], contacts: [] }, 'short')).rejects.toMatchObject({ code: 'weak-passphrase' });
	});
});
