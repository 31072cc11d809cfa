import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { type QenomeStore } from '../../../src/lib/store';
import { Vault, VaultError, VAULT_META_KEY, openRecord, sealRecord, unwrapDataKey, createVaultHeader } from '../../../src/lib/store/vault';
import { freshDbName, makeGenome, useStores } from './helpers';

// Small scrypt cost so the suite stays fast; the parameter is stored and authenticated like the default.
const LOG_N = 10;
const PASS = 'correct horse battery staple';

const openStoreOn = useStores();
async function open(name = freshDbName()): Promise<{ store: QenomeStore; name: string }> {
	return { store: await openStoreOn({ name }), name };
}

/** Every raw value of every object store, read straight from IndexedDB (no codec). */
async function rawContents(name: string): Promise<unknown[]> {
	const db = await openDB(name);
	const out: unknown[] = [];
	for (const storeName of Array.from(db.objectStoreNames)) out.push(...(await db.getAll(storeName)));
	db.close();
	return out;
}

/** Walk a raw value: all strings and all byte views found in it. */
function collect(value: unknown, strings: string[], views: ArrayBufferView[]): void {
	if (typeof value === 'string') strings.push(value);
	else if (ArrayBuffer.isView(value)) views.push(value);
	else if (Array.isArray(value)) value.forEach((v) => collect(v, strings, views));
	else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			strings.push(k);
			collect(v, strings, views);
		}
	}
}

function bytesOf(view: ArrayBufferView): Buffer {
	return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

describe('vault', () => {
	it('keeps no name, rsID or genotype in plaintext in IndexedDB while locked', async () => {
		const { store, name } = await open();
		const genome = makeGenome(['1', 'X'], 400);
		genome.summary.sample = 'Jane Q. Patient';
		genome.chunks[0].otherIds = ['rs4244285', 'i3000001'];
		genome.chunks[0].otherIdIndex = new Uint32Array([0, 1]);
		const id = await store.saveGenome(genome, { name: 'Jane Q. Patient', sourceFileName: 'genome_Jane_Patient.txt' });
		await store.putResult(id, 'pgx', { gene: 'CYP2C19', diplotype: '*1/*2', rsid: 'rs4244285' });
		await store.putRecord('contacts', 'alice', { name: 'Alice Example' });
		const vault = await Vault.attach(store, { logN: LOG_N });
		await vault.enable(PASS);
		vault.lock();

		const strings: string[] = [];
		const views: ArrayBufferView[] = [];
		collect(await rawContents(name), strings, views);
		const text = strings.join('\n');
		for (const secret of ['Jane', 'Patient', 'rs4244285', 'CYP2C19', '*1/*2', 'Alice', 'i3000001', '23andMe', 'female', 'GRCh37']) {
			expect(text, `"${secret}" must not be stored in clear`).not.toContain(secret);
		}
		// Only byte strings remain (nonces, ciphertexts, vault salt): no Uint32Array of positions/rsIDs.
		expect(views.every((v) => v instanceof Uint8Array)).toBe(true);
		const blob = Buffer.concat(views.map(bytesOf));
		for (const plain of ['Jane Q. Patient', 'rs4244285', 'CYP2C19']) expect(blob.includes(Buffer.from(plain))).toBe(false);
		const chunk = genome.chunks[0];
		expect(blob.includes(bytesOf(chunk.allele1.subarray(0, 64)))).toBe(false);
		expect(blob.includes(bytesOf(chunk.rsids.subarray(0, 16)))).toBe(false);
		expect(blob.includes(bytesOf(chunk.positions.subarray(0, 16)))).toBe(false);

		// Locked: the store refuses to read.
		await expect(store.listProfiles()).rejects.toMatchObject({ code: 'locked' });
		// Unlocked: everything reads back exactly.
		await vault.unlock(PASS);
		expect((await store.getProfile(id))?.name).toBe('Jane Q. Patient');
		expect(await store.loadChunks(id)).toEqual(genome.chunks);
		expect((await store.getResult(id, 'pgx'))?.value).toEqual({ gene: 'CYP2C19', diplotype: '*1/*2', rsid: 'rs4244285' });
	});

	it('refuses a wrong passphrase clearly and stays locked', async () => {
		const { store } = await open();
		const vault = await Vault.attach(store, { logN: LOG_N });
		await vault.enable(PASS);
		vault.lock();
		const err = await vault.unlock('wrong passphrase here').catch((e) => e);
		expect(err).toBeInstanceOf(VaultError);
		expect(err.code).toBe('wrong-passphrase');
		expect(err.message).toMatch(/passphrase is not correct/);
		expect(vault.state).toBe('locked');
	});

	it('a new connection to a vaulted store starts locked', async () => {
		const { store, name } = await open();
		const vault = await Vault.attach(store, { logN: LOG_N });
		await vault.enable(PASS);
		await store.saveGenome(makeGenome(['2'], 50), { name: 'Later', sourceFileName: 'x.txt' });
		const other = (await open(name)).store;
		const second = await Vault.attach(other, { logN: LOG_N });
		expect(second.state).toBe('locked');
		await expect(other.listProfiles()).rejects.toMatchObject({ code: 'locked' });
		await second.unlock(PASS);
		expect((await other.listProfiles()).map((p) => p.name)).toEqual(['Later']);
	});

	it('refuses tampered parameters, moved records and altered ciphertext', async () => {
		const { header, dataKey } = await createVaultHeader(PASS, { logN: LOG_N });
		await expect(unwrapDataKey({ ...header, kdf: { ...header.kdf, logN: LOG_N + 1 } }, PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
		await expect(unwrapDataKey({ ...header, kdf: { ...header.kdf, logN: 40 } }, PASS)).rejects.toMatchObject({ code: 'bad-header' });
		const sealed = sealRecord(dataKey, 'profiles', 'a', { name: 'x' });
		expect(openRecord(dataKey, 'profiles', 'a', sealed)).toEqual({ name: 'x' });
		expect(() => openRecord(dataKey, 'profiles', 'b', sealed)).toThrow(/integrity check/);
		expect(() => openRecord(dataKey, 'results', 'a', sealed)).toThrow(/integrity check/);
		const flipped = { ...sealed, ciphertext: sealed.ciphertext.slice() };
		flipped.ciphertext[3] ^= 1;
		expect(() => openRecord(dataKey, 'profiles', 'a', flipped)).toThrow(VaultError);
		expect(() => openRecord(dataKey, 'profiles', 'a', { name: 'x' })).toThrow(/not sealed/);
	});

	it('refuses a short passphrase', async () => {
		const { store } = await open();
		const vault = await Vault.attach(store, { logN: LOG_N });
		await expect(vault.enable('short')).rejects.toMatchObject({ code: 'weak-passphrase' });
		expect(await store.getMeta(VAULT_META_KEY)).toBeUndefined();
	});

	it('auto-locks after inactivity', async () => {
		const { store } = await open();
		const states: string[] = [];
		const vault = await Vault.attach(store, { logN: LOG_N, autoLockMs: 50, onState: (s) => states.push(s) });
		await vault.enable(PASS);
		expect(vault.state).toBe('unlocked');
		await new Promise((r) => setTimeout(r, 120));
		expect(vault.state).toBe('locked');
		expect(states).toEqual(['off', 'unlocked', 'locked']);
	});

	it('changes the passphrase and can be turned off again, restoring plain records', async () => {
		const { store, name } = await open();
		const id = await store.saveGenome(makeGenome(['1'], 30), { name: 'Plain again', sourceFileName: 'p.txt' });
		const vault = await Vault.attach(store, { logN: LOG_N });
		await vault.enable(PASS);
		await vault.changePassphrase(PASS, 'another long passphrase');
		vault.lock();
		await expect(vault.unlock(PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
		await vault.unlock('another long passphrase');
		await vault.disable('another long passphrase');
		expect(vault.state).toBe('off');
		expect(await store.getMeta(VAULT_META_KEY)).toBeUndefined();
		const strings: string[] = [];
		collect(await rawContents(name), strings, []);
		expect(strings.join('\n')).toContain('Plain again');
		expect((await store.getProfile(id))?.name).toBe('Plain again');
	});
});
