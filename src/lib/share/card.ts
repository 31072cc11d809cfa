/**
 * Contact cards: a self-signed public description of an identity (name, age post-quantum
 * recipient, signing public keys, creation date). Its fingerprint is the SHA-256 of the
 * canonical card body (everything but the signature), shown as a short string, a Signal-style
 * 60-digit safety number and a QR code.
 */
import { hasUnsafeCharacters } from '../format';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { CardError } from './errors';
import { compositeSign, compositeVerify, type SigningKeys, type VerifyingKeys } from './composite';
import { canonicalJson, concatBytes, fromBase64, toBase64, toHex, utf8, type CanonicalValue } from './encoding';

/** Domain-separation context of card self-signatures. */
export const CARD_SIGNATURE_CONTEXT = 'qenome-card/v1';
/** The only card version this code reads and writes. */
export const CARD_VERSION = 1;
const MAX_NAME = 80;

/** The signed part of a contact card. */
export interface CardBody {
	format: 'qenome-card';
	version: number;
	name: string;
	/** age post-quantum hybrid recipient (`age1pq1…`, ML-KEM-768 + X25519). */
	recipient: string;
	/** Ed25519 public key, base64. */
	ed25519: string;
	/** ML-DSA-65 public key, base64. */
	mldsa65: string;
	/** ISO-8601 creation time. */
	created: string;
}

/** A card with its composite self-signature. */
export interface ContactCard extends CardBody {
	signature: { ed25519: string; mldsa65: string };
}

/** The canonical bytes that are signed and fingerprinted. */
export function cardBodyBytes(card: CardBody): Uint8Array {
	const body: CardBody = {
		format: card.format,
		version: card.version,
		name: card.name,
		recipient: card.recipient,
		ed25519: card.ed25519,
		mldsa65: card.mldsa65,
		created: card.created
	};
	return utf8(canonicalJson(body as unknown as CanonicalValue));
}

/** Create and self-sign a card. */
export function createCard(
	name: string,
	recipient: string,
	keys: SigningKeys,
	created: string,
	deterministic = false
): ContactCard {
	const body: CardBody = {
		format: 'qenome-card',
		version: CARD_VERSION,
		name: validName(name),
		recipient,
		ed25519: toBase64(keys.ed25519Public),
		mldsa65: toBase64(keys.mldsaPublic),
		created
	};
	const sig = compositeSign(keys, CARD_SIGNATURE_CONTEXT, cardBodyBytes(body), deterministic);
	return { ...body, signature: { ed25519: toBase64(sig.ed25519), mldsa65: toBase64(sig.mldsa65) } };
}

/** Trim and bound a display name; throws CardError for empty, over-long or invisible-character names. */
export function validName(name: string): string {
	const n = name.normalize('NFC').trim().replace(/\s+/g, ' ');
	if (!n) throw new CardError('bad-card', 'The name is empty. Give a name your contacts will recognise.', 'input');
	if (n.length > MAX_NAME) throw new CardError('bad-card', `The name is longer than ${MAX_NAME} characters.`, 'input');
	if (hasUnsafeCharacters(n))
		throw new CardError('bad-card', 'The name holds control, direction-changing or invisible characters; use letters, digits, spaces and punctuation.', 'input');
	return n;
}

/** Public keys of a card as bytes. */
export function cardVerifyingKeys(card: CardBody): VerifyingKeys {
	return { ed25519Public: fromBase64(card.ed25519), mldsaPublic: fromBase64(card.mldsa65) };
}

/**
 * Parse and verify a card from JSON text or a parsed object: shape, version, recipient type and
 * the composite self-signature. Throws CardError with a specific message.
 */
export function parseCard(input: string | unknown): ContactCard {
	let obj: unknown = input;
	if (typeof input === 'string') {
		try {
			obj = JSON.parse(input);
		} catch {
			throw new CardError('bad-card', 'This is not a contact card: it is not valid JSON.', 'input');
		}
	}
	if (!obj || typeof obj !== 'object') throw new CardError('bad-card', 'This is not a contact card.', 'input');
	const c = obj as Record<string, unknown>;
	if (c.format !== 'qenome-card') throw new CardError('bad-card', 'This is not a Qenome contact card (format field missing).', 'input');
	if (c.version !== CARD_VERSION)
		throw new CardError('unsupported-card-version', `This contact card has version ${String(c.version)}; only version ${CARD_VERSION} is supported.`, 'input');
	for (const f of ['name', 'recipient', 'ed25519', 'mldsa65', 'created'] as const) {
		if (typeof c[f] !== 'string') throw new CardError('bad-card', `The contact card has no valid "${f}" field.`, 'input');
	}
	// The name is shown beside verification results: it must be exactly what createCard makes
	// (NFC, trimmed, single spaces, ≤ 80 characters, no control/bidi/invisible characters).
	let canonicalName: string;
	try {
		canonicalName = validName(c.name as string);
	} catch (e) {
		throw new CardError('bad-card', `The contact card's name is not acceptable: ${(e as Error).message}`, 'input');
	}
	if (canonicalName !== c.name) throw new CardError('bad-card', "The contact card's name is not in canonical form (extra spaces or unnormalised characters).", 'input');
	if ((c.created as string).length > 64 || hasUnsafeCharacters(c.created as string)) throw new CardError('bad-card', 'The contact card has no valid "created" field.', 'input');
	const sig = c.signature as Record<string, unknown> | undefined;
	if (!sig || typeof sig.ed25519 !== 'string' || typeof sig.mldsa65 !== 'string')
		throw new CardError('bad-card-signature', 'The contact card is not signed.', 'refused');
	if (!(c.recipient as string).startsWith('age1pq1'))
		throw new CardError('bad-card', 'The contact card does not hold a post-quantum (age1pq1…) recipient.', 'input');
	const card: ContactCard = {
		format: 'qenome-card',
		version: CARD_VERSION,
		name: c.name as string,
		recipient: c.recipient as string,
		ed25519: c.ed25519 as string,
		mldsa65: c.mldsa65 as string,
		created: c.created as string,
		signature: { ed25519: sig.ed25519, mldsa65: sig.mldsa65 }
	};
	let ok = false;
	try {
		ok = compositeVerify(cardVerifyingKeys(card), CARD_SIGNATURE_CONTEXT, cardBodyBytes(card), {
			ed25519: fromBase64(card.signature.ed25519),
			mldsa65: fromBase64(card.signature.mldsa65)
		});
	} catch {
		ok = false;
	}
	if (!ok) throw new CardError('bad-card-signature', `The contact card for "${card.name}" has an invalid signature; it was altered or is not self-signed.`, 'refused');
	return card;
}

/** SHA-256 of the canonical card body (32 bytes). */
export function fingerprintBytes(card: CardBody): Uint8Array {
	return sha256(cardBodyBytes(card));
}

/** Fingerprint as 64 lower-case hex characters (the form used in manifests). */
export function fingerprint(card: CardBody): string {
	return toHex(fingerprintBytes(card));
}

/** Short human form: the first 128 bits as eight groups of four upper-case hex digits. */
export function shortFingerprint(fp: string): string {
	return fp
		.slice(0, 32)
		.toUpperCase()
		.match(/.{4}/g)!
		.join(' ');
}

/** 30 decimal digits for one party (Signal's construction: 5200 iterations of SHA-512). */
function partyDigits(fpHex: string): string {
	let h = sha512(concatBytes(new Uint8Array([0, 1]), utf8(fpHex)));
	for (let i = 1; i < 5200; i++) h = sha512(concatBytes(h, utf8(fpHex)));
	let out = '';
	for (let i = 0; i < 6; i++) {
		const chunk = h.subarray(i * 5, i * 5 + 5);
		let v = 0;
		for (const b of chunk) v = v * 256 + b;
		out += String(v % 100000).padStart(5, '0');
	}
	return out;
}

/**
 * The 60-digit safety number of two parties (the same on both sides: the two 30-digit halves
 * are sorted), as twelve groups of five digits.
 */
export function safetyNumber(fpA: string, fpB: string): string {
	const [a, b] = [partyDigits(fpA), partyDigits(fpB)].sort();
	return (a + b).match(/.{5}/g)!.join(' ');
}

/** Text encoded in a fingerprint QR code. */
export function fingerprintQrPayload(fp: string): string {
	return `qenome-fp:1:${fp}`;
}

/** Parse a scanned fingerprint QR payload; null when the text is not one. */
export function parseFingerprintQr(text: string): string | null {
	const m = /^qenome-fp:1:([0-9a-f]{64})$/.exec(text.trim());
	return m ? m[1] : null;
}
