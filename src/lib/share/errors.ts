/**
 * Typed, user-facing errors of the sharing domain. Every refusal carries a machine-readable
 * `code` and a plain-language `message`; the CLI prints the message as one line and exits with
 * `exitCode` (1 = refused operation, 2 = bad input).
 */

/** Reasons an identity operation fails. */
export type IdentityErrorCode =
	| 'WRONG_PASSPHRASE'
	| 'WEAK_PASSPHRASE'
	| 'BAD_IDENTITY_FILE'
	| 'UNSUPPORTED_IDENTITY_VERSION'
	| 'BAD_KDF_PARAMS'
	| 'CARD_MISMATCH'
	| 'NO_IDENTITY'
	| 'LOCKED';

/** Reasons a contact card is refused. */
export type CardErrorCode = 'BAD_CARD' | 'UNSUPPORTED_CARD_VERSION' | 'BAD_CARD_SIGNATURE' | 'KEY_CHANGED';

/** Reasons a multi-part contact-card QR transfer is refused (see card-qr.ts). */
export type CardQrErrorCode =
	| 'NOT_A_CARD_CODE'
	| 'FINGERPRINT_ONLY'
	| 'BAD_PART'
	| 'MIXED_CARDS'
	| 'PART_CONFLICT'
	| 'INCOMPLETE'
	| 'CORRUPT_CARD'
	| 'CARD_TOO_LARGE';

/** Reasons a bundle is refused when sealing or opening. */
export type BundleErrorCode =
	| 'NOT_AGE'
	| 'BAD_AGE_HEADER'
	| 'NON_PQ_RECIPIENT'
	| 'TOO_MANY_RECIPIENTS'
	| 'NO_RECIPIENTS'
	| 'NOT_A_RECIPIENT'
	| 'DECRYPT_FAILED'
	| 'TRUNCATED'
	| 'TRAILING_DATA'
	| 'NOT_A_BUNDLE'
	| 'UNSUPPORTED_VERSION'
	| 'BAD_MANIFEST'
	| 'OPENER_NOT_LISTED'
	| 'RECIPIENT_COUNT_MISMATCH'
	| 'CONTENT_MISMATCH'
	| 'MISSING_SIGNATURE'
	| 'FOREIGN_SIGNATURE'
	| 'BAD_SIGNATURE'
	| 'UNTRUSTED_SENDER'
	| 'BAD_CONTENT'
	| 'WRITE_FAILED'
	| 'CANCELLED';

/** Base class: an error with a code that survives the worker bridge. */
export class ShareError<C extends string = string> extends Error {
	readonly code: C;
	readonly exitCode: number;
	/** @param code machine-readable reason; @param message plain-language sentence; @param exitCode CLI exit code */
	constructor(code: C, message: string, exitCode = 1) {
		super(message);
		this.code = code;
		this.exitCode = exitCode;
	}
}

/** An identity (key file, passphrase) problem. */
export class IdentityError extends ShareError<IdentityErrorCode> {
	/** @param code reason; @param message plain-language sentence; @param exitCode CLI exit code */
	constructor(code: IdentityErrorCode, message: string, exitCode = 1) {
		super(code, message, exitCode);
		this.name = 'IdentityError';
	}
}

/** A contact card problem. */
export class CardError extends ShareError<CardErrorCode> {
	/** @param code reason; @param message plain-language sentence; @param exitCode CLI exit code */
	constructor(code: CardErrorCode, message: string, exitCode = 1) {
		super(code, message, exitCode);
		this.name = 'CardError';
	}
}

/** A bundle refused while sealing or opening; nothing was kept. */
export class BundleError extends ShareError<BundleErrorCode> {
	/** @param code reason; @param message plain-language sentence; @param exitCode CLI exit code */
	constructor(code: BundleErrorCode, message: string, exitCode = 1) {
		super(code, message, exitCode);
		this.name = 'BundleError';
	}
}

/** A QR code part of a contact card that cannot be used; the other parts collected so far are kept. */
export class CardQrError extends ShareError<CardQrErrorCode> {
	/** @param code reason; @param message plain-language sentence; @param exitCode CLI exit code */
	constructor(code: CardQrErrorCode, message: string, exitCode = 2) {
		super(code, message, exitCode);
		this.name = 'CardQrError';
	}
}
