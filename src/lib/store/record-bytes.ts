/**
 * A small, exact binary encoding of stored records, used by the vault (to encrypt a record) and
 * by backups (to write every record into one file). It covers what Qenome stores — plain
 * objects, arrays, strings, numbers (float64, so -0/NaN/±Infinity survive), booleans, null,
 * undefined, typed arrays, ArrayBuffer and Date — and restores each value byte for byte
 * (typed arrays keep their exact bytes and type). Anything else (functions, Maps, class
 * instances) is refused with a RecordBytesError rather than silently dropped.
 *
 * Layout: one tag byte per value, then its payload; lengths are unsigned LEB128 varints;
 * strings UTF-8; typed-array payloads are the raw little-endian bytes of the view (every
 * platform Qenome runs on is little-endian, and IndexedDB stores the same bytes).
 */
import { QenomeError } from '../errors';

/** Why bytes could not be encoded or decoded. */
export class RecordBytesError extends QenomeError {
	declare readonly code: 'unsupported' | 'malformed';
	/** Create an error with a machine-readable code (always bad input). */
	constructor(code: 'unsupported' | 'malformed', message: string) {
		super('input', code, message);
		this.name = 'RecordBytesError';
	}
}

const enum Tag {
	Undefined = 0,
	Null = 1,
	False = 2,
	True = 3,
	Number = 4,
	String = 5,
	Array = 6,
	Object = 7,
	TypedArray = 8,
	ArrayBuffer = 9,
	Date = 10
}

const TYPED_ARRAYS = [
	Int8Array,
	Uint8Array,
	Uint8ClampedArray,
	Int16Array,
	Uint16Array,
	Int32Array,
	Uint32Array,
	Float32Array,
	Float64Array,
	BigInt64Array,
	BigUint64Array
] as const;

type AnyTypedArray = InstanceType<(typeof TYPED_ARRAYS)[number]>;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** A growable byte buffer. */
class Writer {
	#buf = new Uint8Array(1024);
	#len = 0;
	#view = new DataView(this.#buf.buffer);

	#reserve(extra: number): void {
		if (this.#len + extra <= this.#buf.length) return;
		let size = this.#buf.length * 2;
		while (size < this.#len + extra) size *= 2;
		const next = new Uint8Array(size);
		next.set(this.#buf.subarray(0, this.#len));
		this.#buf = next;
		this.#view = new DataView(next.buffer);
	}
	byte(b: number): void {
		this.#reserve(1);
		this.#buf[this.#len++] = b;
	}
	varint(n: number): void {
		this.#reserve(10);
		while (n >= 0x80) {
			this.#buf[this.#len++] = (n % 0x80) | 0x80;
			n = Math.floor(n / 0x80);
		}
		this.#buf[this.#len++] = n;
	}
	float64(x: number): void {
		this.#reserve(8);
		this.#view.setFloat64(this.#len, x, true);
		this.#len += 8;
	}
	bytes(b: Uint8Array): void {
		this.varint(b.length);
		this.#reserve(b.length);
		this.#buf.set(b, this.#len);
		this.#len += b.length;
	}
	result(): Uint8Array {
		return this.#buf.slice(0, this.#len);
	}
}

/** A cursor over encoded bytes; every read checks bounds. */
class Reader {
	#pos = 0;
	readonly #view: DataView;
	constructor(private readonly buf: Uint8Array) {
		this.#view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
	}
	get done(): boolean {
		return this.#pos === this.buf.length;
	}
	byte(): number {
		if (this.#pos >= this.buf.length) throw malformed();
		return this.buf[this.#pos++];
	}
	varint(): number {
		let n = 0;
		let scale = 1;
		for (let i = 0; i < 8; i++) {
			const b = this.byte();
			n += (b & 0x7f) * scale;
			if (b < 0x80) return n;
			scale *= 0x80;
		}
		throw malformed();
	}
	float64(): number {
		if (this.#pos + 8 > this.buf.length) throw malformed();
		const x = this.#view.getFloat64(this.#pos, true);
		this.#pos += 8;
		return x;
	}
	bytes(): Uint8Array {
		const n = this.varint();
		if (this.#pos + n > this.buf.length) throw malformed();
		const out = this.buf.slice(this.#pos, this.#pos + n);
		this.#pos += n;
		return out;
	}
}

function malformed(): RecordBytesError {
	return new RecordBytesError('malformed', 'The stored data is damaged and cannot be read.');
}

function writeValue(w: Writer, value: unknown, depth: number): void {
	if (depth > 64) throw new RecordBytesError('unsupported', 'The data is nested too deeply to store.');
	if (value === undefined) return w.byte(Tag.Undefined);
	if (value === null) return w.byte(Tag.Null);
	if (value === false) return w.byte(Tag.False);
	if (value === true) return w.byte(Tag.True);
	if (typeof value === 'number') {
		w.byte(Tag.Number);
		return w.float64(value);
	}
	if (typeof value === 'string') {
		w.byte(Tag.String);
		return w.bytes(utf8Encoder.encode(value));
	}
	if (typeof value !== 'object') {
		throw new RecordBytesError('unsupported', `A value of type ${typeof value} cannot be stored.`);
	}
	if (Array.isArray(value)) {
		w.byte(Tag.Array);
		w.varint(value.length);
		for (const item of value) writeValue(w, item, depth + 1);
		return;
	}
	if (ArrayBuffer.isView(value)) {
		const kind = TYPED_ARRAYS.findIndex((T) => value instanceof T);
		if (kind < 0) throw new RecordBytesError('unsupported', 'A DataView cannot be stored.');
		w.byte(Tag.TypedArray);
		w.byte(kind);
		return w.bytes(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
	}
	if (value instanceof ArrayBuffer) {
		w.byte(Tag.ArrayBuffer);
		return w.bytes(new Uint8Array(value));
	}
	if (value instanceof Date) {
		w.byte(Tag.Date);
		return w.float64(value.getTime());
	}
	const proto = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== null) {
		throw new RecordBytesError('unsupported', `A ${proto?.constructor?.name ?? 'class'} object cannot be stored.`);
	}
	const keys = Object.keys(value);
	w.byte(Tag.Object);
	w.varint(keys.length);
	for (const key of keys) {
		w.bytes(utf8Encoder.encode(key));
		writeValue(w, (value as Record<string, unknown>)[key], depth + 1);
	}
}

function readValue(r: Reader, depth: number): unknown {
	if (depth > 64) throw malformed();
	const tag = r.byte();
	switch (tag) {
		case Tag.Undefined:
			return undefined;
		case Tag.Null:
			return null;
		case Tag.False:
			return false;
		case Tag.True:
			return true;
		case Tag.Number:
			return r.float64();
		case Tag.String:
			return decodeUtf8(r.bytes());
		case Tag.Array: {
			const n = r.varint();
			const out: unknown[] = [];
			for (let i = 0; i < n; i++) out.push(readValue(r, depth + 1));
			return out;
		}
		case Tag.Object: {
			const n = r.varint();
			const out: Record<string, unknown> = {};
			for (let i = 0; i < n; i++) {
				const key = decodeUtf8(r.bytes());
				Object.defineProperty(out, key, { value: readValue(r, depth + 1), enumerable: true, writable: true, configurable: true });
			}
			return out;
		}
		case Tag.TypedArray: {
			const T = TYPED_ARRAYS[r.byte()];
			if (!T) throw malformed();
			const bytes = r.bytes();
			if (bytes.byteLength % T.BYTES_PER_ELEMENT !== 0) throw malformed();
			return new T(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / T.BYTES_PER_ELEMENT) as AnyTypedArray;
		}
		case Tag.ArrayBuffer:
			return r.bytes().buffer as ArrayBuffer;
		case Tag.Date:
			return new Date(r.float64());
		default:
			throw malformed();
	}
}

function decodeUtf8(bytes: Uint8Array): string {
	try {
		return utf8Decoder.decode(bytes);
	} catch {
		throw malformed();
	}
}

/** Encode one structured value into bytes (see the module comment for what is supported). */
export function encodeRecord(value: unknown): Uint8Array {
	const w = new Writer();
	writeValue(w, value, 0);
	return w.result();
}

/** Decode bytes written by `encodeRecord`; damaged input throws RecordBytesError('malformed'). */
export function decodeRecord(bytes: Uint8Array): unknown {
	const r = new Reader(bytes);
	const value = readValue(r, 0);
	if (!r.done) throw malformed();
	return value;
}
