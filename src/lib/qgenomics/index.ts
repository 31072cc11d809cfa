/**
 * Public face of the quantum-genomics domain: genomics problems solved by quantum methods on the
 * wasm simulator beside the classical method that does the same job — SNP panel selection as a
 * QUBO (exact, annealing, XY-QAOA, penalty QAOA), epistasis search, and a quantum-kernel classifier.
 * Framework-free; every result type is defined here, pages only render them.
 */
export { QGenomicsError } from './errors';
export type { QGenomicsErrorCode } from './errors';
export { parseCohortCsv, syntheticCohort, cohortToCsv, loadCohort, describeCohort, cohortFromProfiles, MAX_CELLS } from './cohort';
export type { Cohort, SyntheticOptions, CohortSource, CohortInfo, ProfileGenotypes } from './cohort';
export { pearson, chiSquareTable, chiSquareTail } from './stats';
export {
	panelObjective,
	panelValue,
	panelQubo,
	exactPanel,
	annealPanel,
	runPanel,
	maskToPanel,
	ratio,
	DEFAULT_ALPHA,
	PANEL_METHODS,
	MAX_EXACT_PANELS,
	MAX_RATIO_SNPS,
	MAX_QAOA_SNPS
} from './panel';
export type { PanelObjective, ExactPanelResult, AnnealOptions, AnnealPanelResult, PanelMethod, PanelSummary, PanelRun, PanelOptions } from './panel';
export { epistasisSearch, pairInteraction } from './epistasis';
export type { EpistasisReport, EpistasisOptions, PairStatistic } from './epistasis';
export { kernelStudy, zzFeatureState, fidelity, trainSvm, NEAR_DIAGONAL_THRESHOLD, MAX_KERNEL_FEATURES, DEFAULT_BANDWIDTHS, DEFAULT_GAMMAS } from './kernel';
export type { KernelReport, KernelOptions, SweepPoint } from './kernel';
export { logisticFit } from './linalg';
