/** The polygenic-score side of a cohort pass: which positions one streaming read must keep. */
import { CHROMOSOMES, type Chromosome, type CohortKeep } from '../genome/index';
import type { ScoreFile } from '../prs/index';

/** Every position of the score (authored and harmonised), for the cohort pass. */
export function scoreKeep(score: ScoreFile): CohortKeep {
	const keep: CohortKeep = { positions: new Map(), rsids: new Set() };
	const add = (c: number, p: number) => {
		if (!c || !p) return;
		const chrom = CHROMOSOMES[c - 1] as Chromosome;
		(keep.positions.get(chrom) ?? keep.positions.set(chrom, new Set()).get(chrom)!).add(p);
	};
	for (let r = 0; r < score.n; r++) {
		add(score.chrom[r], score.pos[r]);
		if (score.hmChrom && score.hmPos) add(score.hmChrom[r], score.hmPos[r]);
	}
	return keep;
}
