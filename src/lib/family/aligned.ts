/**
 * Align several members' chunks of one chromosome on a shared, sorted list of positions, so the
 * relatedness and inheritance checks read every member's genotype at a site in one step.
 *
 * Per site and member: allele codes (genome contract: 0 = no call, 1–4 = A/C/G/T, 5–7 others).
 * A member whose file lacks the site gets REF/REF when its absence means reference (VCFs) and the
 * REF is known from another member's record; otherwise 0/0 (not called). Only the first record
 * at a position is used (split multi-allelic records are rare and are skipped by the SNV checks).
 */
import { GENOTYPE_FLAGS, type Chromosome } from '../genome/index';
import type { FamilySample } from './samples';

/** One chromosome, aligned across members. */
export interface AlignedChromosome {
	chrom: Chromosome;
	positions: Uint32Array;
	/** REF code per site (0 unknown). */
	ref: Uint8Array;
	/** Per member: first and second allele codes; 0 = not called. */
	allele1: Uint8Array[];
	allele2: Uint8Array[];
	/** Per member: 1 when the member's file has a record there (0 = absent, possibly read as REF). */
	present: Uint8Array[];
	/** 1 when any member's record at the site was filtered by the caller. */
	filtered: Uint8Array;
}

/** Align `samples` on chromosome `chrom` (union of their positions). */
export function alignChromosome(samples: readonly FamilySample[], chrom: Chromosome): AlignedChromosome | null {
	const chunks = samples.map((s) => s.chunks.find((c) => c.chrom === chrom) ?? null);
	if (chunks.every((c) => c === null)) return null;
	// Union of positions by k-way merge of sorted arrays.
	const lists = chunks.map((c) => c?.positions ?? new Uint32Array(0));
	let cap = 0;
	for (const l of lists) cap += l.length;
	const union = new Uint32Array(cap);
	const ptr = new Int32Array(lists.length);
	let n = 0;
	for (;;) {
		let min = 0xffffffff;
		let any = false;
		for (let k = 0; k < lists.length; k++) {
			if (ptr[k] < lists[k].length) {
				any = true;
				const p = lists[k][ptr[k]];
				if (p < min) min = p;
			}
		}
		if (!any) break;
		union[n++] = min;
		for (let k = 0; k < lists.length; k++) while (ptr[k] < lists[k].length && lists[k][ptr[k]] === min) ptr[k]++;
	}
	const positions = union.slice(0, n);
	const ref = new Uint8Array(n);
	const filtered = new Uint8Array(n);
	const allele1: Uint8Array[] = [];
	const allele2: Uint8Array[] = [];
	const present: Uint8Array[] = [];
	for (let k = 0; k < samples.length; k++) {
		const a1 = new Uint8Array(n);
		const a2 = new Uint8Array(n);
		const pr = new Uint8Array(n);
		const c = chunks[k];
		if (c) {
			let j = 0;
			for (let i = 0; i < c.positions.length; i++) {
				const p = c.positions[i];
				if (i > 0 && c.positions[i - 1] === p) continue; // keep the first record at a position
				while (positions[j] < p) j++;
				pr[j] = 1;
				a1[j] = c.allele1[i];
				a2[j] = c.flags[i] & GENOTYPE_FLAGS.HAPLOID ? 0 : c.allele2[i];
				if (c.flags[i] & GENOTYPE_FLAGS.FILTERED) filtered[j] = 1;
				if (ref[j] === 0 && c.refCodes && c.flags[i] & GENOTYPE_FLAGS.HAS_REF) ref[j] = c.refCodes[i];
			}
		}
		allele1.push(a1);
		allele2.push(a2);
		present.push(pr);
	}
	// Absent from a VCF → REF/REF when the REF is a known single base.
	for (let k = 0; k < samples.length; k++) {
		if (!samples[k].absentIsReference) continue;
		const a1 = allele1[k];
		const a2 = allele2[k];
		const pr = present[k];
		for (let j = 0; j < n; j++) {
			if (pr[j] === 0 && ref[j] >= 1 && ref[j] <= 4) {
				a1[j] = ref[j];
				a2[j] = ref[j];
			}
		}
	}
	return { chrom, positions, ref, allele1, allele2, present, filtered };
}

/** True for a diploid SNV call (both alleles A/C/G/T). */
export function isSnvCall(a1: number, a2: number): boolean {
	return a1 >= 1 && a1 <= 4 && a2 >= 1 && a2 <= 4;
}
