/**
 * A compact, columnar table of variant sites (chrom, pos, REF, ALT + numeric columns) for the large
 * user-supplied reference files (ClinVar, gnomAD sites). Per chromosome: positions sorted in a
 * Uint32Array, the alleles of all records in one string with end offsets, and each value column
 * in its own typed array — ≈ 15–20 bytes per record instead of a Map entry of several hundred, so
 * a full ClinVar release (≈ 2 M classified records) fits in tens of MB and is stored in IndexedDB
 * as a handful of structured-cloneable parts.
 */

/** Typed arrays a column may use. */
export type SiteColumn = Uint8Array | Uint16Array | Uint32Array | Float32Array;
/** Constructors of those arrays (one per column). */
export type SiteColumnType = typeof Uint8Array | typeof Uint16Array | typeof Uint32Array | typeof Float32Array;

/** One chromosome of a table: what is stored in IndexedDB as one part. */
export interface SiteChromosome {
	chrom: string;
	pos: Uint32Array;
	/** alleles.slice(alleleEnds[i-1] ?? 0, alleleEnds[i]) = "REF ALT" of record i. */
	alleleEnds: Uint32Array;
	alleles: string;
	cols: Record<string, SiteColumn>;
}

/** Read-only lookups over a table. */
export class SiteTable {
	readonly chroms: Map<string, SiteChromosome>;
	readonly size: number;

	/** Wrap parts (built by `SiteTableBuilder` or read back from storage). */
	constructor(parts: SiteChromosome[]) {
		this.chroms = new Map(parts.map((p) => [p.chrom, p]));
		this.size = parts.reduce((n, p) => n + p.pos.length, 0);
	}

	/** Index of the first record at `pos` on `chrom` (-1 when none). */
	firstAt(chrom: string, pos: number): number {
		const c = this.chroms.get(chrom);
		if (!c) return -1;
		const p = c.pos;
		let lo = 0;
		let hi = p.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (p[mid] < pos) lo = mid + 1;
			else hi = mid;
		}
		return lo < p.length && p[lo] === pos ? lo : -1;
	}

	/** Index of the record chrom:pos REF>ALT (-1 when absent). */
	find(chrom: string, pos: number, ref: string, alt: string): number {
		const i0 = this.firstAt(chrom, pos);
		if (i0 < 0) return -1;
		const c = this.chroms.get(chrom)!;
		const want = `${ref} ${alt}`;
		for (let i = i0; i < c.pos.length && c.pos[i] === pos; i++) if (allelesOf(c, i) === want) return i;
		return -1;
	}
}

/** "REF ALT" of record i. */
export function allelesOf(c: SiteChromosome, i: number): string {
	return c.alleles.slice(i > 0 ? c.alleleEnds[i - 1] : 0, c.alleleEnds[i]);
}

class Grow<T extends SiteColumn> {
	a: T;
	n = 0;
	constructor(readonly Type: SiteColumnType) {
		this.a = new Type(1024) as T;
	}
	push(v: number): void {
		if (this.n === this.a.length) {
			const b = new this.Type(this.a.length * 2) as T;
			b.set(this.a as never);
			this.a = b;
		}
		this.a[this.n++] = v;
	}
	done(): T {
		return this.a.slice(0, this.n) as T;
	}
}

interface ChromBuild {
	pos: Grow<Uint32Array>;
	alleles: string[];
	cols: Grow<SiteColumn>[];
	sorted: boolean;
	last: number;
}

/** Accumulates records (any order) and produces sorted per-chromosome parts. */
export class SiteTableBuilder {
	readonly #columns: [string, SiteColumnType][];
	readonly #chroms = new Map<string, ChromBuild>();
	#count = 0;

	/** @param columns the value columns in push order, e.g. [['af', Float32Array]] */
	constructor(columns: [string, SiteColumnType][]) {
		this.#columns = columns;
	}

	/** Records pushed so far. */
	get count(): number {
		return this.#count;
	}

	/** Add one record; `values` follow the column order. */
	push(chrom: string, pos: number, ref: string, alt: string, values: number[]): void {
		let c = this.#chroms.get(chrom);
		if (!c) {
			c = { pos: new Grow(Uint32Array), alleles: [], cols: this.#columns.map(([, T]) => new Grow(T)), sorted: true, last: 0 };
			this.#chroms.set(chrom, c);
		}
		if (pos < c.last) c.sorted = false;
		c.last = pos;
		c.pos.push(pos);
		c.alleles.push(`${ref} ${alt}`);
		for (let k = 0; k < c.cols.length; k++) c.cols[k].push(values[k]);
		this.#count++;
	}

	/** The finished parts, positions ascending (stable for equal positions). */
	finish(): SiteChromosome[] {
		const out: SiteChromosome[] = [];
		for (const [chrom, c] of this.#chroms) {
			let pos = c.pos.done();
			let alleles = c.alleles;
			let cols = c.cols.map((g) => g.done());
			if (!c.sorted) {
				const order = Array.from(pos.keys()).sort((a, b) => pos[a] - pos[b] || a - b);
				pos = Uint32Array.from(order, (i) => pos[i]);
				alleles = order.map((i) => c.alleles[i]);
				cols = cols.map((col) => {
					const t = new (col.constructor as SiteColumnType)(order.length);
					order.forEach((i, j) => (t[j] = col[i]));
					return t;
				});
			}
			const ends = new Uint32Array(alleles.length);
			let off = 0;
			alleles.forEach((s, i) => (ends[i] = off += s.length));
			out.push({ chrom, pos, alleleEnds: ends, alleles: alleles.join(''), cols: Object.fromEntries(this.#columns.map(([name], k) => [name, cols[k]])) });
			c.alleles = [];
		}
		this.#chroms.clear();
		return out;
	}
}
