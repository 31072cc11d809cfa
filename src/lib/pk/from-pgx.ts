/**
 * Read phenotypes out of a stored pharmacogenomics result without depending on its internals:
 * accepts a gene → { phenotype, activityScore } map, an array of { gene, phenotype,
 * activityScore } rows, or either of those under a `genes`, `calls` or `results` key.
 */
import { GENE_PHENOTYPES, NORMAL_ACTIVITY_SCORE, canonicalPhenotype, type PhenotypeInput } from './phenotypes';

function fromRow(out: PhenotypeInput, gene: unknown, row: Record<string, unknown>): void {
	if (typeof gene !== 'string' || !gene) return;
	const phenotype = typeof row.phenotype === 'string' ? row.phenotype : undefined;
	const raw = row.activityScore ?? row.activity_score ?? null;
	const activityScore = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
	if (phenotype || activityScore !== null) out[gene.toUpperCase()] = { phenotype, activityScore };
}

/** Phenotypes per gene found in a pgx result value; empty when none can be read. */
export function phenotypesFromPgxResult(value: unknown): PhenotypeInput {
	const out: PhenotypeInput = {};
	const visit = (v: unknown, depth: number) => {
		if (!v || typeof v !== 'object' || depth > 2) return;
		if (Array.isArray(v)) {
			for (const row of v) if (row && typeof row === 'object') fromRow(out, (row as Record<string, unknown>).gene, row as Record<string, unknown>);
			return;
		}
		const o = v as Record<string, unknown>;
		for (const key of ['genes', 'calls', 'results', 'phenotypes']) if (key in o) visit(o[key], depth + 1);
		for (const [k, row] of Object.entries(o)) {
			if (/^[A-Z0-9]{3,10}$/.test(k) && row && typeof row === 'object' && !Array.isArray(row)) fromRow(out, k, row as Record<string, unknown>);
		}
	};
	visit(value, 0);
	return out;
}

/**
 * Keep only results the model can use: genes it knows, phenotypes it can read ("Likely"/"Possible"
 * prefixes are read as the phenotype they qualify), activity scores for activity-score genes.
 * Everything dropped or reinterpreted is described in `notes` (plain sentences).
 */
export function usablePhenotypes(input: PhenotypeInput): { phenotypes: PhenotypeInput; notes: string[] } {
	const phenotypes: PhenotypeInput = {};
	const notes: string[] = [];
	for (const [gene, r] of Object.entries(input)) {
		const options = GENE_PHENOTYPES[gene];
		if (!options) continue;
		const score = gene in NORMAL_ACTIVITY_SCORE && typeof r.activityScore === 'number' ? r.activityScore : null;
		if (score !== null) {
			phenotypes[gene] = { activityScore: score };
			continue;
		}
		if (!r.phenotype) continue;
		const bare = r.phenotype.replace(/^(likely|possible)\s+/i, '');
		const key = canonicalPhenotype(bare);
		if (!key || !options.some((o) => o.key === key)) {
			notes.push(`${gene} result "${r.phenotype}" cannot be used by the model; ${gene} is modelled like the typical patient.`);
			continue;
		}
		if (bare !== r.phenotype) notes.push(`${gene} "${r.phenotype}" is modelled as "${bare}".`);
		phenotypes[gene] = { phenotype: bare };
	}
	return { phenotypes, notes };
}
