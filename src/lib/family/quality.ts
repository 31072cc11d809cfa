/**
 * Per-sample call quality (FORMAT DP, GQ, AD) at chosen sites of a VCF, for the de novo gates.
 * The importer keeps genotypes only; this second, targeted pass reads the few candidate sites'
 * FORMAT columns (lines of other sites are skipped after their first two columns).
 */
import { parseChromosomeName, readTextLines } from '../genome/index';

/** Quality of one sample's call at one site; a field is null when the VCF does not give it. */
export interface CallQuality {
	dp: number | null;
	gq: number | null;
	/** Allelic depths: REF first, then each ALT. */
	ad: number[] | null;
}

/** Key of a site: `chrom:pos` with canonical chromosome names. */
export function siteKey(chrom: string, pos: number): string {
	return `${chrom}:${pos}`;
}

/** Qualities by site key, then by sample id. */
export type SiteQualities = Map<string, Map<string, CallQuality>>;

/** Parse one integer FORMAT value ('.' → null). */
function int(v: string | undefined): number | null {
	if (v === undefined || v === '' || v === '.') return null;
	const n = Number(v);
	return Number.isFinite(n) ? n : null;
}

/**
 * Read DP/GQ/AD for `samples` at `sites` (keys from `siteKey`). Sites absent from the file are
 * absent from the result.
 */
export async function readSiteQualities(stream: ReadableStream<Uint8Array>, samples: readonly string[], sites: ReadonlySet<string>, signal?: AbortSignal): Promise<SiteQualities> {
	const out: SiteQualities = new Map();
	const decoder = new TextDecoder();
	let columns: Map<string, number> | null = null;
	await readTextLines(
		stream,
		(buf, s, e) => {
			if (e <= s) return;
			if (buf[s] === 35) {
				// '#'
				if (buf[s + 1] !== 35) {
					const names = decoder.decode(buf.subarray(s, e)).split('\t');
					columns = new Map(names.map((n, i) => [n.trim(), i]));
				}
				return;
			}
			if (!columns || sites.size === 0) return;
			const t1 = buf.indexOf(9, s);
			if (t1 < 0 || t1 >= e) return;
			const t2 = buf.indexOf(9, t1 + 1);
			if (t2 < 0 || t2 >= e) return;
			const chrom = parseChromosomeName(decoder.decode(buf.subarray(s, t1)));
			if (!chrom) return;
			const key = siteKey(chrom, Number(decoder.decode(buf.subarray(t1 + 1, t2))));
			if (!sites.has(key) || out.has(key)) return;
			const cols = decoder.decode(buf.subarray(s, e)).split('\t');
			const format = (cols[8] ?? '').split(':');
			const iDp = format.indexOf('DP');
			const iGq = format.indexOf('GQ');
			const iAd = format.indexOf('AD');
			const per = new Map<string, CallQuality>();
			for (const name of samples) {
				const col = columns.get(name);
				if (col === undefined || col < 9 || col >= cols.length) continue;
				const f = cols[col].split(':');
				const ad = iAd >= 0 && f[iAd] !== undefined && f[iAd] !== '.' ? f[iAd].split(',').map((x) => int(x) ?? 0) : null;
				per.set(name, { dp: iDp >= 0 ? int(f[iDp]) : null, gq: iGq >= 0 ? int(f[iGq]) : null, ad });
			}
			out.set(key, per);
		},
		signal
	);
	return out;
}
