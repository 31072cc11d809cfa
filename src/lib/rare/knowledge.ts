/**
 * User-supplied reference files in their stored form: a ClinVar release, gnomAD frequencies and a
 * newer `phenotype.hpoa`, each read once (streamed, bounded) into a compact value and kept in the
 * browser's store (src/lib/store/knowledge.ts) so every later analysis uses them. This module only
 * converts between the readers' objects and storable parts (info + structured-cloneable values);
 * the worker and the CLI do the I/O.
 */
import { clinVarFromTable, type ClinVarDb, type ClinVarTable } from './clinvar';
import { RareError } from './errors';
import { gnomadFromTable, type GnomadDb, type GnomadTable } from './gnomad';
import { Annotations, type Disease, type RareKb } from './kb';
import type { SiteChromosome } from './sites';

/** The kinds of user reference file. */
export type UserKnowledgeKind = 'clinvar' | 'gnomad' | 'hpoa';
/** Every kind, in the order the page lists them. */
export const USER_KNOWLEDGE_KINDS: UserKnowledgeKind[] = ['clinvar', 'gnomad', 'hpoa'];

/** What is shown about a stored file (same shape as the store's KnowledgeInfo). */
export interface UserKnowledgeInfo {
	kind: UserKnowledgeKind;
	fileName: string;
	fileBytes: number;
	release: string;
	build: string | null;
	records: number;
	note: string;
	stored: string;
}

/** A storable part. */
export interface UserKnowledgePart {
	part: string;
	value: unknown;
}

/** The loaded user reference data an analysis uses (null = not supplied). */
export interface UserKnowledge {
	clinvar: ClinVarDb | null;
	gnomad: GnomadDb | null;
	annotations: Annotations | null;
}

const file = (name: string, bytes: number) => ({ fileName: name.slice(0, 200), fileBytes: bytes, stored: new Date().toISOString() });

/** ClinVar → info + parts (one per chromosome). */
export function clinvarParts(db: ClinVarDb, name: string, bytes: number): { info: UserKnowledgeInfo; parts: UserKnowledgePart[] } {
	const t = db.table;
	if (!t) throw new RareError('failed', 'bad-knowledge', 'This ClinVar lookup has no compact table to store.');
	let pathogenic = 0;
	for (const p of t.parts) for (const s of p.cols.sig) if (s >> 3 === 1 || s >> 3 === 2) pathogenic++;
	return {
		info: {
			kind: 'clinvar',
			...file(name, bytes),
			release: t.release,
			build: t.build,
			records: db.records.size,
			note: `${db.records.size.toLocaleString('en')} classified variants kept (${pathogenic.toLocaleString('en')} pathogenic or likely pathogenic; uncertain ones add nothing and are not kept).`
		},
		parts: [{ part: 'meta', value: { release: t.release, build: t.build, genes: t.genes, clnsigs: t.clnsigs, mcs: t.mcs } }, ...t.parts.map((p) => ({ part: `chr:${p.chrom}`, value: p }))]
	};
}

/** gnomAD → info + parts. */
export function gnomadParts(db: GnomadDb, name: string, bytes: number): { info: UserKnowledgeInfo; parts: UserKnowledgePart[] } {
	const t = db.table;
	return {
		info: {
			kind: 'gnomad',
			...file(name, bytes),
			release: t.release,
			build: t.build,
			records: db.size,
			note: `${db.size.toLocaleString('en')} allele frequencies kept of ${t.recordsRead.toLocaleString('en')} records read (only the exons of genes with a disease annotation are kept).`
		},
		parts: [{ part: 'meta', value: { release: t.release, build: t.build, recordsRead: t.recordsRead } }, ...t.parts.map((p) => ({ part: `chr:${p.chrom}`, value: p }))]
	};
}

/** Annotations from a user's phenotype.hpoa → info + one part (HPO ids as text, so a newer ontology still reads them). */
export function hpoaParts(a: Annotations, kb: RareKb, name: string, bytes: number): { info: UserKnowledgeInfo; parts: UserKnowledgePart[] } {
	const o = kb.ontology;
	const diseases = a.diseases.map((d) => ({
		id: d.id,
		name: d.name,
		genes: d.genes,
		modes: d.modes,
		terms: Array.from(d.terms, (t) => o.idOf(t)),
		freqs: d.freqs,
		...(d.notTerms?.length ? { not: Array.from(d.notTerms, (t) => o.idOf(t)) } : {})
	}));
	const n = a.diseases.reduce((s, d) => s + d.terms.length, 0);
	return {
		info: {
			kind: 'hpoa',
			...file(name, bytes),
			release: a.version,
			build: null,
			records: n,
			note: `${a.diseases.length.toLocaleString('en')} diseases with a gene, ${n.toLocaleString('en')} phenotype annotations; they replace the built-in disease annotations.`
		},
		parts: [{ part: 'diseases', value: { source: a.source, version: a.version, diseases } }]
	};
}

function bad(kind: string): RareError {
	return new RareError('input', 'bad-knowledge', `The stored ${kind} file is damaged or from an incompatible version: remove it and add it again.`);
}

function checkChromParts(parts: UserKnowledgePart[], cols: string[], kind: string): SiteChromosome[] {
	return parts
		.filter((p) => p.part.startsWith('chr:'))
		.map((p) => {
			const c = p.value as SiteChromosome;
			const n = c?.pos?.length;
			if (!(c?.pos instanceof Uint32Array) || !(c.alleleEnds instanceof Uint32Array) || c.alleleEnds.length !== n || typeof c.alleles !== 'string') throw bad(kind);
			if (n && c.alleleEnds[n - 1] !== c.alleles.length) throw bad(kind);
			for (const k of cols) if (!ArrayBuffer.isView(c.cols?.[k]) || c.cols[k].length !== n) throw bad(kind);
			return c;
		});
}

/** Stored parts → ClinVarDb. */
export function clinvarFromParts(parts: UserKnowledgePart[]): ClinVarDb {
	const meta = parts.find((p) => p.part === 'meta')?.value as Omit<ClinVarTable, 'parts'> | undefined;
	if (!meta || !Array.isArray(meta.genes) || !Array.isArray(meta.clnsigs) || !Array.isArray(meta.mcs)) throw bad('ClinVar');
	return clinVarFromTable({ ...meta, parts: checkChromParts(parts, ['sig', 'id', 'gene', 'clnsig', 'mc'], 'ClinVar') });
}

/** Stored parts → GnomadDb. */
export function gnomadFromParts(parts: UserKnowledgePart[]): GnomadDb {
	const meta = parts.find((p) => p.part === 'meta')?.value as Omit<GnomadTable, 'parts'> | undefined;
	if (!meta || typeof meta.release !== 'string') throw bad('gnomAD');
	return gnomadFromTable({ ...meta, parts: checkChromParts(parts, ['af'], 'gnomAD') });
}

/** Stored parts → Annotations over the current ontology (terms it no longer has are dropped). */
export function hpoaFromParts(parts: UserKnowledgePart[], kb: RareKb): Annotations {
	const v = parts.find((p) => p.part === 'diseases')?.value as
		| { source: string; version: string; diseases: { id: string; name: string; genes: string[]; modes: string[]; terms: string[]; freqs: Float32Array; not?: string[] }[] }
		| undefined;
	if (!v || !Array.isArray(v.diseases)) throw bad('HPO annotation');
	const o = kb.ontology;
	const diseases: Disease[] = [];
	for (const d of v.diseases) {
		if (!Array.isArray(d.terms) || !(d.freqs instanceof Float32Array) || d.freqs.length !== d.terms.length) throw bad('HPO annotation');
		const terms: number[] = [];
		const freqs: number[] = [];
		d.terms.forEach((id, i) => {
			const t = o.indexOf(id);
			if (t >= 0) {
				terms.push(t);
				freqs.push(d.freqs[i]);
			}
		});
		// NOT annotations (stored since session 14; older stored files have none)
		const not = Array.isArray(d.not) ? d.not.map((id) => o.indexOf(String(id))).filter((t) => t >= 0) : [];
		if (terms.length) diseases.push({ id: d.id, name: d.name, genes: d.genes, modes: d.modes, terms: Int32Array.from(terms), freqs: Float32Array.from(freqs), ...(not.length ? { notTerms: Int32Array.from(not) } : {}) });
	}
	return new Annotations(o, diseases, v.source, v.version);
}
