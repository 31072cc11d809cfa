/**
 * A user-supplied disease annotation file in the standard HPOA format (`phenotype.hpoa`, any
 * release since 2019: DatabaseID, DiseaseName, Qualifier, HPO_ID, Reference, Evidence, Onset,
 * Frequency, Sex, Modifier, Aspect, Biocuration). It replaces the built-in disease annotations for
 * a run; genes come from the built-in disease→gene table (HPOA carries none).
 */
import { RareError } from './errors';
import { Annotations, type Disease, type RareKb } from './kb';
import { forEachLine, type LineStreamOptions } from './stream';

/** HPO inheritance terms → the mode codes the scorer uses (imprinting and mosaicism act as dominant). */
export const INHERITANCE_MODES: Record<string, string> = {
	'HP:0000006': 'AD',
	'HP:0000007': 'AR',
	'HP:0001417': 'XL',
	'HP:0001419': 'XR',
	'HP:0001423': 'XD',
	'HP:0001427': 'MT',
	'HP:0010984': 'DIGENIC',
	'HP:0001442': 'AD',
	'HP:0012274': 'AD',
	'HP:0012275': 'AD',
	'HP:0001450': 'YL'
};
const MODES = INHERITANCE_MODES;
const HP_FREQ: Record<string, number> = { 'HP:0040280': 1, 'HP:0040281': 0.9, 'HP:0040282': 0.55, 'HP:0040283': 0.17, 'HP:0040284': 0.025, 'HP:0040285': 0 };

/** Bounds on a user's annotation file (a hostile file must not exhaust memory). */
const MAX_HPOA_ROWS = 5_000_000;
const MAX_HPOA_DISEASES = 200_000;

/** HPOA frequency text → fraction; -1 = not stated. */
export function hpoaFrequency(f: string): number {
	f = f.trim();
	if (!f) return -1;
	if (f in HP_FREQ) return HP_FREQ[f];
	let m = /^(\d+)\/(\d+)$/.exec(f);
	if (m) return Number(m[2]) > 0 ? Math.min(1, Number(m[1]) / Number(m[2])) : -1;
	m = /^([\d.]+)%$/.exec(f);
	if (m) return Math.min(1, Number(m[1]) / 100);
	return -1;
}

/** Read an HPOA stream into Annotations over the built-in ontology and disease→gene links. */
export async function readHpoa(stream: ReadableStream<Uint8Array>, kb: RareKb, options: LineStreamOptions = {}): Promise<Annotations> {
	const o = kb.ontology;
	const genesOf = new Map<string, string[]>();
	for (const d of kb.annotations.diseases) genesOf.set(d.id, d.genes);
	const dec = new TextDecoder();
	let date = 'unknown';
	let header: string[] | null = null;
	const dz = new Map<string, { name: string; modes: Set<string>; ann: Map<number, number>; not: Set<number> }>();
	let rows = 0;
	await forEachLine(
		stream,
		(buf, s, e) => {
			const line = dec.decode(buf.subarray(s, e));
			if (!line) return;
			if (line.startsWith('#')) {
				const m = /^#date:\s*(\S+)/.exec(line);
				if (m) date = m[1];
				if (/^#?\s*database_?id\t/i.test(line)) header = line.replace(/^#/, '').toLowerCase().split('\t');
				return;
			}
			if (!header) {
				if (/^database_id\t/i.test(line)) {
					header = line.toLowerCase().split('\t');
					return;
				}
				throw new RareError('input', 'bad-annotations', 'This is not an HPO annotation file (phenotype.hpoa): no "DatabaseID" header line.');
			}
			const h: string[] = header;
			const f = line.split('\t');
			const get = (name: string) => f[h.findIndex((x) => x.replace(/_/g, '') === name)] ?? '';
			if (++rows > MAX_HPOA_ROWS) throw new RareError('input', 'bad-annotations', `The HPO annotation file has more than ${MAX_HPOA_ROWS.toLocaleString('en')} rows; phenotype.hpoa has about 300,000.`);
			const id = get('databaseid');
			const hpo = get('hpoid');
			if (!id || !hpo) return;
			let d = dz.get(id);
			if (!d) {
				if (dz.size >= MAX_HPOA_DISEASES) throw new RareError('input', 'bad-annotations', `The HPO annotation file names more than ${MAX_HPOA_DISEASES.toLocaleString('en')} diseases; phenotype.hpoa has about 13,000.`);
				dz.set(id, (d = { name: get('diseasename').slice(0, 300), modes: new Set(), ann: new Map(), not: new Set() }));
			}
			const aspect = get('aspect');
			if (aspect === 'I' || MODES[hpo]) {
				if (MODES[hpo]) d.modes.add(MODES[hpo]);
				return;
			}
			if (aspect && aspect !== 'P') return;
			const t = o.indexOf(hpo);
			if (t < 0) return;
			const fr = hpoaFrequency(get('frequency'));
			// NOT / frequency 0 ("Excluded"): a feature the disease is known not to have
			if (get('qualifier').toUpperCase() === 'NOT' || fr === 0) {
				d.not.add(t);
				return;
			}
			d.ann.set(t, Math.max(d.ann.get(t) ?? -1, fr));
		},
		options
	);
	if (!header || rows === 0) throw new RareError('input', 'bad-annotations', 'The HPO annotation file has no annotation rows.');
	const diseases: Disease[] = [];
	for (const [id, d] of dz) {
		const genes = genesOf.get(id);
		if (!genes?.length || !d.ann.size) continue;
		// a NOT row never cancels a positive annotation of the same term (curation conflict: keep the positive)
		const not = [...d.not].filter((t) => !d.ann.has(t));
		diseases.push({ id, name: d.name, genes, modes: [...d.modes], terms: Int32Array.from(d.ann.keys()), freqs: Float32Array.from(d.ann.values()), ...(not.length ? { notTerms: Int32Array.from(not) } : {}) });
	}
	return new Annotations(o, diseases, `phenotype.hpoa supplied by the user (date ${date})`, date);
}
