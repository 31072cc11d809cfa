/**
 * Rare-disease worker: HPO term search for the picker, and the analysis (VCF read + scoring) off the
 * main thread with progress and cancel. Files are read here, in the browser; nothing is uploaded.
 *
 *   const rare = connectWorker<RareWorkerApi>(new Worker(new URL('$lib/workers/rare.worker.ts', import.meta.url), { type: 'module' }));
 *   const hits = await rare.call('search', ['seizure', 20]);
 *   const result = await rare.call('analyse', [{ query, genome: { kind: 'profile', id } }], { signal, onProgress });
 *   await rare.call('addKnowledge', ['clinvar', file], { signal, onProgress }); // kept for later runs
 */
import { exposeWorker, type Job } from './bridge';
import {
	TermIndex,
	analyseRare,
	analyseRareFile,
	loadRareKbBrowser,
	readClinVar,
	readGnomad,
	readHpoa,
	analyseRareProfile,
	clinvarParts,
	gnomadParts,
	hpoaParts,
	clinvarFromParts,
	gnomadFromParts,
	hpoaFromParts,
	RareError,
	USER_KNOWLEDGE_KINDS,
	type Annotations,
	type ClinVarDb,
	type GnomadDb,
	type RareKb,
	type UserKnowledge,
	type UserKnowledgeInfo,
	type UserKnowledgeKind,
	type UserKnowledgePart,
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
import { listKnowledge, loadKnowledge, openStore, putKnowledge, removeKnowledge } from '../store';

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
	/** The genome: a file chosen now, a stored profile (imported on the home page), or none. */
	genome?: { kind: 'file'; file: File; sample?: string } | { kind: 'profile'; id: string } | null;
	top?: number;
}

/** User reference files loaded from the store, cached per stored version. */
const loaded = new Map<UserKnowledgeKind, { stored: string; value: unknown }>();

async function userKnowledge(kb: RareKb, job: Job): Promise<UserKnowledge> {
	const infos = await listKnowledge();
	const out: UserKnowledge = { clinvar: null, gnomad: null, annotations: null };
	for (const kind of USER_KNOWLEDGE_KINDS) {
		const info = infos.find((i) => i.kind === kind);
		if (!info) {
			loaded.delete(kind);
			continue;
		}
		let hit = loaded.get(kind);
		if (hit?.stored !== info.stored) {
			job.progress({ fraction: null, stage: `Loading your ${LABEL[kind]} file` });
			const rec = await loadKnowledge(kind);
			if (!rec) continue;
			const value = kind === 'clinvar' ? clinvarFromParts(rec.parts) : kind === 'gnomad' ? gnomadFromParts(rec.parts) : hpoaFromParts(rec.parts, kb);
			hit = { stored: info.stored, value };
			loaded.set(kind, hit);
		}
		if (kind === 'clinvar') out.clinvar = hit.value as ClinVarDb;
		else if (kind === 'gnomad') out.gnomad = hit.value as GnomadDb;
		else out.annotations = hit.value as Annotations;
	}
	return out;
}

const LABEL: Record<UserKnowledgeKind, string> = { clinvar: 'ClinVar', gnomad: 'gnomAD', hpoa: 'HPO annotation' };
/** Largest reference file accepted (NCBI's clinvar.vcf.gz is ≈ 0.2 GB; a gnomAD exomes chromosome up to a few GB). */
const MAX_KNOWLEDGE_BYTES = 8 * 1024 ** 3;

/** Opt-in secondary findings / carrier screening of a genome file (never run by default). */
async function secondary(req: SecondaryRequest, job: Job): Promise<SecondaryReport> {
	job.progress({ fraction: null, stage: 'Loading the gene models' });
	const kb = await loadRareKbBrowser();
	let clinvar: ClinVarDb | null = null;
	if (req.clinvar) {
		const size = req.clinvar.size;
		clinvar = await readClinVar(req.clinvar.stream(), { signal: job.signal, onBytes: (b) => job.progress({ fraction: b / size, stage: 'Reading ClinVar' }) });
	} else clinvar = (await userKnowledge(kb, job)).clinvar; // the ClinVar release stored on /rare, if any
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

	/** The user reference files stored in this browser. */
	async knowledge(_job: Job): Promise<UserKnowledgeInfo[]> {
		const infos = (await listKnowledge()) as UserKnowledgeInfo[];
		return USER_KNOWLEDGE_KINDS.flatMap((k) => infos.filter((i) => i.kind === k));
	},

	/** Read a reference file (streamed, bounded) and store it, replacing the previous one of its kind in one transaction. */
	async addKnowledge(kind: UserKnowledgeKind, file: File, job: Job): Promise<UserKnowledgeInfo> {
		if (!USER_KNOWLEDGE_KINDS.includes(kind)) throw new RareError('input', 'bad-knowledge', `Unknown reference file kind "${String(kind)}".`);
		if (file.size > MAX_KNOWLEDGE_BYTES) throw new RareError('input', 'bad-knowledge', `${file.name} is larger than 8 GiB; use a subset (e.g. one chromosome or the exomes).`);
		const stage = `Reading ${file.name}`;
		const opts = { signal: job.signal, onBytes: (b: number) => job.progress({ fraction: file.size ? Math.min(1, b / file.size) : null, stage }) };
		job.progress({ fraction: 0, stage });
		let stored: { info: UserKnowledgeInfo; parts: UserKnowledgePart[] };
		if (kind === 'clinvar') stored = clinvarParts(await readClinVar(file.stream(), opts), file.name, file.size);
		else {
			const kb = await loadRareKbBrowser();
			stored =
				kind === 'gnomad'
					? gnomadParts(await readGnomad(file.stream(), kb, { ...opts, fileName: file.name }), file.name, file.size)
					: hpoaParts(await readHpoa(file.stream(), kb, opts), kb, file.name, file.size);
		}
		job.progress({ fraction: null, stage: `Storing ${file.name}` });
		if (job.signal.aborted) throw new RareError('cancelled', 'cancelled', 'Cancelled; nothing was stored.');
		await putKnowledge(stored.info, stored.parts);
		loaded.delete(kind);
		return stored.info;
	},

	/** Remove a stored reference file. */
	async removeKnowledge(kind: UserKnowledgeKind, _job: Job): Promise<void> {
		await removeKnowledge(kind);
		loaded.delete(kind);
	},

	/**
	 * Run the analysis; progress: knowledge → reading → scoring. Uses the stored reference files.
	 * A stored profile's result is saved under that profile (results store, kind 'rare-disease').
	 */
	async analyse(req: RareRequest, job: Job): Promise<RareResult & { elapsedMs: number; savedTo: string | null }> {
		const t0 = performance.now();
		job.progress({ fraction: null, stage: 'Loading the HPO knowledge base' });
		const kb = await loadRareKbBrowser();
		const user = await userKnowledge(kb, job);
		const common = {
			query: req.query,
			clinvar: user.clinvar,
			gnomad: user.gnomad,
			annotations: user.annotations ?? undefined,
			top: req.top ?? 100,
			signal: job.signal,
			onProgress: (p: RareProgress) =>
				job.progress({
					fraction: p.fraction,
					stage: p.stage === 'reading' ? 'Reading the genome' : p.stage === 'scoring' ? 'Ranking genes' : 'Loading',
					records: p.records
				})
		};
		const genome = req.genome ?? null;
		let result: RareResult;
		let savedTo: string | null = null;
		if (genome?.kind === 'profile') {
			job.progress({ fraction: null, stage: 'Opening the stored genome' });
			const store = await openStore();
			try {
				const profile = await store.getProfile(genome.id);
				if (!profile) throw new RareError('input', 'bad-vcf', 'That genome profile is no longer stored in this browser.');
				const chunks = await store.loadChunks(genome.id);
				result = await analyseRareProfile(kb, { ...common, profile: { name: profile.name, sourceFileName: profile.sourceFileName, summary: profile.summary, chunks } });
				await store.putResult(genome.id, 'rare-disease', result);
				savedTo = genome.id;
			} finally {
				store.close();
			}
		} else if (genome?.kind === 'file') {
			const file = genome.file;
			result = await analyseRareFile(kb, { ...common, file: { open: () => file.stream(), name: file.name, size: file.size, sample: genome.sample } });
		} else result = await analyseRare(kb, common);
		return { ...result, elapsedMs: performance.now() - t0, savedTo };
	}
};


/** The worker's API as the page sees it. */
export type RareWorkerApi = typeof api;
exposeWorker(api);
