/**
 * Lookups typed by a person: "rs4244285", "chr10:94781859", "10:94,781,859", "X 1234".
 * Parsing is strict and every refusal says what was expected.
 */
import type { Chromosome, GenomeView, GenotypeCall } from '../genome/types';
import { parseChromosomeName } from '../genome/chromosomes';
import { StoreError } from './errors';

/** A parsed lookup: by rsID or by chromosome position on the profile's build. */
export type LookupQuery = { kind: 'rsid'; rsid: string } | { kind: 'position'; chrom: Chromosome; pos: number };

/** The answer to a lookup. `call` is null when the file has no record there (not tested). */
export interface LookupResult {
	query: LookupQuery;
	/** Canonical text of the query, e.g. "rs4244285" or "10:94781859". */
	label: string;
	call: GenotypeCall | null;
}

/** Parse a lookup typed by the user; throws StoreError('invalid') with a specific message. */
export function parseLookupQuery(input: string): LookupQuery {
	const text = String(input ?? '').trim();
	if (!text) throw new StoreError('invalid', 'Type an rsID such as rs4244285, or a position such as 10:94781859.');
	const rs = /^rs\s*(\d{1,10})$/i.exec(text);
	if (rs) {
		const n = Number(rs[1]);
		if (n < 1 || n > 0xffffffff) throw new StoreError('invalid', `"${text}" is not a valid rsID number.`);
		return { kind: 'rsid', rsid: `rs${n}` };
	}
	const pos = /^([A-Za-z0-9]+)\s*[:\s]\s*([\d,]+)$/.exec(text);
	if (pos) {
		const chrom = parseChromosomeName(pos[1]);
		if (!chrom) throw new StoreError('invalid', `"${pos[1]}" is not a chromosome. Use 1–22, X, Y or MT.`);
		const n = Number(pos[2].replace(/,/g, ''));
		if (!Number.isSafeInteger(n) || n < 1 || n > 0xffffffff) {
			throw new StoreError('invalid', `"${pos[2]}" is not a valid position (a whole number from 1).`);
		}
		return { kind: 'position', chrom, pos: n };
	}
	throw new StoreError('invalid', `"${text}" is neither an rsID (like rs4244285) nor a position (like 10:94781859).`);
}

/** Run a parsed query against a genome view. */
export function lookupInView(view: GenomeView, query: LookupQuery): LookupResult {
	if (query.kind === 'rsid') return { query, label: query.rsid, call: view.byRsid(query.rsid) };
	return { query, label: `${query.chrom}:${query.pos}`, call: view.byPosition(query.chrom, query.pos) };
}
