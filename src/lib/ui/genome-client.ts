/**
 * Display helpers for genome pages, and (re-exported from the client layer, src/lib/clients) the
 * tab's genome worker and store connection.
 */
import type { GenomeFormat, GenomeSummary } from '../genome/types';

/** The tab's genome worker and store connection live in the client layer (src/lib/clients). */
export { genomeWorker, pageStore, forgetStoreMessages } from '../clients';

const FORMAT_NAMES: Record<GenomeFormat, string> = {
	'23andme': '23andMe',
	ancestry: 'AncestryDNA',
	myheritage: 'MyHeritage',
	ftdna: 'FamilyTreeDNA',
	livingdna: 'LivingDNA',
	vcf: 'VCF'
};

/** Display name of a format ("23andMe v5" when the detail is known). */
export function formatName(summary: Pick<GenomeSummary, 'format' | 'formatDetail'>): string {
	return summary.formatDetail || FORMAT_NAMES[summary.format] || summary.format;
}

/** The one number format of counts (made on first use: see warmCountFormat). */
let countFormat: Intl.NumberFormat | null = null;

/** "1,234,567" (the same text as `n.toLocaleString('en-US')`). */
export function formatCount(n: number): string {
	return Number.isFinite(n) ? (countFormat ??= new Intl.NumberFormat('en-US')).format(n) : '—';
}

/**
 * Make the count format now. The first number format of a page loads the locale's ICU data, a
 * main-thread task of 30–90 ms (measured in Chromium at load ≈ 10): a page that will show counts
 * during a job (the import's progress) calls this while it is idle, not when the job starts.
 */
export function warmCountFormat(): void {
	formatCount(0);
}

/** A date for people: "24 Nov 2026, 16:40". */
export function formatDate(iso: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	return d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Plain words for the inferred sex. */
export function sexLabel(sex: GenomeSummary['sex']): string {
	return sex === 'female' ? 'Female (XX)' : sex === 'male' ? 'Male (XY)' : 'Not determined';
}

/** Which analysis pages exist in this build (their links appear only when they do). */
const ANALYSIS_PAGES = import.meta.glob('/src/routes/{pgx,pk,prs,share}/+page.svelte');

/** Links to analysis pages for a profile, limited to routes that exist. */
export function analysisLinks(profileId: string): { href: string; label: string; description: string }[] {
	const id = encodeURIComponent(profileId);
	const all = [
		{ route: 'pgx', href: `/pgx?id=${id}`, label: 'Medicines and your genes', description: 'Pharmacogenomics: how your genes may affect some medicines (CPIC guidelines).' },
		{ route: 'pk', href: `/pk?id=${id}`, label: 'Drug levels over time', description: 'A simulation of how a medicine’s level may change in your body.' },
		{ route: 'prs', href: `/prs?id=${id}`, label: 'Polygenic scores', description: 'Scores from the PGS Catalog for traits like heart disease, with how much of each score your file covers.' },
		{ route: 'share', href: `/share?profile=${id}`, label: 'Share securely', description: 'Send results as an encrypted, signed file to someone you choose.' }
	];
	return all
		.filter((l) => `/src/routes/${l.route}/+page.svelte` in ANALYSIS_PAGES)
		.map(({ href, label, description }) => ({ href, label, description }));
}

/**
 * The developer override of the import's BGZF batch pool (`localStorage['qenome.bgzfWorkers']`,
 * a whole number 1–4; see ImportFileOptions.bgzfWorkers), or undefined when unset, invalid or
 * storage is unavailable.
 */
export function bgzfWorkersOverride(): number | undefined {
	try {
		const raw = globalThis.localStorage?.getItem('qenome.bgzfWorkers');
		const n = raw && /^[1-4]$/.test(raw) ? Number(raw) : NaN;
		return Number.isInteger(n) ? n : undefined;
	} catch {
		return undefined;
	}
}
