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
import { phenotypeFromScore, scoreKey } from './recommend';
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

/** Activity scores are multiples of 0.25 from 0 to 6 (CPIC); written as plain decimals. */
const SCORE_TEXT = /^\d{1,2}(?:\.\d{1,2})?$/;
const MAX_ACTIVITY_SCORE = 6;
/** One allele name: printable, no slash, at most 64 characters (e.g. "*4", "HLA-B*57:01", "c.1905+1G>A"). */
const ALLELE_TEXT = /^[^\s/\p{Cc}\p{Cf}]{1,64}$/u;

/** Check an entered diplotype: one allele (haploid genes) or exactly two, separated by "/". */
function checkDiplotype(dip: string, gene: string, line: number): void {
	const alleles = dip.split('/').map((a) => a.trim());
	if (alleles.length > 2)
		throw new PgxError('outside-calls-format', `outside calls line ${line}: "${dip}" lists ${alleles.length} alleles for ${gene}; a diplotype has two (e.g. *1/*4), or one for a haploid gene`);
	for (const a of alleles)
		if (!ALLELE_TEXT.test(a)) throw new PgxError('outside-calls-format', `outside calls line ${line}: "${dip}" is not a diplotype such as *1/*4 (an allele is empty, too long or holds spaces or control characters)`);
}

/** Parse an entered activity score: a plain decimal from 0 to 6 in steps of 0.25. */
function parseScore(score: string, line: number): number {
	const n = SCORE_TEXT.test(score) ? Number(score) : Number.NaN;
	if (!(n >= 0 && n <= MAX_ACTIVITY_SCORE) || !Number.isInteger(n * 4))
		throw new PgxError('outside-calls-format', `outside calls line ${line}: activity score "${score}" is not a number from 0 to ${MAX_ACTIVITY_SCORE} in steps of 0.25 (e.g. 1.5)`);
	return n;
}

/** Parse the outside-calls TSV; throws PgxError with the line number on bad input. */
export function parseOutsideCalls(text: string, kb: PgxKb): OutsideCall[] {
	const known = new Set([...Object.keys(kb.genes), 'HLA-A', 'HLA-B', 'MT-RNR1']);
	const out: OutsideCall[] = [];
	text.split(/\r?\n/).forEach((line, i) => {
		if (!line.trim() || line.startsWith('#')) return;
		const cols = line.split('\t').map((x) => x.trim());
		const gene = canonicalGene(cols[0], known);
		// "CYP2D6*1/CYP2D6*4" (gene-prefixed alleles, as some labs write them) → "*1/*4".
		const dip = (cols[1] ?? '').replace(new RegExp(`${gene.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}(?=\\*)`, 'gi'), '').replace(/\s*\/\s*/g, '/').trim();
		const pheno = normalisePhenotype(cols[2] ?? '');
		const score = (cols[3] ?? '').replace(/^≥/, '');
		if (!known.has(gene))
			throw new PgxError('unknown-gene', `outside calls line ${i + 1}: unknown gene "${gene}" (columns are GENE, DIPLOTYPE, PHENOTYPE, ACTIVITY SCORE, tab-separated)`);
		if (!dip && !pheno && !score)
			throw new PgxError('outside-calls-format', `outside calls line ${i + 1}: give a diplotype, a phenotype or an activity score for ${gene}`);
		if (dip) checkDiplotype(dip, gene, i + 1);
		if (pheno.length > 100 || /[\p{Cc}\p{Cf}]/u.test(pheno))
			throw new PgxError('outside-calls-format', `outside calls line ${i + 1}: the phenotype is longer than 100 characters or holds control characters`);
		const activityScore = score ? parseScore(score, i + 1) : null;
		if (out.some((o) => o.gene === gene)) throw new PgxError('outside-calls-format', `outside calls line ${i + 1}: ${gene} is given twice`);
		out.push({ gene, diplotype: dip || null, phenotype: pheno || null, activityScore });
	});
	return out;
}

/** Gene symbol as the knowledge base spells it (case-insensitive; "MT-RNR1"/"MTRNR1"). */
function canonicalGene(g: string, known: Set<string>): string {
	const u = g.toUpperCase().replace(/^MTRNR1$/, 'MT-RNR1');
	return [...known].find((k) => k.toUpperCase() === u) ?? g;
}

const PHENOTYPE_WORDS: Record<string, string> = {
	pm: 'Poor Metabolizer',
	im: 'Intermediate Metabolizer',
	nm: 'Normal Metabolizer',
	em: 'Normal Metabolizer',
	rm: 'Rapid Metabolizer',
	um: 'Ultrarapid Metabolizer',
	'extensive metabolizer': 'Normal Metabolizer'
};

/** Lab phenotype wording → CPIC's ("PM", "poor metaboliser" → "Poor Metabolizer"). */
export function normalisePhenotype(p: string): string {
	const t = p.trim().replace(/metaboliser/gi, 'metabolizer');
	if (!t) return '';
	const w = PHENOTYPE_WORDS[t.toLowerCase()];
	if (w) return w;
	return t.replace(/\b([a-z])/g, (m) => m.toUpperCase()).replace(/\b(Of|And|To|With)\b/g, (m) => m.toLowerCase());
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
		source: 'outside',
		phased: false,
		coverage: 'complete',
		untestedKeyAlleles: [],
		halfCalls: [],
		decidingPositions: []
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
	if (o.diplotype && gene) {
		const [a, b] = o.diplotype.split('/');
		const p = phenotypeOf(gene, a.trim(), b ? b.trim() : null, sex);
		call.diplotypes = [diplotypeName(a.trim(), b ? b.trim() : null)];
		if (!o.phenotype) {
			if (p) {
				call.phenotype = p.phenotype;
				call.activityScore = o.activityScore ?? p.activityScore;
				call.lookupKey = p.lookupKey;
			} else warnings.push(`The phenotype of ${o.diplotype} is not in the ${o.gene} tables; enter the phenotype too.`);
		} else if (p && p.phenotype.toLowerCase() !== o.phenotype.toLowerCase()) {
			// The lab's phenotype is kept (it may use newer rules), but the contradiction is shown.
			warnings.push(
				`The entered phenotype "${o.phenotype}" differs from what the CPIC tables give for ${o.gene} ${o.diplotype} ("${p.phenotype}"); check the lab report before acting on it.`
			);
		}
		if (p && o.activityScore !== null && p.activityScore !== null && p.activityScore !== o.activityScore)
			warnings.push(`The entered activity score ${o.activityScore} differs from the score of ${o.gene} ${o.diplotype} in the CPIC tables (${p.activityScore}); check the lab report.`);
	}
	if (o.gene === 'MT-RNR1') {
		const v = o.diplotype ? kb.mtRnr1.find((x) => x.name.toLowerCase() === o.diplotype!.toLowerCase().replace(/^mt-rnr1\s*/, '')) : undefined;
		const p = o.phenotype ?? v?.phenotype ?? null;
		if (p) {
			call.phenotype = p;
			call.lookupKey = p.toLowerCase();
		}
	}
	if (gene?.phenotypeMethod === 'activity-score') {
		if (o.activityScore !== null) {
			// The activity score is what CPIC's CYP2D6 tables are keyed by; the phenotype follows from it.
			call.lookupKey = scoreKey(o.activityScore);
			const band = phenotypeFromScore(gene, o.activityScore);
			if (!o.phenotype && band) call.phenotype = band;
			else if (o.phenotype && band && band !== o.phenotype) warnings.push(`The lab's phenotype (${o.phenotype}) differs from the one CPIC assigns to activity score ${o.activityScore} (${band}); the activity score is used.`);
		} else if (o.phenotype) call.lookupKey = o.phenotype;
	}
	return call;
}

/** Replace file-derived calls with outside calls. */
export function applyOutsideCalls(calls: GeneCall[], outside: OutsideCall[], kb: PgxKb, sex: string): GeneCall[] {
	const byGene = new Map(outside.map((o) => [o.gene, outsideToCall(o, kb, sex)]));
	const merged = calls.map((c) => byGene.get(c.gene) ?? c);
	for (const [g, c] of byGene) if (!calls.some((x) => x.gene === g)) merged.push(c);
	return merged;
}
