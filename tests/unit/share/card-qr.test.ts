/**
 * Multi-part QR transfer of a whole contact card: round trip (through real QR symbols and jsQR),
 * any order, duplicates, mixed cards, damaged parts, a bad self-signature found after assembly,
 * and the number of codes per card at the chosen QR version/ECC.
 */
import { describe, expect, test } from 'vitest';
import QRCode from 'qrcode';
import jsQR from 'jsqr';
import { deflateSync } from 'fflate';
import { sha256 } from '@noble/hashes/sha2.js';
import {
	assembleCardQr,
	CARD_QR_ECC,
	CARD_QR_MAX_VERSION,
	CardQrCollector,
	cardQrId,
	cardQrParts,
	decodeCardTransfer,
	encodeCardTransfer,
	fingerprint,
	fingerprintQrPayload,
	parseCardQrPart,
	type ContactCard
} from '../../../src/lib/share/index';
import { canonicalJson, toHex, utf8, type CanonicalValue } from '../../../src/lib/share/encoding';
import { createCard } from '../../../src/lib/share/card';
import { fixedIdentity } from './helpers';

const alice = (await fixedIdentity('Alice')).file.card;
const bob = (await fixedIdentity('Bob')).file.card;

/** Render a part as a QR symbol (byte mode, level M) and read it back with jsQR. */
function scanThroughQr(part: Uint8Array): { bytes: Uint8Array; version: number } {
	const qr = QRCode.create([{ data: part, mode: 'byte' }], { errorCorrectionLevel: CARD_QR_ECC });
	const n = qr.modules.size;
	const scale = 3;
	const quiet = 4;
	const w = (n + 2 * quiet) * scale;
	const rgba = new Uint8ClampedArray(w * w * 4).fill(255);
	for (let y = 0; y < n; y++)
		for (let x = 0; x < n; x++) {
			if (!qr.modules.get(y, x)) continue;
			for (let dy = 0; dy < scale; dy++)
				for (let dx = 0; dx < scale; dx++) {
					const o = (((y + quiet) * scale + dy) * w + (x + quiet) * scale + dx) * 4;
					rgba[o] = rgba[o + 1] = rgba[o + 2] = 0;
				}
		}
	const code = jsQR(rgba, w, w, { inversionAttempts: 'dontInvert' });
	if (!code) throw new Error('jsQR found no code');
	return { bytes: Uint8Array.from(code.binaryData), version: qr.version };
}

function shuffled<T>(xs: T[], seed: number): T[] {
	const out = [...xs];
	let s = seed;
	for (let i = out.length - 1; i > 0; i--) {
		s = (s * 1103515245 + 12345) & 0x7fffffff;
		const j = s % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

describe('card QR transfer', () => {
	test('round trip through real QR symbols read by jsQR', () => {
		const parts = cardQrParts(alice);
		expect(parts.length).toBeGreaterThan(1);
		const scanned = parts.map((p) => scanThroughQr(p).bytes);
		scanned.forEach((s, i) => expect(s).toEqual(parts[i]));
		const card = assembleCardQr(scanned);
		expect(card).toEqual(alice);
		expect(fingerprint(card)).toBe(fingerprint(alice));
	});

	test('parts are self-describing and the id is the SHA-256 prefix of the whole', () => {
		const parts = cardQrParts(alice);
		const whole = encodeCardTransfer(alice);
		parts.forEach((p, i) => {
			const text = new TextDecoder('latin1').decode(p.subarray(0, 30));
			expect(text).toMatch(new RegExp(`^QENOME-CARD:${i + 1}/${parts.length}:${cardQrId(whole)}:`));
			const part = parseCardQrPart(p);
			expect(part).toMatchObject({ index: i + 1, total: parts.length, id: cardQrId(whole) });
		});
		// The compact layout: raw keys and signatures, far smaller than the 9 KB JSON.
		expect(whole[0]).toBe(1);
		expect(whole.length).toBeLessThan(canonicalJson(alice as unknown as CanonicalValue).length * 0.75);
		expect(decodeCardTransfer(whole)).toEqual(alice);
	});

	test('golden: the transfer form of the fixed-seed Alice card cannot drift silently', () => {
		const whole = encodeCardTransfer(alice);
		expect(whole.length).toBe(6618);
		expect(toHex(sha256(whole))).toBe('b932ff7c19d3316d0dd5390c083e11acc6cb04c70947bd613b9cfcbdecbd3c06');
		const parts = cardQrParts(alice);
		expect(parts.map((p) => p.length)).toEqual([2231, 2231, 2231]);
		expect(new TextDecoder('latin1').decode(parts[1].subarray(0, 25))).toBe('QENOME-CARD:2/3:b932ff7c:');
	});

	test('any order, with duplicates, and progress counts', () => {
		const parts = cardQrParts(bob);
		for (const seed of [1, 2, 3, 4]) {
			const c = new CardQrCollector();
			const order = shuffled([...parts, parts[0], parts[parts.length - 1]], seed);
			const statuses: string[] = [];
			for (const p of order) {
				const r = c.add(p);
				statuses.push(r.status);
				expect(r.progress.total).toBe(parts.length);
				expect(r.progress.received + r.progress.missing.length).toBe(parts.length);
			}
			expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(2);
			expect(c.complete).toBe(true);
			expect(fingerprint(c.assemble())).toBe(fingerprint(bob));
		}
	});

	test('progress reports "k of N" and what is missing', () => {
		const parts = cardQrParts(alice);
		const c = new CardQrCollector();
		expect(c.progress).toBeNull();
		const r = c.add(parts[1]);
		expect(r).toMatchObject({ status: 'added', index: 2, progress: { received: 1, total: parts.length } });
		expect(r.progress.missing).not.toContain(2);
		expect(() => c.assemble()).toThrow(expect.objectContaining({ code: 'incomplete', message: expect.stringMatching(/Still missing part/) }));
		expect(() => new CardQrCollector().assemble()).toThrow(expect.objectContaining({ code: 'incomplete' }));
	});

	test('a part of a different card is refused and changes nothing', () => {
		const a = cardQrParts(alice);
		const b = cardQrParts(bob);
		const c = new CardQrCollector();
		c.add(a[0]);
		expect(() => c.add(b[1])).toThrow(expect.objectContaining({ code: 'mixed-cards', message: expect.stringMatching(/different contact card/) }));
		expect(c.progress).toMatchObject({ received: 1, total: a.length });
		for (const p of a.slice(1)) c.add(p);
		expect(c.assemble()).toEqual(alice);
		c.reset();
		expect(c.progress).toBeNull();
		for (const p of b) c.add(p);
		expect(c.assemble()).toEqual(bob);
	});

	test('truncated or corrupted parts are refused', () => {
		const parts = cardQrParts(alice);
		// A truncated payload: the whole no longer matches its SHA-256 id.
		const truncated = [parts[0].slice(0, parts[0].length - 10), ...parts.slice(1)];
		expect(() => assembleCardQr(truncated)).toThrow(expect.objectContaining({ code: 'corrupt-card' }));
		// One flipped payload byte.
		const flipped = parts.map((p) => p.slice());
		flipped[1][flipped[1].length - 5] ^= 0x40;
		expect(() => assembleCardQr(flipped)).toThrow(expect.objectContaining({ code: 'corrupt-card' }));
		// The same part read twice with different contents.
		const c = new CardQrCollector();
		c.add(parts[1]);
		expect(() => c.add(flipped[1])).toThrow(expect.objectContaining({ code: 'part-conflict' }));
		// A damaged label, an empty part, a label out of range, not a card at all, a fingerprint QR.
		const label = parts[0].slice();
		label[12] = '9'.charCodeAt(0);
		expect(() => parseCardQrPart(label)).toThrow(expect.objectContaining({ code: 'bad-part' }));
		expect(() => parseCardQrPart(utf8('QENOME-CARD:1/3:0123abcd:'))).toThrow(expect.objectContaining({ code: 'bad-part' }));
		expect(() => parseCardQrPart(utf8('QENOME-CARD:0/3:0123abcd:xx'))).toThrow(expect.objectContaining({ code: 'bad-part' }));
		expect(() => parseCardQrPart(utf8('QENOME-CARD:1/17:0123abcd:xx'))).toThrow(expect.objectContaining({ code: 'bad-part' }));
		expect(() => parseCardQrPart(utf8('QENOME-CARD:01/3:0123abcd:xx'))).toThrow(expect.objectContaining({ code: 'bad-part' }));
		expect(() => parseCardQrPart(utf8('hello'))).toThrow(expect.objectContaining({ code: 'not-a-card-code' }));
		expect(() => parseCardQrPart(utf8(fingerprintQrPayload(fingerprint(alice))))).toThrow(expect.objectContaining({ code: 'fingerprint-only' }));
	});

	test('a card with a bad self-signature is refused after assembly', () => {
		const forged: ContactCard = { ...alice, name: 'Mallory' };
		const parts = cardQrParts(forged);
		// The parts themselves are consistent (the SHA-256 id matches) …
		const c = new CardQrCollector();
		for (const p of parts) c.add(p);
		expect(c.complete).toBe(true);
		// … but the card parser checks the signature.
		expect(() => c.assemble()).toThrow(expect.objectContaining({ code: 'bad-card-signature' }));
		const sigSwapped: ContactCard = { ...alice, signature: bob.signature };
		expect(() => assembleCardQr(cardQrParts(sigSwapped))).toThrow(expect.objectContaining({ code: 'bad-card-signature' }));
	});

	test('the JSON layout (cards the compact layout cannot rebuild exactly) and its guards', () => {
		const json = utf8(canonicalJson(bob as unknown as CanonicalValue));
		const packed = deflateSync(json, { level: 9 });
		const whole = new Uint8Array(packed.length + 1);
		whole[0] = 2;
		whole.set(packed, 1);
		expect(decodeCardTransfer(whole)).toEqual(bob);
		// A card whose recipient is not age1pq falls back to JSON and is refused by the parser.
		const odd = { ...bob, recipient: 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq' };
		const oddWhole = encodeCardTransfer(odd);
		expect(oddWhole[0]).toBe(2);
		expect(() => assembleCardQr(cardQrParts(odd))).toThrow(expect.objectContaining({ code: 'bad-card' }));
		// A decompression bomb, an unknown layout, garbage.
		const bomb = deflateSync(new Uint8Array(1 << 20), { level: 9 });
		const bombWhole = new Uint8Array(bomb.length + 1);
		bombWhole[0] = 2;
		bombWhole.set(bomb, 1);
		expect(() => decodeCardTransfer(bombWhole)).toThrow(expect.objectContaining({ code: 'corrupt-card' }));
		expect(() => decodeCardTransfer(Uint8Array.of(9, 1, 2, 3))).toThrow(expect.objectContaining({ code: 'corrupt-card' }));
		expect(() => decodeCardTransfer(Uint8Array.of(1, 1, 0, 200))).toThrow(expect.objectContaining({ code: 'corrupt-card' }));
		const extra = encodeCardTransfer(bob);
		expect(() => decodeCardTransfer(Uint8Array.from([...extra, 0]))).toThrow(expect.objectContaining({ code: 'corrupt-card' }));
	});

	test(`at most 4 codes per card (byte mode, level ${CARD_QR_ECC}, version ≤ ${CARD_QR_MAX_VERSION}), even with an 80-character name`, async () => {
		const { identity } = await fixedIdentity('Carol');
		const longName = createCard('漢'.repeat(80), alice.recipient, identity.signing, '2026-01-01T00:00:00.000Z', true);
		for (const card of [alice, bob, longName]) {
			const parts = cardQrParts(card);
			expect(parts.length).toBeLessThanOrEqual(4);
			for (const p of parts) {
				const qr = QRCode.create([{ data: p, mode: 'byte' }], { errorCorrectionLevel: CARD_QR_ECC });
				expect(qr.version).toBeLessThanOrEqual(CARD_QR_MAX_VERSION);
			}
		}
		expect(cardQrParts(alice)).toHaveLength(3);
		expect(assembleCardQr(cardQrParts(longName).reverse())).toEqual(longName);
	});
});
