/**
 * Privacy benchmark (Node, same code as the browser): the cost of the vault and of backups on a
 * demo-sized genome (~640k records in 25 columnar chunks, ~7 MB of typed arrays).
 * - Vault seal/open of every chunk vs the raw XChaCha20-Poly1305 AEAD on the same bytes, in the
 *   same run (the ceiling: the vault adds record encoding and per-record nonces). Target ≥ 70 %.
 * - Unlock (scrypt N 2^17) and backup seal/open (age scrypt 2^18 + payload) wall times.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { CHROMOSOMES, type GenomeChunk } from '../../src/lib/genome/types';
import { openBackup, sealBackup } from '../../src/lib/store/backup';
import { encodeRecord } from '../../src/lib/store/record-bytes';
import { createVaultHeader, openRecord, sealRecord, unwrapDataKey } from '../../src/lib/store/vault';
import type { StoreDump } from '../../src/lib/store/types';

const MB = 1024 * 1024;

/** A synthetic chunk of `n` records (deterministic). */
function chunk(chrom: GenomeChunk['chrom'], n: number): GenomeChunk {
	let s = n;
	const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
	const positions = new Uint32Array(n).map((_, i) => 10_000 + i * 300 + (next() % 200));
	return {
		chrom,
		positions,
		rsids: new Uint32Array(n).map(() => next() % 800_000_000),
		allele1: new Uint8Array(n).map(() => 1 + (next() % 4)),
		allele2: new Uint8Array(n).map(() => 1 + (next() % 4)),
		flags: new Uint8Array(n),
		otherIdIndex: new Uint32Array(0),
		otherIds: [],
		longAlleleIndex: new Uint32Array(0),
		longAlleles: []
	};
}

async function time<T>(fn: () => T | Promise<T>, repeat = 1): Promise<{ ms: number; value: T }> {
	let value!: T;
	const t0 = performance.now();
	for (let i = 0; i < repeat; i++) value = await fn();
	return { ms: (performance.now() - t0) / repeat, value };
}

export default {
	title: 'Privacy: vault and backup',
	async run(): Promise<string> {
		const chunks = CHROMOSOMES.map((c) => chunk(c, 25_600));
		const bytes = chunks.reduce((n, c) => n + encodeRecord(c).length, 0);
		const { header, dataKey } = await createVaultHeader('benchmark passphrase');

		const raw = chunks.map((c) => encodeRecord(c));
		const aead = await time(() => raw.map((b) => xchacha20poly1305(dataKey, randomBytes(24)).encrypt(b)), 5);
		const nonces = raw.map(() => randomBytes(24));
		const sealedRaw = raw.map((b, i) => xchacha20poly1305(dataKey, nonces[i]).encrypt(b));
		const aeadOpen = await time(() => sealedRaw.map((b, i) => xchacha20poly1305(dataKey, nonces[i]).decrypt(b)), 5);
		const seal = await time(() => chunks.map((c) => sealRecord(dataKey, 'chunks', `p/${c.chrom}`, c)), 5);
		const open = await time(() => seal.value.map((s, i) => openRecord(dataKey, 'chunks', `p/${chunks[i].chrom}`, s)), 5);
		const unlock = await time(() => unwrapDataKey(header, 'benchmark passphrase'));

		const dump: StoreDump = { profiles: [], chunks: chunks.map((c) => ({ profileId: 'p', chunk: c })), results: [], keys: [], contacts: [] };
		dump.profiles.push({ id: 'p' } as StoreDump['profiles'][number]);
		const backup = await time(() => sealBackup(dump, 'benchmark passphrase'));
		const restore = await time(() => openBackup(backup.value, 'benchmark passphrase'));

		const mbps = (ms: number) => bytes / MB / (ms / 1000);
		const rows = [
			['raw XChaCha20-Poly1305 encrypt (ceiling)', `${aead.ms.toFixed(1)} ms`, `${mbps(aead.ms).toFixed(0)} MB/s`, '1.00'],
			['vault seal (encode + AEAD)', `${seal.ms.toFixed(1)} ms`, `${mbps(seal.ms).toFixed(0)} MB/s`, (aead.ms / seal.ms).toFixed(2)],
			['raw XChaCha20-Poly1305 decrypt (ceiling)', `${aeadOpen.ms.toFixed(1)} ms`, `${mbps(aeadOpen.ms).toFixed(0)} MB/s`, '1.00'],
			['vault open (AEAD + decode)', `${open.ms.toFixed(1)} ms`, `${mbps(open.ms).toFixed(0)} MB/s`, (aeadOpen.ms / open.ms).toFixed(2)],
			['vault unlock (scrypt 2^17)', `${unlock.ms.toFixed(0)} ms`, '—', '—'],
			['backup seal (age scrypt 2^18 + payload)', `${backup.ms.toFixed(0)} ms`, '—', '—'],
			['backup open + check', `${restore.ms.toFixed(0)} ms`, '—', '—']
		];
		return [
			`Demo-sized genome: ${chunks.length} chunks, ${(bytes / MB).toFixed(1)} MB encoded, backup file ${(backup.value.length / MB).toFixed(1)} MB.`,
			'',
			'| step | time | throughput | ratio vs raw AEAD (same direction) |',
			'| --- | --- | --- | --- |',
			...rows.map((r) => `| ${r.join(' | ')} |`),
			'',
			'Target: vault seal/open ≥ 0.70 of the raw AEAD (the ceiling, measured in the same run).'
		].join('\n');
	}
};
