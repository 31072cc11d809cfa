/**
 * Tampering sweep: flip one bit at sampled offsets across every region of a small bundle (age
 * header stanzas, header MAC, payload nonce, encrypted prefix/manifest/content/signature, final
 * tag). Every single change must be refused with a BundleError; nothing may open.
 */
import { beforeAll, expect, test } from 'vitest';
import { BundleError, openBytes, sealBytes, type UnlockedIdentity, type ContactCard } from '../../../src/lib/share/index';
import { fixedIdentity } from './helpers';

let bundle: Uint8Array;
let bob: UnlockedIdentity;
let aliceCard: ContactCard;

beforeAll(async () => {
	const a = await fixedIdentity('Alice');
	const b = await fixedIdentity('Bob');
	bob = b.identity;
	aliceCard = a.file.card;
	const content = new Uint8Array(1500).map((_, i) => (i * 31) & 0xff);
	bundle = (await sealBytes({ sender: a.identity, recipients: [b.file.card], contentType: 'file', content })).bytes;
});

/** Offsets: dense at region boundaries, a stride in between. */
function sampleOffsets(b: Uint8Array): { offset: number; region: string }[] {
	const text = new TextDecoder('latin1').decode(b);
	const macLine = text.indexOf('\n---') + 1;
	const headerEnd = text.indexOf('\n', macLine) + 1;
	const payload = headerEnd + 16;
	const regions: [string, number, number][] = [
		['version line', 0, 22],
		['stanzas', 22, macLine],
		['header MAC', macLine, headerEnd],
		['payload nonce', headerEnd, payload],
		['encrypted prefix+manifest', payload, payload + 9000],
		['encrypted content+signature', payload + 9000, b.length - 16],
		['final tag', b.length - 16, b.length]
	];
	const out: { offset: number; region: string }[] = [];
	for (const [region, start, end] of regions) {
		const step = Math.max(1, Math.floor((end - start) / 24));
		for (let o = start; o < end; o += step) out.push({ offset: o, region });
		out.push({ offset: end - 1, region });
	}
	return out;
}

test('the untouched bundle opens', async () => {
	expect((await openBytes(bundle, { opener: bob, trusted: [aliceCard] })).content.length).toBe(1500);
});

test('every single-bit change in every region is refused', async () => {
	const offsets = sampleOffsets(bundle);
	expect(offsets.length).toBeGreaterThan(150);
	const opened: string[] = [];
	const codes = new Map<string, number>();
	for (const { offset, region } of offsets) {
		const t = bundle.slice();
		t[offset] ^= 0x01;
		try {
			await openBytes(t, { opener: bob, trusted: [aliceCard] });
			opened.push(`${region}@${offset}`);
		} catch (e) {
			expect(e, `${region}@${offset}`).toBeInstanceOf(BundleError);
			const code = (e as BundleError).code;
			codes.set(code, (codes.get(code) ?? 0) + 1);
		}
	}
	expect(opened).toEqual([]);
	expect(codes.size).toBeGreaterThanOrEqual(2);
});
