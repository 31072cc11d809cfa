import { describe, expect, test } from 'vitest';
import {
	changePassphrase,
	createIdentity,
	fingerprint,
	fingerprintQrPayload,
	parseCard,
	parseFingerprintQr,
	parseIdentityFile,
	safetyNumber,
	serializeIdentityFile,
	shortFingerprint,
	unlockIdentity
} from '../../../src/lib/share/index';
import { Decrypter, Encrypter } from 'age-encryption';
import { fixedIdentity } from './helpers';

describe('identity', () => {
	test('create → serialize → parse → unlock gives the same keys', async () => {
		const { file, identity } = await fixedIdentity('Alice', 'a long passphrase');
		const again = await unlockIdentity(parseIdentityFile(serializeIdentityFile(file)), 'a long passphrase');
		expect(again.fingerprint).toBe(identity.fingerprint);
		expect(again.ageIdentity).toBe(identity.ageIdentity);
		expect(again.ageIdentity).toMatch(/^AGE-SECRET-KEY-PQ-1[0-9A-Z]+$/);
		expect(file.card.recipient).toMatch(/^age1pq1/);
	});

	test('the age identity opens files sealed to the card recipient', async () => {
		const { file, identity } = await fixedIdentity('Alice');
		const e = new Encrypter();
		e.addRecipient(file.card.recipient);
		const ct = await e.encrypt('hi');
		const d = new Decrypter();
		d.addIdentity(identity.ageIdentity);
		expect(await d.decrypt(ct, 'text')).toBe('hi');
	});

	test('wrong passphrase is refused with wrong-passphrase', async () => {
		const { file } = await fixedIdentity('Alice', 'a long passphrase');
		await expect(unlockIdentity(file, 'another passphrase')).rejects.toMatchObject({ code: 'wrong-passphrase' });
	});

	test('stored KDF parameters and card are authenticated', async () => {
		const { file } = await fixedIdentity('Alice', 'a long passphrase');
		await expect(unlockIdentity({ ...file, kdf: { ...file.kdf, logN: 11 } }, 'a long passphrase')).rejects.toMatchObject({ code: 'wrong-passphrase' });
		const bob = await fixedIdentity('Bob');
		await expect(unlockIdentity({ ...file, card: bob.file.card }, 'a long passphrase')).rejects.toMatchObject({ code: 'wrong-passphrase' });
		expect(() => parseIdentityFile({ ...file, kdf: { ...file.kdf, logN: 30 } })).toThrow(/scrypt cost/);
		expect(() => parseIdentityFile({ ...file, version: 2 })).toThrow(/version 2/);
		expect(() => parseIdentityFile('nope')).toThrow(/not valid JSON/);
	});

	test('short passphrases are refused', async () => {
		await expect(createIdentity('X', 'short', { logN: 10 })).rejects.toMatchObject({ code: 'weak-passphrase' });
	});

	test('change passphrase keeps the identity, old passphrase stops working', async () => {
		const { file, identity } = await fixedIdentity('Alice', 'first passphrase');
		const next = await changePassphrase(file, 'first passphrase', 'second passphrase');
		expect(next.kdf.salt).not.toBe(file.kdf.salt);
		expect((await unlockIdentity(next, 'second passphrase')).fingerprint).toBe(identity.fingerprint);
		await expect(unlockIdentity(next, 'first passphrase')).rejects.toMatchObject({ code: 'wrong-passphrase' });
		await expect(changePassphrase(file, 'wrong one!', 'third passphrase')).rejects.toMatchObject({ code: 'wrong-passphrase' });
	});
});

describe('contact cards', () => {
	test('self-signature verifies; any altered field is refused', async () => {
		const { file } = await fixedIdentity('Alice');
		expect(parseCard(JSON.stringify(file.card)).name).toBe('Alice');
		expect(() => parseCard({ ...file.card, name: 'Mallory' })).toThrow(/invalid signature/);
		const bob = await fixedIdentity('Bob');
		expect(() => parseCard({ ...file.card, recipient: bob.file.card.recipient })).toThrow(/invalid signature/);
		expect(() => parseCard({ ...file.card, signature: bob.file.card.signature })).toThrow(/invalid signature/);
		expect(() => parseCard({ ...file.card, version: 9 })).toThrow(/version 9/);
		expect(() => parseCard({ ...file.card, recipient: 'age1qqq' })).toThrow(/post-quantum/);
	});

	test('fingerprint forms: short string, 60-digit safety number (symmetric), QR payload', async () => {
		const a = fingerprint((await fixedIdentity('Alice')).file.card);
		const b = fingerprint((await fixedIdentity('Bob')).file.card);
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(shortFingerprint(a)).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
		const sn = safetyNumber(a, b);
		expect(sn.replace(/ /g, '')).toMatch(/^\d{60}$/);
		expect(safetyNumber(b, a)).toBe(sn);
		expect(safetyNumber(a, a)).not.toBe(sn);
		expect(parseFingerprintQr(fingerprintQrPayload(a))).toBe(a);
		expect(parseFingerprintQr('https://example.com')).toBeNull();
	});
});
