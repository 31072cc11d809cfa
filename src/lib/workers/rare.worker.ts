/**
 * Rare-disease worker: HPO term search for the picker, and the analysis (VCF read + scoring) off the
 * main thread with progress and cancel. Files are read here, in the browser; nothing is uploaded.
 *
 *   const rare = connectWorker<RareWorkerApi>(new Worker(new URL('$lib/workers/rare.worker.ts', import.meta.url), { type: 'module' }));
 *   const hits = await rare.call('search', ['seizure', 20]);
 *   const result = await rare.call('analyse', [{ query, vcf: file }], { signal, onProgress });
 */
import { exposeWorker, type Job } from './bridge';
import {
	TermIndex,
	analyseRare,
	analyseRareFile,
	loadRareKbBrowser,
	readClinVar,
	readHpoa,
	secondaryFromFile,
	type PhenotypeQuery,
	type RareSex,
	type SecondaryOptIn,
	type SecondaryReport,
	type RareResult,
	type RareProgress,
	type TermHit
} from '../rare/index';
import { browserKbSource } from '../rare/kb-browser';
import { listVcfSamples } from '../genome/index';
import { openStore } from '../store';

let index: Promise<TermIndex> | null = null;
function termIndex(): Promise<TermIndex> {
	index ??= (async () => {
		const kb = await loadRareKbBrowser();
		return new TermIndex(kb.ontology, await browserKbSource().text());
	})().catch((err) => {
		index = null;
		throw err;
	});
	return index;
}

/** What the opt-in secondary-findings section sends (after the person consented). */
export interface SecondaryRequest {
	genome: File;
	sample?: string;
	clinvar?: File | null;
	sex: RareSex;
	optIn: SecondaryOptIn;
	/** Save under this profile (kind 'rare-secondary') — only when the person also chose to keep the result. */
	saveToProfile?: string | null;
}

/** What the page sends for an analysis. */
export interface RareRequest {
	query: PhenotypeQuery;
	vcf?: File | null;
	sample?: string;
	clinvar?: File | null;
	annotations?: File | null;
	top?: number;
	/** Save the result under this profile (results store, kind 'rare-disease'). */
	profileId?: string | null;
}

/** Opt-in secondary findings / carrier screening of a genome file (never run by default). */
async function secondary(req: SecondaryRequest, job: Job): Promise<SecondaryReport> {
	job.progress({ fraction: null, stage: 'Loading the gene models' });
	const kb = await loadRareKbBrowser();
	let clinvar = null;
	if (req.clinvar) {
		const size = req.clinvar.size;
		clinvar = await readClinVar(req.clinvar.stream(), { signal: job.signal, onBytes: (b) => job.progress({ fraction: b / size, stage: 'Reading ClinVar' }) });
	}
	const g = req.genome;
	const report = await secondaryFromFile(kb, {
		file: { open: () => g.stream(), name: g.name, size: g.size, sample: req.sample },
		optIn: req.optIn,
		sex: req.sex,
		clinvar,
		signal: job.signal,
		onProgress: (p) => job.progress({ fraction: p.fraction, stage: 'Reading the genome', records: p.records })
	});
	if (req.saveToProfile) {
		const store = await openStore();
		try {
			await store.putResult(req.saveToProfile, 'rare-secondary', report);
		} finally {
			store.close();
		}
	}
	return report;
}

const api = {
	/** Opt-in secondary findings / carrier screening (see `secondary` above). */
	secondary,
	/** Search HPO terms by id, name, synonym or layperson synonym. */
	async search(query: string, limit: number, _job: Job): Promise<TermHit[]> {
		return (await termIndex()).search(query, limit);
	},

	/** Names and definitions of terms (e.g. after a phenopacket import). */
	async describe(ids: string[], _job: Job): Promise<{ id: string; name: string | null; definition: string }[]> {
		const kb = await loadRareKbBrowser();
		const idx = await termIndex();
		return ids.map((id) => {
			const i = kb.ontology.indexOf(id);
			return { id, name: i >= 0 ? kb.ontology.names[i] : null, definition: i >= 0 ? idx.definition(i) : '' };
		});
	},

	/** The sample names of a VCF (header only). */
	async samples(file: File, _job: Job): Promise<string[]> {
		return listVcfSamples(file.stream());
	},

	/** Run the analysis; progress: knowledge → reading → scoring. */
	async analyse(req: RareRequest, job: Job): Promise<RareResult & { elapsedMs: number }> {
		const t0 = performance.now();
		job.progress({ fraction: null, stage: 'Loading the HPO knowledge base' });
		const kb = await loadRareKbBrowser();
		const annotations = req.annotations ? await readHpoa(req.annotations.stream(), kb, { signal: job.signal }) : undefined;
		let clinvar = null;
		if (req.clinvar) {
			job.progress({ fraction: null, stage: 'Reading ClinVar' });
			clinvar = await readClinVar(req.clinvar.stream(), {
				signal: job.signal,
				onBytes: (b) => job.progress({ fraction: req.clinvar ? b / req.clinvar.size : null, stage: 'Reading ClinVar' })
			});
		}
		const file = req.vcf;
		const common = {
			query: req.query,
			clinvar,
			annotations,
			top: req.top ?? 100,
			signal: job.signal,
			onProgress: (p: RareProgress) =>
				job.progress({
					fraction: p.fraction,
					stage: p.stage === 'reading' ? 'Reading the genome' : p.stage === 'scoring' ? 'Ranking genes' : 'Loading',
					records: p.records
				})
		};
		const result = file
			? await analyseRareFile(kb, { ...common, file: { open: () => file.stream(), name: file.name, size: file.size, sample: req.sample } })
			: await analyseRare(kb, common);
		if (req.profileId) {
			const store = await openStore();
			try {
				await store.putResult(req.profileId, 'rare-disease', result);
			} finally {
				store.close();
			}
		}
		return { ...result, elapsedMs: performance.now() - t0 };
	}
};


/** The worker's API as the page sees it. */
export type RareWorkerApi = typeof api;
exposeWorker(api);
