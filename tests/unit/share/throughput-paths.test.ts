/**
 * The fast paths behind the seal/open throughput: the Node file stream and the off-thread
 * writer/hasher (PendingFile), a sink that supplies its own digest, and the WebAssembly SHA-256.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { createFastSha256, openBundle, sealBytes, type IdentityFile, type UnlockedIdentity } from '../../../src/lib/share/index';
import { fileStream, hashFile, PendingFile } from '../../../src/lib/share/node';
import { fixedIdentity } from './helpers';

type Party = { file: IdentityFile; identity: UnlockedIdentity };
let alice: Party, bob: Party;
let dir: string;

beforeAll(async () => {
	[alice, bob] = await Promise.all(['Alice', 'Bob'].map((n) => fixedIdentity(n)));
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-share-paths-'));
	return () => fs.rmSync(dir, { recursive: true, force: true });
});

/** Bytes that differ at every offset (so a dropped, repeated or reordered chunk shows). */
function pattern(n: number): Uint8Array {
	const b = new Uint8Array(n);
	for (let i = 0; i < n; i++) b[i] = (i * 31 + (i >>> 11)) & 0xff;
	return b;
}

/** Byte equality without vitest's slow element-wise diff on megabyte arrays. */
function same(a: Uint8Array, b: Uint8Array): boolean {
	return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

async function readAll(s: ReadableStream<Uint8Array>): Promise<Uint8Array> {
	return new Uint8Array(await new Response(s).arrayBuffer());
}

describe('Node file stream and off-thread writer', () => {
	test('fileStream yields the exact bytes of a file that is not a multiple of the read size', async () => {
		const data = pattern((3 << 20) + 12345);
		const f = path.join(dir, 'in.bin');
		fs.writeFileSync(f, data);
		expect(same(await readAll(fileStream(f)), data)).toBe(true);
	});

	test('hashFile (reads ahead while hashing) gives the SHA-256 and length of the whole file', async () => {
		const data = pattern((9 << 20) + 5);
		const f = path.join(dir, 'hash-me.bin');
		fs.writeFileSync(f, data);
		const { digest, length } = await hashFile(f);
		expect(length).toBe(data.length);
		expect(Buffer.from(digest).toString('hex')).toBe(createHash('sha256').update(data).digest('hex'));
		fs.writeFileSync(f, new Uint8Array(0));
		expect((await hashFile(f)).length).toBe(0);
	});

	test('PendingFile writes every chunk in order, hashes it off-thread, appears only on commit', async () => {
		const data = pattern((2 << 20) + 777);
		const target = path.join(dir, 'out.bin');
		const p = new PendingFile(target, { hash: true });
		for (let off = 0; off < data.length; off += 65536 + 3) await p.write(data.slice(off, off + 65536 + 3));
		expect(fs.existsSync(target)).toBe(false);
		const digest = await p.digest();
		await p.commit();
		expect(Buffer.from(digest).toString('hex')).toBe(createHash('sha256').update(data).digest('hex'));
		expect(same(fs.readFileSync(target), data)).toBe(true);
		expect(fs.readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
	});

	test('PendingFile.discard leaves nothing behind', async () => {
		const target = path.join(dir, 'gone.bin');
		const p = new PendingFile(target);
		await p.write(pattern(5000));
		await p.discard();
		expect(fs.existsSync(target)).toBe(false);
		expect(fs.readdirSync(dir).filter((n) => n.startsWith('.gone.bin'))).toEqual([]);
	});
});

describe('a sink that supplies the content digest', () => {
	test('its digest is what gets checked: right digest opens, wrong digest is content-mismatch', async () => {
		const content = pattern(200_000);
		const { bytes } = await sealBytes({ sender: alice.identity, recipients: [bob.file.card], contentType: 'file', content });
		const open = (digestOf: (written: Uint8Array[]) => Uint8Array) => {
			const written: Uint8Array[] = [];
			return openBundle(new Blob([bytes as BlobPart]).stream(), {
				opener: bob.identity,
				trusted: [alice.file.card],
				sink: { write: (c) => void written.push(c.slice()), digest: async () => digestOf(written) }
			}).then((r) => ({ r, written }));
		};
		const ok = await open((w) => sha256(Buffer.concat(w)));
		expect(same(Buffer.concat(ok.written), content)).toBe(true);
		const wrong = new Uint8Array(32).fill(1);
		await expect(open(() => wrong)).rejects.toMatchObject({ code: 'content-mismatch' });
	});

	test('the CLI path (PendingFile with hash) opens a sealed bundle to the exact content', async () => {
		const content = pattern((1 << 20) + 4321);
		const { bytes } = await sealBytes({ sender: alice.identity, recipients: [bob.file.card], contentType: 'file', content });
		const bundle = path.join(dir, 'b.qenome');
		fs.writeFileSync(bundle, bytes);
		const target = path.join(dir, 'opened.bin');
		const p = new PendingFile(target, { hash: true });
		await openBundle(fileStream(bundle), { opener: bob.identity, trusted: [alice.file.card], sink: p });
		await p.commit();
		expect(same(fs.readFileSync(target), content)).toBe(true);
	});
});

test('the WebAssembly SHA-256 equals @noble/hashes across odd chunk boundaries', async () => {
	const data = pattern(1_000_003);
	const h = await createFastSha256();
	for (let off = 0; off < data.length; off += 99_991) h.update(data.subarray(off, off + 99_991));
	expect(h.digest()).toEqual(sha256(data));
});
