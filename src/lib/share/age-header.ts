/**
 * Pre-flight check of an age v1 header before any decryption: the file must start with the age
 * v1 version line, every recipient stanza must be `mlkem768x25519` (post-quantum hybrid), and
 * there may be at most 32 of them. Parsing only looks at stanza type names; age-encryption does
 * the real header parsing and MAC check afterwards.
 */
import { BundleError } from './errors';

/** Most recipients a bundle may have (the sender included). */
export const MAX_RECIPIENTS = 32;
/** The only stanza type a bundle may carry. */
export const PQ_STANZA = 'mlkem768x25519';
const VERSION_LINE = 'age-encryption.org/v1';
/** A 32-recipient hybrid header is about 52 KiB; refuse to buffer much more than that. */
const MAX_HEADER_BYTES = 96 * 1024;

/** What the pre-flight check learned. */
export interface AgeHeaderInfo {
	stanzaTypes: string[];
	headerBytes: number;
}

/** Find the end of the header (the byte after the newline ending the "---" MAC line), or -1. */
function headerEnd(buf: Uint8Array, length: number): number {
	// Look for "\n---" then the next "\n".
	for (let i = 0; i + 4 <= length; i++) {
		if (buf[i] === 0x0a && buf[i + 1] === 0x2d && buf[i + 2] === 0x2d && buf[i + 3] === 0x2d) {
			for (let j = i + 4; j < length; j++) if (buf[j] === 0x0a) return j + 1;
			return -1;
		}
	}
	return -1;
}

/** Check stanza types and count in a complete header text. Throws BundleError. */
export function checkHeaderText(text: string): AgeHeaderInfo {
	const lines = text.split('\n');
	if (lines[0] !== VERSION_LINE)
		throw new BundleError('not-age', 'This is not a .qenome bundle: it is not an age-encrypted file (version line missing).');
	const types: string[] = [];
	for (const line of lines) {
		if (line.startsWith('-> ')) types.push(line.slice(3).split(' ')[0] ?? '');
	}
	if (types.length === 0) throw new BundleError('no-recipients', 'The bundle names no recipients.');
	if (types.length > MAX_RECIPIENTS)
		throw new BundleError('too-many-recipients', `The bundle has ${types.length} recipients; at most ${MAX_RECIPIENTS} are allowed.`);
	const foreign = types.find((t) => t !== PQ_STANZA);
	if (foreign !== undefined)
		throw new BundleError('non-pq-recipient', `The bundle has a recipient of type "${foreign}", which is not post-quantum; only ${PQ_STANZA} recipients are accepted.`);
	return { stanzaTypes: types, headerBytes: new TextEncoder().encode(text).length };
}

/**
 * Read the header from the front of `input`, check it, and return a stream that replays the
 * whole input (header included) for the age decrypter.
 */
export async function preflightAgeHeader(
	input: ReadableStream<Uint8Array>
): Promise<{ info: AgeHeaderInfo; stream: ReadableStream<Uint8Array> }> {
	const reader = input.getReader();
	let buf = new Uint8Array(8192);
	let used = 0;
	let end = -1;
	let eof = false;
	while (end < 0) {
		const { value, done } = await reader.read();
		if (done) {
			eof = true;
			break;
		}
		if (used + value.length > buf.length) {
			const bigger = new Uint8Array(Math.max(buf.length * 2, used + value.length));
			bigger.set(buf.subarray(0, used));
			buf = bigger;
		}
		buf.set(value, used);
		used += value.length;
		end = headerEnd(buf, used);
		if (end < 0 && used > MAX_HEADER_BYTES) {
			// Report too many stanzas if that is what makes it long.
			const partial = new TextDecoder().decode(buf.subarray(0, used));
			const n = partial.split('\n').filter((l) => l.startsWith('-> ')).length;
			if (n > MAX_RECIPIENTS)
				throw new BundleError('too-many-recipients', `The bundle has more than ${MAX_RECIPIENTS} recipients.`);
			throw new BundleError('bad-age-header', 'The bundle header is malformed (too long).');
		}
	}
	const prefix = buf.subarray(0, used);
	if (end < 0) {
		const text = new TextDecoder().decode(prefix);
		if (!text.startsWith(VERSION_LINE))
			throw new BundleError('not-age', 'This is not a .qenome bundle: it is not an age-encrypted file.');
		throw new BundleError(eof ? 'truncated' : 'bad-age-header', 'The bundle is cut short: its header is incomplete.');
	}
	const info = checkHeaderText(new TextDecoder().decode(prefix.subarray(0, end)));
	let sentPrefix = false;
	const stream = new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!sentPrefix) {
				sentPrefix = true;
				controller.enqueue(prefix.slice());
				return;
			}
			const { value, done } = await reader.read();
			if (done) controller.close();
			else controller.enqueue(value);
		},
		cancel(reason) {
			return reader.cancel(reason);
		}
	});
	return { info, stream };
}
