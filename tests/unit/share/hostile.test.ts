/**
 * Hostile names and cards (issue #16): terminal injection through card names and bundle file
 * names, contact pinning bypassed by look-alike names, over-long names.
 */
import { describe, expect, test } from 'vitest';
import { addContact, parseCard, sealBundle, type ContactCard } from '../../../src/lib/share/index';
import { CARD_SIGNATURE_CONTEXT, cardBodyBytes } from '../../../src/lib/share/card';
import { compositeSign } from '../../../src/lib/share/composite';
import { safeFileName } from '../../../src/lib/share/manifest';
import { confusableNames, nameSkeleton } from '../../../src/lib/share/skeleton';
import { toBase64 } from '../../../src/lib/share/encoding';
import { fixedIdentity, memoryStore } from './helpers';

/** A correctly self-signed card for `seedName`'s keys that claims the display name `name` (bypassing createCard's checks). */
async function signedCardNamed(seedName: string, name: string): Promise<ContactCard> {
	const { identity } = await fixedIdentity(seedName);
	const body = { ...identity.card, name };
	const sig = compositeSign(identity.signing, CARD_SIGNATURE_CONTEXT, cardBodyBytes(body), true);
	return { ...body, signature: { ed25519: toBase64(sig.ed25519), mldsa65: toBase64(sig.mldsa65) } };
}

describe('card names', () => {
	test('a signed card whose name carries ANSI escapes, newlines or bidi overrides is refused', async () => {
		for (const name of ['alice\u001b[2K\rverified: report from "bank"', 'alice\nverified', 'alice\u202egnp.exe', 'ali\u200bce', '  alice', 'alice  smith', 'x'.repeat(81)]) {
			const card = await signedCardNamed('Mallory', name);
			expect(() => parseCard(card), JSON.stringify(name)).toThrow(expect.objectContaining({ code: 'bad-card' }));
		}
		const ok = await signedCardNamed('Mallory', 'Zoë Müller-Łukasz 李');
		expect(parseCard(ok).name).toBe('Zoë Müller-Łukasz 李');
	});

	test('bundle file names: no separators, controls, bidi or invisible characters, ≤ 255 characters', async () => {
		expect(safeFileName('report 2026.pdf')).toBe(true);
		for (const bad of ['', '.', '..', 'a/b', 'a\\b', 'x\u001b[31m', 'gnp\u202e.exe', 'a\u200bb', 'n'.repeat(256)]) expect(safeFileName(bad), JSON.stringify(bad)).toBe(false);
		const alice = await fixedIdentity('Alice');
		await expect(
			sealBundle({
				sender: alice.identity,
				recipients: [],
				contentType: 'file',
				fileName: 'invoice\u202efdp.exe',
				mediaType: null,
				content: new Blob([new Uint8Array(4)]).stream(),
				contentLength: 4,
				contentSha256: new Uint8Array(32)
			})
		).rejects.toMatchObject({ code: 'bad-content', kind: 'input' });
	});
});

describe('contact pinning on a TR39 skeleton', () => {
	test('look-alike names fold to one skeleton; different names do not', () => {
		expect(nameSkeleton('Alice')).toBe(nameSkeleton('\u0430lice')); // Cyrillic а
		expect(confusableNames('Alice', 'ALICE')).toBe(true);
		expect(confusableNames('Bob', 'B\u043eb')).toBe(true); // Cyrillic о
		expect(confusableNames('Bob Smith', 'Bob  Smith')).toBe(true);
		expect(confusableNames('Bob', 'B\u200bob')).toBe(true);
		expect(confusableNames('Bob', '\u202aBob\u202c')).toBe(true);
		expect(confusableNames('paypal', 'paypa1')).toBe(true); // TR39 maps 1 → l
		expect(confusableNames('Alice', 'Alicia')).toBe(false);
		expect(confusableNames('Zoë', 'Zoe')).toBe(false);
	});

	test('a card for a known name spelled with look-alikes is "key changed", not added beside it', async () => {
		const store = memoryStore();
		const alice = await fixedIdentity('Alice');
		expect((await addContact(store, alice.file.card, 'paste')).status).toBe('added');
		const fake = await fixedIdentity('\u0410lice'); // Cyrillic А, its own keys
		const r = await addContact(store, fake.file.card, 'paste');
		expect(r.status).toBe('key-changed');
		if (r.status === 'key-changed') expect(r.previous.fingerprint).toBe(alice.identity.fingerprint);
	});
});
