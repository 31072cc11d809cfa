/**
 * One-time passphrases for "doctor without keys" bundles: 24 symbols of Crockford's base32
 * alphabet (no I, L, O, U), 120 bits from the platform's CSPRNG, written in groups of four so it can
 * be read out or typed: `7KQD-M2XP-…`. Typing it back is forgiving (case, spaces, dashes, O→0, I/L→1).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh one-time passphrase (120 bits). */
export function generateOneTimePassphrase(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(24));
	const chars = Array.from(bytes, (b) => ALPHABET[b & 31]);
	return Array.from({ length: 6 }, (_, i) => chars.slice(i * 4, i * 4 + 4).join('')).join('-');
}

/** True when `text` looks like a generated one-time passphrase (after normalising). */
export function isGeneratedPassphrase(text: string): boolean {
	return /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/.test(normalizeOneTimePassphrase(text));
}

/**
 * A typed-in generated passphrase in its canonical form (upper case, groups of four, O→0, I/L→1);
 * any other text is returned unchanged, so passphrases chosen by a person still work.
 */
export function normalizeOneTimePassphrase(text: string): string {
	const t = text.trim();
	const compact = t.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
	if (compact.length !== 24 || !/^[0-9A-HJKMNP-TV-Z]+$/.test(compact)) return t;
	return compact.match(/.{4}/g)!.join('-');
}
