/**
 * One score on one genome: choose the coordinates (authored or harmonised, by build), match,
 * sum, and decide honestly what can be said (match-rate threshold, reference distribution,
 * warnings, caveats).
 */
import { CHROMOSOMES } from '../genome/types';
import { PrsError } from './errors';
import { isMatched, matchScore, type PrsTarget } from './match';
import { normalCdf, referenceFromFrequencies, type FrequencyTable } from './reference';
import { MATCH_STATUS, SCORE_FLAGS, type DroppedCounts, type PrsResult, type ScoreFile } from './types';

/** pgsc_calc's default `--min_overlap`: below this share of matched variants no score is reported. */
export const MIN_MATCH_RATE = 0.75;

/** Options of `runPrs`. */
export interface RunPrsOptions {
	keepAmbiguous?: boolean;
	/** A user-supplied frequency table for a named population (else `allelefrequency_effect`). */
	frequencies?: FrequencyTable;
	signal?: AbortSignal;
	onProgress?: (fraction: number) => void;
}

/** Names of MATCH_STATUS codes, for counts and logs. */
export const STATUS_NAMES: Record<number, string> = Object.fromEntries(
	Object.entries(MATCH_STATUS).map(([k, v]) => [v, k.toLowerCase().replace(/_/g, '-')])
);

/**
 * Which coordinates of the scoring file fit the genome's build: the harmonised ones when their
 * build is the genome's (as pgsc_calc reads them), else the authored ones when their build is;
 * otherwise a refusal naming the file to download.
 */
export function chooseCoordinates(score: ScoreFile, build: string): 'authored' | 'harmonised' {
	const h = score.header;
	const hasAuthored = score.columns.includes('chr_name') && score.columns.includes('chr_position');
	if (score.hmChrom && h.hmPosBuild === build) return 'harmonised';
	if (hasAuthored && h.genomeBuild === build) return 'authored';
	if (score.hmChrom && !h.hmPosBuild && !hasAuthored)
		throw new PrsError('input', 'build-mismatch', `The scoring file has harmonised positions but does not say their build (#HmPOS_build); Qenome cannot tell whether they are ${build}.`);
	const stated = [hasAuthored ? `positions in ${h.genomeBuild ?? 'an unstated build'}` : null, score.hmChrom ? `harmonised positions in ${h.hmPosBuild ?? 'an unstated build'}` : null]
		.filter(Boolean)
		.join(' and ');
	const id = h.pgsId ?? 'PGS…';
	throw new PrsError(
		'input',
		'build-mismatch',
		`The scoring file gives ${stated}, but this genome is ${build}. Download the harmonised file for ${build} from the PGS Catalog (${id}_hmPOS_${build}.txt.gz); Qenome never matches by rsID alone.`,
		{ genomeBuild: build, scoreBuild: h.genomeBuild, hmPosBuild: h.hmPosBuild }
	);
}

/** Compute one score on one genome. Throws PrsError for a wrong build; a low match rate is reported, not thrown. */
export function runPrs(score: ScoreFile, target: PrsTarget, options: RunPrsOptions = {}): PrsResult {
	const build = target.summary.build;
	const coordinates = chooseCoordinates(score, build);
	const log = matchScore(score, target, {
		keepAmbiguous: options.keepAmbiguous,
		harmonised: coordinates === 'harmonised',
		signal: options.signal,
		onProgress: options.onProgress
	});
	if (options.signal?.aborted) throw new PrsError('cancelled', 'cancelled', 'The score calculation was cancelled.');
	const counts: Record<string, number> = {};
	for (const name of Object.values(STATUS_NAMES)) counts[name] = 0;
	let matched = 0;
	// Neumaier-compensated sum: a million small weights add up without drift
	let raw = 0;
	let carry = 0;
	for (let r = 0; r < score.n; r++) {
		const s = log.status[r];
		counts[STATUS_NAMES[s]]++;
		if (isMatched(s)) {
			matched++;
			const x = log.contribution[r];
			const t = raw + x;
			carry += Math.abs(raw) >= Math.abs(x) ? raw - t + x : x - t + raw;
			raw = t;
		}
	}
	raw += carry;
	const S = MATCH_STATUS;
	const c = (k: number) => counts[STATUS_NAMES[k]];
	const dropped: DroppedCounts = {
		ambiguous: c(S.AMBIGUOUS),
		multiallelic: c(S.MULTIALLELIC),
		missing: c(S.NOT_IN_FILE) + c(S.NO_CALL) + c(S.NO_POSITION) + c(S.HAPLOTYPE),
		mismatched: c(S.MISMATCHED) + c(S.ARRAY_INDEL)
	};
	const matchRate = matched / score.n;
	const h = score.header;
	const warnings: string[] = [];
	const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
	const refused = matchRate < MIN_MATCH_RATE;
	if (refused)
		warnings.push(
			`Only ${matched.toLocaleString('en')} of ${score.n.toLocaleString('en')} variants (${pct(matchRate)}) could be matched; below ${pct(MIN_MATCH_RATE)} no score is reported, because the missing part could move it anywhere.`
		);
	if (h.variantsNumber !== null && h.variantsNumber !== score.n)
		warnings.push(`The header says ${h.variantsNumber.toLocaleString('en')} variants but the file has ${score.n.toLocaleString('en')} rows.`);
	if (dropped.ambiguous > 0)
		warnings.push(
			`${dropped.ambiguous.toLocaleString('en')} strand-ambiguous variants (A/T or C/G) were left out${options.keepAmbiguous ? ' (their effect-allele frequency is unknown or too close to 50 % to trust the strand)' : '; --keep-ambiguous keeps those whose effect-allele frequency is far from 50 %'}.`
		);
	if (c(S.AMBIGUOUS_KEPT) > 0)
		warnings.push(`${c(S.AMBIGUOUS_KEPT).toLocaleString('en')} strand-ambiguous variants were kept on request, assuming both files are on the forward strand (their effect-allele frequency is far from 50 %).`);
	if (c(S.MISMATCHED) > score.n * 0.05)
		warnings.push(`${c(S.MISMATCHED).toLocaleString('en')} variants have alleles that fit neither strand; this often means the score and the genome are on different builds.`);
	if (c(S.HAPLOTYPE) > 0) warnings.push(`${c(S.HAPLOTYPE).toLocaleString('en')} haplotype/diplotype rows (e.g. HLA, APOE) cannot be read from a genotype file and count as missing.`);
	if (score.unplacedRows > 0) warnings.push(`${score.unplacedRows.toLocaleString('en')} rows name a chromosome Qenome does not analyse and count as missing.`);
	let inferred = 0;
	for (let r = 0; r < score.n; r++) if (score.flags[r] & SCORE_FLAGS.INFERRED_OTHER) inferred++;
	if (inferred > 0) warnings.push(`${inferred.toLocaleString('en')} variants had no other allele; the harmonised hm_inferOtherAllele was used.`);
	if (h.weightType && /^(OR|HR|odds ratio|hazard ratio)$/i.test(h.weightType.trim()))
		warnings.push(`The weights are stated as ${h.weightType}, not on a log scale; a sum of ratios is not a meaningful score. Check the PGS Catalog page before using it.`);
	if (target.summary.format === 'vcf')
		warnings.push(
			'This is a VCF: a position it does not list may be reference or simply not called, so such variants count as missing, never as reference. An all-sites VCF (every position called) would let them count.'
		);

	// reference distribution
	let reference: PrsResult['reference'] = null;
	let percentile: number | null = null;
	if (!refused) {
		let freq: ArrayLike<number> | null = null;
		let source = '';
		if (options.frequencies) {
			const table = options.frequencies;
			const chromCol = coordinates === 'harmonised' ? score.hmChrom! : score.chrom;
			const posCol = coordinates === 'harmonised' ? score.hmPos! : score.pos;
			const f = new Float64Array(score.n).fill(NaN);
			for (let r = 0; r < score.n; r++) {
				if (!isMatched(log.status[r]) || chromCol[r] === 0) continue;
				const base = `${CHROMOSOMES[chromCol[r] - 1]}:${posCol[r]}:`;
				const pair = score.longAlleles.get(r);
				const ea = pair ? pair[0] : 'ACGT'[score.effect[r] - 1];
				const oa = pair ? pair[1] : score.other[r] ? 'ACGT'[score.other[r] - 1] : null;
				const pe = table.byKey.get(base + ea);
				if (pe !== undefined) f[r] = pe;
				else if (oa) {
					const po = table.byKey.get(base + oa);
					if (po !== undefined) f[r] = 1 - po;
				}
			}
			freq = f;
			source = `allele frequencies of the population "${table.population}" (supplied by the user)`;
		} else if (score.alleleFrequency) {
			freq = score.alleleFrequency;
			source = `effect-allele frequencies stated in the scoring file (allelefrequency_effect; the population is the one the PGS Catalog lists for ${h.pgsId ?? 'this score'})`;
		}
		if (freq) {
			const ref = referenceFromFrequencies(score, log, freq, source);
			reference = ref.reference;
			if (ref.reason) warnings.push(`No percentile: ${ref.reason} The raw score and its coverage are shown instead.`);
		} else {
			warnings.push('No percentile: the scoring file gives no effect-allele frequencies (and no frequency file was supplied), so there is no honest reference distribution. The raw score and its coverage are shown instead.');
		}
		if (reference) percentile = 100 * normalCdf((raw - reference.mean) / reference.sd);
	}
	const id = h.pgsId ?? 'this score';
	const caveats = [
		`Ancestry: the PGS Catalog records the ancestry of the people ${id} was developed and evaluated in (see its page on pgscatalog.org); the scoring file itself does not state it. Polygenic scores transfer poorly across ancestries: for people whose ancestry differs from the development samples the score is usually less accurate and its average can be shifted.`,
		'A polygenic score adds up many small effects. It shifts a probability; it is not a diagnosis, and family history, lifestyle and other factors matter as much or more.',
		`Variants your file does not cover are left out, never assumed to be the reference allele: this score uses ${matched.toLocaleString('en')} of ${score.n.toLocaleString('en')} variants (${pct(matchRate)}).`,
		`The raw score is in the units of the file's weights${h.weightType ? ` (${h.weightType})` : ''} and can be compared only with raw scores of the same file.`
	];
	return {
		score: {
			id: h.pgsId ?? 'unnamed score',
			name: h.pgsName ?? h.pgsId ?? 'unnamed score',
			trait: h.traitReported ?? h.traitMapped ?? 'not stated',
			build: coordinates === 'harmonised' ? (h.hmPosBuild ?? build) : (h.genomeBuild ?? build),
			variants: score.n
		},
		header: h,
		coordinates,
		genome: { build, format: target.summary.formatDetail || target.summary.format, sample: target.summary.sample },
		matched,
		matchRate,
		dropped,
		statusCounts: counts,
		rawScore: refused ? null : raw,
		reference,
		percentile,
		minMatchRate: MIN_MATCH_RATE,
		keepAmbiguous: options.keepAmbiguous === true,
		warnings,
		caveats,
		log
	};
}
