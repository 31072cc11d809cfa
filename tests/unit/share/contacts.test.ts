import { describe, expect, test } from 'vitest';
import { addContact, listContacts, loadIdentityFile, markVerified, removeContact, saveIdentityFile, unlockIdentity, createIdentity } from '../../../src/lib/share/index';
import { fixedIdentity, memoryStore } from './helpers';

describe('contact book', () => {
	test('pinned on first use; same card again is unchanged', async () => {
		const store = memoryStore();
		const bob = await fixedIdentity('Bob');
		const r = await addContact(store, JSON.stringify(bob.file.card), 'paste');
		expect(r.status).toBe('added');
		expect((await addContact(store, bob.file.card, 'file')).status).toBe('unchanged');
		expect((await listContacts(store)).map((c) => c.card.name)).toEqual(['Bob']);
	});

	test('a changed key for a known name needs an explicit decision', async () => {
		const store = memoryStore();
		const bob = await fixedIdentity('Bob');
		const newBob = await createIdentity('bob ', 'passphrase!', { logN: 10 });
		await addContact(store, bob.file.card, 'paste');
		const r = await addContact(store, newBob.file.card, 'paste');
		expect(r.status).toBe('key-changed');
		expect((await listContacts(store))[0].fingerprint).toBe(bob.identity.fingerprint);
		if (r.status !== 'key-changed') throw new Error('unreachable');
		const wrongDecision = await addContact(store, newBob.file.card, 'paste', { replace: 'f'.repeat(64) });
		expect(wrongDecision.status).toBe('key-changed');
		const replaced = await addContact(store, newBob.file.card, 'paste', { replace: r.previous.fingerprint });
		expect(replaced.status).toBe('added');
		const list = await listContacts(store);
		expect(list.map((c) => c.fingerprint)).toEqual([newBob.identity.fingerprint]);
	});

	test('tampered cards and own card are refused; verify and remove', async () => {
		const store = memoryStore();
		const bob = await fixedIdentity('Bob');
		const alice = await fixedIdentity('Alice');
		await expect(addContact(store, { ...bob.file.card, name: 'Eve' }, 'paste')).rejects.toMatchObject({ code: 'bad-card-signature' });
		await expect(addContact(store, alice.file.card, 'paste', { selfFingerprint: alice.identity.fingerprint })).rejects.toMatchObject({ code: 'bad-card' });
		await addContact(store, bob.file.card, 'qr');
		expect((await markVerified(store, bob.identity.fingerprint)).verified).toBe(true);
		await removeContact(store, bob.identity.fingerprint);
		expect(await listContacts(store)).toEqual([]);
	});

	test('identity record round-trips through the store', async () => {
		const store = memoryStore();
		expect(await loadIdentityFile(store)).toBeUndefined();
		const alice = await fixedIdentity('Alice', 'passphrase!');
		await saveIdentityFile(store, alice.file);
		const f = await loadIdentityFile(store);
		expect((await unlockIdentity(f!, 'passphrase!')).fingerprint).toBe(alice.identity.fingerprint);
	});
});
