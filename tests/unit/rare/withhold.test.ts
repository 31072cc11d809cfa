/**
 * Unsolicited findings stay out of the main ranking: an ACMG SF / carrier-list gene the phenotype
 * does not point to is withheld (with its variants) unless the person opted in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseRare, rankGenes, readCandidates, readClinVar, textStream, type CandidateVariant, type ClinVarDb, type RareKb, type RareResult, type SecondaryOptIn } from '../../../src/lib/rare/index';
import { withheldGenes } from '../../../src/lib/rare/withhold';
import { cdsPosition, kb as loadKb, vcf } from './helpers';

const SEIZURE = 'HP:0001250';
const BREAST_CARCINOMA = 'HP:0003002';

let kb: RareKb;
let clinvar: ClinVarDb;
let candidates: CandidateVariant[];
const at: Record<string, number> = {};
const chrom: Record<string, string> = {};

beforeAll(async () => {
	kb = await loadKb();
	const models = await kb.genes('GRCh38');
	// BRCA1: SF list (AD); CFTR: carrier list (AR); COL1A1: on neither list (AD osteogenesis imperfecta)
	for (const g of ['BRCA1', 'CFTR', 'COL1A1']) {
		const m = models.bySymbol.get(g)!;
		at[g] = cdsPosition(m, 30);
		chrom[g] = m.chrom.replace(/^chr/, '');
	}
	const rows = ['BRCA1', 'CFTR', 'COL1A1'].map((g, i) => `${chrom[g]}\t${at[g]}\t${i + 1}\tC\tT\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=reviewed_by_expert_panel;GENEINFO=${g}:${i + 1}`);
	clinvar = await readClinVar(textStream(['##fileformat=VCFv4.1', '##fileDate=2025-06-01', '##reference=GRCh38', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO', ...rows].join('\n') + '\n'));
	const set = await readCandidates(textStream(vcf(['BRCA1', 'CFTR', 'COL1A1'].map((g) => [chrom[g], at[g], 'C', 'T', '0/1'] as [string, number, string, string, string]))), kb, { clinvar });
	candidates = set.candidates;
	expect(new Set(candidates.map((v) => v.gene))).toEqual(new Set(['BRCA1', 'CFTR', 'COL1A1']));
});

function run(observed: string[], optIn?: SecondaryOptIn, variants = candidates): Promise<RareResult> {
	return analyseRare(kb, {
		query: { observed, excluded: [], sex: 'female' },
		candidates: { variants, build: 'GRCh38', file: 'case.vcf', sample: 'PATIENT', records: variants.length },
		clinvar,
		optIn,
		top: 20
	});
}

const names = (r: RareResult) => r.genes.map((g) => g.gene);
const withheldLine = (r: RareResult) => r.warnings.find((w) => /left out of the ranking/.test(w));

describe('unsolicited findings in the ranking', () => {
	it('without opt-in, a pathogenic BRCA1 variant does not rank BRCA1 for "Seizure"; the warning counts, never names', async () => {
		// the gap this closes: scored on the variant alone, BRCA1 ranks near the top for Seizure
		const raw = await rankGenes(kb, { observed: [SEIZURE], excluded: [], sex: 'female' }, { candidates, build: 'GRCh38', top: 20 });
		expect(raw.rankOf('BRCA1')).toBeLessThanOrEqual(3);

		const r = await run([SEIZURE]);
		expect(names(r)).not.toContain('BRCA1');
		expect(names(r)).not.toContain('CFTR');
		expect(r.genes.flatMap((g) => g.variants).some((v) => v.gene === 'BRCA1' || v.gene === 'CFTR')).toBe(false);
		expect(r.genes.map((g) => g.rank)).toEqual(r.genes.map((_, i) => i + 1));
		expect(r.genes).toHaveLength(20);
		const line = withheldLine(r)!;
		expect(line).toMatch(/^\d+ genes \(\d+ on the ACMG SF v3\.3 secondary-findings list, \d+ on the carrier-screening list\)/);
		expect(line).toMatch(/Opt in to secondary findings \/ carrier screening to see them/);
		expect(r.warnings.join('\n')).not.toMatch(/BRCA1|CFTR/);
		expect(JSON.stringify(r)).not.toMatch(/BRCA1|CFTR/);
	});

	it('the number withheld depends on the phenotype only (the same with no variant in a listed gene)', async () => {
		const r = await run([SEIZURE], undefined, candidates.filter((v) => v.gene === 'COL1A1'));
		expect(withheldLine(r)).toBe(withheldLine(await run([SEIZURE])));
	});

	it('a non-listed gene is unaffected: COL1A1 ranks where it ranks with opt-in', async () => {
		const plain = await run([SEIZURE]);
		const opted = await run([SEIZURE], { secondaryFindings: true, carrier: true });
		expect(names(plain)).toContain('COL1A1');
		expect(plain.genes.find((g) => g.gene === 'COL1A1')!.variants).toHaveLength(1);
		const withoutListed = names(opted).filter((g) => g !== 'BRCA1' && g !== 'CFTR');
		expect(names(plain).slice(0, withoutListed.length)).toEqual(withoutListed);
	});

	it('with opt-in the ranking is unchanged (the same genes, ranks and scores as the scorer gives)', async () => {
		const raw = await rankGenes(kb, { observed: [SEIZURE], excluded: [], sex: 'female' }, { candidates, build: 'GRCh38', top: 20 });
		const opted = await run([SEIZURE], { secondaryFindings: true, carrier: true });
		expect(opted.genes).toEqual(raw.genes);
		expect(withheldLine(opted)).toBeUndefined();
		expect(names(opted)).toContain('BRCA1');
	});

	it('opting into one list releases only that list', async () => {
		const carrierOnly = await run([SEIZURE], { carrier: true });
		expect(names(carrierOnly)).not.toContain('BRCA1');
		expect(withheldLine(carrierOnly)).toMatch(/secondary-findings list\)/);
		expect(withheldLine(carrierOnly)).toMatch(/Opt in to secondary findings to see them/);
		const sfOnly = await run([SEIZURE], { secondaryFindings: true });
		expect(names(sfOnly)).toContain('BRCA1');
		expect(names(sfOnly)).not.toContain('CFTR');
		expect(withheldLine(sfOnly)).toMatch(/Opt in to carrier screening to see them/);
	});

	it('when the phenotype fits (breast carcinoma), BRCA1 and its variant are shown without opt-in', async () => {
		const r = await run([BREAST_CARCINOMA]);
		const brca1 = r.genes.find((g) => g.gene === 'BRCA1');
		expect(brca1?.rank).toBe(1);
		expect(brca1!.variants.map((v) => v.pos)).toEqual([at.BRCA1]);
		expect(withheldGenes(kb, { observed: [BREAST_CARCINOMA], excluded: [], sex: 'female' }).genes.has('BRCA1')).toBe(false);
		expect(withheldGenes(kb, { observed: [SEIZURE], excluded: [], sex: 'female' }).genes.has('BRCA1')).toBe(true);
	});

	it('a phenotype-only run (no genome) is unaffected', async () => {
		const r = await analyseRare(kb, { query: { observed: [SEIZURE], excluded: [], sex: 'female' }, top: 20 });
		const raw = await rankGenes(kb, { observed: [SEIZURE], excluded: [], sex: 'female' }, { candidates: null, build: null, top: 20 });
		expect(r.genes).toEqual(raw.genes);
		expect(withheldLine(r)).toBeUndefined();
	});
});
