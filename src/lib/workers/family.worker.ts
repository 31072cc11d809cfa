/**
 * Family worker: reading a family's VCFs, the relatedness checks and the family ranking off the
 * main thread. Pages talk to it through the bridge (`familyWorker()` from $lib/clients).
 *
 * A VCF is read ONCE (`openVcf` → `readFamilyVcf`): every sample's genotypes and the few lines
 * the ranking needs stay here, in the worker, under a key; the page gets the samples' ids and
 * summaries only and refers to them as `{ vcf: key, sample }`, so whole genomes never cross the
 * bridge. Profiles' chunks are read by the page (which holds the vault codec when the vault is
 * on) and passed in. FamilyError and ImportError codes cross the bridge intact.
 */
import { exposeWorker, type Job } from './bridge';
import { bytesToStream, type GenomeSummary } from '../genome';
import { analyseFamily, FamilyError, parsePed, readFamilyVcf, relate, type FamilyResult, type FamilySample } from '../family';
import { readClinVar, type ClinVarDb } from '../rare';
import { loadRareKbBrowser } from '../rare/kb-browser';

/** A member's genome as the page passes it: a profile's genome, or a sample of a VCF opened here. */
export type FamilySampleInput = FamilySample | { id: string; vcf: string; sample: string };

/** What the page learns about an opened VCF. */
export interface OpenedVcf {
	key: string;
	name: string;
	records: number;
	samples: { sample: string; summary: GenomeSummary }[];
	/** Milliseconds the one pass took. */
	elapsedMs: number;
}

/** A family ranking request from the page. */
export interface FamilyRankRequest {
	samples: FamilySampleInput[];
	pedText: string;
	observed: string[];
	excluded: string[];
	proband: string | null;
	/** A ClinVar VCF (needed for a consumer-array proband: only known variants can be assessed). */
	clinvar?: File | null;
}

/** VCFs read on this page: the file, its samples' genomes and the region lines. */
const opened = new Map<string, { file: File; samples: FamilySample[]; records: number; regionVcf: Uint8Array; clinvar: ClinVarDb | null }>();
let nextKey = 1;
/** The last ClinVar file read (re-used while the same file is chosen). */
let clinvarCache: { id: string; db: ClinVarDb } | null = null;

/** Resolve the page's sample references to genomes held here. */
function resolve(inputs: FamilySampleInput[]): FamilySample[] {
	return inputs.map((s) => {
		if (!('vcf' in s)) return s;
		const held = opened.get(s.vcf)?.samples.find((x) => x.id === s.sample);
		if (!held) throw new FamilyError('ped-missing-sample', `The VCF sample of ${s.id} is no longer open; open the VCF again.`);
		return { ...held, id: s.id };
	});
}

async function readVcf(file: File, clinvar: ClinVarDb | null, job: Job, stage: string) {
	const kb = await loadRareKbBrowser();
	return readFamilyVcf(file.stream(), {
		kb,
		clinvar,
		totalBytes: file.size,
		signal: job.signal,
		onProgress: (p) => job.progress({ fraction: p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : null, stage })
	});
}

const api = {
	/** Read a VCF (joint calls or one sample) once; its genomes stay in this worker. */
	async openVcf(file: File, job: Job): Promise<OpenedVcf> {
		const t0 = performance.now();
		job.progress({ fraction: null, stage: 'Loading the gene models' });
		const r = await readVcf(file, null, job, `Reading ${file.name}`);
		const key = `vcf${nextKey++}`;
		opened.set(key, { file, samples: r.samples, records: r.records, regionVcf: r.regionVcf, clinvar: null });
		return { key, name: file.name, records: r.records, samples: r.samples.map((s) => ({ sample: s.id, summary: s.summary })), elapsedMs: performance.now() - t0 };
	},

	/** Kinship, relationships, sex and Mendelian checks (and PED contradictions when a PED is given). */
	async relate(samples: FamilySampleInput[], pedText: string | null, job: Job) {
		job.progress({ fraction: null, stage: 'Comparing genomes' });
		const t0 = performance.now();
		const result = relate(resolve(samples), { pedigree: pedText ? parsePed(pedText) : null, signal: job.signal });
		return { ...result, elapsedMs: performance.now() - t0 };
	},

	/** Checks, then the proband's genes ranked with the family's genotypes (rare-disease scorer). */
	async rank(req: FamilyRankRequest, job: Job): Promise<FamilyResult & { elapsedMs: number }> {
		const t0 = performance.now();
		job.progress({ fraction: null, stage: 'Loading the HPO knowledge base' });
		const kb = await loadRareKbBrowser();
		let clinvar: ClinVarDb | null = null;
		if (req.clinvar) {
			const cv = req.clinvar;
			const id = `${cv.name}\t${cv.size}\t${cv.lastModified}`;
			if (clinvarCache?.id !== id) {
				const db = await readClinVar(cv.stream(), { signal: job.signal, onBytes: (b) => job.progress({ fraction: b / cv.size, stage: 'Reading ClinVar' }) });
				clinvarCache = { id, db };
			}
			clinvar = clinvarCache.db;
			// ClinVar pathogenic sites outside exons were not kept by the first pass: read the VCFs again with them.
			for (const [key, v] of opened) {
				if (v.clinvar === clinvar || !req.samples.some((s) => 'vcf' in s && s.vcf === key)) continue;
				const r = await readVcf(v.file, clinvar, job, `Reading ${v.file.name} again for the ClinVar sites`);
				opened.set(key, { ...v, samples: r.samples, regionVcf: r.regionVcf, clinvar });
			}
		}
		const samples = resolve(req.samples);
		// Ranking sources: the region lines of each opened VCF, with member ids → VCF columns.
		const sources = [...opened.entries()].flatMap(([key, v]) => {
			const columns: Record<string, string> = {};
			for (const s of req.samples) if ('vcf' in s && s.vcf === key) columns[s.id] = s.sample;
			const ids = Object.keys(columns);
			return ids.length ? [{ name: v.file.name, samples: ids, columns, open: () => bytesToStream(v.regionVcf), records: v.records }] : [];
		});
		const stages = { checks: 'Checking relationships', reading: 'Reading the proband’s variants', segregation: 'Following variants through the family', scoring: 'Ranking genes' } as const;
		const result = await analyseFamily(kb, {
			samples,
			pedigree: parsePed(req.pedText),
			sources,
			query: { observed: req.observed, excluded: req.excluded },
			proband: req.proband ?? undefined,
			clinvar,
			top: 50,
			signal: job.signal,
			onProgress: (stage) => job.progress({ fraction: null, stage: stages[stage] })
		});
		return { ...result, elapsedMs: performance.now() - t0 };
	}
};

/** The family worker's API, for `connectWorker<FamilyWorkerApi>`. */
export type FamilyWorkerApi = typeof api;

exposeWorker(api);
