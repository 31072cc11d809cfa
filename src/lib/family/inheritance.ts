/**
 * Inheritance patterns over a family's genotypes — the logic slivar made popular, implemented
 * here on Qenome's columnar genomes:
 *
 * - de novo: the proband heterozygous (or hemizygous on a male X), both parents homozygous
 *   reference and called; when the VCF carries DP/GQ/AD the calls must pass depth, genotype
 *   quality and allele-balance gates (`DE_NOVO_GATES`). Never from consumer arrays: the expected
 *   number of true de novo variants at arrayed sites is ≈ 0.01 per child, and arrays' positive
 *   predictive value for very rare variants is poor, so every array "de novo" would be an error.
 * - recessive homozygous: the proband homozygous ALT, each genotyped parent a carrier, no
 *   unaffected member homozygous.
 * - compound heterozygous (per gene): two heterozygous variants of one gene, one inherited from
 *   each parent (phased by inheritance: the other parent is homozygous reference), and no
 *   unaffected member carrying both.
 * - X-linked: an ALT on a male proband's X (hemizygous), mother a carrier (or a de novo), no
 *   unaffected male carrying it.
 * - dominant: heterozygous in every genotyped affected member and in no genotyped unaffected one,
 *   with at least one other affected member genotyped (segregation across the pedigree).
 *
 * A variant that contradicts the pedigree (homozygous in an unaffected member, inherited from an
 * unaffected parent with no second hit, missing from an affected relative) records why.
 */
import { decodeRecord, type GenomeChunk } from '../genome/index';
import { FamilyError } from './errors';
import type { PedMember, PedPhenotype, PedSex, Pedigree } from './ped';
import { siteKey, type CallQuality, type SiteQualities } from './quality';
import type { FamilySample } from './samples';

/** Patterns named in results (the CLI and the report use these exact words). */
export type InheritancePattern = 'de novo' | 'recessive homozygous' | 'compound heterozygous' | 'X-linked' | 'dominant';

/** Depth / genotype-quality / allele-balance gates for de novo calls (slivar's defaults, rounded). */
export const DE_NOVO_GATES = {
	/** Minimum read depth for the proband and both parents. */
	minDepth: 10,
	/** Minimum genotype quality for all three. */
	minGq: 20,
	/** Proband's ALT allele fraction must lie in this range. */
	minChildAb: 0.2,
	maxChildAb: 0.8,
	/** Parents' ALT allele fraction must stay below this (no hidden mosaic / missed het). */
	maxParentAb: 0.05
} as const;

/** One member's genotype at a variant. */
export interface MemberGenotype {
	sample: string;
	/** VCF-style: "0/0", "0/1", "1/1", "1" (hemizygous), "./." (no call), "not tested" (array without the site). */
	genotype: string;
	/** Copies of the ALT allele; null when not called or not tested. */
	altCount: number | null;
	/** True when the member's file has no record and it was read as reference. */
	assumedReference: boolean;
	affected: PedPhenotype;
	sex: PedSex;
	quality: CallQuality | null;
}

/** A variant seen through the family. */
export interface FamilyVariant {
	chrom: string;
	pos: number;
	ref: string;
	alt: string;
	/** Per member, proband first. */
	genotypes: MemberGenotype[];
	/** Patterns this variant fits on its own (compound heterozygous is decided per gene). */
	patterns: InheritancePattern[];
	/** Where the proband's ALT came from, when the parents tell. */
	origin: 'father' | 'mother' | 'both parents' | 'de novo' | 'unknown';
	/** Plain reasons the variant contradicts the pedigree (empty when it does not). */
	contradictions: string[];
	/** Why a de novo candidate was not called one (gates failed, array data). */
	notes: string[];
}

/** A gene's family verdict. */
export interface FamilyGene {
	patterns: InheritancePattern[];
	variants: FamilyVariant[];
	/** True when every variant of the gene contradicts the pedigree. */
	inconsistent: boolean;
}

/** A variant to assess (the proband's ALT at a site). */
export interface VariantSite {
	chrom: string;
	pos: number;
	ref: string;
	alt: string;
}

/** The family an analysis runs on. */
export interface FamilyContext {
	samples: FamilySample[];
	pedigree: Pedigree;
	/** The affected member analysed (the proband). */
	proband: string;
	/** DP/GQ/AD at candidate sites, when read (see readSiteQualities). */
	qualities?: SiteQualities;
}

/** Lower bound of `pos` in a chunk's positions. */
function lowerBound(a: Uint32Array, pos: number): number {
	let lo = 0;
	let hi = a.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (a[mid] < pos) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Chunk index by chromosome per sample (cached on first use). */
const chunkIndex = new WeakMap<FamilySample, Map<string, GenomeChunk>>();
function chunkOf(sample: FamilySample, chrom: string): GenomeChunk | undefined {
	let m = chunkIndex.get(sample);
	if (!m) {
		m = new Map(sample.chunks.map((c) => [c.chrom, c]));
		chunkIndex.set(sample, m);
	}
	return m.get(chrom);
}

/** One member's genotype for `site`. */
export function memberGenotype(sample: FamilySample, member: PedMember | undefined, site: VariantSite, qualities?: SiteQualities): MemberGenotype {
	const base = { sample: sample.id, affected: member?.phenotype ?? 'unknown', sex: member?.sex ?? 'unknown', quality: qualities?.get(siteKey(site.chrom, site.pos))?.get(sample.id) ?? null } as const;
	const chunk = chunkOf(sample, site.chrom);
	let rec = -1;
	if (chunk) {
		let i = lowerBound(chunk.positions, site.pos);
		while (i < chunk.positions.length && chunk.positions[i] === site.pos) {
			const call = decodeRecord(chunk, i);
			if (rec < 0) rec = i;
			if (call.alleles?.includes(site.alt)) {
				rec = i;
				break;
			}
			i++;
		}
	}
	if (rec < 0 || !chunk) {
		if (sample.absentIsReference) {
			const hemi = site.chrom === 'X' && (member?.sex ?? (sample.summary.sex === 'male' ? 'male' : 'unknown')) === 'male';
			return { ...base, genotype: hemi ? '0' : '0/0', altCount: 0, assumedReference: !sample.jointCalled };
		}
		return { ...base, genotype: 'not tested', altCount: null, assumedReference: false };
	}
	const call = decodeRecord(chunk, rec);
	if (!call.alleles) return { ...base, genotype: './.', altCount: null, assumedReference: false };
	const alt = call.alleles.filter((a) => a === site.alt).length;
	const sep = call.phased ? '|' : '/';
	const code = (a: string) => (a === site.alt ? '1' : call.ref === null || a === call.ref || a === site.ref ? '0' : '2');
	const genotype = call.alleles.map(code).join(sep);
	return { ...base, genotype, altCount: alt, assumedReference: false };
}

/** Resolve the proband's parents and the members with genomes. */
function roles(ctx: FamilyContext) {
	const byId = new Map(ctx.pedigree.members.map((m) => [m.id, m]));
	const proband = byId.get(ctx.proband);
	if (!proband) throw new FamilyError('ped-missing-sample', `The proband ${ctx.proband} is not in the PED.`);
	const sampleById = new Map(ctx.samples.map((s) => [s.id, s]));
	if (!sampleById.has(ctx.proband)) throw new FamilyError('ped-missing-sample', `The proband ${ctx.proband} has no genome.`);
	return { byId, proband, sampleById, father: proband.father ? (sampleById.get(proband.father) ?? null) : null, mother: proband.mother ? (sampleById.get(proband.mother) ?? null) : null };
}

/** Allele fraction of ALT from AD (null without AD). */
function altFraction(q: CallQuality | null): number | null {
	if (!q?.ad || q.ad.length < 2) return null;
	const total = q.ad.reduce((a, b) => a + b, 0);
	if (total === 0) return null;
	return (total - q.ad[0]) / total;
}

/** Check the de novo gates; returns the failures (empty = passed or no fields to check). */
function deNovoGateFailures(child: MemberGenotype, father: MemberGenotype, mother: MemberGenotype): string[] {
	const out: string[] = [];
	for (const g of [child, father, mother]) {
		const q = g.quality;
		if (!q) continue;
		if (q.dp !== null && q.dp < DE_NOVO_GATES.minDepth) out.push(`${g.sample} depth ${q.dp} < ${DE_NOVO_GATES.minDepth}`);
		if (q.gq !== null && q.gq < DE_NOVO_GATES.minGq) out.push(`${g.sample} GQ ${q.gq} < ${DE_NOVO_GATES.minGq}`);
		const ab = altFraction(q);
		if (ab === null) continue;
		if (g === child && child.altCount === 1 && (ab < DE_NOVO_GATES.minChildAb || ab > DE_NOVO_GATES.maxChildAb))
			out.push(`${g.sample} allele balance ${ab.toFixed(2)} outside ${DE_NOVO_GATES.minChildAb}–${DE_NOVO_GATES.maxChildAb}`);
		if (g !== child && ab > DE_NOVO_GATES.maxParentAb) out.push(`${g.sample} has ${ab.toFixed(2)} ALT reads (parent should have none)`);
	}
	return out;
}

/** True when the member is (stated or inferred) male. */
function isMale(g: MemberGenotype, sample: FamilySample | undefined): boolean {
	return g.sex === 'male' || (g.sex === 'unknown' && sample?.summary.sex === 'male');
}

/** Assess one variant of the proband against the family. */
export function assessVariant(ctx: FamilyContext, site: VariantSite): FamilyVariant {
	const r = roles(ctx);
	const ordered = [r.sampleById.get(ctx.proband)!, ...ctx.samples.filter((s) => s.id !== ctx.proband)];
	const genotypes = ordered.map((s) => memberGenotype(s, r.byId.get(s.id), site, ctx.qualities));
	const child = genotypes[0];
	const gOf = (s: FamilySample | null) => (s ? genotypes[ordered.indexOf(s)] : null);
	const fa = gOf(r.father);
	const mo = gOf(r.mother);
	const patterns: InheritancePattern[] = [];
	const contradictions: string[] = [];
	const notes: string[] = [];
	const onX = site.chrom === 'X';
	const childMale = isMale(child, ordered[0]);
	const others = genotypes.slice(1);
	const childAlt = child.altCount ?? 0;
	let origin: FamilyVariant['origin'] = 'unknown';
	if (fa?.altCount != null && mo?.altCount != null) {
		const fromF = fa.altCount > 0;
		const fromM = mo.altCount > 0;
		origin = fromF && fromM ? 'both parents' : fromF ? 'father' : fromM ? 'mother' : childAlt > 0 ? 'de novo' : 'unknown';
		if (onX && childMale) origin = fromM ? 'mother' : childAlt > 0 ? 'de novo' : 'unknown';
	}
	if (childAlt === 0) return { ...site, genotypes, patterns, origin, contradictions: [`${child.sample} does not carry this variant.`], notes };

	// Unaffected members who carry a genotype that would explain the disease contradict it.
	const unaffectedHom = others.filter((g) => g.affected === 'unaffected' && g.altCount === 2);
	const unaffectedHemi = onX ? others.filter((g) => g.affected === 'unaffected' && (g.altCount ?? 0) > 0 && isMale(g, ctx.samples.find((s) => s.id === g.sample))) : [];
	const affectedOthers = others.filter((g) => g.affected === 'affected' && g.altCount !== null);
	const unaffectedOthers = others.filter((g) => g.affected === 'unaffected' && g.altCount !== null);

	// de novo
	const trioComplete = fa && mo && fa.altCount !== null && mo.altCount !== null;
	const arrays = [ordered[0], r.father, r.mother].some((s) => s?.source === 'array');
	if (origin === 'de novo' && childAlt >= 1 && trioComplete) {
		if (arrays) notes.push('Consumer arrays never produce de novo calls: true de novo variants at arrayed sites are ≈ 0.01 per child, so an apparent one is almost always a genotyping error.');
		else if (childAlt === 2 && !(onX && childMale)) notes.push('Homozygous in the child with both parents reference: more likely a genotyping or deletion artefact than a de novo.');
		else if (fa!.assumedReference || mo!.assumedReference) notes.push('A parent has no record at this site in a separate VCF (read as reference); not called de novo without an explicit parental call.');
		else {
			const fails = deNovoGateFailures(child, fa!, mo!);
			if (fails.length) notes.push(`De novo candidate failed quality gates: ${fails.join('; ')}.`);
			else {
				patterns.push('de novo');
				if (![child, fa!, mo!].some((g) => g.quality)) notes.push('The VCF gives no DP/GQ/AD here, so the de novo depth, quality and allele-balance gates could not be applied.');
			}
		}
	}
	// recessive homozygous (autosomes, or a female X)
	if (childAlt === 2 && (!onX || !childMale)) {
		const parentsOk = [fa, mo].every((p) => !p || p.altCount === null || p.altCount >= 1);
		const refParent = [fa, mo].find((p) => p && p.altCount === 0);
		if (refParent) contradictions.push(`${refParent.sample} (a parent) does not carry it, so the child cannot be homozygous by inheritance.`);
		if (unaffectedHom.length) contradictions.push(`Unaffected ${unaffectedHom.map((g) => g.sample).join(', ')} ${unaffectedHom.length > 1 ? 'are' : 'is'} also homozygous.`);
		const affectedNotHom = affectedOthers.filter((g) => g.altCount !== 2 && !isParentOf(r.byId, g.sample, ctx.proband));
		if (affectedNotHom.length) contradictions.push(`Affected ${affectedNotHom.map((g) => g.sample).join(', ')} ${affectedNotHom.length > 1 ? 'are' : 'is'} not homozygous.`);
		if (parentsOk && !refParent && !unaffectedHom.length && !affectedNotHom.length) patterns.push('recessive homozygous');
	}
	// X-linked (male proband)
	if (onX && childMale && childAlt >= 1) {
		const motherOk = !mo || mo.altCount === null || mo.altCount >= 1 || patterns.includes('de novo');
		if (unaffectedHemi.length) contradictions.push(`Unaffected male ${unaffectedHemi.map((g) => g.sample).join(', ')} also carries it on his X.`);
		if (mo && mo.altCount === 2 && mo.affected === 'unaffected') contradictions.push(`The unaffected mother ${mo.sample} is homozygous.`);
		if (motherOk && !unaffectedHemi.length && !(mo && mo.altCount === 2 && mo.affected === 'unaffected')) patterns.push('X-linked');
	}
	// dominant, segregating with affected status
	if (childAlt === 1 && !onX) {
		const affectedMiss = affectedOthers.filter((g) => g.altCount === 0);
		const unaffectedCarry = unaffectedOthers.filter((g) => (g.altCount ?? 0) > 0);
		if (affectedOthers.length > 0 && affectedMiss.length === 0 && unaffectedCarry.length === 0) patterns.push('dominant');
		if (affectedMiss.length) contradictions.push(`Affected ${affectedMiss.map((g) => g.sample).join(', ')} ${affectedMiss.length > 1 ? 'do' : 'does'} not carry it.`);
	}
	return { ...site, genotypes, patterns, origin, contradictions, notes };
}

/** True when `a` is listed as a parent of `child` (parents of a recessive case are obligate carriers). */
function isParentOf(byId: ReadonlyMap<string, PedMember>, a: string, child: string): boolean {
	const m = byId.get(child);
	return !!m && (m.father === a || m.mother === a);
}

/**
 * Assess all of a gene's candidate variants in the proband: per-variant patterns plus compound
 * heterozygosity (one heterozygous variant from each parent, phased by inheritance).
 */
export function assessGene(ctx: FamilyContext, sites: readonly VariantSite[]): FamilyGene {
	const byId = new Map(ctx.pedigree.members.map((m) => [m.id, m]));
	{
		const variants = sites.map((s) => assessVariant(ctx, s));
		const patterns = new Set<InheritancePattern>();
		for (const v of variants) for (const p of v.patterns) patterns.add(p);
		const hets = variants.filter((v) => v.genotypes[0].altCount === 1 && v.chrom !== 'X' || (v.chrom === 'X' && v.genotypes[0].altCount === 1 && v.genotypes[0].sex === 'female'));
		const fromFather = hets.filter((v) => v.origin === 'father');
		const fromMother = hets.filter((v) => v.origin === 'mother');
		const deNovo = hets.filter((v) => v.patterns.includes('de novo'));
		const pairs: [FamilyVariant, FamilyVariant][] = [];
		for (const a of fromFather) for (const b of [...fromMother, ...deNovo]) pairs.push([a, b]);
		for (const a of fromMother) for (const b of deNovo) pairs.push([a, b]);
		// An unaffected member carrying both variants of a pair rules that pair out.
		const ok = pairs.filter(([a, b]) => {
			for (let k = 1; k < a.genotypes.length; k++) {
				const ga = a.genotypes[k];
				const gb = b.genotypes[k];
				if (ga.affected === 'unaffected' && (ga.altCount ?? 0) > 0 && (gb.altCount ?? 0) > 0 && !isParentOf(byId, ga.sample, ctx.proband)) return false;
			}
			return true;
		});
		if (ok.length) {
			patterns.add('compound heterozygous');
			const inPair = new Set(ok.flatMap(([a, b]) => [a, b]));
			for (const v of inPair) {
				if (!v.patterns.includes('compound heterozygous')) v.patterns.push('compound heterozygous');
				// An inherited het from an unaffected parent is explained by the second hit.
				v.contradictions = v.contradictions.filter((c) => !c.includes('inherited from an unaffected'));
			}
		}
		// A lone heterozygous variant carried by an unaffected relative, with no partner in the gene:
		// neither recessive (no second hit) nor fully penetrant dominant explains it.
		for (const v of variants) {
			if (v.patterns.length || v.genotypes[0].altCount !== 1) continue;
			const carriers = v.genotypes.slice(1).filter((g) => g.affected === 'unaffected' && (g.altCount ?? 0) > 0);
			if (!carriers.length) continue;
			const parents = carriers.filter((g) => isParentOf(byId, g.sample, ctx.proband));
			const who = carriers.map((g) => g.sample).join(', ');
			v.contradictions.push(
				parents.length === carriers.length && carriers.length === 1
					? `Heterozygous, inherited from an unaffected parent (${who}), with no second variant in the gene from the other parent.`
					: `Heterozygous and also carried by unaffected ${who}, with no second variant in the gene from the other parent.`
			);
		}
		const order: InheritancePattern[] = ['de novo', 'recessive homozygous', 'compound heterozygous', 'X-linked', 'dominant'];
		const inconsistent = variants.length > 0 && patterns.size === 0 && variants.every((v) => v.contradictions.length > 0);
		return { patterns: order.filter((p) => patterns.has(p)), variants, inconsistent };
	}
}
