/**
 * Text encodings other than UTF-8/ASCII. Spreadsheet programs and some Windows tools save raw
 * data as UTF-16 ("Unicode"), which used to be refused as "binary". Such text is recognised by
 * its byte-order mark or by its pattern of zero bytes, and transcoded to UTF-8 as it streams.
 */

/** 'utf-16le' / 'utf-16be' when `head` looks like UTF-16 text, else null. */
export function utf16Encoding(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	if (head.length >= 2) {
		if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
		if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
	}
	// No BOM: ASCII-range text in UTF-16 has a zero in every other byte.
	const n = Math.min(head.length, 4096) & ~1;
	if (n < 16) return null;
	let zeroOdd = 0;
	let zeroEven = 0;
	for (let i = 0; i < n; i += 2) {
		if (head[i] === 0) zeroEven++;
		if (head[i + 1] === 0) zeroOdd++;
	}
	const pairs = n / 2;
	if (zeroOdd > pairs * 0.9 && zeroEven < pairs * 0.05) return 'utf-16le';
	if (zeroEven > pairs * 0.9 && zeroOdd < pairs * 0.05) return 'utf-16be';
	return null;
}

/**
 * Pass UTF-8/ASCII chunks through unchanged; transcode UTF-16 text (decided from the first
 * chunk) to UTF-8, chunk by chunk (constant memory). `onEncoding` hears the encoding found.
 */
export async function* asUtf8(chunks: AsyncIterable<Uint8Array>, onEncoding?: (e: 'utf-16le' | 'utf-16be') => void): AsyncGenerator<Uint8Array> {
	let decoder: TextDecoder | null = null;
	let first = true;
	const encoder = new TextEncoder();
	for await (const chunk of chunks) {
		if (first) {
			first = false;
			const e = utf16Encoding(chunk);
			if (e) {
				decoder = new TextDecoder(e); // drops the BOM; malformed pairs become U+FFFD
				onEncoding?.(e);
			}
		}
		if (!decoder) yield chunk;
		else {
			const text = decoder.decode(chunk, { stream: true });
			if (text) yield encoder.encode(text);
		}
	}
	if (decoder) {
		const tail = decoder.decode();
		if (tail) yield encoder.encode(tail);
	}
}
