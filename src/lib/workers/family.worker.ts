/**
 * Family worker: the relatedness checks and opening a joint (multi-sample) VCF off the main
 * thread. Pages talk to it through bridge.ts:
 *
 *   const fam = connectWorker<FamilyWorkerApi>(new Worker(new URL('$lib/workers/family.worker.ts', import.meta.url), { type: 'module' }));
 *   const result = await fam.call('relate', [samples, pedText], { signal, onProgress });
 *
 * Profiles' chunks are read by the page (which holds the vault codec when the vault is on) and
 * passed in; FamilyError and ImportError codes cross the bridge intact.
 */
import { exposeWorker, type Job } from './bridge';
import { importGenome, listVcfSamples } from '../genome';
import { analyseFamily, familySample, parsePed, relate, type FamilyResult, type FamilySample, type RelateResult } from '../family';
import { loadRareKbBrowser } from '../rare/kb-browser';

/** A family ranking request from the page. */
export interface FamilyRankRequest {
	samples: FamilySample[];
	/** The VCF files the samples came from (the proband's must be among them). */
	files: { file: File; samples: string[]; columns: Record<string, string> }[];
	pedText: string;
	observed: string[];
	excluded: string[];
	proband: string | null;
}

const api = {
	/** Kinship, relationships, sex and Mendelian checks (and PED contradictions when a PED is given). */
	async relate(samples: FamilySample[], pedText: string | null, job: Job): Promise<RelateResult> {
		job.progress({ fraction: null, stage: 'Comparing genomes' });
		return relate(samples, { pedigree: pedText ? parsePed(pedText) : null, signal: job.signal });
	},

	/** Checks, then the proband's genes ranked with the family's genotypes (rare-disease scorer). */
	async rank(req: FamilyRankRequest, job: Job): Promise<FamilyResult & { elapsedMs: number }> {
		const t0 = performance.now();
		job.progress({ fraction: null, stage: 'Loading the HPO knowledge base' });
		const kb = await loadRareKbBrowser();
		const stages = { checks: 'Checking relationships', reading: 'Reading the proband’s variants', segregation: 'Following variants through the family', scoring: 'Ranking genes' } as const;
		const result = await analyseFamily(kb, {
			samples: req.samples,
			pedigree: parsePed(req.pedText),
			sources: req.files.map((f) => ({ name: f.file.name, samples: f.samples, columns: f.columns, open: () => f.file.stream(), totalBytes: f.file.size })),
			query: { observed: req.observed, excluded: req.excluded },
			proband: req.proband ?? undefined,
			top: 50,
			signal: job.signal,
			onProgress: (stage) => job.progress({ fraction: null, stage: stages[stage] })
		});
		return { ...result, elapsedMs: performance.now() - t0 };
	},

	/** Import every sample of a VCF (joint calls) as family samples, kept in memory only. */
	async openVcf(file: File, job: Job): Promise<FamilySample[]> {
		const names = await listVcfSamples(file.stream());
		const out: FamilySample[] = [];
		for (let i = 0; i < Math.max(1, names.length); i++) {
			const name = names[i];
			job.progress({ fraction: i / Math.max(1, names.length), stage: `Reading ${name ?? file.name}` });
			const g = await importGenome(file.stream(), {
				sample: name,
				fileName: file.name,
				totalBytes: file.size,
				signal: job.signal,
				onProgress: (p) => job.progress({ fraction: (i + (p.totalBytes ? p.bytesRead / p.totalBytes : 0)) / Math.max(1, names.length), stage: `Reading ${name ?? file.name}` })
			});
			out.push(familySample(name ?? file.name.replace(/\.(vcf|gz|bgz|zip)+$/i, ''), g, names.length > 1));
		}
		return out;
	}
};

/** The family worker's API, for `connectWorker<FamilyWorkerApi>`. */
export type FamilyWorkerApi = typeof api;

exposeWorker(api);
