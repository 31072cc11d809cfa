/**
 * Outside calls: lab results the user enters (e.g. a CYP2D6 diplotype from a clinical test,
 * HLA-B*57:01 positive). They replace the file-derived call for that gene and are marked
 * "entered by the user".
 *
 * TSV format (one gene per line; `#` comments and blank lines ignored), as in PharmCAT:
 *   GENE <TAB> DIPLOTYPE [<TAB> PHENOTYPE [<TAB> ACTIVITY SCORE]]
 * e.g. `CYP2D6	*1/*4`, `HLA-B	*57:01/*44:02`, `HLA-B		*57:01 positive`, `CYP2C19		Poor Metabolizer`.
 */
import { NOT_DETERMINABLE, diplotypeName, phenotypeOf, type GeneCall } from './caller';
import { PgxError } from './errors';
import type { PgxKb } from './kb-types';

/** One entered lab result. */
export interface OutsideCall {
	gene: string;
	diplotype: string | null;
	phenotype: string | null;
	activityScore: number | null;
}

const HLA_SCREENED = ['*57:01', '*58:01', '*15:02', '*31:01'];

/** Parse the outside-calls TSV; throws PgxError with the line number on bad input. */
export function parseOutsideCalls(text: string, kb: PgxKb): OutsideCall[] {
	const known = new Set([...Object.keys(kb.genes), 'HLA-A', 'HLA-B', 'MT-RNR1']);
	const out: OutsideCall[] = [];
	text.split(/\r?\n/).forEach((line, i) => {
		if (!line.trim() || line.startsWith('#')) return;
		const [gene, dip = '', pheno = '', score = ''] = line.split('\t').map((x) => x.trim());
		if (!known.has(gene))
			throw new PgxError('unknown-gene', `outside calls line ${i + 1}: unknown gene "${gene}" (columns are GENE, DIPLOTYPE, PHENOTYPE, ACTIVITY SCORE, tab-separated)`);
		if (!dip && !pheno) throw new PgxError('outside-calls-format', `outside calls line ${i + 1}: give a diplotype or a phenotype for ${gene}`);
		if (score && !Number.isFinite(Number(score))) throw new PgxError('outside-calls-format', `outside calls line ${i + 1}: activity score "${score}" is not a number`);
		if (out.some((o) => o.gene === gene)) throw new PgxError('outside-calls-format', `outside calls line ${i + 1}: ${gene} is given twice`);
		out.push({ gene, diplotype: dip || null, phenotype: pheno || null, activityScore: score ? Number(score) : null });
	});
	return out;
}

/** Turn an outside call into a gene call (phenotype looked up from the tables when not given). */
export function outsideToCall(o: OutsideCall, kb: PgxKb, sex: string): GeneCall {
	const warnings = ['Entered by the user (outside lab result); not checked against the file.'];
	const call: GeneCall = {
		gene: o.gene,
		diplotypes: o.diplotype ? [o.diplotype] : [],
		phenotype: o.phenotype ?? NOT_DETERMINABLE,
		activityScore: o.activityScore,
		lookupKey: o.phenotype,
		untested: [],
		partiallyTested: [],
		missingPositions: 0,
		testedPositions: 0,
		warnings,
		evidence: [],
		source: 'outside'
	};
	if (o.gene.startsWith('HLA-')) {
		const given = o.phenotype ? [o.phenotype] : [];
		if (o.diplotype) {
			const alleles = o.diplotype.split('/').map((x) => x.trim().replace(/^HLA-[AB]/, ''));
			for (const a of HLA_SCREENED) given.push(`${a} ${alleles.includes(a) ? 'positive' : 'negative'}`);
		}
		call.diplotypes = given;
		call.phenotype = o.diplotype ?? o.phenotype ?? NOT_DETERMINABLE;
		call.lookupKey = null;
		return call;
	}
	const gene = kb.genes[o.gene];
	if (o.diplotype && gene && !o.phenotype) {
		const [a, b] = o.diplotype.split('/');
		const p = phenotypeOf(gene, a.trim(), b ? b.trim() : null, sex);
		call.diplotypes = [diplotypeName(a.trim(), b ? b.trim() : null)];
		if (p) {
			call.phenotype = p.phenotype;
			call.activityScore = o.activityScore ?? p.activityScore;
			call.lookupKey = p.lookupKey;
		} else warnings.push(`The phenotype of ${o.diplotype} is not in the ${o.gene} tables; enter the phenotype too.`);
	}
	if (o.gene === 'MT-RNR1' && o.phenotype) call.lookupKey = o.phenotype.toLowerCase();
	if (o.activityScore !== null && !o.phenotype && gene?.phenotypeMethod !== 'functions') call.lookupKey = o.activityScore.toFixed(Number.isInteger(o.activityScore * 2) ? 1 : 2);
	return call;
}

/** Replace file-derived calls with outside calls. */
export function applyOutsideCalls(calls: GeneCall[], outside: OutsideCall[], kb: PgxKb, sex: string): GeneCall[] {
	const byGene = new Map(outside.map((o) => [o.gene, outsideToCall(o, kb, sex)]));
	const merged = calls.map((c) => byGene.get(c.gene) ?? c);
	for (const [g, c] of byGene) if (!calls.some((x) => x.gene === g)) merged.push(c);
	return merged;
}
