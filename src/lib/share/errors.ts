/**
 * Typed, user-facing errors of the sharing domain. Every refusal carries a machine-readable
 * kebab-case `code`, a `kind` (refused by default; `input` for malformed input) and a
 * plain-language `message`; the CLI prints the message as one line and maps the kind to its exit code.
 */
import { QenomeError, type ErrorKind } from '../errors';

/** Reasons an identity operation fails. */
export type IdentityErrorCode =
	| 'wrong-passphrase'
	| 'weak-passphrase'
	| 'bad-identity-file'
	| 'unsupported-identity-version'
	| 'bad-kdf-params'
	| 'card-mismatch'
	| 'no-identity'
	| 'locked';

/** Reasons a contact card is refused. */
export type CardErrorCode = 'bad-card' | 'unsupported-card-version' | 'bad-card-signature' | 'key-changed';

/** Reasons a multi-part contact-card QR transfer is refused (see card-qr.ts). */
export type CardQrErrorCode =
	| 'not-a-card-code'
	| 'fingerprint-only'
	| 'bad-part'
	| 'mixed-cards'
	| 'part-conflict'
	| 'incomplete'
	| 'corrupt-card'
	| 'card-too-large';

/** Reasons a bundle is refused when sealing or opening. */
export type BundleErrorCode =
	| 'not-age'
	| 'bad-age-header'
	| 'non-pq-recipient'
	| 'too-many-recipients'
	| 'no-recipients'
	| 'not-a-recipient'
	| 'decrypt-failed'
	| 'truncated'
	| 'trailing-data'
	| 'not-a-bundle'
	| 'unsupported-version'
	| 'bad-manifest'
	| 'opener-not-listed'
	| 'recipient-count-mismatch'
	| 'content-mismatch'
	| 'missing-signature'
	| 'foreign-signature'
	| 'bad-signature'
	| 'untrusted-sender'
	| 'bad-content'
	| 'write-failed'
	| 'cancelled';

/** Base class: an error with a code and kind that survive the worker bridge. */
export class ShareError<C extends string = string> extends QenomeError {
	declare readonly code: C;
	/** @param code machine-readable reason; @param message plain-language sentence; @param kind what the caller should do */
	constructor(code: C, message: string, kind: ErrorKind = 'refused') {
		super(code === 'cancelled' ? 'cancelled' : kind, code, message);
	}
}

/** An identity (key file, passphrase) problem. */
export class IdentityError extends ShareError<IdentityErrorCode> {
	/** @param code reason; @param message plain-language sentence; @param kind what the caller should do */
	constructor(code: IdentityErrorCode, message: string, kind: ErrorKind = 'refused') {
		super(code, message, kind);
		this.name = 'IdentityError';
	}
}

/** A contact card problem. */
export class CardError extends ShareError<CardErrorCode> {
	/** @param code reason; @param message plain-language sentence; @param kind what the caller should do */
	constructor(code: CardErrorCode, message: string, kind: ErrorKind = 'refused') {
		super(code, message, kind);
		this.name = 'CardError';
	}
}

/** A bundle refused while sealing or opening; nothing was kept. */
export class BundleError extends ShareError<BundleErrorCode> {
	/** @param code reason; @param message plain-language sentence; @param kind what the caller should do */
	constructor(code: BundleErrorCode, message: string, kind: ErrorKind = 'refused') {
		super(code, message, kind);
		this.name = 'BundleError';
	}
}

/** A QR code part of a contact card that cannot be used; the other parts collected so far are kept. */
export class CardQrError extends ShareError<CardQrErrorCode> {
	/** @param code reason; @param message plain-language sentence; @param kind what the caller should do */
	constructor(code: CardQrErrorCode, message: string, kind: ErrorKind = 'input') {
		super(code, message, kind);
		this.name = 'CardQrError';
	}
}
