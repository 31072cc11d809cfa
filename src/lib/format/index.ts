/**
 * Formatting shared by every domain and page: one byte formatter, so a size reads the same in the
 * import progress, the storage estimate, the sharing pages, the Quantum Lab and the CLI.
 */

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/**
 * Bytes as a short human string in binary (IEC) units: "512 bytes", "1.0 KiB", "40.0 MiB",
 * "4.0 GiB". Non-finite or negative input reads "an unknown amount".
 */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return 'an unknown amount';
	if (bytes < 1024) return `${Math.round(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < UNITS.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value.toFixed(1)} ${UNITS[unit]}`;
}

/**
 * Characters that change how a terminal or a page lays text out instead of being read: C0/C1
 * controls (ANSI escapes start with ESC), DEL, bidi embeddings/overrides/isolates and marks,
 * zero-width characters, line/paragraph separators, and the BOM.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

/** True when `text` holds a control, bidi or zero-width character (see `escapeUnsafe`). */
export function hasUnsafeCharacters(text: string): boolean {
	UNSAFE_TEXT.lastIndex = 0;
	const found = UNSAFE_TEXT.test(text);
	UNSAFE_TEXT.lastIndex = 0;
	return found;
}

/**
 * `text` made safe to print on a terminal or in a log: every control, bidi or zero-width
 * character becomes a visible `\u{…}` escape, so a name or file name cannot move the cursor,
 * recolour, reorder or forge the lines around it.
 */
export function escapeUnsafe(text: string): string {
	return text.replace(UNSAFE_TEXT, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
