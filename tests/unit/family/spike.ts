/**
 * Spike published rare-disease variants (GA4GH phenopackets from ../shared) into a real
 * background family VCF with the genotypes each inheritance pattern implies. Used by the
 * ../shared-based trio tests and scripts/family-validate.ts. The spiked genotypes are SYNTHETIC
 * (the background trio is real; the planted calls are not theirs).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** ../shared beside the repository, or $QENOME_SHARED. */
export const SHARED = (() => {
	const beside = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared');
	if (fs.existsSync(beside)) return beside;
	return process.env.QENOME_SHARED && fs.existsSync(process.env.QENOME_SHARED) ? process.env.QENOME_SHARED : beside;
})();
export const BACKGROUND = path.join(SHARED, 'data', 'background');
export const TRIO_B37 = path.join(BACKGROUND, 'AshkenaziTrio.HG002-HG003-HG004.b37.chr1-2.GATK.vcf.gz');
export const TRIO_B38 = path.join(BACKGROUND, 'AshkenaziTrio.HG002-HG003-HG004.GRCh38-lifted.chr1-2.vcf.gz');
export const TRIO_PED = path.join(BACKGROUND, 'AshkenaziTrio.ped');
export const PHENOPACKETS = path.join(SHARED, 'data', 'rare', 'phenopackets-dev', 'phenopackets.ndjson.gz');
/** True when the real trio and the phenopackets are available. */
export const HAVE_TRIO = fs.existsSync(TRIO_B37) && fs.existsSync(TRIO_B38) && fs.existsSync(PHENOPACKETS);

/** Inheritance categories a case can be spiked as. */
export type SpikeCategory = 'de novo' | 'recessive homozygous' | 'compound heterozygous' | 'X-linked';

/** One published case reduced to what spiking needs. */
export interface SpikeCase {
	id: string;
	cohort: string;
	gene: string;
	category: SpikeCategory;
	variants: { chrom: string; pos: number; ref: string; alt: string }[];
	/** Observed HPO term ids. */
	hpo: string[];
}

/** Read phenopackets and keep the cases that fit one category (hg38 SNVs/indels with vcfRecord). */
export function loadSpikeCases(): SpikeCase[] {
	const text = zlib.gunzipSync(fs.readFileSync(PHENOPACKETS)).toString('utf8');
	const out: SpikeCase[] = [];
	for (const line of text.split('\n')) {
		if (!line.trim()) continue;
		const d = JSON.parse(line);
		const hpo = (d.phenotypicFeatures ?? []).filter((f: { excluded?: boolean }) => !f.excluded).map((f: { type: { id: string } }) => f.type.id);
		for (const it of d.interpretations ?? []) {
			const vs: { chrom: string; pos: number; ref: string; alt: string; gene: string; state: string }[] = [];
			for (const g of it.diagnosis?.genomicInterpretations ?? []) {
				const vd = g.variantInterpretation?.variationDescriptor;
				const vr = vd?.vcfRecord;
				if (!vr || !/38/.test(vr.genomeAssembly ?? '')) continue;
				const ref = String(vr.ref);
				const alt = String(vr.alt);
				if (!/^[ACGT]+$/.test(ref) || !/^[ACGT]+$/.test(alt)) continue;
				vs.push({ chrom: String(vr.chrom).replace(/^chr/, ''), pos: Number(vr.pos), ref, alt, gene: vd.geneContext?.symbol ?? '', state: vd.allelicState?.label ?? '' });
			}
			if (!vs.length || !vs[0].gene || hpo.length === 0) continue;
			const sex = d.subject?.sex;
			let category: SpikeCategory | null = null;
			if (vs.length === 1 && vs[0].chrom === 'X' && sex === 'MALE' && vs[0].state === 'hemizygous') category = 'X-linked';
			else if (vs.length === 1 && vs[0].chrom !== 'X' && vs[0].state === 'heterozygous') category = 'de novo';
			else if (vs.length === 1 && vs[0].chrom !== 'X' && vs[0].state === 'homozygous') category = 'recessive homozygous';
			else if (vs.length === 2 && vs[0].chrom !== 'X' && vs.every((v) => v.state === 'heterozygous' && v.gene === vs[0].gene) && vs[0].pos !== vs[1].pos) category = 'compound heterozygous';
			if (!category) continue;
			out.push({ id: String(d.id), cohort: '', gene: vs[0].gene, category, variants: vs.map(({ chrom, pos, ref, alt }) => ({ chrom, pos, ref, alt })), hpo });
		}
	}
	return out;
}

/** Genotypes (son HG002, father HG003, mother HG004) each category implies. */
export function spikeGenotypes(c: SpikeCase): { variant: SpikeCase['variants'][number]; gts: [string, string, string] }[] {
	switch (c.category) {
		case 'de novo':
			return [{ variant: c.variants[0], gts: ['0/1', '0/0', '0/0'] }];
		case 'recessive homozygous':
			return [{ variant: c.variants[0], gts: ['1/1', '0/1', '0/1'] }];
		case 'compound heterozygous':
			return [
				{ variant: c.variants[0], gts: ['0/1', '0/1', '0/0'] },
				{ variant: c.variants[1], gts: ['0/1', '0/0', '0/1'] }
			];
		case 'X-linked':
			return [{ variant: c.variants[0], gts: ['1', '0', '0/1'] }];
	}
}

/** A clean GT:AD:DP:GQ cell for a genotype. */
function cell(gt: string): string {
	const alleles = gt.split('/');
	const alt = alleles.filter((a) => a === '1').length;
	const ad = alt === 0 ? '30,0' : alt === alleles.length ? '0,30' : '15,15';
	return `${gt}:${ad}:30:99`;
}

/** The background VCF text with `records` appended (the importer sorts what arrives unsorted). */
export function spikeVcf(background: string, records: { variant: SpikeCase['variants'][number]; gts: string[]; cells?: string[] }[]): string {
	const lines = records.map(({ variant: v, gts, cells }) =>
		[v.chrom, v.pos, '.', v.ref, v.alt, '60', 'PASS', 'SPIKED', 'GT:AD:DP:GQ', ...(cells ?? gts.map(cell))].join('\t')
	);
	return background.replace(/\n*$/, '\n') + lines.join('\n') + '\n';
}

/** The GRCh38-lifted trio as text. */
export function trioText(which: 'b37' | 'b38' = 'b38'): string {
	return zlib.gunzipSync(fs.readFileSync(which === 'b37' ? TRIO_B37 : TRIO_B38)).toString('utf8');
}

/** Ranks of a spiked case's gene: the proband's VCF alone vs the trio with its PED. */
export interface RankComparison {
	id: string;
	gene: string;
	category: SpikeCategory;
	aloneRank: number | null;
	trioRank: number | null;
	/** The gene's `inheritance` in the trio ranking (family patterns that fit its disease mode, else the mode). */
	patterns: string[];
	/** Patterns the family genotypes show for the gene, whatever its disease mode. */
	familyPatterns: string[];
	/** True when the rare-disease reader kept the spiked variant(s) as candidates of the gene. */
	spikedIsCandidate: boolean;
	/** Seconds for the trio analysis (import of three samples + checks + ranking). */
	trioSeconds: number;
}

/** The trio's PED with an affected son and unaffected parents. */
export const TRIO_PED_AFFECTED = 'ash HG002 HG003 HG004 1 2\nash HG003 0 0 1 1\nash HG004 0 0 2 1\n';

let kbCache: Awaited<ReturnType<typeof import('../../../src/lib/rare/kb-node').loadRareKbNode>> | undefined;

/** Spike one case into the trio and rank it twice. */
export async function compareRanks(c: SpikeCase, background: string): Promise<RankComparison> {
	const { importGenomeBytes } = await import('../../../src/lib/genome/index');
	const { analyseFamily, familySample, parsePed } = await import('../../../src/lib/family/index');
	const { analyseRare } = await import('../../../src/lib/rare/index');
	const { loadRareKbNode } = await import('../../../src/lib/rare/kb-node');
	const kb = (kbCache ??= await loadRareKbNode());
	const text = spikeVcf(background, spikeGenotypes(c));
	const bytes = new TextEncoder().encode(text);
	const open = () => new Blob([bytes]).stream();
	const top = 100000;
	const alone = await analyseRare(kb, { query: { observed: c.hpo, excluded: [], sex: 'male' }, vcf: { stream: open(), name: c.id, sample: 'HG002' }, top });
	const t0 = performance.now();
	const ids = ['HG002', 'HG003', 'HG004'];
	const samples = [];
	for (const id of ids) samples.push(familySample(id, await importGenomeBytes(bytes, { sample: id }), true));
	const fam = await analyseFamily(kb, { samples, pedigree: parsePed(TRIO_PED_AFFECTED), sources: [{ name: c.id, samples: ids, open }], query: { observed: c.hpo, excluded: [] }, top });
	const trioSeconds = (performance.now() - t0) / 1000;
	const a = alone.genes.find((g) => g.gene === c.gene);
	const f = fam.rare.genes.find((g) => g.gene === c.gene);
	return { id: c.id, gene: c.gene, category: c.category, aloneRank: a?.rank ?? null, trioRank: f?.rank ?? null, patterns: f?.inheritance ?? [], familyPatterns: fam.genes[c.gene]?.patterns ?? [], spikedIsCandidate: c.variants.every((v) => f?.variants.some((x) => x.chrom === v.chrom && x.pos === v.pos) ?? false), trioSeconds };
}
