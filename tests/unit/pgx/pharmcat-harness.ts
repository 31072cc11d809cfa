/**
 * Agreement with the reference caller's own test suite. The cases (tests/vectors/pharmcat/*.json)
 * are facts transcribed from PharmCAT's tests: the genotypes a test writes into its VCF (gene +
 * rsID or position, CPIC alleles, phased or not, missing positions, sex by ploidy, outside calls)
 * and what the test asserts (diplotypes, lookup alleles, phenotype, "not called"). Each case is
 * written as a VCF the way PharmCAT's test builder does (every position of each named gene, 0/0
 * unless given; CPIC alleles → VCF alleles from the definition tables in ../shared), imported by
 * Qenome's importer and called on the same path as `qenome pgx --json`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createGenomeView, importGenomeBytes } from '../../../src/lib/genome/index';
import { loadKb, parseOutsideCalls, pgxJson, runPgx, type PgxKb } from '../../../src/lib/pgx/index';
import { PGX_DIR } from './helpers';

/** One transcribed test case. */
export interface PharmcatCase {
	id: string;
	source: string;
	phased: boolean;
	sex?: 'male' | 'female';
	reference?: string[];
	/** [gene, rsID or "chrN:pos", CPIC allele, CPIC allele?] */
	variants: string[][];
	/** [gene, rsID or "chrN:pos"] */
	missing?: string[][];
	outside?: string;
	/** A CPIC allele the definitions lack is written as an extra ALT (PharmCAT's allowUnknownAllele). */
	allowUnknownAllele?: boolean;
	expect: Record<string, Expectation>;
	/** Set when the assertion needs a PharmCAT-only option (research mode, CYP2D6 from VCF, all matches). */
	pharmcatOnly?: string | boolean;
	note?: string;
}

/** What the reference test asserts for one gene. */
export interface Expectation {
	diplotypes?: string[];
	/** Alleles PharmCAT lists for unphased multi-variant genes (DPYD, RYR1): informative only. */
	alleles?: string[];
	/** Allele pairs used for the recommendation lookup (a/b). */
	lookup?: string[];
	phenotype?: string;
	activityScore?: number;
	called?: boolean;
	phased?: boolean;
}

interface Variant {
	position: number;
	rsid: string | null;
	ref: string;
	alts: string[];
	cpicToVcfAlleleMap: Record<string, string>;
}

const definitions = new Map<string, { chromosome: string; variants: Variant[] }>();
function definition(gene: string) {
	let d = definitions.get(gene);
	if (!d) {
		const j = JSON.parse(fs.readFileSync(path.join(PGX_DIR, 'pharmcat', 'alleles', `${gene}_translation.json`), 'utf8'));
		d = { chromosome: j.chromosome, variants: j.variants };
		definitions.set(gene, d);
	}
	return d;
}

/** Every gene a case writes positions for. */
function genesOf(c: PharmcatCase): string[] {
	return [...new Set([...(c.reference ?? []), ...c.variants.map((v) => v[0]), ...(c.missing ?? []).map((m) => m[0])])];
}

/** The case as a VCF, as PharmCAT's test builder writes it. */
export function caseVcf(c: PharmcatCase): string {
	const sep = c.phased ? '|' : '/';
	const lines = ['##fileformat=VCFv4.2', '##reference=GRCh38', '##source=Qenome transcription of a PharmCAT test case'];
	const body: string[] = [];
	const contigs = new Set<string>();
	for (const gene of genesOf(c)) {
		const def = definition(gene);
		contigs.add(def.chromosome);
		const edits = new Map<string, string[] | null>();
		for (const [g, id, ...al] of c.variants) if (g === gene) edits.set(id, al);
		for (const [g, id] of c.missing ?? []) if (g === gene) edits.set(id, null);
		const used = new Set<string>();
		for (const v of def.variants) {
			const key = v.rsid && edits.has(v.rsid) ? v.rsid : `${def.chromosome}:${v.position}`;
			const alts = [...v.alts];
			let gt: string;
			if (!edits.has(key)) {
				const n = def.chromosome === 'chrX' && c.sex === 'male' ? 1 : def.chromosome === 'chrM' ? 1 : 2;
				gt = Array(n).fill('0').join(sep);
			} else {
				used.add(key);
				const al = edits.get(key);
				if (!al) continue; // missing position: no record
				gt = al
					.map((cpic) => {
						const vcf = v.cpicToVcfAlleleMap[cpic] ?? (c.allowUnknownAllele ? cpic : undefined);
						if (vcf === undefined) throw new Error(`${c.id}: ${gene} ${key}: no VCF allele for ${cpic}`);
						if (vcf === v.ref) return '0';
						let i = alts.indexOf(vcf);
						if (i < 0) i = alts.push(vcf) - 1;
						return String(i + 1);
					})
					.join(sep);
			}
			body.push([def.chromosome, v.position, v.rsid ?? '.', v.ref, alts.join(',') || '.', '.', 'PASS', `PX=${gene}`, 'GT', gt].join('\t'));
		}
		for (const k of edits.keys()) if (!used.has(k)) throw new Error(`${c.id}: ${gene} has no position ${k}`);
	}
	for (const ch of [...contigs].sort()) lines.push(`##contig=<ID=${ch},assembly=GRCh38>`);
	lines.push('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tSAMPLE');
	return [...lines, ...body].join('\n') + '\n';
}

type GeneJson = ReturnType<typeof pgxJson>['genes'][number];

/** Run one case through the importer and the caller (the `qenome pgx --json` path). */
export async function runCase(c: PharmcatCase, kb?: PgxKb): Promise<GeneJson[]> {
	kb ??= await loadKb();
	const parsed = await importGenomeBytes(new TextEncoder().encode(caseVcf(c)), { fileName: `${c.id}.vcf` });
	const view = createGenomeView(parsed.summary, parsed.chunks);
	const report = await runPgx(view, parseOutsideCalls(c.outside ?? '', kb), kb);
	return pgxJson(report).genes;
}

const pair = (d: string) => d.split('/').map((x) => x.trim()).sort().join('/');
const sameSet = (a: string[], b: string[]) => {
	const x = new Set(a.map(pair));
	const y = new Set(b.map(pair));
	return x.size === y.size && [...x].every((v) => y.has(v));
};
const NO_CALL = new Set(['Not determinable', 'Indeterminate']);

/** Does Qenome's gene result agree with what the reference test asserts? Returns the reasons it does not. */
export function compare(exp: Expectation, got: GeneJson | undefined): string[] {
	const why: string[] = [];
	if (!got) return ['gene missing from the result'];
	const called = got.diplotypes.length > 0 && !NO_CALL.has(got.phenotype);
	if (exp.called === true && !got.diplotypes.length) why.push('not called');
	if (exp.called === false && called) why.push(`called ${got.diplotypes.join(' | ')} (${got.phenotype}); reference: not called`);
	if (exp.diplotypes || exp.lookup) {
		// Unphased multi-variant lists (DPYD): the two lowest-function alleles decide; at equal
		// activity the pair's order is immaterial to CPIC, so an equal activity score agrees.
		const tie = !exp.diplotypes && exp.activityScore !== undefined && got.diplotypes.length === 1 && got.activityScore === exp.activityScore;
		const ok = (exp.diplotypes && sameSet(exp.diplotypes, got.diplotypes)) || (exp.lookup && sameSet(exp.lookup, got.diplotypes)) || tie;
		if (!ok) why.push(`diplotypes ${JSON.stringify(got.diplotypes)}; reference ${JSON.stringify(exp.diplotypes ?? exp.lookup)}${exp.lookup && exp.diplotypes ? ` (lookup ${JSON.stringify(exp.lookup)})` : ''}`);
	}
	if (exp.phenotype && got.phenotype.toLowerCase() !== exp.phenotype.toLowerCase()) why.push(`phenotype ${got.phenotype}; reference ${exp.phenotype}`);
	if (exp.activityScore !== undefined && got.activityScore !== exp.activityScore) why.push(`activity score ${got.activityScore}; reference ${exp.activityScore}`);
	if (exp.phased !== undefined && got.phased !== exp.phased) why.push(`phased ${got.phased}; reference ${exp.phased}`);
	return why;
}

/** One gene assertion's outcome. */
export interface Outcome {
	id: string;
	source: string;
	gene: string;
	likeForLike: boolean;
	agree: boolean;
	why: string[];
	got: { diplotypes: string[]; phenotype: string };
}

/** Load every transcribed case file. */
export function loadCases(dir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'vectors', 'pharmcat')): PharmcatCase[] {
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.flatMap((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { cases: PharmcatCase[] }).cases);
}

/** Run cases and compare every asserted gene. */
export async function runAgreement(cases: PharmcatCase[]): Promise<Outcome[]> {
	const kb = await loadKb();
	const out: Outcome[] = [];
	for (const c of cases) {
		let genes: GeneJson[] = [];
		let err: string | null = null;
		try {
			genes = await runCase(c, kb);
		} catch (e) {
			err = (e as Error).message;
		}
		for (const [gene, exp] of Object.entries(c.expect)) {
			const got = genes.find((g) => g.gene === gene);
			const why = err ? [`error: ${err}`] : compare(exp, got);
			out.push({ id: c.id, source: c.source, gene, likeForLike: !c.pharmcatOnly, agree: why.length === 0, why, got: { diplotypes: got?.diplotypes ?? [], phenotype: got?.phenotype ?? '' } });
		}
	}
	return out;
}

/** Agreement per gene and overall. */
export function summarise(outcomes: Outcome[]) {
	const per = new Map<string, { n: number; agree: number }>();
	for (const o of outcomes) {
		const r = per.get(o.gene) ?? { n: 0, agree: 0 };
		r.n++;
		if (o.agree) r.agree++;
		per.set(o.gene, r);
	}
	const n = outcomes.length;
	const agree = outcomes.filter((o) => o.agree).length;
	return { n, agree, rate: n ? agree / n : 0, perGene: [...per.entries()].sort(([a], [b]) => a.localeCompare(b)) };
}
