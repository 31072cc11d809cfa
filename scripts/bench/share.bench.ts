/**
 * Sharing benchmark: seal/open throughput of a 100 MB file (file → file, streaming, as the CLI
 * does), peak memory growth, keygen and passphrase costs, per-recipient overhead, and — in the
 * same run — the raw ChaCha20-Poly1305 throughput (the age payload AEAD, @noble/ciphers) as the
 * ceiling; plus a 1 GB round trip for the memory claim. Targets: seal/open ≥ 80% of raw AEAD, flat memory, < 10 ms per extra recipient.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import {
	createIdentity,
	openBundle,
	sealBundle,
	sealBytes,
	unlockIdentity,
	type IdentityFile,
	type UnlockedIdentity
} from '../../src/lib/share/index';
import { deriveIdentity } from '../../src/lib/share/identity';
import { drainTo, fileStream, hashFile, PendingFile } from '../../src/cli/share/node-io';

const MB = 1024 * 1024;

/** Sample RSS every 20 ms while `fn` runs; returns its duration and the peak RSS growth. */
async function measured<T>(fn: () => Promise<T>): Promise<{ ms: number; peakMB: number; value: T }> {
	global.gc?.();
	const base = process.memoryUsage().rss;
	let peak = base;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 20);
	const t0 = performance.now();
	const value = await fn();
	const ms = performance.now() - t0;
	clearInterval(timer);
	peak = Math.max(peak, process.memoryUsage().rss);
	return { ms, peakMB: (peak - base) / MB, value };
}

function rawAead(totalBytes: number): number {
	const key = new Uint8Array(32).fill(7);
	const nonce = new Uint8Array(12);
	const chunk = new Uint8Array(64 * 1024).fill(1);
	const n = Math.ceil(totalBytes / chunk.length);
	const t0 = performance.now();
	for (let i = 0; i < n; i++) {
		nonce[0] = i & 0xff;
		nonce[1] = (i >> 8) & 0xff;
		chacha20poly1305(key, nonce).encrypt(chunk);
	}
	return totalBytes / MB / ((performance.now() - t0) / 1000);
}

function makeInput(file: string, bytes: number): void {
	const block = new Uint8Array(MB);
	let x = 0x12345678;
	for (let i = 0; i < block.length; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		block[i] = x & 0xff;
	}
	const fd = fs.openSync(file, 'w');
	for (let i = 0; i < bytes / MB; i++) {
		block[0] = i & 0xff;
		fs.writeSync(fd, block);
	}
	fs.closeSync(fd);
}

async function sealFile(sender: UnlockedIdentity, to: IdentityFile, input: string, out: string): Promise<void> {
	const size = fs.statSync(input).size;
	const { digest } = hashFile(input);
	const { stream } = await sealBundle({
		sender,
		recipients: [to.card],
		contentType: 'file',
		fileName: path.basename(input),
		content: fileStream(input),
		contentLength: size,
		contentSha256: digest
	});
	const p = new PendingFile(out);
	await drainTo(stream, p);
	await p.commit();
}

async function openFile(opener: UnlockedIdentity, sender: IdentityFile, input: string, out: string): Promise<void> {
	const p = new PendingFile(out, { hash: true });
	await openBundle(fileStream(input), { opener, trusted: [sender.card], sink: p });
	await p.commit();
}

export default {
	title: 'Sharing (post-quantum bundles)',
	async run(): Promise<string> {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-share-bench-'));
		try {
			const a = await createIdentity('Alice', 'bench passphrase', { logN: 10 });
			const b = await createIdentity('Bob', 'bench passphrase', { logN: 10 });
			const rows: string[] = [];
			const sizes = [20, 100, 1024];
			const results = new Map<number, { seal: number; open: number; sealMem: number; openMem: number }>();
			rawAead(8 * MB); // warm-up
			// Best of three 40 MB runs: the ceiling should not be understated by a noisy moment.
			const aead = Math.max(rawAead(40 * MB), rawAead(40 * MB), rawAead(40 * MB));
			for (const size of sizes) {
				const input = path.join(dir, `in-${size}.bin`);
				makeInput(input, size * MB);
				const bundle = path.join(dir, `in-${size}.qenome`);
				const out = path.join(dir, `out-${size}.bin`);
				const s = await measured(() => sealFile(a.identity, b.file, input, bundle));
				const o = await measured(() => openFile(b.identity, a.file, bundle, out));
				if (fs.statSync(out).size !== size * MB) throw new Error('round trip size mismatch');
				results.set(size, { seal: size / (s.ms / 1000), open: size / (o.ms / 1000), sealMem: s.peakMB, openMem: o.peakMB });
				for (const f of [input, bundle, out]) fs.rmSync(f);
			}
			const big = results.get(100)!;
			const small = results.get(20)!;
			const huge = results.get(1024)!;
			rows.push(
				'| measure | value | target / peer |',
				'| --- | --- | --- |',
				`| raw ChaCha20-Poly1305 (@noble/ciphers, 64 KiB chunks) | ${aead.toFixed(1)} MB/s | the ceiling |`,
				`| seal 100 MB (hash pass + encrypt pass, file → file) | ${big.seal.toFixed(1)} MB/s = ${((100 * big.seal) / aead).toFixed(0)}% of raw AEAD | ≥ 80% |`,
				`| open 100 MB (decrypt + hash + verify, file → file) | ${big.open.toFixed(1)} MB/s = ${((100 * big.open) / aead).toFixed(0)}% of raw AEAD | ≥ 80% |`,
				`| peak RSS growth, seal 20 MB → 100 MB | ${small.sealMem.toFixed(1)} MB → ${big.sealMem.toFixed(1)} MB | flat |`,
				`| peak RSS growth, open 20 MB → 100 MB | ${small.openMem.toFixed(1)} MB → ${big.openMem.toFixed(1)} MB | flat |`,
				`| 1 GB seal / open | ${huge.seal.toFixed(1)} / ${huge.open.toFixed(1)} MB/s, peak RSS growth ${huge.sealMem.toFixed(1)} / ${huge.openMem.toFixed(1)} MB | flat memory |`
			);
			// Keygen and passphrase costs.
			const seeds = { kem: new Uint8Array(32).fill(1), mldsa: new Uint8Array(32).fill(2), ed25519: new Uint8Array(32).fill(3) };
			await deriveIdentity(seeds);
			const kg = await measured(async () => {
				for (let i = 0; i < 10; i++) await deriveIdentity({ ...seeds, kem: new Uint8Array(32).fill(i) });
			});
			const wrapped = await createIdentity('Carol', 'bench passphrase');
			const un = await measured(() => unlockIdentity(wrapped.file, 'bench passphrase'));
			rows.push(
				`| keygen (ML-KEM-768+X25519, ML-DSA-65, Ed25519 from seeds) | ${(kg.ms / 10).toFixed(1)} ms | — |`,
				`| unlock (scrypt N=2^${wrapped.file.kdf.logN}, r=8 + key derivation) | ${un.ms.toFixed(0)} ms, ${un.peakMB.toFixed(0)} MB | deliberate cost |`
			);
			// Per-recipient overhead: sealing 1 KiB to 1 vs 32 recipients.
			const many = await Promise.all(Array.from({ length: 31 }, (_, i) => createIdentity(`R${i}`, 'bench passphrase', { logN: 10 })));
			const content = new Uint8Array(1024);
			const time = async (n: number) => {
				const reps = 5;
				const t0 = performance.now();
				for (let i = 0; i < reps; i++) await sealBytes({ sender: a.identity, recipients: many.slice(0, n).map((m) => m.file.card), contentType: 'file', content });
				return (performance.now() - t0) / reps;
			};
			await time(1);
			const t1 = await time(0);
			const t32 = await time(31);
			rows.push(
				`| seal 1 KiB to 1 recipient (signing included) | ${t1.toFixed(1)} ms | — |`,
				`| per extra recipient (1 → 32) | ${((t32 - t1) / 31).toFixed(2)} ms | < 10 ms |`
			);
			const load = os.loadavg()[0];
			rows.push(`| machine load average during the run | ${load.toFixed(1)} on ${os.cpus().length} cores | ≈ 0 for meaningful ratios |`);
			return [
				rows.join('\n'),
				'',
				'Seal needs the content digest in the manifest before the content, so it reads the input twice: a native SHA-256 pass (Node `crypto` over synchronous 4 MiB reads) then one age STREAM pass; open hashes while decrypting. The AEAD (pure-JS ChaCha20-Poly1305, the same code age-encryption runs) dominates both. Signatures (ML-DSA-65 + Ed25519) are computed once over SHA-256(manifest) ‖ SHA-256(content), so their cost does not grow with size. In the browser the worker hashes with @noble/hashes (no native streaming SHA-256 in WebCrypto), so browser seal/open run slower than these Node figures. Seal/open run once each, so on a busy machine their ratio to the best-of-three ceiling is conservative. Peer: age/rage seal with native ChaCha20 (several hundred MB/s to GB/s); Crypt4GH likewise — Qenome pays the pure-JS AEAD cost to stay in the browser.'
			].join('\n');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}
};
