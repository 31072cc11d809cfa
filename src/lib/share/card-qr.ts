/**
 * A whole contact card as a short series of QR codes (spec: docs/card-qr.md).
 *
 * A signed card is ~9.3 KB of JSON, far beyond one QR code. The transfer form packs it into
 * ~6.6 KB of binary (the base64 and bech32 fields as raw bytes), splits that into N ≤ 16 equal
 * parts, and puts each part in one byte-mode QR code (error correction M, version ≤ 40) behind a
 * self-describing ASCII prefix:
 *
 *     QENOME-CARD:<k>/<N>:<id>:<payload bytes>
 *
 * `id` is the first 8 hex digits of SHA-256 over the whole transfer bytes. A receiver collects
 * parts in any order, ignores duplicates, refuses a part of another card, checks the SHA-256 of the
 * assembled bytes against the id and only then parses the card through `parseCard`, which checks
 * its composite self-signature. Nothing in a part is trusted before that; whether the card belongs
 * to the right person is still settled by comparing the safety number.
 *
 * Why byte mode: at version 40-M a code holds 2,331 bytes in byte mode but only 2,260 bytes as
 * base45 in alphanumeric mode, so binary never needs more codes (a typical card: 3 codes).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bech32 } from '@scure/base';
import { deflateSync, Inflate } from 'fflate';
import { parseCard, type ContactCard } from './card';
import { CardQrError } from './errors';
import { canonicalJson, fromBase64, fromUtf8, toBase64, toHex, utf8, type CanonicalValue } from './encoding';

/** ASCII text every part starts with. */
export const CARD_QR_MAGIC = 'QENOME-CARD:';
/** QR error-correction level of the parts (M: ~15 % of a code may be unreadable). */
export const CARD_QR_ECC = 'M' as const;
/** The largest QR version used. */
export const CARD_QR_MAX_VERSION = 40;
/** Bytes a byte-mode QR code holds at version 40, level M. */
export const CARD_QR_CODE_CAPACITY = 2331;
/** Most parts a card may be split into. */
export const MAX_CARD_QR_PARTS = 16;
/** Longest prefix: `QENOME-CARD:16/16:0123abcd:`. */
const MAX_PREFIX = CARD_QR_MAGIC.length + '16/16:'.length + 9;
/** Payload bytes per code. */
const PART_PAYLOAD = CARD_QR_CODE_CAPACITY - MAX_PREFIX;
/** The age post-quantum recipient's bech32 human-readable part. */
const RECIPIENT_HRP = 'age1pq';
/** Transfer layouts (first byte of the whole). */
const LAYOUT_COMPACT = 1;
const LAYOUT_JSON = 2;
/** Inflated canonical JSON of a card may not exceed this (decompression-bomb guard). */
const MAX_JSON = 64 * 1024;
const FINGERPRINT_QR = 'qenome-fp:';
const PREFIX_RE = /^QENOME-CARD:(\d{1,2})\/(\d{1,2}):([0-9a-f]{8}):/;

/** One decoded part. */
export interface CardQrPart {
	/** 1-based position. */
	index: number;
	total: number;
	/** First 8 hex digits of SHA-256 of the whole transfer bytes. */
	id: string;
	payload: Uint8Array;
}

/** How far a collection has come. */
export interface CardQrProgress {
	id: string;
	received: number;
	total: number;
	/** 1-based indexes still missing, ascending. */
	missing: number[];
}

/** What adding one scanned code did. */
export interface CardQrAddResult {
	status: 'added' | 'duplicate';
	index: number;
	progress: CardQrProgress;
}

/** The transfer id of whole bytes: the first 8 hex digits of their SHA-256. */
export function cardQrId(whole: Uint8Array): string {
	return toHex(sha256(whole).subarray(0, 4));
}

// ── the whole: card ⇄ bytes ────────────────────────────────────────────────────────────────

function pushField(out: number[], bytes: Uint8Array): void {
	if (bytes.length > 0xffff) throw new CardQrError('card-too-large', 'A field of this contact card is too large for QR codes.');
	out.push(bytes.length >> 8, bytes.length & 0xff);
	for (const b of bytes) out.push(b);
}

function compactBytes(card: ContactCard): Uint8Array {
	const rec = bech32.decode(card.recipient as `${string}1${string}`, false);
	if (rec.prefix !== RECIPIENT_HRP) throw new Error('not an age1pq recipient');
	const out: number[] = [LAYOUT_COMPACT, card.version];
	for (const f of [
		utf8(card.name),
		utf8(card.created),
		bech32.fromWords(rec.words),
		fromBase64(card.ed25519),
		fromBase64(card.mldsa65),
		fromBase64(card.signature.ed25519),
		fromBase64(card.signature.mldsa65)
	])
		pushField(out, f);
	return Uint8Array.from(out);
}

function corrupt(): CardQrError {
	return new CardQrError('corrupt-card', 'The QR codes were read but do not form a valid contact card. Scan them again from the start.');
}

/** Rebuild the card object from the compact layout (strings exactly as they were signed). */
function fromCompact(bytes: Uint8Array): unknown {
	let o = 2;
	const field = (): Uint8Array => {
		if (o + 2 > bytes.length) throw corrupt();
		const n = (bytes[o] << 8) | bytes[o + 1];
		o += 2;
		if (o + n > bytes.length) throw corrupt();
		const f = bytes.subarray(o, o + n);
		o += n;
		return f;
	};
	try {
		const [name, created, recipient, ed, ml, sigEd, sigMl] = [field(), field(), field(), field(), field(), field(), field()];
		if (o !== bytes.length) throw corrupt();
		return {
			format: 'qenome-card',
			version: bytes[1],
			name: fromUtf8(name),
			recipient: bech32.encode(RECIPIENT_HRP, bech32.toWords(recipient), false),
			ed25519: toBase64(ed),
			mldsa65: toBase64(ml),
			created: fromUtf8(created),
			signature: { ed25519: toBase64(sigEd), mldsa65: toBase64(sigMl) }
		};
	} catch (e) {
		throw e instanceof CardQrError ? e : corrupt();
	}
}

function inflateLimited(bytes: Uint8Array): Uint8Array {
	const chunks: Uint8Array[] = [];
	let size = 0;
	const inf = new Inflate((chunk) => {
		size += chunk.length;
		if (size > MAX_JSON) throw corrupt();
		chunks.push(chunk);
	});
	try {
		inf.push(bytes, true);
	} catch {
		throw corrupt();
	}
	const out = new Uint8Array(size);
	let o = 0;
	for (const c of chunks) {
		out.set(c, o);
		o += c.length;
	}
	return out;
}

/**
 * The transfer bytes of a card: the compact binary layout when it rebuilds the card exactly
 * (every card this app makes), otherwise the card's canonical JSON, deflated.
 */
export function encodeCardTransfer(card: ContactCard): Uint8Array {
	const json = canonicalJson(card as unknown as CanonicalValue);
	try {
		const compact = compactBytes(card);
		if (canonicalJson(fromCompact(compact) as CanonicalValue) === json) return compact;
	} catch {
		/* fall through to the JSON layout */
	}
	const packed = deflateSync(utf8(json), { level: 9 });
	const out = new Uint8Array(packed.length + 1);
	out[0] = LAYOUT_JSON;
	out.set(packed, 1);
	return out;
}

/**
 * Parse transfer bytes back into a card and verify it with `parseCard` (shape, version and the
 * composite self-signature). Throws CardQrError('corrupt-card') or the parser's CardError.
 */
export function decodeCardTransfer(whole: Uint8Array): ContactCard {
	if (whole.length < 2) throw corrupt();
	let obj: unknown;
	if (whole[0] === LAYOUT_COMPACT) obj = fromCompact(whole);
	else if (whole[0] === LAYOUT_JSON) {
		try {
			obj = JSON.parse(fromUtf8(inflateLimited(whole.subarray(1))));
		} catch (e) {
			throw e instanceof CardQrError ? e : corrupt();
		}
	} else throw corrupt();
	return parseCard(obj);
}

// ── parts ───────────────────────────────────────────────────────────────────────────────────

/**
 * The contents of the QR codes of a card, in order (each: ASCII prefix + binary payload, to be
 * encoded as one byte-mode segment at error-correction level M).
 */
export function cardQrParts(card: ContactCard): Uint8Array[] {
	const whole = encodeCardTransfer(card);
	const total = Math.ceil(whole.length / PART_PAYLOAD);
	if (total > MAX_CARD_QR_PARTS)
		throw new CardQrError('card-too-large', `This contact card would need ${total} QR codes; at most ${MAX_CARD_QR_PARTS} are allowed.`);
	const id = cardQrId(whole);
	const size = Math.ceil(whole.length / total);
	const parts: Uint8Array[] = [];
	for (let k = 0; k < total; k++) {
		const prefix = utf8(`${CARD_QR_MAGIC}${k + 1}/${total}:${id}:`);
		const payload = whole.subarray(k * size, Math.min(whole.length, (k + 1) * size));
		const part = new Uint8Array(prefix.length + payload.length);
		part.set(prefix);
		part.set(payload, prefix.length);
		parts.push(part);
	}
	return parts;
}

function asBytes(content: Uint8Array | ArrayLike<number>): Uint8Array {
	return content instanceof Uint8Array ? content : Uint8Array.from(content);
}

/** True when scanned bytes start like a card part (a quick filter before `parseCardQrPart`). */
export function isCardQrPart(content: Uint8Array | ArrayLike<number>): boolean {
	const b = asBytes(content);
	if (b.length < CARD_QR_MAGIC.length) return false;
	for (let i = 0; i < CARD_QR_MAGIC.length; i++) if (b[i] !== CARD_QR_MAGIC.charCodeAt(i)) return false;
	return true;
}

/**
 * Decode one scanned QR code (its raw bytes) into a part. Throws CardQrError: not-a-card-code,
 * fingerprint-only (a fingerprint QR code), bad-part (damaged or inconsistent prefix).
 */
export function parseCardQrPart(content: Uint8Array | ArrayLike<number>): CardQrPart {
	const b = asBytes(content);
	const head = String.fromCharCode(...b.subarray(0, MAX_PREFIX));
	if (!isCardQrPart(b)) {
		if (head.startsWith(FINGERPRINT_QR))
			throw new CardQrError(
				'fingerprint-only',
				'This QR code holds only a fingerprint, not the contact card. Ask them to show "My card as QR codes" on their Contacts page.'
			);
		throw new CardQrError('not-a-card-code', 'This QR code is not part of a Qenome contact card.');
	}
	const m = PREFIX_RE.exec(head);
	const damaged = () => new CardQrError('bad-part', 'This QR code looks like part of a contact card, but its label is damaged.');
	if (!m) throw damaged();
	const index = Number(m[1]);
	const total = Number(m[2]);
	if (total < 1 || total > MAX_CARD_QR_PARTS || index < 1 || index > total || String(index) !== m[1] || String(total) !== m[2])
		throw damaged();
	const payload = b.slice(m[0].length);
	if (payload.length === 0) throw new CardQrError('bad-part', `Part ${index} of ${total} of this contact card is empty.`);
	return { index, total, id: m[3], payload };
}

/**
 * Collects the parts of ONE card from scans in any order. Duplicates are ignored; a part of a
 * different card, or one that contradicts a part already read, is refused and changes nothing.
 * `assemble()` checks the SHA-256 of the whole against the id, then parses and verifies the card.
 */
export class CardQrCollector {
	#id: string | null = null;
	#total = 0;
	#parts = new Map<number, Uint8Array>();

	/** Add one scanned code (raw bytes); throws CardQrError when it cannot be used. */
	add(content: Uint8Array | ArrayLike<number>): CardQrAddResult {
		const part = parseCardQrPart(content);
		if (this.#id !== null && (part.id !== this.#id || part.total !== this.#total))
			throw new CardQrError(
				'mixed-cards',
				`This QR code belongs to a different contact card (${part.id.toUpperCase()}) than the one being read (${this.#id.toUpperCase()}). Finish that card first, or start again.`
			);
		const known = this.#parts.get(part.index);
		if (known) {
			if (!equalBytes(known, part.payload))
				throw new CardQrError(
					'part-conflict',
					`Part ${part.index} of ${part.total} was read twice with different contents; one reading is damaged. Start again.`
				);
			return { status: 'duplicate', index: part.index, progress: this.progress! };
		}
		this.#id = part.id;
		this.#total = part.total;
		this.#parts.set(part.index, part.payload);
		return { status: 'added', index: part.index, progress: this.progress! };
	}

	/** Progress of the card being read, or null before the first part. */
	get progress(): CardQrProgress | null {
		if (this.#id === null) return null;
		const missing: number[] = [];
		for (let k = 1; k <= this.#total; k++) if (!this.#parts.has(k)) missing.push(k);
		return { id: this.#id, received: this.#parts.size, total: this.#total, missing };
	}

	/** True when every part has been read. */
	get complete(): boolean {
		return this.#id !== null && this.#parts.size === this.#total;
	}

	/**
	 * Join the parts, check SHA-256 of the whole against the id, then parse and verify the card.
	 * Throws CardQrError (incomplete, corrupt-card) or the card parser's CardError.
	 */
	assemble(): ContactCard {
		const p = this.progress;
		if (!p || p.missing.length)
			throw new CardQrError(
				'incomplete',
				p ? `Still missing part${p.missing.length > 1 ? 's' : ''} ${listAnd(p.missing)} of ${p.total}.` : 'No part of a contact card has been read yet.'
			);
		const parts = [...this.#parts.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
		const whole = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
		let o = 0;
		for (const x of parts) {
			whole.set(x, o);
			o += x.length;
		}
		if (cardQrId(whole) !== p.id) throw corrupt();
		return decodeCardTransfer(whole);
	}

	/** Forget everything read so far. */
	reset(): void {
		this.#id = null;
		this.#total = 0;
		this.#parts.clear();
	}
}

/** Assemble a card from a list of scanned codes (any order, duplicates allowed). */
export function assembleCardQr(contents: Iterable<Uint8Array | ArrayLike<number>>): ContactCard {
	const c = new CardQrCollector();
	for (const x of contents) c.add(x);
	return c.assemble();
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

function listAnd(xs: number[]): string {
	return xs.length < 2 ? String(xs[0]) : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}
