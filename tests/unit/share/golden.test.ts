/**
 * Golden vectors (tests/fixtures/share): the format cannot drift silently. Identity files and
 * bundle plaintexts are regenerated from fixed seeds and must match the committed bytes/digests;
 * the committed bundles must open (age identity directly, and through openBundle).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { Decrypter } from 'age-encryption';
import { decodeGenomeContent, decodeReport, openBytes, parseCard, parseIdentityFile, serializeIdentityFile, unlockIdentity } from '../../../src/lib/share/index';
import { toHex } from '../../../src/lib/share/encoding';
import { GOLDEN_DIR, GOLDEN_PASSPHRASE, goldenGenome, goldenParts } from '../../fixtures/share/golden';

const read = (f: string) => new Uint8Array(fs.readFileSync(path.join(GOLDEN_DIR, f)));
const index = JSON.parse(fs.readFileSync(path.join(GOLDEN_DIR, 'golden.json'), 'utf8')) as {
	cases: Record<string, { plaintextSha256: string; plaintextBytes: number; contentSha256: string }>;
};
let parts: Awaited<ReturnType<typeof goldenParts>>;

beforeAll(async () => {
	parts = await goldenParts();
});

describe('golden vectors', () => {
	test('identity files and cards regenerate byte-for-byte', () => {
		expect(serializeIdentityFile(parts.alice.file)).toBe(fs.readFileSync(path.join(GOLDEN_DIR, 'alice.key'), 'utf8'));
		expect(serializeIdentityFile(parts.bob.file)).toBe(fs.readFileSync(path.join(GOLDEN_DIR, 'bob.key'), 'utf8'));
		expect(parseCard(fs.readFileSync(path.join(GOLDEN_DIR, 'bob.card.json'), 'utf8'))).toEqual(parts.bob.file.card);
	});

	test('fingerprints and safety number of the golden pair are fixed', async () => {
		const { fingerprint, safetyNumber, shortFingerprint } = await import('../../../src/lib/share/index');
		const a = fingerprint(parts.alice.file.card);
		const b = fingerprint(parts.bob.file.card);
		expect(a).toBe('69cd84248fb9bc86a458b32b68d5e923cdd55257705e52d46a5296ca24368c68');
		expect(b).toBe('6fd606af90c6e2612ae5f14c5ffe2d655bcbdac1fa5eff020b2a7e4dd61405bd');
		expect(shortFingerprint(a)).toBe('69CD 8424 8FB9 BC86 A458 B32B 68D5 E923');
		expect(safetyNumber(a, b)).toBe('15263 51445 50592 31238 82451 41044 30515 16067 06277 30074 35975 21857');
	});

	test('committed identity files unlock with the golden passphrase', async () => {
		const bob = await unlockIdentity(parseIdentityFile(fs.readFileSync(path.join(GOLDEN_DIR, 'bob.key'), 'utf8')), GOLDEN_PASSPHRASE);
		expect(bob.fingerprint).toBe(parts.bob.identity.fingerprint);
	});

	test.each(['file', 'report', 'genome'])('%s: plaintext regenerates exactly and the committed bundle opens to it', async (name) => {
		const c = parts.cases.find((x) => x.name === name)!;
		const want = index.cases[name];
		expect(toHex(sha256(c.plaintext))).toBe(want.plaintextSha256);
		expect(c.plaintext.length).toBe(want.plaintextBytes);
		const bundle = read(`${name}.qenome`);
		const d = new Decrypter();
		d.addIdentity(parts.bob.identity.ageIdentity);
		const plain = await d.decrypt(bundle);
		expect(toHex(sha256(plain))).toBe(want.plaintextSha256);
		const opened = await openBytes(bundle, { opener: parts.bob.identity, trusted: [parts.alice.file.card] });
		expect(opened.content).toEqual(read(`${name}.content`));
		expect(toHex(sha256(opened.content))).toBe(want.contentSha256);
		expect(opened.manifest).toEqual(c.manifest);
	});

	test('golden report and genome contents decode', () => {
		expect(decodeReport(read('report.content')).kind).toBe('qenome-pgx-report');
		const g = decodeGenomeContent(read('genome.content'));
		expect(g.parsed.chunks).toEqual(goldenGenome().chunks);
		expect(g.profile.summary).toEqual(goldenGenome().summary);
	});
});
