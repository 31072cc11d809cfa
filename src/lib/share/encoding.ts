/** Byte/text helpers shared by the sharing modules (no cryptography here). */
import { base64, hex } from '@scure/base';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 encode a string. */
export function utf8(text: string): Uint8Array {
	return encoder.encode(text);
}

/** Strict UTF-8 decode (throws on invalid sequences). */
export function fromUtf8(bytes: Uint8Array): string {
	return decoder.decode(bytes);
}

/** Standard padded base64. */
export function toBase64(bytes: Uint8Array): string {
	return base64.encode(bytes);
}

/** Decode standard padded base64; throws on malformed input. */
export function fromBase64(text: string): Uint8Array {
	return base64.decode(text);
}

/** Lower-case hex. */
export function toHex(bytes: Uint8Array): string {
	return hex.encode(bytes);
}

/** Decode lower/upper-case hex; throws on malformed input. */
export function fromHex(text: string): Uint8Array {
	return hex.decode(text.toLowerCase());
}

/** Concatenate byte arrays (@noble/hashes' implementation, which also checks each is a Uint8Array). */
export { concatBytes } from '@noble/hashes/utils.js';

/** Constant-time equality of two byte arrays. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	let acc = 0;
	for (let i = 0; i < a.length; i++) acc |= a[i] ^ b[i];
	return acc === 0;
}

/** JSON values allowed in canonical documents. */
export type CanonicalValue = string | number | boolean | null | CanonicalValue[] | { [k: string]: CanonicalValue };

/**
 * Canonical JSON (the subset of RFC 8785 our documents need): object keys sorted by UTF-16 code
 * units, no whitespace, integers only. The signed and hashed form of cards and manifests.
 */
export function canonicalJson(value: CanonicalValue): string {
	if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value)) throw new TypeError('canonical JSON allows safe integers only');
		return String(value);
	}
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const keys = Object.keys(value).sort();
	return `{${keys
		.filter((k) => value[k] !== undefined)
		.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
		.join(',')}}`;
}

/** Big-endian u32 as 4 bytes. */
export function u32be(n: number): Uint8Array {
	const b = new Uint8Array(4);
	new DataView(b.buffer).setUint32(0, n, false);
	return b;
}

/** Read a big-endian u32 at `offset`. */
export function readU32be(bytes: Uint8Array, offset = 0): number {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, false);
}
