/**
 * DPYD HapB3 truth table from the reference caller's tests (../shared/.../DPYD-hapb3.tsv): genotypes
 * at seven DPYD sites (others reference), with the expected two-lowest-function diplotype.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callGene } from '../../../src/lib/pgx/caller';
import { loadKb } from '../../../src/lib/pgx/index';
import { HAVE_SHARED, PGX_DIR, memoryView, type Rec } from './helpers';

const HAPB3 = 'c.1129-5923C>G, c.1236G>A (HapB3)';

/** The table's short allele names → CPIC names as our caller writes them. */
function cpicName(short: string): string {
	const s = short.trim();
	if (s === 'ref' || s === 'Reference') return 'Reference';
	if (s === 'HapB3') return HAPB3;
	// The intronic-only sub-allele (c.1129-5923C>G without c.1236G>A) keeps its own CPIC name.
	if (s === 'HapB3Intron') return 'c.1129-5923C>G';
	return s;
}

/** Expected unphased diplotype: the unphased inference when given, else the phased one. */
function expectedDiplotype(f: string[]): string {
	const raw = f[10]?.trim() || f[8]?.trim() || f[7].trim();
	const [a, b] = raw.split('/').map(cpicName);
	return [a, b].join('/');
}

describe.skipIf(!HAVE_SHARED)('DPYD HapB3 truth table (needs ../shared)', () => {
	it('every row: our call equals the expected diplotype', async () => {
		const kb = await loadKb();
		const gene = kb.genes.DPYD;
		const lines = fs.readFileSync(path.join(PGX_DIR, 'pharmcat', 'tests', 'DPYD-hapb3.tsv'), 'utf8').split('\n');
		const rsids = lines[2].split('\t').slice(0, 7);
		// The "non-PGx" column is a different alternate base at a defined position (rs186169810):
		// its "1" is a base that no DPYD allele defines there, so it must not be read as c.1314T>G.
		const nonPgx = new Set(rsids.filter((_, i) => lines[0].split('\t')[i] === 'non-PGx'));
		const rows = lines.slice(3).filter((l) => /^(\S+\t){6}\S+/.test(l));
		const mismatches: string[] = [];
		for (const line of rows) {
			const f = line.split('\t');
			const given = new Map(rsids.map((rs, i) => [rs, f[i]]));
			const recs: Rec[] = [];
			for (const s of gene.sites) {
				const gt = s.rsid ? given.get(s.rsid) : undefined;
				if (gt === 'missing') continue;
				const alt = s.rsid && nonPgx.has(s.rsid) ? ['G', 'T', 'A', 'C'].find((b) => !s.alleles.includes(b))! : s.alleles[1];
				const alleles = gt ? gt.split(/[/|]/).map((i) => (i === '0' ? s.ref38 : alt)) : [s.ref38, s.ref38];
				recs.push({ chrom: '1', pos: s.pos38, id: s.rsid, alleles });
			}
			const call = callGene(memoryView(recs, { build: 'GRCh38' }), gene);
			const want = expectedDiplotype(f);
			const sorted = (d: string) => d.split('/').sort().join('/');
			if (call.diplotypes.length !== 1 || sorted(call.diplotypes[0]) !== sorted(want)) {
				mismatches.push(`${f.slice(0, 7).join(' ')}: expected ${want}, got ${call.diplotypes.join(' or ') || '—'}`);
			}
		}
		console.log(`\nDPYD HapB3 truth table: ${rows.length - mismatches.length}/${rows.length} agree\n${mismatches.join('\n')}`);
		expect(rows.length).toBeGreaterThan(90);
		expect(mismatches).toEqual([]);
	});
});
