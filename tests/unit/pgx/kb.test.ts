import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKb } from '../../../scripts/build-kb';
import { loadKb } from '../../../src/lib/pgx/index';
import { fileURLToPath } from 'node:url';
import { HAVE_SHARED, SHARED } from './helpers';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('knowledge base', () => {
	it.skipIf(!HAVE_SHARED)('rebuilding from ../shared reproduces static/kb/pgx.json byte for byte (needs ../shared)', () => {
		const committed = fs.readFileSync(path.resolve(here, '../../../static/kb/pgx.json'), 'utf8');
		const rebuilt = buildKb(SHARED);
		expect(rebuilt.length).toBe(committed.length);
		expect(rebuilt === committed).toBe(true);
	});

	it('loads with versions and attribution for every source', async () => {
		const kb = await loadKb();
		expect(kb.format).toBe(1);
		expect(kb.sources.length).toBeGreaterThanOrEqual(3);
		for (const s of kb.sources) {
			expect(s.version).not.toBe('');
			expect(s.attribution).not.toBe('');
			expect(s.licence).not.toBe('');
		}
		for (const g of ['ABCG2', 'CACNA1S', 'CFTR', 'CYP2B6', 'CYP2C19', 'CYP2C9', 'CYP2D6', 'CYP3A4', 'CYP3A5', 'CYP4F2', 'DPYD', 'G6PD', 'IFNL3', 'NAT2', 'NUDT15', 'RYR1', 'SLCO1B1', 'TPMT', 'UGT1A1', 'VKORC1'])
			expect(kb.genes[g]?.alleles.length).toBeGreaterThan(1);
		// CYP3A5 rs776746: the reference base differs between builds (GRCh38 T = *1, GRCh37 C = *3).
		const s = kb.genes.CYP3A5.sites.find((x) => x.rsid === 'rs776746')!;
		expect(s.ref38).toBe('T');
		expect(s.ref37).toBe('C');
		expect(s.pos37).toBe(99270539);
	});
});
