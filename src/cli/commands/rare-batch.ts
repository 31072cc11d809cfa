/**
 * `qenome rare --phenopackets-dir DIR [COHORT.vcf.gz] --tsv OUT.tsv [--json-dir OUTDIR] [--top N]
 * [--clinvar F] [--annotations F]`: rank genes for many probands. Each `*.json` phenopacket in DIR
 * gives a proband's observed/excluded HPO terms and sex; with a cohort VCF, the proband's sample is
 * the phenopacket's subject id (else its id). The knowledge base (and ClinVar/annotations) is
 * loaded once for all probands. Each proband's JSON is `rareJson(analyseRare(…))` with the same
 * inputs as `qenome rare [VCF --sample S] --phenopacket FILE --top N --json`, so they are equal.
 * The rare-disease reader takes one sample per pass, so with a VCF the file is streamed once per
 * proband (the pharmacogenomic and PRS batches read a cohort once).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { numberOption, parseArgs } from '../args';
import { CliError } from '../errors';
import { FILE_CAPS, readTextOrFail } from '../files';
import { analyseRare, analyseRareFile, parsePhenopacket, rareJson, readClinVar, readHpoa, type PhenotypeQuery } from '../../lib/rare/index';
import { loadRareKbNode } from '../../lib/rare/kb-node';
import { listVcfSamples } from '../../lib/genome/index';
import { tsvCell } from '../../lib/cohort/index';
import { sampleFileName } from './pgx-batch';

const USAGE = 'qenome rare --phenopackets-dir DIR [COHORT.vcf.gz] --tsv OUT.tsv [--json-dir OUTDIR] [--top N] [--clinvar F] [--annotations F]';

/** Columns of the cohort rare-disease TSV (top 10 genes per proband). */
export const RARE_TSV_COLUMNS = ['proband', 'sample', 'rank', 'gene', 'score', 'top_disease', 'top_variant'] as const;

/** True when the arguments ask for the many-probands form. */
export function wantsRareBatch(argv: string[]): boolean {
	return argv.some((a) => /^--phenopackets-dir(=|$)/.test(a));
}

function stream(file: string): ReadableStream<Uint8Array> {
	return Readable.toWeb(fs.createReadStream(file, { highWaterMark: 1 << 20 })) as unknown as ReadableStream<Uint8Array>;
}

function regularFile(file: string, what: string): number {
	let st: fs.Stats;
	try {
		st = fs.statSync(file);
	} catch {
		throw new CliError(`cannot read ${what} ${file}: no such file`);
	}
	if (!st.isFile()) throw new CliError(`cannot read ${what} ${file}: not a regular file`);
	return st.size;
}

/** Run the many-probands form. */
export async function runRareBatch(argv: string[]): Promise<number> {
	const args = parseArgs(argv, { flags: ['json'], values: ['phenopackets-dir', 'tsv', 'json-dir', 'top', 'clinvar', 'annotations'] });
	if (args.positionals.length > 1) throw new CliError(`give at most one (cohort) VCF; usage: ${USAGE}`);
	const dir = args.values.get('phenopackets-dir')!;
	const tsv = args.values.get('tsv');
	if (!tsv) throw new CliError(`--tsv OUT.tsv is required; usage: ${USAGE}`);
	if (args.flags.has('json')) throw new CliError('--json prints one proband; for many use --json-dir OUTDIR');
	const top = numberOption(args, 'top', 100);
	if (!Number.isInteger(top) || top < 1) throw new CliError('--top must be a positive whole number');
	let files: string[];
	try {
		files = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
	} catch {
		throw new CliError(`cannot read the folder ${dir}`);
	}
	if (!files.length) throw new CliError(`${dir} holds no phenopacket (.json) files`);
	const cases = files.map((n) => {
		const file = path.join(dir, n);
		if (regularFile(file, 'phenopacket') > 16 * 1024 * 1024) throw new CliError(`${file}: larger than any phenopacket (16 MiB)`);
		try {
			return { file, pp: parsePhenopacket(readTextOrFail(file, 'phenopacket', FILE_CAPS.phenopacket)) };
		} catch (err) {
			throw new CliError(`${file}: ${(err as Error).message}`);
		}
	});
	const vcf = args.positionals[0];
	let vcfSize = 0;
	let samples: string[] = [];
	if (vcf) {
		vcfSize = regularFile(vcf, 'genome file');
		samples = await listVcfSamples(stream(vcf));
	}
	const jsonDir = args.values.get('json-dir');
	if (jsonDir) fs.mkdirSync(jsonDir, { recursive: true });
	const kb = await loadRareKbNode();
	const annFile = args.values.get('annotations');
	const annotations = annFile ? (regularFile(annFile, 'annotations'), await readHpoa(stream(annFile), kb)) : undefined;
	const cvFile = args.values.get('clinvar');
	const clinvar = cvFile ? (regularFile(cvFile, 'ClinVar file'), await readClinVar(stream(cvFile))) : null;
	const lines = [RARE_TSV_COLUMNS.join('\t')];
	const used = new Set<string>();
	for (const { file, pp } of cases) {
		const query: PhenotypeQuery = { observed: [...new Set(pp.observed)], excluded: [], sex: pp.sex };
		query.excluded = [...new Set(pp.excluded)].filter((t) => !query.observed.includes(t));
		if (!query.observed.length) throw new CliError(`${file}: the phenopacket has no observed HPO terms`);
		const proband = pp.id || path.basename(file, '.json');
		let sample: string | null = null;
		if (vcf) {
			sample = [pp.subjectId, pp.id].find((s) => s && samples.includes(s)) ?? (samples.length === 1 ? samples[0] : null);
			if (!sample) throw new CliError(`${file}: neither its subject id "${pp.subjectId ?? ''}" nor its id "${pp.id}" is a sample of ${vcf}`);
		}
		let result;
		try {
			result = vcf
				? await analyseRareFile(kb, { query, file: { open: () => stream(vcf), name: vcf, size: vcfSize, sample: sample ?? undefined }, clinvar, annotations, top })
				: await analyseRare(kb, { query, clinvar, annotations, top });
		} catch (err) {
			const e = err as { name?: string; message?: string };
			if (e?.name === 'RareError' || e?.name === 'ImportError') throw new CliError(`${file}: ${e.message}`);
			throw err;
		}
		const json = rareJson(result);
		for (const g of result.genes.slice(0, 10)) {
			const v = g.variants[0];
			lines.push([proband, sample ?? '', g.rank, g.gene, g.score, g.diseases[0]?.name ?? '', v ? `${v.chrom}:${v.pos} ${v.ref}>${v.alt} ${v.genotype}` : ''].map(tsvCell).join('\t'));
		}
		if (jsonDir) {
			const name = sampleFileName(proband);
			if (used.has(name)) throw new CliError(`two phenopackets have the id "${proband}"; their JSON files would collide`);
			used.add(name);
			const out = path.join(jsonDir, `${name}.json`);
			fs.writeFileSync(`${out}.partial`, JSON.stringify(json, null, 2) + '\n');
			fs.renameSync(`${out}.partial`, out);
		}
	}
	fs.writeFileSync(`${tsv}.partial`, lines.join('\n') + '\n');
	fs.renameSync(`${tsv}.partial`, tsv);
	process.stderr.write(`qenome: ${cases.length} probands ranked → ${tsv}\n`);
	return 0;
}
