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
import { Encrypter } from 'age-encryption';
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
import { drainTo, fileStream, hashFile, PendingFile } from '../../src/lib/share/node';

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
	const p = new PendingFile(out); // its writer thread starts while the first pass hashes
	const { digest } = await hashFile(input);
	const { stream } = await sealBundle({
		sender,
		recipients: [to.card],
		contentType: 'file',
		fileName: path.basename(input),
		content: fileStream(input),
		contentLength: size,
		contentSha256: digest
	});
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
		const loadStart = os.loadavg()[0];
		try {
			const a = await createIdentity('Alice', 'bench passphrase', { logN: 10 });
			const b = await createIdentity('Bob', 'bench passphrase', { logN: 10 });
			const rows: string[] = [];
			const sizes = [20, 100, 1024];
			const results = new Map<number, { seal: number; open: number; sealMem: number; openMem: number }>();
			rawAead(8 * MB); // warm-up
			// Best of three 40 MB runs: the ceiling should not be understated by a noisy moment.
			const aead = Math.max(rawAead(40 * MB), rawAead(40 * MB), rawAead(40 * MB));
			// Seal/open at 100 MB: best of three, like the ceiling (the machine is shared; a single
			// run measures other people's work as much as ours). 20 MB and 1 GB run once (memory).
			const runsFor = (size: number) => (size === 100 ? 3 : 1);
			for (const size of sizes) {
				const input = path.join(dir, `in-${size}.bin`);
				makeInput(input, size * MB);
				const bundle = path.join(dir, `in-${size}.qenome`);
				const out = path.join(dir, `out-${size}.bin`);
				let best = { seal: 0, open: 0, sealMem: 0, openMem: 0 };
				for (let run = 0; run < runsFor(size); run++) {
					const s = await measured(() => sealFile(a.identity, b.file, input, bundle));
					const o = await measured(() => openFile(b.identity, a.file, bundle, out));
					if (fs.statSync(out).size !== size * MB) throw new Error('round trip size mismatch');
					best = {
						seal: Math.max(best.seal, size / (s.ms / 1000)),
						open: Math.max(best.open, size / (o.ms / 1000)),
						sealMem: Math.max(best.sealMem, s.peakMB),
						openMem: Math.max(best.openMem, o.peakMB)
					};
					for (const f of [bundle, out]) fs.rmSync(f);
				}
				results.set(size, best);
				fs.rmSync(input);
			}
			const big = results.get(100)!;
			const small = results.get(20)!;
			const huge = results.get(1024)!;
			rows.push(
				'| measure | value | target / peer |',
				'| --- | --- | --- |',
				`| raw ChaCha20-Poly1305 (@noble/ciphers, 64 KiB chunks) | ${aead.toFixed(1)} MB/s | the ceiling |`,
				`| seal 100 MB (native hash pass, then encrypt; writes on a thread; file → file; best of 3) | ${big.seal.toFixed(1)} MB/s = ${((100 * big.seal) / aead).toFixed(0)}% of raw AEAD | ≥ 80% |`,
				`| open 100 MB (decrypt; write + hash on a thread; verify; file → file; best of 3) | ${big.open.toFixed(1)} MB/s = ${((100 * big.open) / aead).toFixed(0)}% of raw AEAD | ≥ 80% |`,
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
			const cards = many.map((m) => m.file.card);
			// Minimum over repetitions: the least-disturbed run (means absorb the machine's other load).
			const minOf = async (reps: number, fn: () => Promise<unknown>) => {
				let best = Infinity;
				for (let i = 0; i < reps; i++) {
					const t0 = performance.now();
					await fn();
					best = Math.min(best, performance.now() - t0);
				}
				return best;
			};
			const sealTo = (n: number) => () => sealBytes({ sender: a.identity, recipients: cards.slice(0, n), contentType: 'file', content });
			const ageTo = (n: number) => () => {
				const e = new Encrypter();
				e.addRecipient(a.file.card.recipient);
				for (const c of cards.slice(0, n)) e.addRecipient(c.recipient);
				return e.encrypt(content);
			};
			await minOf(2, sealTo(31));
			const t1 = await minOf(7, sealTo(0));
			const t32 = await minOf(7, sealTo(31));
			const age1 = await minOf(7, ageTo(0));
			const age32 = await minOf(7, ageTo(31));
			rows.push(
				`| seal 1 KiB to 1 recipient (signing included) | ${t1.toFixed(1)} ms | — |`,
				`| per extra recipient (1 → 32; min of 7) | ${((t32 - t1) / 31).toFixed(2)} ms | < 10 ms |`,
				`| of which the age stanza (ML-KEM-768 + X25519 encapsulation, HPKE wrap) | ${((age32 - age1) / 31).toFixed(2)} ms | — |`
			);
			const loadEnd = os.loadavg()[0];
			rows.push(`| machine load average (1 min) at start → end | ${loadStart.toFixed(1)} → ${loadEnd.toFixed(1)} on ${os.cpus().length} cores | ≈ 0 for meaningful ratios |`);
			return [
				rows.join('\n'),
				'',
				'Seal needs the content digest in the manifest before the content, so it reads the input twice: a native SHA-256 pass (Node `crypto`; 4 MiB reads two ahead on libuv\'s pool, ~65 ms per 100 MB) then one age STREAM pass — that pass cannot overlap the encryption, because the digest is inside the first encrypted chunk. Open hashes while decrypting. Everything except the AEAD is kept off the main thread: reads run ahead on libuv\'s pool (1 MiB, 4 deep), and output goes in 1 MiB batches (a fixed pool of 8 transferred buffers) to a writer thread that also computes the opened content\'s SHA-256 (so open\'s hash overlaps its decryption) and flushes every 16 MiB. That thread\'s own V8 isolate is most of the peak RSS growth: a constant, not growing with size. The AEAD (pure-JS ChaCha20-Poly1305, the same code age-encryption runs) is then nearly all of the main thread\'s work. Signatures (ML-DSA-65 + Ed25519) are computed once over SHA-256(manifest) ‖ SHA-256(content), so their cost does not grow with size. A recipient costs one age stanza (a fresh ML-KEM-768 + X25519 encapsulation per recipient, as HPKE requires) plus one card fingerprint; nothing else is repeated per recipient. In the browser the share worker hashes with hash-wasm (WebAssembly, ~2.4× @noble/hashes) and, when opening, hands the content to a second worker that hashes it while the first decrypts. The ratio depends on the machine\'s other load (see the load average row). Peer: age/rage seal with native ChaCha20 (several hundred MB/s to GB/s); Crypt4GH likewise — Qenome pays the pure-JS AEAD cost to stay in the browser.'
			].join('\n');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}
};
