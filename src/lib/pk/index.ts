/**
 * Public face of the PK domain: genotype- and co-medication-aware pharmacokinetic simulation.
 * Framework-free; runs in Node (CLI, tests), workers and pages.
 */
export { PkError, type PkErrorCode } from './errors';
export type { Cited, CpicAdvice, CpicGuideline, DrugModel, Comedication, NotModelled, PhenotypeKey, Source } from './data-types';
export { DRUGS, drugIds, kaFromTmax } from './drugs';
export { COMEDICATIONS, findComedication } from './comedications';
export { SOURCES } from './sources';
export { provenanceStatus, type ProvenanceStatus } from './provenance';
export { GENE_PHENOTYPES, SCORE_CHOICES, phenotypeFromScore, canonicalPhenotype, parsePhenotype, phenotypeLabel, type GeneResult, type PhenotypeInput } from './phenotypes';
export { inputGenes, notModelledFor, assertModelled, type NotModelledMatch } from './not-modelled';
export { getDrug, personalize, typicalParams, resolveComedications, type GeneActivity, type Personalized } from './personalize';
export { simulate, cpicLookupKey, resolveRegimen, steadyState, analyteSeries, type SimulationRequest, type SimulationResult, type SteadyStateMetrics } from './simulate';
export { populationBand, samplePatients, seededRandom, normalSampler, type PopulationBand } from './population';
export { consistentWithCpic, DOSE_FRACTION_TOLERANCE } from './consistency';
export { doseEvents, timeGrid, validateRegimen, validatePoints, MAX_POINTS, type Regimen, type Route, type DoseEvent } from './regimen';
export { simulateOde, michaelisMentenSteadyState, michaelisMentenRateFor, type CompartmentParams } from './compartments';
export { DormandPrince, type OdeOptions } from './ode';
export { bolusResponse, withFirstOrderInput, metaboliteResponse, evalBolus, evalInfusion, evalSteadyState, totalArea, type ExpSum } from './exponentials';
export { simulateModes, superpose } from './superposition';
export { simulateWithBand, type BandedResult } from './banded';
export { phenotypesFromPgxResult, usablePhenotypes } from './from-pgx';
export { buildPkReport, pkReportLayout, readPkReport, PK_REPORT_VERSION, PK_LIMITS, type PkClinicalReport, type PkReportContext } from './report';
