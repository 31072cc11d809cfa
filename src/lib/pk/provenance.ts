/**
 * How far a cited number can be trusted, from its source and note: "assumed" (the model's own),
 * "recalled" (taken from the named source from memory, not re-read), "checked" (re-read in the
 * named source while building the data) or "cited" (from a source, derived or not, with no
 * statement either way). The data file states this in each figure's note; the page shows it.
 */
import type { Cited } from './data-types';

/** Provenance classes shown beside each number. */
export type ProvenanceStatus = 'assumed' | 'recalled' | 'checked' | 'cited';

/** The provenance class of one cited number ("recalled" wins over "checked" if a note says both). */
export function provenanceStatus(cited: Cited): ProvenanceStatus {
	if (cited.source === 'assumption') return 'assumed';
	const note = cited.note ?? '';
	if (/recalled/.test(note)) return 'recalled';
	if (/\bchecked\b/.test(note)) return 'checked';
	return 'cited';
}
