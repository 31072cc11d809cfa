/**
 * Test helpers for the genome importer: fixtures, containers made at test time (gzip, bgzip,
 * concatenated gzip, zip), and an independent, naive reference parser for cross-checking.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { gzipSync, zipSync } from 'fflate';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'genome');

/** Bytes of a committed fixture. */
export function fixture(name: string): Uint8Array {
	return new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
}

/** Fixture text. */
export function fixtureText(name: string): string {
	return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Plain gzip (one member). */
export function gzip(bytes: Uint8Array): Uint8Array {
	return gzipSync(bytes, { level: 6, mtime: 0 });
}

/** Concatenate byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}

/** CRC-32 (for BGZF trailers). */
function crc32(data: Uint8Array): number {
	let c = ~0;
	for (let i = 0; i < data.length; i++) {
		c ^= data[i];
		for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
	}
	return ~c >>> 0;
}

/** BGZF (bgzip) encoding: 64 KiB blocks, each a gzip member with the "BC" extra field, plus EOF block. */
export function bgzip(
	bytes: Uint8Array,
	blockSize = 0xff00,
	deflate: (data: Uint8Array) => Uint8Array = (data) => new Uint8Array(deflateRawSync(data, { level: 6 }))
): Uint8Array {
	const blocks: Uint8Array[] = [];
	const block = (data: Uint8Array) => {
		const cdata = deflate(data);
		const total = 18 + cdata.length + 8;
		const b = new Uint8Array(total);
		const dv = new DataView(b.buffer);
		b.set([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 66, 67, 2, 0]);
		dv.setUint16(16, total - 1, true);
		b.set(cdata, 18);
		dv.setUint32(18 + cdata.length, crc32(data), true);
		dv.setUint32(22 + cdata.length, data.length, true);
		blocks.push(b);
	};
	for (let o = 0; o < bytes.length; o += blockSize) block(bytes.subarray(o, Math.min(bytes.length, o + blockSize)));
	block(new Uint8Array(0));
	return concat(...blocks);
}

/**
 * A bgzipped single-sample VCF (GRCh38, `chr` names) of `n` SNV records spread evenly over
 * `chromosomes`, with seeded pseudo-random QUAL/INFO/PL noise so it compresses like a real one
 * (~28 bytes a record: 150,000 records are > 4 MiB, enough for the genome worker's BGZF pool).
 */
export function bgzippedVcf(n: number, chromosomes: string[], seed = 12345): Buffer {
	const lines = ['##fileformat=VCFv4.2', '##reference=GRCh38', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1'];
	let x = seed;
	const rnd = () => (x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32;
	const perChromosome = Math.ceil(n / chromosomes.length);
	for (let i = 0; i < n; i++) {
		const chrom = chromosomes[Math.floor((i * chromosomes.length) / n)];
		const pos = 10_000 + (i % perChromosome) * 37;
		const gt = ['0/1', '1/1', '0|1', './.'][Math.floor(rnd() * 4)];
		lines.push(`${chrom}\t${pos}\trs${Math.floor(rnd() * 1e9)}\tC\tT\t${(rnd() * 900).toFixed(2)}\tPASS\tDP=${Math.floor(rnd() * 1e6)};QD=${rnd().toFixed(6)}\tGT:PL\t${gt}:${Math.floor(rnd() * 900)},0,${Math.floor(rnd() * 900)}`);
	}
	return Buffer.from(bgzip(new TextEncoder().encode(lines.join('\n') + '\n')));
}

/** A zip like vendors ship: the genome file plus a small readme. */
export function zip(bytes: Uint8Array, name = 'genome_data.txt', extra: Record<string, Uint8Array> = {}): Uint8Array {
	return zipSync({ 'README.txt': new TextEncoder().encode('Your raw data.\n'), [name]: bytes, ...extra }, { level: 6, mtime: new Date(2024, 0, 1) });
}

/** A naive, independent reading of an array-format row: [id, chrom, pos, genotype letters]. */
export function naiveArrayRows(text: string): { id: string; chrom: string; pos: number; gt: string }[] {
	const out: { id: string; chrom: string; pos: number; gt: string }[] = [];
	for (const raw of text.replace(/^\ufeff/, '').split(/\r?\n/)) {
		const line = raw.trim();
		if (!line || line.startsWith('#') || /^"?rsid/i.test(line)) continue;
		const f = line.includes(',') ? line.split(',').map((x) => x.replace(/"/g, '').trim()) : line.split(/\s+/);
		const gt = f.length === 5 ? f[3] + f[4] : f[3];
		out.push({ id: f[0], chrom: f[1], pos: Number(f[2]), gt: gt.replace(/[-0]/g, '') });
	}
	return out;
}
