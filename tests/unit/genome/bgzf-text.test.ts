import { describe, expect, it } from 'vitest';
import { decodeContainers, type ContainerInfo } from '../../../src/lib/genome/containers';
import { decodeTextFast } from '../../../src/lib/genome/bgzf-text';
import { loadInflateModuleNode } from '../../../src/lib/genome/inflate-node';
import { bgzip, gzip } from './helpers';

function vcfText(lines: number): Uint8Array {
	const out: string[] = ['##fileformat=VCFv4.2', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1'];
	let x = 12345;
	for (let i = 0; i < lines; i++) {
		x = (x * 1103515245 + 12345) & 0x7fffffff;
		out.push(`chr${1 + (x % 22)}\t${1000 + i * 37}\t.\t${'ACGT'[x % 4]}\t${'CGTA'[x % 4]}\t${x % 999}\tPASS\tDP=${x % 97}\tGT:DP\t0/1:${x % 50}`);
	}
	return new TextEncoder().encode(out.join('\n') + '\n');
}

/** Deliver `bytes` in uneven chunks (block boundaries fall anywhere). */
async function* chunked(bytes: Uint8Array, sizes = [7, 1000, 65536, 3, 300000]): AsyncGenerator<Uint8Array> {
	let o = 0;
	for (let k = 0; o < bytes.length; k++) {
		const n = sizes[k % sizes.length];
		yield bytes.subarray(o, Math.min(bytes.length, o + n));
		o += n;
	}
}

async function all(gen: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
	const parts: Uint8Array[] = [];
	let n = 0;
	for await (const c of gen) {
		parts.push(c.slice());
		n += c.length;
	}
	const out = new Uint8Array(n);
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}

describe('decodeTextFast (native BGZF inflation for the whole-file readers)', () => {
	const text = vcfText(60000); // ~3.5 MB: several 1 MiB batches
	const bgz = bgzip(text);

	// the browser's two paths run in Node with `webStreams`: the WebAssembly decoder (module given) and DecompressionStream (none)
	const paths = {
		'Node zlib per batch': { webStreams: false, used: 'zlib' },
		'WebAssembly decoder': { webStreams: true, inflateModule: loadInflateModuleNode(), used: 'wasm' },
		'DecompressionStream per block': { webStreams: true, inflateModule: null, used: 'streams' }
	} as const;
	for (const [name, { used, ...mode }] of Object.entries(paths)) {
		it(`inflates BGZF to exactly the text decodeContainers gives (${name})`, async () => {
			const info: ContainerInfo = { layers: [], zipEntry: null };
			const fast = await all(decodeTextFast(chunked(bgz), info, mode));
			const ref = await all(decodeContainers(chunked(bgz), { layers: [], zipEntry: null }));
			expect(fast.length).toBe(text.length);
			expect(Buffer.from(fast).equals(Buffer.from(text))).toBe(true);
			expect(Buffer.from(ref).equals(Buffer.from(fast))).toBe(true);
			expect(info.layers).toEqual(['bgzip']);
			expect(info.inflater).toBe(used);
		});

		it(`refuses a damaged or truncated BGZF file (${name})`, async () => {
			const bad = bgz.slice();
			bad[bad.length >> 1] ^= 0xff;
			await expect(all(decodeTextFast(chunked(bad), { layers: [], zipEntry: null }, mode))).rejects.toMatchObject({ code: 'corrupt-gzip' });
			const cut = bgz.subarray(0, bgz.length - 100);
			await expect(all(decodeTextFast(chunked(cut), { layers: [], zipEntry: null }, mode))).rejects.toMatchObject({ code: 'corrupt-gzip' });
		});
	}

	it('passes plain text and one-member gzip through decodeContainers unchanged', async () => {
		const small = vcfText(200);
		const plainInfo: ContainerInfo = { layers: [], zipEntry: null };
		expect(Buffer.from(await all(decodeTextFast(chunked(small), plainInfo))).equals(Buffer.from(small))).toBe(true);
		expect(plainInfo.layers).toEqual([]);
		const gzInfo: ContainerInfo = { layers: [], zipEntry: null };
		expect(Buffer.from(await all(decodeTextFast(chunked(gzip(small)), gzInfo))).equals(Buffer.from(small))).toBe(true);
		expect(gzInfo.layers).toEqual(['gzip']);
	});

	it('honours a cancel', async () => {
		const ac = new AbortController();
		ac.abort();
		await expect(all(decodeTextFast(chunked(bgz), { layers: [], zipEntry: null }, { signal: ac.signal }))).rejects.toMatchObject({ code: 'cancelled' });
	});
});
