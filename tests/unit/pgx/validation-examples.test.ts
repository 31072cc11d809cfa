/**
 * Validation 2: the reference caller's two example VCFs; our gene calls and phenotypes must match
 * its report.tsv (through the project's own importer, A's parser).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGenomeView, importGenomeBytes } from '../../../src/lib/genome/index';
import { loadKb, parseOutsideCalls, runPgx } from '../../../src/lib/pgx/index';
import { HAVE_SHARED, PGX_DIR } from './helpers';

const EX = path.join(PGX_DIR, 'pharmcat', 'examples');

function readReport(file: string) {
	const lines = fs.readFileSync(file, 'utf8').split('\n');
	const head = lines[1].split('\t');
	return lines
		.slice(2)
		.filter((l) => l.includes('\t'))
		.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [head[i], v])) as Record<string, string>);
}

describe.skipIf(!HAVE_SHARED)('validation 2: PharmCAT example VCFs (needs ../shared)', () => {
	for (const name of ['pharmcat.example', 'pharmcat.example2']) {
		it(`${name}: every gene call and phenotype matches report.tsv`, async () => {
			const kb = await loadKb();
			const parsed = await importGenomeBytes(new Uint8Array(fs.readFileSync(path.join(EX, `${name}.vcf`))), { fileName: `${name}.vcf` });
			const view = createGenomeView(parsed.summary, parsed.chunks);
			const outsideFile = path.join(EX, `${name}.outsideCall.tsv`);
			const outside = fs.existsSync(outsideFile) ? parseOutsideCalls(fs.readFileSync(outsideFile, 'utf8'), kb) : [];
			const report = await runPgx(view, outside, kb);
			const rows = readReport(path.join(EX, `${name}.report.tsv`));
			const table: string[] = [];
			let compared = 0;
			for (const row of rows) {
				const ours = report.genes.find((g) => g.gene === row.Gene);
				if (!ours || !row['Source Diplotype']) continue;
				let expectedDip = row['Source Diplotype'];
				// A single-copy G6PD call (male or sex unknown) writes one allele for "X/X".
				if (row.Gene === 'G6PD' && ours.diplotypes.length === 1 && !ours.diplotypes[0].includes('/')) expectedDip = expectedDip.split('/')[0];
				table.push(`${row.Gene}: ours ${ours.diplotypes.join(' or ')} / ${ours.phenotype}; PharmCAT ${row['Source Diplotype']} / ${row.Phenotype}`);
				expect(ours.diplotypes, row.Gene).toEqual([expectedDip]);
				if (row.Phenotype.trim()) expect(ours.phenotype, row.Gene).toBe(row.Phenotype);
				if (row['Activity Score']) expect(ours.activityScore, row.Gene).toBe(Number(row['Activity Score']));
				compared++;
			}
			console.log(`\n${name}:\n` + table.join('\n'));
			expect(compared).toBeGreaterThanOrEqual(18);
			const clopidogrel = report.drugs.filter((d) => d.drug === 'clopidogrel');
			expect(clopidogrel[0].classification).not.toBe('n/a');
		});
	}
});
