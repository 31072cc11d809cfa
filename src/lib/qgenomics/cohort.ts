/**
 * Cohorts for the quantum-genomics analyses: a genotype matrix (samples × SNPs, 0/1/2 dosages,
 * NaN = missing) and a phenotype per sample. Read from CSV, or generated from a seed with planted
 * effects (always labelled synthetic).
 */
import { seededUniform } from '../quantum/index';
import { QGenomicsError } from './errors';
import { normalFrom } from './stats';

/** A genotype matrix with a phenotype. */
export interface Cohort {
	/** SNP column names, in file order. */
	snps: string[];
	/** dosages[j][s]: dosage of SNP j in sample s, 0 … 2; NaN where missing. */
	dosages: Float64Array[];
	/** Phenotype per sample (0/1 or numeric). */
	phenotype: Float64Array;
	/** Number of samples (rows). */
	samples: number;
	/** True for seeded synthetic data: every display must say so. */
	synthetic: boolean;
	/** Where the data came from, in words ("cohort.csv", "synthetic cohort, seed 7 …"). */
	source: string;
	/** Missing dosage cells (NaN), and rows dropped for a missing phenotype. */
	missingDosages: number;
	droppedRows: number;
	/** Planted truth of a synthetic cohort (absent for real data). */
	planted?: { causal: string[]; redundantCopies: [string, string][]; epistaticPair: [string, string] | null };
}

/** Columns with these names (case-insensitive) identify samples and are not SNPs. */
const ID_COLUMNS = /^(sample|sample_id|sampleid|id|iid|fid|individual)$/i;
const MISSING = /^(|na|nan|\.|null|-)$/i;
/** Refuse matrices above this many cells (memory on a phone). */
export const MAX_CELLS = 50_000_000;

/** Split one CSV line (double-quoted fields may contain the delimiter and "" escapes). */
function splitLine(line: string, delimiter: string, lineNo: number): string[] {
	if (!line.includes('"')) return line.split(delimiter);
	const out: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i];
		if (quoted) {
			if (ch === '"' && line[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === delimiter) {
			out.push(field);
			field = '';
		} else field += ch;
	}
	if (quoted) throw new QGenomicsError('bad-csv', `line ${lineNo}: a quoted field is not closed`, { line: lineNo });
	out.push(field);
	return out;
}

/**
 * Parse a cohort CSV: a header row, one row per sample, one column per SNP (dosages 0 … 2,
 * empty/NA/./NaN = missing), a `phenotype` column (0/1 or numeric; rows without one are dropped
 * and counted), and optional sample-ID columns (sample, id, iid, fid). Comma, semicolon or tab
 * separated. Errors name the line and column.
 */
export function parseCohortCsv(text: string, source = 'CSV file'): Cohort {
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	const lines = text.split(/\r?\n/);
	while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
	if (!lines.length) throw new QGenomicsError('bad-csv', 'the file is empty');
	const head = lines[0];
	const delimiter = head.includes(',') ? ',' : head.includes('\t') ? '\t' : head.includes(';') ? ';' : ',';
	const names = splitLine(head, delimiter, 1).map((h) => h.trim());
	const seen = new Set<string>();
	for (const name of names) {
		if (!name) throw new QGenomicsError('bad-csv', 'line 1: a column has no name', { line: 1 });
		if (seen.has(name.toLowerCase())) throw new QGenomicsError('bad-csv', `line 1: column "${name}" appears twice`, { line: 1 });
		seen.add(name.toLowerCase());
	}
	const phenoCol = names.findIndex((n) => n.toLowerCase() === 'phenotype');
	if (phenoCol < 0) throw new QGenomicsError('no-phenotype', 'the header has no "phenotype" column');
	const snpCols = names.map((n, i) => i).filter((i) => i !== phenoCol && !ID_COLUMNS.test(names[i]));
	if (snpCols.length < 2) throw new QGenomicsError('too-few-snps', `the file has ${snpCols.length} SNP column(s); at least 2 are needed`);
	if ((lines.length - 1) * snpCols.length > MAX_CELLS)
		throw new QGenomicsError('too-large', `the matrix has more than ${MAX_CELLS.toLocaleString('en')} cells`);
	const rows = lines.length - 1;
	const dosages = snpCols.map(() => new Float64Array(rows));
	const phenotype = new Float64Array(rows);
	let kept = 0;
	let dropped = 0;
	let missing = 0;
	for (let r = 1; r < lines.length; r++) {
		if (lines[r].trim() === '') throw new QGenomicsError('bad-csv', `line ${r + 1} is empty`, { line: r + 1 });
		const fields = splitLine(lines[r], delimiter, r + 1);
		if (fields.length !== names.length)
			throw new QGenomicsError('bad-csv', `line ${r + 1} has ${fields.length} fields; the header has ${names.length}`, { line: r + 1 });
		const pv = fields[phenoCol].trim();
		if (MISSING.test(pv)) {
			dropped++;
			continue;
		}
		const p = Number(pv);
		if (!Number.isFinite(p))
			throw new QGenomicsError('bad-csv', `line ${r + 1}, column "phenotype": "${pv.slice(0, 20)}" is not a number`, { line: r + 1 });
		phenotype[kept] = p;
		for (let j = 0; j < snpCols.length; j++) {
			const raw = fields[snpCols[j]].trim();
			if (MISSING.test(raw)) {
				dosages[j][kept] = NaN;
				missing++;
				continue;
			}
			const v = Number(raw);
			if (!Number.isFinite(v) || v < 0 || v > 2)
				throw new QGenomicsError(
					'bad-csv',
					`line ${r + 1}, column "${names[snpCols[j]]}": "${raw.slice(0, 20)}" is not a dosage from 0 to 2`,
					{ line: r + 1, column: names[snpCols[j]] }
				);
			dosages[j][kept] = v;
		}
		kept++;
	}
	if (kept < 3) throw new QGenomicsError('too-few-samples', `only ${kept} sample(s) have a phenotype; at least 3 are needed`);
	return {
		snps: snpCols.map((i) => names[i]),
		dosages: dosages.map((d) => d.slice(0, kept)),
		phenotype: phenotype.slice(0, kept),
		samples: kept,
		synthetic: false,
		source,
		missingDosages: missing,
		droppedRows: dropped
	};
}

/** Options of syntheticCohort(). */
export interface SyntheticOptions {
	/** Samples (default 400). */
	samples?: number;
	/** SNPs (default 12). */
	snps?: number;
	/** Seed (default 1). */
	seed?: number;
	/** Planted causal SNPs (default 3), each with an additive effect on the liability. */
	causal?: number;
	/** Near-copies of causal SNPs (high relevance but redundant; default 2). */
	redundantCopies?: number;
	/** Plant an interacting pair with no additive effect (default false). */
	epistasis?: boolean;
}

/**
 * A seeded synthetic case/control cohort (phenotype 0/1, half cases): SNPs drawn at minor-allele
 * frequencies 0.15–0.5 under Hardy–Weinberg, a few causal SNPs with additive effects, near-copies
 * of some of them (linkage disequilibrium: relevant but redundant), and optionally one pair that
 * acts only together (epistasis: carrier of exactly one of the two raises risk). Labelled synthetic.
 */
export function syntheticCohort(options: SyntheticOptions = {}): Cohort {
	const samples = options.samples ?? 400;
	const n = options.snps ?? 12;
	const seed = options.seed ?? 1;
	const causalCount = options.causal ?? 3;
	const copies = options.redundantCopies ?? 2;
	const epistasis = options.epistasis ?? false;
	if (n < 2 + (epistasis ? 2 : 0) || causalCount + copies + (epistasis ? 2 : 0) > n)
		throw new QGenomicsError('bad-option', `${n} SNPs are too few for ${causalCount} causal SNPs, ${copies} copies${epistasis ? ' and an interacting pair' : ''}`);
	if (samples < 10) throw new QGenomicsError('bad-option', 'a synthetic cohort needs at least 10 samples');
	const uniform = seededUniform(seed);
	const normal = normalFrom(uniform);
	const names = Array.from({ length: n }, (_, j) => `snp${String(j + 1).padStart(2, '0')}`);
	const draw = (maf: number) => (uniform() < maf ? 1 : 0) + (uniform() < maf ? 1 : 0);
	const dosages = Array.from({ length: n }, () => new Float64Array(samples));
	for (let j = 0; j < n; j++) {
		const maf = 0.15 + 0.35 * uniform();
		for (let s = 0; s < samples; s++) dosages[j][s] = draw(maf);
	}
	// Roles: spread over the columns deterministically from the seed.
	const order = names.map((_, j) => j);
	for (let i = n - 1; i > 0; i--) {
		const j = Math.floor(uniform() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	const causal = order.slice(0, causalCount);
	const copyOf = order.slice(causalCount, causalCount + copies);
	const pair = epistasis ? order.slice(causalCount + copies, causalCount + copies + 2) : [];
	copyOf.forEach((j, t) => {
		const src = causal[t % causal.length];
		for (let s = 0; s < samples; s++) if (uniform() < 0.85) dosages[j][s] = dosages[src][s];
	});
	if (pair.length) for (const j of pair) for (let s = 0; s < samples; s++) dosages[j][s] = draw(0.5);
	const liability = new Float64Array(samples);
	const effects = causal.map((_, t) => 0.9 - 0.2 * t);
	for (let s = 0; s < samples; s++) {
		let l = 0;
		causal.forEach((j, t) => (l += effects[t] * dosages[j][s]));
		if (pair.length) {
			const a = dosages[pair[0]][s] > 0;
			const b = dosages[pair[1]][s] > 0;
			l += a !== b ? 1.6 : 0;
		}
		liability[s] = l + normal();
	}
	const sorted = [...liability].sort((a, b) => a - b);
	const median = sorted[Math.floor(samples / 2)];
	const phenotype = liability.map((l) => (l >= median ? 1 : 0));
	return {
		snps: names,
		dosages,
		phenotype,
		samples,
		synthetic: true,
		source: `synthetic cohort (seed ${seed}, ${samples} samples, ${n} SNPs)`,
		missingDosages: 0,
		droppedRows: 0,
		planted: {
			causal: causal.map((j) => names[j]),
			redundantCopies: copyOf.map((j, t) => [names[j], names[causal[t % causal.length]]] as [string, string]),
			epistaticPair: pair.length ? [names[pair[0]], names[pair[1]]] : null
		}
	};
}

/** Write a cohort as CSV (SNP columns then `phenotype`; missing as empty), e.g. for the CLI. */
export function cohortToCsv(c: Cohort): string {
	const lines = [[...c.snps, 'phenotype'].join(',')];
	for (let s = 0; s < c.samples; s++) {
		const row = c.dosages.map((d) => (Number.isNaN(d[s]) ? '' : String(d[s])));
		row.push(String(c.phenotype[s]));
		lines.push(row.join(','));
	}
	return lines.join('\n') + '\n';
}

/** Where a cohort comes from, as a page or worker passes it (structured-cloneable). */
export type CohortSource =
	| { kind: 'synthetic'; options: SyntheticOptions }
	| { kind: 'csv'; name: string; text: string }
	| { kind: 'cohort'; cohort: Cohort };

/** Build the cohort a source names (parses CSV, generates synthetic data). */
export function loadCohort(source: CohortSource): Cohort {
	if (source.kind === 'synthetic') return syntheticCohort(source.options);
	if (source.kind === 'csv') return parseCohortCsv(source.text, source.name);
	return source.cohort;
}

/** Facts about a cohort for display (no genotypes). */
export interface CohortInfo {
	source: string;
	synthetic: boolean;
	samples: number;
	snps: string[];
	missingDosages: number;
	droppedRows: number;
	/** True when the phenotype is 0/1 (case/control); the epistasis and classifier studies need it. */
	binary: boolean;
	cases: number;
	planted?: Cohort['planted'];
}

/** Summarise a cohort for display. */
export function describeCohort(c: Cohort): CohortInfo {
	let binary = true;
	let cases = 0;
	for (const p of c.phenotype) {
		if (p !== 0 && p !== 1) binary = false;
		if (p === 1) cases++;
	}
	return {
		source: c.source,
		synthetic: c.synthetic,
		samples: c.samples,
		snps: c.snps,
		missingDosages: c.missingDosages,
		droppedRows: c.droppedRows,
		binary,
		cases,
		planted: c.planted
	};
}

/** One person's genotype calls at the requested SNPs (null = not in the file or not called), with a phenotype. */
export interface ProfileGenotypes {
	name: string;
	/** 0/1 or a measurement; NaN = unknown (the person is left out). */
	phenotype: number;
	/** Allele texts per SNP, in the order of the rsID list; null when missing. Haploid calls have one allele. */
	calls: (string[] | null)[];
}

/**
 * A cohort from genomes stored in this browser. Dosage = copies of the counted allele, which is
 * the allele seen least often at that SNP across these people (ties: alphabetically last), so
 * nothing depends on a reference genome a consumer file does not state. Missing and haploid
 * calls are missing (NaN), never 0. People without a phenotype are left out.
 */
export function cohortFromProfiles(rsids: string[], people: ProfileGenotypes[]): Cohort {
	if (rsids.length < 2) throw new QGenomicsError('too-few-snps', 'choose at least 2 SNPs');
	const kept = people.filter((p) => Number.isFinite(p.phenotype));
	if (kept.length < 3) throw new QGenomicsError('too-few-samples', `${kept.length} people have a phenotype set; at least 3 are needed`);
	const dosages = rsids.map(() => new Float64Array(kept.length));
	const counted: string[] = [];
	let missing = 0;
	rsids.forEach((_, j) => {
		const freq = new Map<string, number>();
		for (const p of kept) for (const a of p.calls[j]?.length === 2 ? p.calls[j]! : []) freq.set(a, (freq.get(a) ?? 0) + 1);
		const allele = [...freq.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? 1 : -1))[0]?.[0] ?? '';
		counted.push(allele);
		kept.forEach((p, s) => {
			const c = p.calls[j];
			if (!c || c.length !== 2 || !allele) {
				dosages[j][s] = NaN;
				missing++;
			} else dosages[j][s] = (c[0] === allele ? 1 : 0) + (c[1] === allele ? 1 : 0);
		});
	});
	return {
		snps: rsids.map((r, j) => (counted[j] ? `${r}-${counted[j]}` : r)),
		dosages,
		phenotype: Float64Array.from(kept, (p) => p.phenotype),
		samples: kept.length,
		synthetic: false,
		source: `${kept.length} genomes in this browser`,
		missingDosages: missing,
		droppedRows: people.length - kept.length
	};
}
