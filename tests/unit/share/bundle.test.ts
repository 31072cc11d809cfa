import { beforeAll, describe, expect, test } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { openBytes, sealBytes, type IdentityFile, type UnlockedIdentity } from '../../../src/lib/share/index';
import { ageEncrypt, craftPlaintext, fixedIdentity, manifestFor } from './helpers';
import { createIdentity } from '../../../src/lib/share/index';
import { concatBytes, utf8 } from '../../../src/lib/share/encoding';

type Party = { file: IdentityFile; identity: UnlockedIdentity };
let alice: Party, bob: Party, carol: Party, mallory: Party;
const content = utf8('CYP2C19 *2/*2 — poor metabolizer\n');

beforeAll(async () => {
	[alice, bob, carol, mallory] = await Promise.all(['Alice', 'Bob', 'Carol', 'Mallory'].map((n) => fixedIdentity(n)));
});

const open = (bytes: Uint8Array, opener = bob, trusted = [alice.file.card]) =>
	openBytes(bytes, { opener: opener.identity, trusted });

describe('seal/open round trip', () => {
	test('recipient and sender can open; content and manifest survive', async () => {
		const { bytes, manifest } = await sealBytes({ sender: alice.identity, recipients: [bob.file.card], contentType: 'report', content, mediaType: 'application/json' });
		expect(new TextDecoder().decode(bytes.subarray(0, 22))).toBe('age-encryption.org/v1\n');
		const text = new TextDecoder('latin1').decode(bytes);
		expect(text.match(/^-> /gm)?.length).toBe(2);
		expect(text).not.toMatch(/Alice|Bob|report/);
		const r = await open(bytes);
		expect(r.content).toEqual(content);
		expect(r.trusted).toBe(true);
		expect(r.manifest).toEqual(manifest);
		expect(r.manifest.recipients).toEqual([alice.identity.fingerprint, bob.identity.fingerprint]);
		const self = await openBytes(bytes, { opener: alice.identity, trusted: [] });
		expect(self.content).toEqual(content);
	});

	test('empty and multi-chunk content', async () => {
		for (const c of [new Uint8Array(0), new Uint8Array(200_000).map((_, i) => i * 7)]) {
			const { bytes } = await sealBytes({ sender: alice.identity, recipients: [bob.file.card], contentType: 'file', content: c });
			expect((await open(bytes)).content).toEqual(c);
		}
	});

	test('untrusted sender can be shown (Inbox) but is refused by default', async () => {
		const { bytes } = await sealBytes({ sender: mallory.identity, recipients: [bob.file.card], contentType: 'file', content });
		await expect(open(bytes)).rejects.toMatchObject({ code: 'untrusted-sender' });
		const shown = await openBytes(bytes, { opener: bob.identity, trusted: [], allowUntrustedSender: true });
		expect(shown.trusted).toBe(false);
		expect(shown.sender.name).toBe('Mallory');
	});
});

describe('refusals', () => {
	test('a non-recipient cannot open', async () => {
		const { bytes } = await sealBytes({ sender: alice.identity, recipients: [bob.file.card], contentType: 'file', content });
		await expect(open(bytes, carol)).rejects.toMatchObject({ code: 'not-a-recipient' });
	});

	test('more than 32 recipients: sealing refused, and a 33-stanza file refused on open', async () => {
		const many = await Promise.all(Array.from({ length: 32 }, (_, i) => createIdentity(`R${i}`, 'passphrase!', { logN: 10 })));
		await expect(sealBytes({ sender: alice.identity, recipients: many.map((m) => m.file.card), contentType: 'file', content })).rejects.toMatchObject({ code: 'too-many-recipients' });
		const ok = await sealBytes({ sender: alice.identity, recipients: many.slice(0, 31).map((m) => m.file.card), contentType: 'file', content });
		expect((await openBytes(ok.bytes, { opener: many[0].identity, trusted: [alice.file.card] })).content).toEqual(content);
		const m = manifestFor(alice.identity, [alice.identity.fingerprint, bob.identity.fingerprint], content);
		const forged = await ageEncrypt(craftPlaintext({ manifest: m, content, signer: alice.identity }), [bob.file.card.recipient, ...many.map((x) => x.file.card.recipient)]);
		await expect(open(forged)).rejects.toMatchObject({ code: 'too-many-recipients' });
	});

	test('a non-post-quantum recipient stanza is refused', async () => {
		const x = await identityToRecipient(await generateX25519Identity());
		const m = manifestFor(alice.identity, [alice.identity.fingerprint, bob.identity.fingerprint], content);
		const forged = await ageEncrypt(craftPlaintext({ manifest: m, content, signer: alice.identity }), [bob.file.card.recipient, x]);
		await expect(open(forged)).rejects.toMatchObject({ code: 'non-pq-recipient' });
		const pass = new Encrypter();
		pass.setScryptWorkFactor(10);
		pass.setPassphrase('pw');
		await expect(open(await pass.encrypt(content))).rejects.toMatchObject({ code: 'non-pq-recipient' });
	});

	test('opener missing from the signed recipient list', async () => {
		const m = manifestFor(alice.identity, [alice.identity.fingerprint, carol.identity.fingerprint], content);
		const forged = await ageEncrypt(craftPlaintext({ manifest: m, content, signer: alice.identity }), [alice.file.card.recipient, bob.file.card.recipient]);
		await expect(open(forged)).rejects.toMatchObject({ code: 'opener-not-listed' });
	});

	test('hidden extra recipient (stanza count ≠ manifest)', async () => {
		const m = manifestFor(alice.identity, [alice.identity.fingerprint, bob.identity.fingerprint], content);
		const forged = await ageEncrypt(craftPlaintext({ manifest: m, content, signer: alice.identity }), [alice.file.card.recipient, bob.file.card.recipient, mallory.file.card.recipient]);
		await expect(open(forged)).rejects.toMatchObject({ code: 'recipient-count-mismatch' });
	});

	test('foreign signature: manifest names Alice but Mallory signed', async () => {
		const m = manifestFor(alice.identity, [alice.identity.fingerprint, bob.identity.fingerprint], content);
		const forged = await ageEncrypt(craftPlaintext({ manifest: m, content, signer: mallory.identity }), [alice.file.card.recipient, bob.file.card.recipient]);
		await expect(open(forged)).rejects.toMatchObject({ code: 'bad-signature' });
		const swapped = { ...m, senderCard: mallory.identity.card };
		const forged2 = await ageEncrypt(craftPlaintext({ manifest: swapped, content, signer: mallory.identity }), [alice.file.card.recipient, bob.file.card.recipient]);
		await expect(open(forged2)).rejects.toMatchObject({ code: 'foreign-signature' });
	});

	test('missing signature, unknown version, not a bundle, trailing data', async () => {
		const to = [alice.file.card.recipient, bob.file.card.recipient];
		const m = manifestFor(alice.identity, [alice.identity.fingerprint, bob.identity.fingerprint], content);
		await expect(open(await ageEncrypt(craftPlaintext({ manifest: m, content, signer: alice.identity, omitTrailer: true }), to))).rejects.toMatchObject({ code: 'missing-signature' });
		await expect(open(await ageEncrypt(craftPlaintext({ manifest: m, content, signer: alice.identity, versionByte: 2 }), to))).rejects.toMatchObject({ code: 'unsupported-version' });
		await expect(open(await ageEncrypt(craftPlaintext({ manifest: { ...m, version: 2 }, content, signer: alice.identity }), to))).rejects.toMatchObject({ code: 'unsupported-version' });
		await expect(open(await ageEncrypt(utf8('just a file, not a bundle'), to))).rejects.toMatchObject({ code: 'not-a-bundle' });
		const good = craftPlaintext({ manifest: m, content, signer: alice.identity });
		await expect(open(await ageEncrypt(concatBytes(good, utf8('x')), to))).rejects.toMatchObject({ code: 'trailing-data' });
		await expect(open(await ageEncrypt(good.subarray(0, good.length - 10), to))).rejects.toMatchObject({ code: 'truncated' });
	});

	test('content not matching the signed digest', async () => {
		const to = [alice.file.card.recipient, bob.file.card.recipient];
		const m = manifestFor(alice.identity, [alice.identity.fingerprint, bob.identity.fingerprint], content);
		const other = utf8('CYP2C19 *1/*1 — normal metabolizer!\n'.slice(0, content.length));
		const pt = craftPlaintext({ manifest: { ...m, contentLength: other.length }, content: other, signer: alice.identity, signDigest: sha256(content) });
		await expect(open(await ageEncrypt(pt, to))).rejects.toMatchObject({ code: 'content-mismatch' });
	});

	test('truncating or reordering the ciphertext is refused', async () => {
		const big = new Uint8Array(3 * 65536 + 100).map((_, i) => i % 251);
		const { bytes } = await sealBytes({ sender: alice.identity, recipients: [bob.file.card], contentType: 'file', content: big });
		for (const cut of [bytes.length - 1, bytes.length - 17, bytes.length - 65552, bytes.length - 150_000, 40]) {
			await expect(open(bytes.subarray(0, cut))).rejects.toMatchObject({ name: 'BundleError' });
		}
		// Swap the 2nd and 3rd full STREAM chunks (65536 + 16 bytes each) counted from the end.
		const chunk = 65536 + 16;
		const text = new TextDecoder('latin1').decode(bytes);
		const headerEnd = text.indexOf('\n', text.indexOf('\n---') + 1) + 1;
		const p = headerEnd + 16; // after the 16-byte nonce
		const swapped = bytes.slice();
		swapped.set(bytes.subarray(p + chunk, p + 2 * chunk), p);
		swapped.set(bytes.subarray(p, p + chunk), p + chunk);
		await expect(open(swapped)).rejects.toMatchObject({ code: 'decrypt-failed' });
	});
});
