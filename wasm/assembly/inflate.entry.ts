/**
 * Raw DEFLATE (RFC 1951) decoder and CRC-32 (AssemblyScript → WebAssembly), for the genome
 * import's BGZF workers: a batch of compressed blocks is copied once into this module's memory and
 * each block is inflated into its slot of one output region the caller reuses batch after batch,
 * so inflating allocates nothing (the browser's DecompressionStream makes a new buffer per 64 KiB
 * that only a full garbage collection frees). Host side: src/lib/genome/inflate-wasm.ts.
 *
 * Design (the published one of zlib's inflate_fast and libdeflate): a 64-bit bit buffer refilled
 * with one unaligned 8-byte load while at least 8 input bytes remain (byte by byte near the end);
 * table-driven Huffman decoding with a primary table indexed by the next 10 bits (8 for distances)
 * and a sub-table per long-code prefix; match copies 16 or 8 bytes at a time when the distance
 * allows (an overlapping match with distance ≥ 16 reads only bytes already written), a fill for
 * distance 1 and a byte loop otherwise; byte-exact checks near the end of the output.
 *
 * Hostile input: every read is bounded by [in, in + inLen) and every write by
 * [out, out + outCap); the input past its end reads as zero bits only while the stream has not
 * consumed them (truncation is an error as soon as it has), every symbol consumes at least one
 * bit, so every loop ends within a few bits past the end of the input or the end of the output.
 * Code-length sets follow zlib's rules (over-subscribed → error; incomplete only for a single code
 * of length 1; lengths/distances sets missing end-of-block → error). `inflate` returns the bytes
 * written or a negative error code (see ERR_*).
 *
 * Memory: static tables (a few KiB) below `__heap_base`; the caller's regions from heapBase()
 * upward, grown with reserve().
 */

// ---------------------------------------------------------------------------------------------
// error codes (negative return values of inflate)

/** The input ends before the stream does. */
const ERR_TRUNCATED: i32 = -1;
/** Block type 3. */
const ERR_BLOCK_TYPE: i32 = -2;
/** A stored block's length and its complement disagree. */
const ERR_STORED_LENGTH: i32 = -3;
/** Bad code lengths (too many symbols, over-subscribed/incomplete set, bad repeat, missing end-of-block). */
const ERR_CODE_LENGTHS: i32 = -4;
/** A literal/length code that is not in the code (or symbol 286/287). */
const ERR_LITLEN_CODE: i32 = -5;
/** A distance code that is not in the code (or symbol 30/31). */
const ERR_DISTANCE_CODE: i32 = -6;
/** A match reaches back before the start of the output. */
const ERR_DISTANCE_TOO_FAR: i32 = -7;
/** The stream inflates to more than the output's capacity. */
const ERR_OUTPUT_FULL: i32 = -8;

// ---------------------------------------------------------------------------------------------
// table entries: u32 = value << 16 | kind << 9 | extra << 5 | bits

const K_LITERAL: u32 = 0;
const K_COPY: u32 = 1; // a length (lit/len table) or a distance (distance table): base + extra bits
const K_END: u32 = 2; // end of block
const K_SUB: u32 = 3; // pointer to a sub-table: value = its start, extra = its index bits
const INVALID: u32 = 0xffffffff; // kind 7

const LIT_BITS: u32 = 10;
const DIST_BITS: u32 = 8;
const CL_BITS: u32 = 7;

/** Lit/len table: 2^10 primary entries + at most 288 sub-tables of ≤ 2^5 entries. */
const LIT_TABLE: usize = memory.data(4 * (1024 + 288 * 32), 16);
/** Distance table: 2^8 primary entries + at most 30 sub-tables of ≤ 2^7 entries. */
const DIST_TABLE: usize = memory.data(4 * (256 + 32 * 128), 16);
/** The fixed code's tables (built once). */
const FIXED_LIT: usize = memory.data(4 * 1024, 16);
const FIXED_DIST: usize = memory.data(4 * 256, 16);
/** Code-length code table (single level, 7 bits). */
const CL_TABLE: usize = memory.data(4 * 128, 16);
/** Code lengths of a dynamic block (lit/len then distance: ≤ 286 + 30), and of the code-length code. */
const LENS: usize = memory.data(320 + 32, 16);
const CL_LENS: usize = memory.data(32, 16);
/** Scratch of the table builder: counts and offsets per length, symbols sorted by code. */
const COUNT: usize = memory.data(2 * 16, 16);
const OFFS: usize = memory.data(2 * 17, 16);
const SORTED: usize = memory.data(2 * 320, 16);
/** CRC-32 slicing-by-16 tables (16 × 256 u32). */
const CRC_TABLE: usize = memory.data(4 * 256 * 16, 16);

const LEN_BASE: usize = memory.data<u16>([3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]);
const LEN_EXTRA: usize = memory.data<u8>([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
const DIST_BASE: usize = memory.data<u16>([
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577
]);
const DIST_EXTRA: usize = memory.data<u8>([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]);
const CL_ORDER: usize = memory.data<u8>([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);

/** Which symbols a table decodes. */
const T_LITLEN: u32 = 0;
const T_DIST: u32 = 1;
const T_CODES: u32 = 2;

// ---------------------------------------------------------------------------------------------
// decoder state between the block-level steps (the hot loop keeps its own copy in locals)

let gIn: usize = 0;
let gInEnd: usize = 0;
let gBits: u64 = 0;
let gLeft: u32 = 0;
/** Zero bytes appended past the end of the input (not yet proven consumed). */
let gOver: u32 = 0;
let gOut: usize = 0;
let gOutStart: usize = 0;
let gOutEnd: usize = 0;
let ready = false;

/** Top the bit buffer up to ≥ 56 bits; ERR_TRUNCATED once bits past the input's end were used. */
function refill(): i32 {
	if (gIn + 8 <= gInEnd) {
		gBits |= load<u64>(gIn) << gLeft;
		gIn += (63 - gLeft) >> 3;
		gLeft |= 56;
		return 0;
	}
	if (gOver * 8 > gLeft) return ERR_TRUNCATED;
	while (gLeft <= 56) {
		if (gIn < gInEnd) {
			gBits |= (<u64>load<u8>(gIn)) << gLeft;
			gIn++;
		} else gOver++;
		gLeft += 8;
	}
	return 0;
}

/** Drop n bits. */
// @ts-ignore: decorator
@inline function drop(n: u32): void {
	gBits >>= n;
	gLeft -= n;
}

/** The table entry of symbol `s` of a table of kind `t` (without its bit count). */
function entryOf(s: u32, t: u32): u32 {
	if (t == T_CODES) return (s << 16) | (K_LITERAL << 9);
	if (t == T_DIST) {
		if (s >= 30) return INVALID;
		return ((<u32>load<u16>(DIST_BASE + (s << 1))) << 16) | (K_COPY << 9) | ((<u32>load<u8>(DIST_EXTRA + s)) << 5);
	}
	if (s < 256) return (s << 16) | (K_LITERAL << 9);
	if (s == 256) return K_END << 9;
	if (s >= 286) return INVALID;
	const i = s - 257;
	return ((<u32>load<u16>(LEN_BASE + (i << 1))) << 16) | (K_COPY << 9) | ((<u32>load<u8>(LEN_EXTRA + i)) << 5);
}

/**
 * Build the decoding table of `n` code lengths at `lens` into `table` (primary index `pb` bits;
 * codes longer than that go to sub-tables after the primary entries). Returns 0 or ERR_CODE_LENGTHS.
 */
function build(lens: usize, n: u32, table: usize, pb: u32, t: u32): i32 {
	memory.fill(COUNT, 0, 32);
	let max: u32 = 0;
	for (let s: u32 = 0; s < n; s++) {
		const l = <u32>load<u8>(lens + s);
		if (l) {
			store<u16>(COUNT + (l << 1), load<u16>(COUNT + (l << 1)) + 1);
			if (l > max) max = l;
		}
	}
	const primary: u32 = 1 << pb;
	if (max == 0) {
		// no codes at all (allowed, as in zlib: any use of the table is then an error)
		memory.fill(table, 0xff, primary << 2);
		return 0;
	}
	let left: i32 = 1;
	for (let l: u32 = 1; l <= 15; l++) {
		left = (left << 1) - <i32>load<u16>(COUNT + (l << 1));
		if (left < 0) return ERR_CODE_LENGTHS; // over-subscribed
	}
	if (left > 0) {
		if (t == T_CODES || max != 1) return ERR_CODE_LENGTHS; // incomplete
		memory.fill(table, 0xff, primary << 2); // the one missing code of length 1 is invalid
	}
	store<u16>(OFFS + 2, 0);
	for (let l: u32 = 1; l < 16; l++) store<u16>(OFFS + ((l + 1) << 1), load<u16>(OFFS + (l << 1)) + load<u16>(COUNT + (l << 1)));
	for (let s: u32 = 0; s < n; s++) {
		const l = <u32>load<u8>(lens + s);
		if (l) {
			const o = <u32>load<u16>(OFFS + (l << 1));
			store<u16>(SORTED + (o << 1), <u16>s);
			store<u16>(OFFS + (l << 1), <u16>(o + 1));
		}
	}
	const total = <u32>load<u16>(OFFS + (16 << 1));
	const pmask: u32 = primary - 1;
	const subBits: u32 = max > pb ? max - pb : 0;
	let code: u32 = 0;
	let len: u32 = 0;
	let prefix: u32 = 0xffffffff;
	let sub: u32 = primary; // next free sub-table slot
	let subStart: u32 = 0;
	for (let i: u32 = 0; i < total; i++) {
		const s = <u32>load<u16>(SORTED + (i << 1));
		const l = <u32>load<u8>(lens + s);
		code <<= l - len;
		len = l;
		// the code's bits in stream order (DEFLATE sends a code's most significant bit first)
		let rev: u32 = 0;
		for (let k: u32 = 0, c = code; k < l; k++, c >>= 1) rev = (rev << 1) | (c & 1);
		const e = entryOf(s, t);
		if (l <= pb) {
			const v = e == INVALID ? INVALID : e | l;
			for (let j = rev; j < primary; j += 1 << l) store<u32>(table + (j << 2), v);
		} else {
			const p = rev & pmask;
			if (p != prefix) {
				prefix = p;
				subStart = sub;
				sub += 1 << subBits;
				store<u32>(table + (p << 2), (subStart << 16) | (K_SUB << 9) | (subBits << 5) | pb);
			}
			const sl = l - pb;
			const v = e == INVALID ? INVALID : e | sl;
			for (let j = rev >> pb; j < (<u32>1 << subBits); j += 1 << sl) store<u32>(table + ((subStart + j) << 2), v);
		}
		code++;
	}
	return 0;
}

/** Build the fixed code's tables once. */
function buildFixed(): void {
	for (let s = 0; s < 144; s++) store<u8>(LENS + s, 8);
	for (let s = 144; s < 256; s++) store<u8>(LENS + s, 9);
	for (let s = 256; s < 280; s++) store<u8>(LENS + s, 7);
	for (let s = 280; s < 288; s++) store<u8>(LENS + s, 8);
	build(LENS, 288, FIXED_LIT, LIT_BITS, T_LITLEN);
	for (let s = 0; s < 32; s++) store<u8>(LENS + s, 5);
	build(LENS, 32, FIXED_DIST, DIST_BITS, T_DIST);
}

/** Build the CRC-32 tables (slicing by 16). */
function buildCrc(): void {
	for (let n: u32 = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		store<u32>(CRC_TABLE + (n << 2), c);
	}
	for (let n: u32 = 0; n < 256; n++) {
		let c = load<u32>(CRC_TABLE + (n << 2));
		for (let k: u32 = 1; k < 16; k++) {
			c = load<u32>(CRC_TABLE + ((c & 0xff) << 2)) ^ (c >>> 8);
			store<u32>(CRC_TABLE + ((k * 256 + n) << 2), c);
		}
	}
}

function init(): void {
	if (ready) return;
	buildFixed();
	buildCrc();
	ready = true;
}

/** Read a dynamic block's code lengths and build its tables. */
function readDynamic(): i32 {
	let err = refill();
	if (err) return err;
	const nlit = <u32>(gBits & 31) + 257;
	const ndist = <u32>((gBits >> 5) & 31) + 1;
	const ncl = <u32>((gBits >> 10) & 15) + 4;
	drop(14);
	if (nlit > 286 || ndist > 30) return ERR_CODE_LENGTHS;
	memory.fill(CL_LENS, 0, 19);
	for (let i: u32 = 0; i < ncl; i++) {
		if (gLeft < 3 && (err = refill())) return err;
		store<u8>(CL_LENS + load<u8>(CL_ORDER + i), <u8>(gBits & 7));
		drop(3);
	}
	err = build(CL_LENS, 19, CL_TABLE, CL_BITS, T_CODES);
	if (err) return err;
	const total = nlit + ndist;
	let n: u32 = 0;
	while (n < total) {
		if (gLeft < 14 && (err = refill())) return err;
		const e = load<u32>(CL_TABLE + (<u32>(gBits & 127) << 2));
		if (e == INVALID) return ERR_CODE_LENGTHS;
		drop(e & 31);
		const sym = e >> 16;
		if (sym < 16) {
			store<u8>(LENS + n, <u8>sym);
			n++;
			continue;
		}
		let rep: u32;
		let value: u8 = 0;
		if (sym == 16) {
			if (n == 0) return ERR_CODE_LENGTHS;
			value = load<u8>(LENS + n - 1);
			rep = 3 + <u32>(gBits & 3);
			drop(2);
		} else if (sym == 17) {
			rep = 3 + <u32>(gBits & 7);
			drop(3);
		} else {
			rep = 11 + <u32>(gBits & 127);
			drop(7);
		}
		if (n + rep > total) return ERR_CODE_LENGTHS;
		memory.fill(LENS + n, value, rep);
		n += rep;
	}
	if (load<u8>(LENS + 256) == 0) return ERR_CODE_LENGTHS; // no end-of-block code
	err = build(LENS, nlit, LIT_TABLE, LIT_BITS, T_LITLEN);
	if (err) return err;
	return build(LENS + nlit, ndist, DIST_TABLE, DIST_BITS, T_DIST);
}

/** Copy a stored block. */
function stored(): i32 {
	gBits >>= gLeft & 7;
	gLeft &= ~7;
	if (gOver * 8 > gLeft) return ERR_TRUNCATED;
	const at = gIn - ((gLeft >> 3) - gOver); // the first byte not yet consumed
	if (at + 4 > gInEnd) return ERR_TRUNCATED;
	const len = <u32>load<u16>(at);
	if (len != (~(<u32>load<u16>(at + 2)) & 0xffff)) return ERR_STORED_LENGTH;
	if (at + 4 + len > gInEnd) return ERR_TRUNCATED;
	if (<usize>len > gOutEnd - gOut) return ERR_OUTPUT_FULL;
	memory.copy(gOut, at + 4, len);
	gOut += len;
	gIn = at + 4 + len;
	gBits = 0;
	gLeft = 0;
	gOver = 0;
	return 0;
}

/** Decode one Huffman block with the given tables (the hot loop). */
function huffman(lit: usize, dist: usize): i32 {
	let inp = gIn;
	let bits = gBits;
	let left = gLeft;
	let over = gOver;
	let out = gOut;
	const inEnd = gInEnd;
	const outStart = gOutStart;
	const outEnd = gOutEnd;
	let err: i32 = 0;
	for (;;) {
		// refill to ≥ 56 bits: enough for a length code + extra bits + a distance code + extra bits
		if (inp + 8 <= inEnd) {
			bits |= load<u64>(inp) << left;
			inp += (63 - left) >> 3;
			left |= 56;
		} else {
			if (over * 8 > left) {
				err = ERR_TRUNCATED;
				break;
			}
			while (left <= 56) {
				if (inp < inEnd) {
					bits |= (<u64>load<u8>(inp)) << left;
					inp++;
				} else over++;
				left += 8;
			}
		}
		let e = load<u32>(lit + (<u32>(bits & 1023) << 2));
		let kind = (e >> 9) & 7;
		if (kind == K_SUB) {
			bits >>= LIT_BITS;
			left -= LIT_BITS;
			e = load<u32>(lit + (((e >> 16) + (<u32>bits & ((1 << ((e >> 5) & 15)) - 1))) << 2));
			kind = (e >> 9) & 7;
		}
		if (kind == K_LITERAL) {
			const n = e & 31;
			bits >>= n;
			left -= n;
			if (out >= outEnd) {
				err = ERR_OUTPUT_FULL;
				break;
			}
			store<u8>(out, <u8>(e >> 16));
			out++;
			// a second literal without a refill when its code is in the primary table
			const e2 = load<u32>(lit + (<u32>(bits & 1023) << 2));
			if (((e2 >> 9) & 7) == K_LITERAL && out < outEnd) {
				const n2 = e2 & 31;
				bits >>= n2;
				left -= n2;
				store<u8>(out, <u8>(e2 >> 16));
				out++;
			}
			continue;
		}
		if (kind == K_END) {
			const n = e & 31;
			bits >>= n;
			left -= n;
			break;
		}
		if (kind != K_COPY) {
			err = ERR_LITLEN_CODE;
			break;
		}
		// a match: length, then distance
		let n = e & 31;
		bits >>= n;
		left -= n;
		let x = (e >> 5) & 15;
		const length = (e >> 16) + (<u32>bits & ((1 << x) - 1));
		bits >>= x;
		left -= x;
		let d = load<u32>(dist + (<u32>(bits & 255) << 2));
		kind = (d >> 9) & 7;
		if (kind == K_SUB) {
			bits >>= DIST_BITS;
			left -= DIST_BITS;
			d = load<u32>(dist + (((d >> 16) + (<u32>bits & ((1 << ((d >> 5) & 15)) - 1))) << 2));
			kind = (d >> 9) & 7;
		}
		if (kind != K_COPY) {
			err = ERR_DISTANCE_CODE;
			break;
		}
		n = d & 31;
		bits >>= n;
		left -= n;
		x = (d >> 5) & 15;
		const distance = <usize>((d >> 16) + (<u32>bits & ((1 << x) - 1)));
		bits >>= x;
		left -= x;
		if (distance > out - outStart) {
			err = ERR_DISTANCE_TOO_FAR;
			break;
		}
		const room = outEnd - out;
		if (<usize>length > room) {
			err = ERR_OUTPUT_FULL;
			break;
		}
		let src = out - distance;
		const end = out + length;
		if (room >= <usize>length + 16 && distance >= 8) {
			if (distance >= 16) {
				do {
					v128.store(out, v128.load(src));
					out += 16;
					src += 16;
				} while (out < end);
			} else {
				do {
					store<u64>(out, load<u64>(src));
					out += 8;
					src += 8;
				} while (out < end);
			}
			out = end;
		} else if (distance == 1) {
			memory.fill(out, load<u8>(src), length);
			out = end;
		} else {
			while (out < end) {
				store<u8>(out, load<u8>(src));
				out++;
				src++;
			}
		}
	}
	gIn = inp;
	gBits = bits;
	gLeft = left;
	gOver = over;
	gOut = out;
	return err;
}

/**
 * Inflate the raw DEFLATE stream at [inPtr, inPtr + inLen) into [outPtr, outPtr + outCap).
 * Returns the bytes written (≥ 0) or a negative error code. Nothing outside the two ranges is
 * read or written (besides the module's own tables).
 */
export function inflate(inPtr: usize, inLen: u32, outPtr: usize, outCap: u32): i32 {
	init();
	gIn = inPtr;
	gInEnd = inPtr + inLen;
	gBits = 0;
	gLeft = 0;
	gOver = 0;
	gOut = outPtr;
	gOutStart = outPtr;
	gOutEnd = outPtr + outCap;
	let last: u64 = 0;
	do {
		let err = refill();
		if (err) return err;
		last = gBits & 1;
		const type = <u32>(gBits >> 1) & 3;
		drop(3);
		if (type == 0) err = stored();
		else if (type == 1) err = huffman(FIXED_LIT, FIXED_DIST);
		else if (type == 2) {
			err = readDynamic();
			if (!err) err = huffman(LIT_TABLE, DIST_TABLE);
		} else err = ERR_BLOCK_TYPE;
		if (err) return err;
	} while (!last);
	if (gOver * 8 > gLeft) return ERR_TRUNCATED;
	return <i32>(gOut - outPtr);
}

/** Continue a CRC-32 (`crc` = the value so far, 0 to start) over [ptr, ptr + len). */
export function crc32(ptr: usize, len: u32, crc: u32): u32 {
	init();
	let c = ~crc;
	let p = ptr;
	const end = ptr + len;
	const T = CRC_TABLE;
	while (p + 16 <= end) {
		const a = load<u32>(p) ^ c;
		const b = load<u32>(p + 4);
		const d = load<u32>(p + 8);
		const f = load<u32>(p + 12);
		c =
			load<u32>(T + (15 << 10) + ((a & 0xff) << 2)) ^
			load<u32>(T + (14 << 10) + (((a >>> 8) & 0xff) << 2)) ^
			load<u32>(T + (13 << 10) + (((a >>> 16) & 0xff) << 2)) ^
			load<u32>(T + (12 << 10) + ((a >>> 24) << 2)) ^
			load<u32>(T + (11 << 10) + ((b & 0xff) << 2)) ^
			load<u32>(T + (10 << 10) + (((b >>> 8) & 0xff) << 2)) ^
			load<u32>(T + (9 << 10) + (((b >>> 16) & 0xff) << 2)) ^
			load<u32>(T + (8 << 10) + ((b >>> 24) << 2)) ^
			load<u32>(T + (7 << 10) + ((d & 0xff) << 2)) ^
			load<u32>(T + (6 << 10) + (((d >>> 8) & 0xff) << 2)) ^
			load<u32>(T + (5 << 10) + (((d >>> 16) & 0xff) << 2)) ^
			load<u32>(T + (4 << 10) + ((d >>> 24) << 2)) ^
			load<u32>(T + (3 << 10) + ((f & 0xff) << 2)) ^
			load<u32>(T + (2 << 10) + (((f >>> 8) & 0xff) << 2)) ^
			load<u32>(T + (1 << 10) + (((f >>> 16) & 0xff) << 2)) ^
			load<u32>(T + ((f >>> 24) << 2));
		p += 16;
	}
	while (p < end) {
		c = load<u32>(T + (((c ^ load<u8>(p)) & 0xff) << 2)) ^ (c >>> 8);
		p++;
	}
	return ~c;
}

/** First byte of the caller's region (16-aligned, after the module's static data). */
export function heapBase(): usize {
	return (__heap_base + 15) & ~15;
}

/** Grow the memory so that [heapBase(), heapBase() + bytes) exists; returns false if it cannot. */
export function reserve(bytes: u32): bool {
	const need = heapBase() + <usize>bytes;
	const have = <usize>memory.size() << 16;
	if (need <= have) return true;
	const pages = <i32>((need - have + 0xffff) >> 16);
	return memory.grow(pages) >= 0;
}
