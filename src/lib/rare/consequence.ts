/**
 * Variant consequences: derived from coordinates and gene models (no reference sequence is
 * available, so an SNV inside a CDS is "coding_sequence_variant": missense or synonymous cannot be
 * told apart), or read from the VCF's own annotation (VEP CSQ, SnpEff ANN, bcftools BCSQ).
 */
import type { GeneModel, GeneModels } from './kb';
import type { ConsequenceClass } from './types';

/** Most severe first. */
export const CONSEQUENCE_ORDER: ConsequenceClass[] = [
	'transcript_ablation',
	'frameshift_variant',
	'stop_gained',
	'splice_acceptor_variant',
	'splice_donor_variant',
	'start_lost',
	'stop_lost',
	'inframe_insertion',
	'inframe_deletion',
	'missense_variant',
	'coding_sequence_variant',
	'splice_region_variant',
	'synonymous_variant',
	'5_prime_UTR_variant',
	'3_prime_UTR_variant',
	'non_coding_transcript_exon_variant',
	'intron_variant',
	'upstream_gene_variant',
	'downstream_gene_variant',
	'intergenic_variant'
];
const RANK = new Map(CONSEQUENCE_ORDER.map((c, i) => [c, i]));

/** The more severe of two classes. */
export function moreSevere(a: ConsequenceClass, b: ConsequenceClass): ConsequenceClass {
	return RANK.get(a)! <= RANK.get(b)! ? a : b;
}

/** Map one Sequence Ontology / SnpEff / BCSQ term to our classes (null = not a class we score). */
export function classifyTerm(term: string): ConsequenceClass | null {
	const t = term.replace(/^[*@]/, '').toLowerCase();
	if (RANK.has(t as ConsequenceClass)) return t as ConsequenceClass;
	switch (t) {
		case 'frameshift':
		case 'frameshift_elongation':
		case 'frameshift_truncation':
			return 'frameshift_variant';
		case 'stop_gained':
		case 'nonsense':
			return 'stop_gained';
		case 'splice_acceptor':
			return 'splice_acceptor_variant';
		case 'splice_donor':
			return 'splice_donor_variant';
		case 'start_lost':
		case 'initiator_codon_variant':
		case 'start_retained_variant':
			return t === 'start_retained_variant' ? 'synonymous_variant' : 'start_lost';
		case 'stop_lost':
			return 'stop_lost';
		case 'inframe_insertion':
		case 'conservative_inframe_insertion':
		case 'disruptive_inframe_insertion':
			return 'inframe_insertion';
		case 'inframe_deletion':
		case 'conservative_inframe_deletion':
		case 'disruptive_inframe_deletion':
		case 'inframe_altering':
			return 'inframe_deletion';
		case 'missense':
		case 'protein_altering_variant':
			return 'missense_variant';
		case 'coding_sequence':
		case 'incomplete_terminal_codon_variant':
			return 'coding_sequence_variant';
		case 'splice_region':
		case 'splice_donor_5th_base_variant':
		case 'splice_donor_region_variant':
		case 'splice_polypyrimidine_tract_variant':
			return 'splice_region_variant';
		case 'synonymous':
		case 'stop_retained':
		case 'stop_retained_variant':
			return 'synonymous_variant';
		case '5_prime_utr':
		case '5_prime_utr_premature_start_codon_gain_variant':
			return '5_prime_UTR_variant';
		case '3_prime_utr':
			return '3_prime_UTR_variant';
		case '5_prime_utr_variant':
			return '5_prime_UTR_variant';
		case '3_prime_utr_variant':
			return '3_prime_UTR_variant';
		case 'non_coding':
		case 'non_coding_transcript_variant':
		case 'non_coding_transcript_exon_variant':
		case 'mature_mirna_variant':
		case 'exon_loss_variant':
			return t === 'exon_loss_variant' ? 'transcript_ablation' : 'non_coding_transcript_exon_variant';
		case 'intron':
		case 'intron_variant':
			return 'intron_variant';
		case 'upstream':
		case 'upstream_gene_variant':
			return 'upstream_gene_variant';
		case 'downstream':
		case 'downstream_gene_variant':
			return 'downstream_gene_variant';
		case 'intergenic':
		case 'intergenic_variant':
		case 'intergenic_region':
			return 'intergenic_variant';
		case 'feature_ablation':
		case 'transcript_ablation':
			return 'transcript_ablation';
		default:
			return null;
	}
}

/** The most severe class among '&'- or ','-joined terms; null if none is known. */
export function classifyTerms(terms: string): ConsequenceClass | null {
	let best: ConsequenceClass | null = null;
	for (const t of terms.split(/[&,+]/)) {
		const c = classifyTerm(t.trim());
		if (c) best = best ? moreSevere(best, c) : c;
	}
	return best;
}

/** Distance (bases) of the splice region into the intron and into the exon. */
const SPLICE_REGION_INTRON = 8;
const SPLICE_REGION_EXON = 3;

/**
 * Consequence of REF→ALT at 1-based `pos` on one transcript model (no reference sequence needed).
 * Returns null when the variant is outside the transcript.
 */
export function consequenceOnModel(m: GeneModel, pos: number, ref: string, alt: string): ConsequenceClass | null {
	// trim the shared anchor base(s)
	let p = 0;
	while (p < ref.length && p < alt.length && ref[p] === alt[p]) p++;
	const r = ref.slice(p);
	const a = alt.slice(p);
	// 0-based half-open span of reference bases changed; an insertion is the empty span at `start`
	const start = pos - 1 + p;
	const end = start + r.length;
	const isIns = r.length === 0;
	const lo = isIns ? start - 1 : start;
	const hi = isIns ? start + 1 : end;
	if (hi <= m.txStart || lo >= m.txEnd) return null;
	const coding = m.cdsEnd > m.cdsStart;
	const overlaps = (s: number, e: number) => (isIns ? start > s && start < e : start < e && end > s);
	let worst: ConsequenceClass | null = null;
	const add = (c: ConsequenceClass) => (worst = worst ? moreSevere(worst, c) : c);
	const n = m.exonStarts.length;
	let inExon = false;
	for (let i = 0; i < n; i++) {
		const es = m.exonStarts[i];
		const ee = m.exonEnds[i];
		if (overlaps(es, ee)) inExon = true;
		// intron boundaries: after exon i (if not last) and before exon i (if not first)
		if (i < n - 1) {
			// intron [ee, nextStart)
			const donorSide = m.strand === 1; // on + strand the intron start is the donor
			if (overlaps(ee, ee + 2)) add(donorSide ? 'splice_donor_variant' : 'splice_acceptor_variant');
			else if (overlaps(ee + 2, ee + SPLICE_REGION_INTRON) || overlaps(ee - SPLICE_REGION_EXON, ee)) add('splice_region_variant');
		}
		if (i > 0) {
			const acceptorSide = m.strand === 1;
			if (overlaps(es - 2, es)) add(acceptorSide ? 'splice_acceptor_variant' : 'splice_donor_variant');
			else if (overlaps(es - SPLICE_REGION_INTRON, es - 2) || overlaps(es, es + SPLICE_REGION_EXON)) add('splice_region_variant');
		}
	}
	if (!inExon) {
		add('intron_variant');
		return worst;
	}
	if (!coding) {
		add('non_coding_transcript_exon_variant');
		return worst;
	}
	const inCds = isIns ? start > m.cdsStart && start < m.cdsEnd : start < m.cdsEnd && end > m.cdsStart;
	if (!inCds) {
		const before = (isIns ? start : end) <= m.cdsStart;
		add((before ? m.strand === 1 : m.strand === -1) ? '5_prime_UTR_variant' : '3_prime_UTR_variant');
		return worst;
	}
	// codon boundaries on the genome: start codon = first 3 CDS bases in transcript orientation
	const startCodon: [number, number] = m.strand === 1 ? [m.cdsStart, m.cdsStart + 3] : [m.cdsEnd - 3, m.cdsEnd];
	const stopCodon: [number, number] = m.strand === 1 ? [m.cdsEnd - 3, m.cdsEnd] : [m.cdsStart, m.cdsStart + 3];
	const diff = a.length - r.length;
	if (diff !== 0) {
		add(diff % 3 !== 0 ? 'frameshift_variant' : diff > 0 ? 'inframe_insertion' : 'inframe_deletion');
		if (!isIns && overlaps(...startCodon)) add('start_lost');
	} else {
		if (overlaps(...startCodon)) add('start_lost');
		else if (overlaps(...stopCodon)) add('stop_lost');
		else add('coding_sequence_variant');
	}
	return worst;
}

/** Genes (models) whose transcript span overlaps [pos, pos+len); uses a per-chromosome sorted list. */
export function modelsAt(models: GeneModels, chrom: string, pos: number, len: number): GeneModel[] {
	const list = models.byChrom.get(chrom);
	if (!list) return [];
	const out: GeneModel[] = [];
	// binary search the first model with txStart > pos0+len, then scan back over long genes
	let lo = 0;
	let hi = list.length;
	const endPos = pos - 1 + Math.max(1, len);
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (list[mid].txStart < endPos) lo = mid + 1;
		else hi = mid;
	}
	for (let i = lo - 1; i >= 0 && i >= lo - 200; i--) {
		const m = list[i];
		if (m.txEnd >= pos - 1 && m.txStart < endPos) out.push(m);
	}
	return out;
}

/**
 * The consequence class that a published HGVS description states (as VEP or bcftools csq would
 * call it from the reference sequence): from the protein change (`p.(Arg83Trp)` missense,
 * `p.(Arg83Ter)`/`p.Arg83*` stop gained, `fs` frameshift, `=` synonymous, `ext` stop lost, `Met1`
 * start lost, `del`/`ins`/`dup` in-frame) or, without one, from the coding position (`c.123+1G>A`
 * splice donor, `c.124-2A>G` splice acceptor, ±3…8 splice region, deeper intronic, `c.-12` 5′ UTR,
 * `c.*40` 3′ UTR). A `NM_…:`/`NP_…:` prefix is ignored. Null when neither says (`p.?`, `p.0`, a
 * plain exonic `c.` change, or text that is not HGVS).
 */
export function consequenceFromHgvs(hgvsC: string | null | undefined, hgvsP: string | null | undefined): ConsequenceClass | null {
	const p = (hgvsP ?? '').slice(0, 200).replace(/^[^:]*:/, '').replace(/[()]/g, '').trim();
	if (/^p\.[A-Za-z*=]/.test(p)) {
		const aa = '(?:[A-Z][a-z]{2}|[A-Z*])';
		if (/fs/.test(p)) return 'frameshift_variant';
		if (/^p\.=$/.test(p) || new RegExp(`^p\\.${aa}\\d+=$`).test(p)) return 'synonymous_variant';
		if (/ext/.test(p)) return 'stop_lost';
		if (/^p\.(?:Met|M)1(?:\?|[A-Z]|$|_)/.test(p)) return 'start_lost';
		if (new RegExp(`^p\\.${aa}\\d+(?:_${aa}\\d+)?(?:delins)?(?:Ter|\\*)$`).test(p) && !/^p\.(?:Ter|\*)\d+(?:Ter|\*)$/.test(p)) return 'stop_gained';
		if (/^p\.(?:Ter|\*)\d+(?:Ter|\*)$/.test(p)) return 'synonymous_variant';
		if (/delins/.test(p)) return 'inframe_deletion';
		if (/del/.test(p)) return 'inframe_deletion';
		if (/dup|ins/.test(p)) return 'inframe_insertion';
		if (new RegExp(`^p\\.${aa}\\d+${aa}$`).test(p)) return p.startsWith('p.Ter') || p.startsWith('p.*') ? 'stop_lost' : 'missense_variant';
		return null;
	}
	const c = (hgvsC ?? '').slice(0, 200).replace(/^[^:]*:/, '').trim();
	const m = /^c\.([-*]?)(\d+)(?:([+-])(\d+))?/.exec(c);
	if (!m) return null;
	const [, region, , side, offsetText] = m;
	if (side) {
		const offset = Number(offsetText);
		if (offset <= 2) return side === '+' ? 'splice_donor_variant' : 'splice_acceptor_variant';
		if (offset <= 8) return 'splice_region_variant';
		return 'intron_variant';
	}
	if (region === '-') return '5_prime_UTR_variant';
	if (region === '*') return '3_prime_UTR_variant';
	return null;
}
