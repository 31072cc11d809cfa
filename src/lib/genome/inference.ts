/**
 * Genome build and chromosomal sex, inferred from the parsed chunks.
 *
 * Build: ~30 common array SNPs (build-markers.json, from PyPGx's GRCh37↔GRCh38 table) are looked
 * up at both their GRCh37 and GRCh38 positions; a site counts for a build when the record there
 * carries the marker's rsID (or, for VCF records without an ID, the marker's reference base).
 * The header's statement is the cross-check; a disagreement becomes a visible warning.
 *
 * Sex: heterozygosity of called X SNPs outside the pseudo-autosomal regions (males have one X, so
 * apart from genotyping errors they are never heterozygous there), supported by the Y call rate.
 */
import markersJson from './build-markers.json';
import { inXPar } from './chromosomes';
import type { HeaderBuild } from './detect';
import { findPosition } from './view';
import { ALLELE_TEXT } from './alleles';
import { GENOTYPE_FLAGS, type Chromosome, type GenomeBuild, type GenomeChunk, type GenomeFormat, type InferredSex } from './types';

interface Marker {
	rsid: string;
	chrom: string;
	grch37: number;
	grch38: number;
	ref37: string;
	ref38: string;
}

/** The build markers (rsID, chromosome, GRCh37 and GRCh38 positions and reference bases) from build-markers.json. */
export const MARKERS: Marker[] = (markersJson as { markers: Marker[] }).markers;

/** Outcome of build inference. */
export interface BuildDecision {
	build: GenomeBuild;
	evidence: string;
	warnings: string[];
}

/** Does the record at `pos` match the marker (same rsID, or same REF when the record has no ID)? */
function markerAt(chunk: GenomeChunk, pos: number, rsid: number, ref: string): boolean {
	let i = findPosition(chunk, pos);
	if (i < 0) return false;
	for (; i < chunk.positions.length && chunk.positions[i] === pos; i++) {
		if (chunk.rsids[i] === rsid) return true;
		if (chunk.rsids[i] === 0 && chunk.refCodes && ALLELE_TEXT[chunk.refCodes[i]] === ref) return true;
	}
	return false;
}

/** Count marker hits per build. */
export function countMarkers(chunks: GenomeChunk[]): { grch37: number; grch38: number } {
	const byChrom = new Map<Chromosome, GenomeChunk>(chunks.map((c) => [c.chrom, c]));
	let grch37 = 0;
	let grch38 = 0;
	for (const m of MARKERS) {
		const chunk = byChrom.get(m.chrom as Chromosome);
		if (!chunk) continue;
		const rs = Number(m.rsid.slice(2));
		if (markerAt(chunk, m.grch37, rs, m.ref37)) grch37++;
		if (markerAt(chunk, m.grch38, rs, m.ref38)) grch38++;
	}
	return { grch37, grch38 };
}

/** Decide the build from marker positions, cross-checked with the header. */
export function decideBuild(chunks: GenomeChunk[], header: HeaderBuild, format: GenomeFormat, counted: { grch37: number; grch38: number } = { grch37: 0, grch38: 0 }): BuildDecision {
	// `counted`: marker hits of chromosomes no longer in `chunks` (a streamed import stored them)
	const here = countMarkers(chunks);
	const grch37 = here.grch37 + counted.grch37;
	const grch38 = here.grch38 + counted.grch38;
	const warnings: string[] = [];
	const headerBuild = header.build === 'NCBI36' ? null : header.build;
	let build: GenomeBuild;
	let evidence: string;
	if (grch37 + grch38 >= 2 && grch37 !== grch38) {
		build = grch37 > grch38 ? 'GRCh37' : 'GRCh38';
		const hits = Math.max(grch37, grch38);
		evidence = `${hits} of ${grch37 + grch38} known marker positions match ${build}`;
		if (headerBuild && headerBuild !== build) {
			warnings.push(
				`The file's header says ${headerBuild}, but its marker positions match ${build}. Qenome uses ${build}; check the file's origin if results look wrong.`
			);
			evidence += `; header says ${headerBuild} (disagrees)`;
		} else if (headerBuild) evidence += `; header agrees (${header.evidence})`;
	} else if (headerBuild) {
		build = headerBuild;
		evidence = `header (${header.evidence}); too few known marker positions to cross-check`;
	} else {
		build = format === 'vcf' ? 'GRCh38' : 'GRCh37';
		evidence = `assumed: neither the header nor known marker positions state the build`;
		warnings.push(
			`The genome build could not be determined from the file; Qenome assumes ${build}${format === 'vcf' ? '' : ', which every consumer DNA test uses'}.`
		);
	}
	// A file merged from two sources (or lifted over in part) matches both builds at several markers
	// (the same rsID at a marker's position on the other build does not happen by chance).
	if (Math.min(grch37, grch38) >= 2)
		warnings.push(
			`The file looks like a mix of genome builds: ${grch37} known marker positions match GRCh37 and ${grch38} match GRCh38. Qenome reads it as ${build}; records placed on the other build will be looked up at the wrong positions — check how the file was made.`
		);
	return { build, evidence, warnings };
}

/** X (non-PAR) and Y statistics used for sex inference. */
export interface SexEvidence {
	xCalled: number;
	xHet: number;
	yRecords: number;
	yCalled: number;
}

/** Gather X/Y statistics. */
export function sexEvidence(chunks: GenomeChunk[], build: GenomeBuild): SexEvidence {
	const ev: SexEvidence = { xCalled: 0, xHet: 0, yRecords: 0, yCalled: 0 };
	for (const c of chunks) {
		if (c.chrom === 'X') {
			for (let i = 0; i < c.positions.length; i++) {
				if (c.allele1[i] === 0 || c.flags[i] & GENOTYPE_FLAGS.HALF_CALL || inXPar(c.positions[i], build)) continue;
				ev.xCalled++;
				if (c.allele2[i] !== 0 && c.allele1[i] !== c.allele2[i]) ev.xHet++;
			}
		} else if (c.chrom === 'Y') {
			ev.yRecords += c.positions.length;
			for (let i = 0; i < c.positions.length; i++) if (c.allele1[i] !== 0) ev.yCalled++;
		}
	}
	return ev;
}

/**
 * Infer sex.
 * - Arrays list the same probes for everyone: X het rate < 2% → male, > 5% → female (female rates
 *   are typically 10–30%, male rates below 1% from genotyping errors); Y call rate > 50% → male,
 *   < 10% → female (females get no-calls on Y probes).
 * - VCFs list only variant sites, so a female's X sites are mostly heterozygous (~60%), a male's
 *   rarely (diploid-called males show a few % of artefactual hets): < 15% → male, > 30% → female.
 *   Y variant calls are a few per cent of X calls in males and near zero in females.
 * When X and Y disagree the answer is 'unknown'.
 */
export function inferSex(ev: SexEvidence, format: GenomeFormat): InferredSex {
	const vcf = format === 'vcf';
	let fromX: InferredSex = 'unknown';
	if (ev.xCalled >= 20) {
		const rate = ev.xHet / ev.xCalled;
		if (rate < (vcf ? 0.15 : 0.02)) fromX = 'male';
		else if (rate > (vcf ? 0.3 : 0.05)) fromX = 'female';
	}
	let fromY: InferredSex = 'unknown';
	if (!vcf && ev.yRecords >= 10) {
		const rate = ev.yCalled / ev.yRecords;
		if (rate > 0.5) fromY = 'male';
		else if (rate < 0.1) fromY = 'female';
	} else if (vcf) {
		if (ev.yCalled >= 20 && ev.yCalled > 0.005 * ev.xCalled) fromY = 'male';
		else if (ev.xCalled >= 1000 && ev.yCalled < 0.001 * ev.xCalled) fromY = 'female';
	}
	if (fromX === 'unknown') return fromY;
	if (fromY !== 'unknown' && fromY !== fromX) return 'unknown';
	return fromX;
}

/**
 * Array vendors (notably AncestryDNA) write hemizygous calls twice ("A A"). For a male, X calls
 * outside the PARs and all Y calls are made haploid; MT calls are haploid for everyone.
 * Returns how many records were changed. VCF input is left as written.
 */
export function makeHemizygousHaploid(chunks: GenomeChunk[], sex: InferredSex, build: GenomeBuild): number {
	let changed = 0;
	for (const c of chunks) {
		const all = c.chrom === 'MT' || (sex === 'male' && c.chrom === 'Y');
		const x = sex === 'male' && c.chrom === 'X';
		if (!all && !x) continue;
		for (let i = 0; i < c.positions.length; i++) {
			const a1 = c.allele1[i];
			if (a1 === 0 || c.allele2[i] !== a1 || a1 === 7) continue;
			if (x && inXPar(c.positions[i], build)) continue;
			c.allele2[i] = 0;
			c.flags[i] = (c.flags[i] | GENOTYPE_FLAGS.HAPLOID) & ~GENOTYPE_FLAGS.PHASED;
			changed++;
		}
	}
	return changed;
}
