/**
 * "Doctor without keys": bundles sealed to a one-time passphrase (one age scrypt stanza, the
 * manifest marked `sealedTo: 'passphrase'`, still signed by the sender). Opened with the passphrase
 * and no key; plain age opens the same file; the signature check stays; swapping the outer
 * encryption is caught. The CLI flags: passphrase-cli.test.ts.
 */
import { Decrypter, Encrypter } from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	generateOneTimePassphrase,
	isGeneratedPassphrase,
	normalizeOneTimePassphrase,
	openBytes,
	sealBytes,
	type UnlockedIdentity
} from '../../../src/lib/share/index';
import { checkHeaderText } from '../../../src/lib/share/age-header';
import { fromUtf8, utf8 } from '../../../src/lib/share/encoding';
import { fixedIdentity } from './helpers';

let alice: UnlockedIdentity;
let bob: UnlockedIdentity;
const OTP = 'K7QD-M2XP-9RTV-4HWZ-B3NC-6FGJ';
const content = utf8(JSON.stringify({ format: 'qenome-report', kind: 'pgx', note: 'Zoë' }));

async function sealOtp(passphrase = OTP) {
	return sealBytes({ sender: alice, recipients: [], passphrase, scryptLogN: 10, contentType: 'report', mediaType: 'application/json', content });
}

beforeAll(async () => {
	alice = (await fixedIdentity('Alice')).identity;
	bob = (await fixedIdentity('Bob')).identity;
});

describe('passphrase bundles', () => {
	it('open with the passphrase alone; the signature is checked and the signer shown', async () => {
		const { manifest, bytes } = await sealOtp();
		expect(manifest.sealedTo).toBe('passphrase');
		expect(manifest.recipients).toEqual([]);
		const opened = await openBytes(bytes, { opener: null, passphrase: OTP, trusted: [], allowUntrustedSender: true });
		expect(fromUtf8(opened.content)).toBe(fromUtf8(content));
		expect(opened.trusted).toBe(false);
		expect(opened.sender.name).toBe('Alice');
		// With the sender's card trusted (e.g. a doctor who has it), it is a trusted open.
		const t = await openBytes(bytes, { opener: null, passphrase: OTP, trusted: [alice.card] });
		expect(t.trusted).toBe(true);
		// Without allowUntrustedSender and no matching card, it is refused.
		await expect(openBytes(bytes, { opener: null, passphrase: OTP, trusted: [bob.card] })).rejects.toMatchObject({ code: 'untrusted-sender' });
	});

	it('typed back loosely (case, spaces, O for 0) it still opens; a wrong passphrase is refused plainly', async () => {
		const { bytes } = await sealOtp();
		const typed = normalizeOneTimePassphrase(' k7qd m2xp 9rtv-4hwz b3nc 6fgj ');
		expect(typed).toBe(OTP);
		await expect(openBytes(bytes, { opener: null, passphrase: typed, trusted: [], allowUntrustedSender: true })).resolves.toBeTruthy();
		await expect(openBytes(bytes, { opener: null, passphrase: 'K7QD-M2XP-9RTV-4HWZ-B3NC-6FGK', trusted: [], allowUntrustedSender: true })).rejects.toMatchObject({ code: 'wrong-passphrase' });
	});

	it('a key holder is told it needs the passphrase; a key bundle cannot be opened with a passphrase', async () => {
		const { bytes } = await sealOtp();
		await expect(openBytes(bytes, { opener: bob, trusted: [alice.card] })).rejects.toMatchObject({ code: 'needs-passphrase' });
		const keyed = await sealBytes({ sender: alice, recipients: [bob.card], contentType: 'report', content });
		await expect(openBytes(keyed.bytes, { opener: null, passphrase: OTP, trusted: [alice.card] })).rejects.toMatchObject({ code: 'not-a-recipient' });
	});

	it('plain age opens it with the passphrase; the plaintext is the documented layout', async () => {
		const { bytes, manifest } = await sealOtp();
		const d = new Decrypter();
		d.addPassphrase(OTP);
		const plain = await d.decrypt(bytes);
		expect(fromUtf8(plain.subarray(0, 7))).toBe('QENOMEB');
		const len = new DataView(plain.buffer, plain.byteOffset).getUint32(8, false);
		const m = JSON.parse(fromUtf8(plain.subarray(12, 12 + len)));
		expect(m.contentSha256).toBe(manifest.contentSha256);
		expect(fromUtf8(plain.subarray(12 + len, 12 + len + m.contentLength))).toBe(fromUtf8(content));
	});

	it('re-wrapping the signed plaintext to keys is caught; re-wrapping to another passphrase is not (documented limit)', async () => {
		const { bytes } = await sealOtp();
		const d = new Decrypter();
		d.addPassphrase(OTP);
		const plain = await d.decrypt(bytes);
		const toKey = new Encrypter();
		toKey.addRecipient(bob.card.recipient);
		const rewrapped = await toKey.encrypt(plain);
		await expect(openBytes(rewrapped, { opener: bob, trusted: [alice.card] })).rejects.toMatchObject({ code: 'recipient-count-mismatch' });
		const other = new Encrypter();
		other.setScryptWorkFactor(10);
		other.setPassphrase('another passphrase entirely');
		const moved = await other.encrypt(plain);
		const r = await openBytes(moved, { opener: null, passphrase: 'another passphrase entirely', trusted: [alice.card] });
		expect(r.trusted).toBe(true);
	});

	it('refuses weak or mixed sealing and over-expensive scrypt headers', async () => {
		await expect(sealOtp('short')).rejects.toMatchObject({ code: 'bad-content', kind: 'input' });
		await expect(sealBytes({ sender: alice, recipients: [bob.card], passphrase: OTP, scryptLogN: 10, contentType: 'report', content })).rejects.toMatchObject({ code: 'bad-content' });
		const head = (logN: number) => `age-encryption.org/v1\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA ${logN}\nAAAA\n--- AAAA\n`;
		expect(checkHeaderText(head(18)).stanzaTypes).toEqual(['scrypt']);
		expect(() => checkHeaderText(head(22))).toThrow(/work factor/);
		expect(() => checkHeaderText(`age-encryption.org/v1\n-> scrypt c2FsdA 10\nAAAA\n-> mlkem768x25519 AAAA\nAAAA\n--- AAAA\n`)).toThrow(/mixes a passphrase/);
	});

	it('generated passphrases: 24 symbols, 120 bits, never the same twice', () => {
		const a = generateOneTimePassphrase();
		expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
		expect(isGeneratedPassphrase(a.toLowerCase().replace(/-/g, ' '))).toBe(true);
		expect(generateOneTimePassphrase()).not.toBe(a);
	});
});
