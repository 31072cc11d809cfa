/**
 * The rare-disease knowledge base in memory: the HPO ontology (ancestor closure, background
 * frequency and information content per term), disease annotations (terms, frequencies, genes,
 * inheritance) and gene models. Built from the compact JSON written by scripts/build-rare-kb.ts;
 * loading the bytes is platform code (kb-node.ts for Node, kb-browser.ts for pages/workers).
 */
import { RareError } from './errors';
import type { RareBuild } from './types';

/** hpo.json as written by the build script. */
export interface HpoJson {
	version: string;
	source: string;
	ids: number[];
	names: string[];
	parents: number[][];
	aliases: [number, number][];
}
/** hpo-text.json: synonyms and definitions, for the term picker. */
export interface HpoTextJson {
	version: string;
	defs: string[];
	syn: string[][];
	lay: string[][];
}
/** annotations.json: diseases with genes, modes and HPO terms (indices into hpo.json). */
export interface AnnotationsJson {
	source: string;
	version: string;
	ids: string[];
	names: string[];
	genes: string[][];
	modes: string[][];
	terms: number[][];
	/** percent, -1 = not stated */
	freqs: number[][];
}
/** genes-<build>.json: one row per gene, see the build script for the columns. */
export interface GenesJson {
	build: RareBuild;
	source: string;
	hgnc: Record<string, string>;
	genes: [string, string, 1 | -1, number, number, number, number, number[], number[], 0 | 1 | 2, number | null, number | null, number | null, number, (1 | 2)?][];
}

/** Root of the phenotypic-abnormality subtree (only its descendants describe a patient). */
export const PHENOTYPIC_ABNORMALITY = 118;

/** The ontology with closure and indices. */
export class Ontology {
	readonly version: string;
	readonly source: string;
	readonly size: number;
	readonly ids: Int32Array;
	readonly names: string[];
	readonly parents: Int32Array[];
	/** Ancestors of each term including itself (closure). */
	readonly ancestors: Int32Array[];
	private readonly byNumber = new Map<number, number>();
	private readonly aliasOf = new Map<number, number>();
	private children: Int32Array[] | null = null;

	/** @param json the parsed hpo.json */
	constructor(json: HpoJson) {
		this.version = json.version;
		this.source = json.source;
		this.size = json.ids.length;
		this.ids = Int32Array.from(json.ids);
		this.names = json.names;
		this.parents = json.parents.map((p) => Int32Array.from(p));
		json.ids.forEach((n, i) => this.byNumber.set(n, i));
		for (const [n, i] of json.aliases) this.aliasOf.set(n, i);
		const anc: (Int32Array | undefined)[] = new Array(this.size);
		const visit = (i: number, depth: number): Int32Array => {
			const done = anc[i];
			if (done) return done;
			if (depth > 200) throw new RareError('failed', 'knowledge-missing', 'The HPO ontology has a cycle.');
			const set = new Set<number>([i]);
			for (const p of this.parents[i]) for (const a of visit(p, depth + 1)) set.add(a);
			const arr = Int32Array.from(set);
			anc[i] = arr;
			return arr;
		};
		for (let i = 0; i < this.size; i++) visit(i, 0);
		this.ancestors = anc as Int32Array[];
	}

	/** Index of "HP:0001250" (alt ids and obsolete ids with a replacement resolve); -1 when unknown. */
	indexOf(id: string): number {
		const m = /^HP:(\d{7})$/.exec(id.trim().toUpperCase());
		if (!m) return -1;
		const n = Number(m[1]);
		return this.byNumber.get(n) ?? this.aliasOf.get(n) ?? -1;
	}

	/** "HP:0001250" of a term index. */
	idOf(i: number): string {
		return 'HP:' + String(this.ids[i]).padStart(7, '0');
	}

	/** True when term i is a descendant (or self) of term `ancestor`. */
	isA(i: number, ancestor: number): boolean {
		return this.ancestors[i].includes(ancestor);
	}

	/** Direct children of each term (computed once, on demand). */
	childrenOf(i: number): Int32Array {
		if (!this.children) {
			const lists: number[][] = Array.from({ length: this.size }, () => []);
			this.parents.forEach((ps, c) => ps.forEach((p) => lists[p].push(c)));
			this.children = lists.map((l) => Int32Array.from(l));
		}
		return this.children[i];
	}
}

/** One disease with its annotations (term indices and frequencies in [0,1], -1 = not stated). */
export interface Disease {
	id: string;
	name: string;
	genes: string[];
	modes: string[];
	terms: Int32Array;
	freqs: Float32Array;
	/**
	 * Features the disease is explicitly annotated NOT to have (HPOA qualifier NOT, or frequency
	 * 0 / "Excluded"); only a phenotype.hpoa file carries them (optional).
	 */
	notTerms?: Int32Array;
}

/** Disease annotations with per-term background (fraction of diseases whose closure has the term). */
export class Annotations {
	readonly source: string;
	readonly version: string;
	readonly diseases: Disease[];
	/** Background frequency of each term among diseases (smoothed). */
	readonly background: Float64Array;
	/** Diseases per gene (indices into `diseases`). */
	readonly byGene: Map<string, number[]>;
	/**
	 * Inverted index over the propagated annotations: for term t, entries
	 * postStart[t]..postStart[t+1] give each disease whose annotations imply t, the highest stated
	 * frequency of those annotations (postFreq, -1 when none is stated) and whether any had no
	 * stated frequency (postUnknown).
	 */
	readonly postStart: Int32Array;
	readonly postDisease: Int32Array;
	readonly postFreq: Float32Array;
	readonly postUnknown: Uint8Array;

	/**
	 * @param ontology the ontology the term indices refer to
	 * @param diseases diseases with their annotations
	 */
	constructor(ontology: Ontology, diseases: Disease[], source: string, version: string) {
		this.source = source;
		this.version = version;
		this.diseases = diseases;
		const counts = new Float64Array(ontology.size);
		const seen = new Int32Array(ontology.size).fill(-1);
		diseases.forEach((d, di) => {
			for (const t of d.terms)
				for (const a of ontology.ancestors[t]) {
					if (seen[a] === di) continue;
					seen[a] = di;
					counts[a]++;
				}
		});
		const n = diseases.length;
		this.background = counts.map((c) => (c + 0.5) / (n + 1));
		// inverted index
		const start = new Int32Array(ontology.size + 1);
		for (let t = 0; t < ontology.size; t++) start[t + 1] = start[t] + counts[t];
		const total = start[ontology.size];
		this.postStart = start;
		this.postDisease = new Int32Array(total);
		this.postFreq = new Float32Array(total).fill(-1);
		this.postUnknown = new Uint8Array(total);
		const fill = start.slice(0, ontology.size);
		const slot = new Int32Array(ontology.size).fill(-1);
		seen.fill(-1);
		diseases.forEach((d, di) => {
			for (let k = 0; k < d.terms.length; k++) {
				const f = d.freqs[k];
				for (const a of ontology.ancestors[d.terms[k]]) {
					let j: number;
					if (seen[a] === di) j = slot[a];
					else {
						seen[a] = di;
						j = fill[a]++;
						slot[a] = j;
						this.postDisease[j] = di;
					}
					if (f < 0) this.postUnknown[j] = 1;
					else if (f > this.postFreq[j]) this.postFreq[j] = f;
				}
			}
		});
		this.byGene = new Map();
		diseases.forEach((d, di) => {
			for (const g of d.genes) {
				const l = this.byGene.get(g);
				if (l) l.push(di);
				else this.byGene.set(g, [di]);
			}
		});
	}
}

/** Build Annotations from annotations.json. */
export function annotationsFromJson(ontology: Ontology, json: AnnotationsJson): Annotations {
	const diseases: Disease[] = json.ids.map((id, i) => ({
		id,
		name: json.names[i],
		genes: json.genes[i],
		modes: json.modes[i],
		terms: Int32Array.from(json.terms[i]),
		freqs: Float32Array.from(json.freqs[i], (f) => (f < 0 ? -1 : f / 100))
	}));
	return new Annotations(ontology, diseases, json.source, json.version);
}

/** One gene model (0-based half-open coordinates, as in genePred). */
export interface GeneModel {
	gene: string;
	chrom: string;
	strand: 1 | -1;
	txStart: number;
	txEnd: number;
	cdsStart: number;
	cdsEnd: number;
	exonStarts: Int32Array;
	exonEnds: Int32Array;
	/**
	 * 1 = CDS identical to MANE Select; 2 = MANE Select rebuilt from RefSeq exons and MANE's UTR
	 * bounds (same span, a whole number of codons; GRCh38 only); 0 = another isoform (consequences
	 * are approximate).
	 */
	tier: 0 | 1 | 2;
	pLI: number | null;
	loeuf: number | null;
	misZ: number | null;
	/** ClinGen haploinsufficiency score (0–3, 30 = recessive, 40 = unlikely), null if not curated. */
	haploinsufficiency: number | null;
	/**
	 * null = protein-coding model. Otherwise a non-coding disease gene (RefSeq exons, no CDS: an exon
	 * variant is `non_coding_transcript_exon_variant`): 'functional' = a small structural RNA that is the
	 * only gene of one of its diseases (RNU4-2, RNU4ATAC, RMRP, TERC, MIR140 …: the RNA itself is the
	 * gene product, its sequence variants cause the disease); 'other' = other non-coding RNA (lncRNAs,
	 * imprinted transcripts, expansion loci). Rule and list: scripts/build-rare-kb.ts `nonCodingModels`.
	 */
	rna?: 'functional' | 'other' | null;
}

/** Gene models of one build, indexed by chromosome and symbol. */
export class GeneModels {
	readonly build: RareBuild;
	readonly source: string;
	readonly hgnc: Record<string, string>;
	readonly byChrom = new Map<string, GeneModel[]>();
	readonly bySymbol = new Map<string, GeneModel>();

	/** @param json the parsed genes-<build>.json */
	constructor(json: GenesJson) {
		this.build = json.build;
		this.source = json.source;
		this.hgnc = json.hgnc;
		for (const r of json.genes) {
			const [gene, chrom, strand, txStart, txEnd, cs, ce, starts, lens, tier, pLI, loeuf, misZ, hi, rna] = r;
			const m: GeneModel = {
				gene,
				chrom,
				strand,
				txStart,
				txEnd,
				cdsStart: txStart + cs,
				cdsEnd: txStart + ce,
				exonStarts: Int32Array.from(starts, (s) => s + txStart),
				exonEnds: Int32Array.from(starts, (s, i) => s + txStart + lens[i]),
				tier,
				pLI,
				loeuf,
				misZ,
				haploinsufficiency: hi < 0 ? null : hi,
				rna: rna === 1 ? 'functional' : rna === 2 ? 'other' : null
			};
			this.bySymbol.set(gene, m);
			const l = this.byChrom.get(chrom);
			if (l) l.push(m);
			else this.byChrom.set(chrom, [m]);
		}
		for (const l of this.byChrom.values()) l.sort((a, b) => a.txStart - b.txStart);
	}
}

/** Everything the scorer needs. */
export interface RareKb {
	ontology: Ontology;
	annotations: Annotations;
	/** Loaded on demand per build. */
	genes(build: RareBuild): Promise<GeneModels>;
}

/** How platform code hands raw JSON to `createRareKb`. */
export interface RareKbSource {
	hpo(): Promise<HpoJson>;
	annotations(): Promise<AnnotationsJson>;
	genes(build: RareBuild): Promise<GenesJson>;
	text(): Promise<HpoTextJson>;
}

/** Assemble a RareKb from a source (gene models are loaded lazily, once per build). */
export async function createRareKb(source: RareKbSource): Promise<RareKb> {
	const ontology = new Ontology(await source.hpo());
	const annotations = annotationsFromJson(ontology, await source.annotations());
	const cache = new Map<RareBuild, Promise<GeneModels>>();
	return {
		ontology,
		annotations,
		genes(build) {
			let p = cache.get(build);
			if (!p) cache.set(build, (p = source.genes(build).then((j) => new GeneModels(j))));
			return p;
		}
	};
}
