/**
 * Byte streams → lines for the rare-disease readers (patient VCF, ClinVar VCF, HPOA): containers
 * (gzip/bgzip/zip) peeled by the genome domain, lines split on bytes, progress, cancel, and a yield
 * to the event loop every 40 ms so a worker's cancel message gets through.
 */
import { LineSplitter, type ContainerInfo } from '../genome/index';
import { decodeTextFast } from '../genome/bgzf-text';
import { checkCancelled } from './errors';

/** Called per line with the raw bytes view [start, end). */
export type ByteLineHandler = (buf: Uint8Array, start: number, end: number) => void;

/** Options of `forEachLine`. */
export interface LineStreamOptions {
	signal?: AbortSignal;
	/** Called at most every 100 ms with bytes read so far (compressed). */
	onBytes?: (bytes: number) => void;
	/** Longest accepted line (bytes). */
	maxLine?: number;
}

/** Stream every line of a (possibly compressed) text stream through `onLine`. */
export async function forEachLine(stream: ReadableStream<Uint8Array>, onLine: ByteLineHandler, options: LineStreamOptions = {}): Promise<number> {
	let bytes = 0;
	let lastYield = Date.now();
	let lastProgress = 0;
	const reader = stream.getReader();
	async function* raw(): AsyncGenerator<Uint8Array> {
		try {
			for (;;) {
				checkCancelled(options.signal);
				const now = Date.now();
				if (now - lastYield > 40) {
					lastYield = now;
					await new Promise((r) => setTimeout(r, 0));
					checkCancelled(options.signal);
				}
				if (options.onBytes && now - lastProgress > 100) {
					lastProgress = now;
					options.onBytes(bytes);
				}
				const { done, value } = await reader.read();
				if (done) return;
				if (!value?.length) continue;
				bytes += value.length;
				yield value;
			}
		} finally {
			reader.releaseLock();
		}
	}
	const splitter = new LineSplitter(onLine, options.maxLine ?? 4 * 1024 * 1024);
	const info: ContainerInfo = { layers: [], zipEntry: null };
	for await (const chunk of decodeTextFast(raw(), info, { signal: options.signal })) {
		splitter.push(chunk);
	}
	splitter.end();
	options.onBytes?.(bytes);
	return bytes;
}

/** Wrap bytes as a stream (tests, small files). */
export function textStream(text: string | Uint8Array): ReadableStream<Uint8Array> {
	const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
	return new ReadableStream({
		start(c) {
			c.enqueue(bytes);
			c.close();
		}
	});
}
