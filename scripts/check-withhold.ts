/**
 * What the unsolicited-findings rule (src/lib/rare/withhold.ts) costs in diagnoses: over the
 * published phenopacket cases in ../shared whose causal gene is on the ACMG SF v3.3 or carrier
 * list, how often the rule would withhold the causal gene (phenotype only, no opt-in), beside a
 * stricter alternative (a disease's whole phenotype ln LR > 0), with the built-in annotations and
 * with phenotype.hpoa_2023-01-27 (less leakage). Run: npx tsx scripts/check-withhold.ts
 * (output committed as docs/rare-withhold.txt).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { parsePhenopacket, prepareQuery, readHpoa, scorePhenotype, SF_GENES, CARRIER_GENES, type Annotations } from '../src/lib/rare/index';
import { loadRareKbNode } from '../src/lib/rare/kb-node';
import { withheldGenes } from '../src/lib/rare/withhold';

const SHARED = process.env.QENOME_SHARED ?? path.resolve('..', 'shared');
const file = path.join(SHARED, 'data', 'rare', 'phenopackets-dev', 'phenopackets.ndjson.gz');
if (!fs.existsSync(file)) {
	console.log(`skipped: ${file} not found`);
	process.exit(0);
}
const kb = await loadRareKbNode();
const genes38 = await kb.genes('GRCh38');
const symbolOfHgnc = new Map(Object.entries(genes38.hgnc).map(([s, h]) => [h, s]));
const listed = new Set([...SF_GENES.map((g) => g.gene), ...CARRIER_GENES.flatMap((g) => [g.gene, ...g.aliases])]);
const o = kb.ontology;
const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').filter(Boolean).map((l) => parsePhenopacket(l));
const hpoa2023 = path.join(SHARED, 'data', 'hpo', 'phenotype.hpoa_2023-01-27.gz');
const releases: [string, Annotations][] = [['built-in annotations', kb.annotations]];
if (fs.existsSync(hpoa2023))
	releases.push(['phenotype.hpoa 2023-01-27', await readHpoa(Readable.toWeb(fs.createReadStream(hpoa2023)) as unknown as ReadableStream<Uint8Array>, kb)]);
for (const [label, annotations] of releases) {
	let cases = 0;
	let onList = 0;
	let withheldRule = 0;
	let withheldStrict = 0;
	let unannotated = 0;
	for (const c of lines) {
		const v = c.variants.find((x) => x.gene);
		if (!c.observed.length || !v) continue;
		cases++;
		const gene = (v.hgnc && symbolOfHgnc.get(v.hgnc)) || v.gene!;
		if (!listed.has(gene)) continue;
		if (!annotations.byGene.has(gene)) {
			unannotated++;
			continue;
		}
		onList++;
		const q = { observed: c.observed, excluded: c.excluded, sex: c.sex };
		if (withheldGenes(kb, q, { annotations }).genes.has(gene)) withheldRule++;
		const idx = (ids: string[]) => ids.map((id) => o.indexOf(id)).filter((i) => i >= 0);
		const pheno = scorePhenotype(o, annotations, prepareQuery(o, idx(q.observed), idx(q.excluded)));
		if (!annotations.byGene.get(gene)!.some((d) => pheno.logLR[d] > 0)) withheldStrict++;
	}
	const pct = (n: number) => ((100 * n) / Math.max(1, onList)).toFixed(1) + ' %';
	console.log(`${label}: phenopacket cases ${cases}; causal gene on the SF or carrier list (and annotated in that release): ${onList}`);
	console.log(`  causal gene withheld by the rule (no observed term with LR > 1 for any of its diseases): ${withheldRule} (${pct(withheldRule)})`);
	console.log(`  causal gene on a list but without any disease annotation in that release (withheld too): ${unannotated}`);
	console.log(`  stricter alternative (no disease with whole-phenotype ln LR > 0) would withhold: ${withheldStrict} (${pct(withheldStrict)})`);
}
