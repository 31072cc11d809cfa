/**
 * GA4GH Phenopacket v2 import and export for rare-disease cases: subject (id, sex),
 * phenotypicFeatures (incl. `excluded`), interpretations with candidate variants as VCF records
 * (and allelic state), diseases, and metaData naming the HPO release.
 *
 * Import is defensive: phenopacket-store files carry string `pos` values and chromosomes without
 * "chr"; both are normalised. Nothing from the file is executed or trusted beyond its fields.
 */
import { RareError } from './errors';
import type { RareResult, RareSex, Zygosity } from './types';

/** A variant named in a phenopacket's interpretations. */
export interface PhenopacketVariant {
	/** Assembly as written ("hg38", "GRCh38", "hg19" …). */
	assembly: string;
	/** Chromosome without "chr". */
	chrom: string;
	pos: number;
	ref: string;
	alt: string;
	zygosity: Zygosity | null;
	gene: string | null;
	hgnc: string | null;
	/** e.g. CAUSATIVE, CANDIDATE. */
	status: string | null;
	/** The published HGVS descriptions, when the file gives them (`NM_…:c.247C>T`, `NP_…:p.(Arg83Trp)`); at most 200 characters each. */
	hgvs: { c: string | null; p: string | null };
}

/** What Qenome reads from a phenopacket. */
export interface PhenopacketCase {
	id: string;
	subjectId: string | null;
	sex: RareSex;
	observed: string[];
	excluded: string[];
	/** Labels of the terms as the file gives them. */
	labels: Record<string, string>;
	variants: PhenopacketVariant[];
	diseases: { id: string; label: string }[];
}

const GENO: Record<string, Zygosity> = {
	'GENO:0000135': 'het',
	'GENO:0000136': 'hom',
	'GENO:0000134': 'hemi',
	'GENO:0000402': 'het' // compound heterozygous (each variant is het)
};

type Json = Record<string, unknown>;
const obj = (x: unknown): Json => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : {});
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | null => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : null);

/** Maximum size of a phenopacket we parse (bytes of JSON text). */
export const MAX_PHENOPACKET_BYTES = 20 * 1024 * 1024;

/** Parse a Phenopacket v2 JSON text. Throws RareError('bad-phenopacket') with a specific message. */
export function parsePhenopacket(text: string): PhenopacketCase {
	if (text.length > MAX_PHENOPACKET_BYTES) throw new RareError('input', 'bad-phenopacket', 'The phenopacket is larger than 20 MB; that is not a single case.');
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (err) {
		throw new RareError('input', 'bad-phenopacket', `The phenopacket is not valid JSON (${(err as Error).message}).`);
	}
	const p = obj(raw);
	if (!p.phenotypicFeatures && !p.subject && !p.interpretations)
		throw new RareError('input', 'bad-phenopacket', 'This JSON is not a Phenopacket v2 (no subject, phenotypicFeatures or interpretations).');
	const subject = obj(p.subject);
	const sexRaw = (str(subject.sex) ?? '').toUpperCase();
	const sex: RareSex = sexRaw === 'MALE' ? 'male' : sexRaw === 'FEMALE' ? 'female' : 'unknown';
	const observed: string[] = [];
	const excluded: string[] = [];
	const labels: Record<string, string> = {};
	for (const f of arr(p.phenotypicFeatures)) {
		const t = obj(obj(f).type);
		const id = str(t.id);
		if (!id || !/^HP:\d{7}$/.test(id)) continue;
		if (typeof t.label === 'string') labels[id] = t.label;
		(obj(f).excluded === true ? excluded : observed).push(id);
	}
	const variants: PhenopacketVariant[] = [];
	const diseases: { id: string; label: string }[] = [];
	for (const d of arr(p.diseases)) {
		const t = obj(obj(d).term);
		const id = str(t.id);
		if (id) diseases.push({ id, label: str(t.label) ?? '' });
	}
	for (const interp of arr(p.interpretations)) {
		const diag = obj(obj(interp).diagnosis);
		const dt = obj(diag.disease);
		const did = str(dt.id);
		if (did && !diseases.some((d) => d.id === did)) diseases.push({ id: did, label: str(dt.label) ?? '' });
		for (const gi of arr(diag.genomicInterpretations)) {
			const g = obj(gi);
			const vd = obj(obj(g.variantInterpretation).variationDescriptor);
			const rec = obj(vd.vcfRecord);
			const chromRaw = str(rec.chrom);
			const pos = Number(str(rec.pos));
			const ref = str(rec.ref);
			const alt = str(rec.alt);
			if (!chromRaw || !Number.isInteger(pos) || pos < 1 || !ref || !alt) continue;
			let chrom = chromRaw.replace(/^chr/i, '');
			if (chrom === 'M') chrom = 'MT';
			const gc = obj(vd.geneContext);
			const allelic = str(obj(vd.allelicState).id);
			const expression = (syntax: string) => {
				const e = arr(vd.expressions).map(obj).find((x) => x.syntax === syntax);
				const v = e ? str(e.value) : null;
				return v && v.length <= 200 ? v : null;
			};
			variants.push({
				assembly: str(rec.genomeAssembly) ?? 'unknown',
				chrom,
				pos,
				ref: ref.toUpperCase(),
				alt: alt.toUpperCase(),
				zygosity: allelic ? (GENO[allelic] ?? null) : null,
				gene: str(gc.symbol),
				hgnc: str(gc.valueId),
				status: str(g.interpretationStatus),
				hgvs: { c: expression('hgvs.c'), p: expression('hgvs.p') }
			});
		}
	}
	return { id: str(p.id) ?? 'case', subjectId: str(subject.id), sex, observed, excluded, labels, variants, diseases };
}

/** Options for `toPhenopacket`. */
export interface PhenopacketExportOptions {
	/** Subject id to write (default "patient"). */
	subjectId?: string;
	/** Labels for HPO ids (the ontology's names). */
	labelOf?: (id: string) => string | null;
	/** How many ranked genes become candidate interpretations (default 5). */
	candidates?: number;
	/** Creation timestamp (default now). */
	created?: string;
}

const GENO_OUT: Record<Zygosity, { id: string; label: string }> = {
	het: { id: 'GENO:0000135', label: 'heterozygous' },
	hom: { id: 'GENO:0000136', label: 'homozygous' },
	hemi: { id: 'GENO:0000134', label: 'hemizygous' }
};

/** Export a result as a Phenopacket v2 (schema 2.0.2 field names): the query and the top candidates. */
export function toPhenopacket(result: RareResult, options: PhenopacketExportOptions = {}): Json {
	const label = (id: string) => options.labelOf?.(id) ?? id;
	const subjectId = options.subjectId ?? 'patient';
	const created = options.created ?? result.created;
	const sex = result.query.sex === 'male' ? 'MALE' : result.query.sex === 'female' ? 'FEMALE' : 'UNKNOWN_SEX';
	const features = [
		...result.query.observed.map((id) => ({ type: { id, label: label(id) } })),
		...result.query.excluded.map((id) => ({ type: { id, label: label(id) }, excluded: true }))
	];
	const n = options.candidates ?? 5;
	const assembly = result.build === 'GRCh37' ? 'GRCh37' : 'GRCh38';
	const interpretations = result.genes.slice(0, n).map((g, i) => ({
		id: `qenome-${i + 1}-${g.gene}`,
		progressStatus: 'IN_PROGRESS',
		diagnosis: {
			disease: g.diseases[0] ? { id: g.diseases[0].id, label: g.diseases[0].name } : undefined,
			genomicInterpretations: g.variants.length
				? g.variants.slice(0, 4).map((v) => ({
						subjectOrBiosampleId: subjectId,
						interpretationStatus: 'CANDIDATE',
						variantInterpretation: {
							variationDescriptor: {
								id: `${v.chrom}-${v.pos}-${v.ref}-${v.alt}`,
								geneContext: { valueId: g.gene, symbol: g.gene },
								vcfRecord: { genomeAssembly: assembly, chrom: v.chrom, pos: String(v.pos), ref: v.ref, alt: v.alt },
								moleculeContext: 'genomic',
								allelicState: GENO_OUT[v.zygosity]
							}
						}
					}))
				: [{ subjectOrBiosampleId: subjectId, interpretationStatus: 'CANDIDATE', gene: { valueId: g.gene, symbol: g.gene } }]
		}
	}));
	return {
		id: `qenome-${created.replace(/[^0-9]/g, '').slice(0, 14)}`,
		subject: { id: subjectId, sex },
		phenotypicFeatures: features,
		...(interpretations.length ? { interpretations } : {}),
		metaData: {
			created,
			createdBy: 'Qenome',
			resources: [
				{
					id: 'hp',
					name: 'human phenotype ontology',
					url: 'http://purl.obolibrary.org/obo/hp.owl',
					version: result.hpo.version,
					namespacePrefix: 'HP',
					iriPrefix: 'http://purl.obolibrary.org/obo/HP_'
				},
				{
					id: 'geno',
					name: 'Genotype Ontology',
					url: 'http://purl.obolibrary.org/obo/geno.owl',
					version: '2023-10-08',
					namespacePrefix: 'GENO',
					iriPrefix: 'http://purl.obolibrary.org/obo/GENO_'
				}
			],
			phenopacketSchemaVersion: '2.0.2'
		}
	};
}
