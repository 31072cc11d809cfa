/**
 * HPO term search for the term picker: by id ("HP:0001250" or "1250"), name, synonym and layperson
 * synonym, ranked exact > prefix > word-prefix > substring, phenotypic abnormalities only.
 */
import type { HpoTextJson, Ontology } from './kb';

/** One search hit. */
export interface TermHit {
	id: string;
	name: string;
	/** The synonym that matched when it was not the name. */
	synonym: string | null;
	layperson: boolean;
	definition: string;
}

interface Row {
	term: number;
	text: string;
	lower: string;
	kind: 'name' | 'syn' | 'lay';
}

/** A prepared index over names and synonyms. */
export class TermIndex {
	private readonly rows: Row[] = [];

	/** @param ontology the ontology; @param text its synonyms and definitions */
	constructor(
		private readonly ontology: Ontology,
		private readonly text: HpoTextJson
	) {
		const root = ontology.indexOf('HP:0000118');
		for (let i = 0; i < ontology.size; i++) {
			if (!ontology.isA(i, root) || i === root) continue;
			this.rows.push({ term: i, text: ontology.names[i], lower: ontology.names[i].toLowerCase(), kind: 'name' });
			for (const s of text.syn[i] ?? []) this.rows.push({ term: i, text: s, lower: s.toLowerCase(), kind: 'syn' });
			for (const s of text.lay[i] ?? []) this.rows.push({ term: i, text: s, lower: s.toLowerCase(), kind: 'lay' });
		}
	}

	/** Definition of a term ('' when none). */
	definition(term: number): string {
		return this.text.defs[term] ?? '';
	}

	/** Up to `limit` hits for the query. */
	search(query: string, limit = 20): TermHit[] {
		const q = query.trim().toLowerCase();
		if (!q) return [];
		const idMatch = /^(?:hp:?)?(\d{1,7})$/.exec(q);
		if (idMatch) {
			const i = this.ontology.indexOf('HP:' + idMatch[1].padStart(7, '0'));
			return i >= 0 ? [this.hit(i, null, false)] : [];
		}
		const words = q.split(/\s+/).filter(Boolean);
		const best = new Map<number, { score: number; row: Row }>();
		for (const row of this.rows) {
			if (!words.every((w) => row.lower.includes(w))) continue;
			let score = row.lower === q ? 0 : row.lower.startsWith(q) ? 1 : words.every((w) => new RegExp(`\\b${escapeRe(w)}`).test(row.lower)) ? 2 : 3;
			score = score * 10 + (row.kind === 'name' ? 0 : row.kind === 'lay' ? 1 : 2) + Math.min(row.lower.length, 200) / 1000;
			const prev = best.get(row.term);
			if (!prev || score < prev.score) best.set(row.term, { score, row });
		}
		return [...best.values()]
			.sort((a, b) => a.score - b.score)
			.slice(0, limit)
			.map(({ row }) => this.hit(row.term, row.kind === 'name' ? null : row.text, row.kind === 'lay'));
	}

	private hit(term: number, synonym: string | null, layperson: boolean): TermHit {
		return { id: this.ontology.idOf(term), name: this.ontology.names[term], synonym, layperson, definition: this.definition(term) };
	}
}

function escapeRe(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
