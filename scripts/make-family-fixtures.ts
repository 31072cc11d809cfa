/**
 * Writes the SYNTHETIC family fixtures for browser tests (seeded, byte-identical on every run):
 * tests/fixtures/family/trio.vcf (joint calls of kid, dad, mum; GRCh38; X included so sex can be
 * inferred), trio.ped (the right pedigree) and wrong-father.ped (mum's genome listed as father).
 * Usage: `npx tsx scripts/make-family-fixtures.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { child, founder, makeSites, rng, toJointVcf, type PlantedRecord } from '../tests/unit/family/simulate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'tests', 'fixtures', 'family');
fs.mkdirSync(out, { recursive: true });
const sites = makeSites(60, 101, 200, 0);
const r = rng(202);
const dad = founder('dad', 'male', sites, r);
const mum = founder('mum', 'female', sites, r);
const kid = child('kid', 'male', dad, mum, r);
// GRCh38, with a published compound-heterozygous pair in AIRE planted in trans (phenopacket-store
// PMID_16965330_patient_10: chr21:44289773 C>T from the father, chr21:44291145 CT>C from the mother).
const planted: PlantedRecord[] = [
	{ chrom: '21', pos: 44289773, ref: 'C', alt: 'T', genotypes: { kid: '0/1', dad: '0/1' } },
	{ chrom: '21', pos: 44291145, ref: 'CT', alt: 'C', genotypes: { kid: '0/1', mum: '0/1' } }
];
fs.writeFileSync(path.join(out, 'trio.vcf'), toJointVcf([kid, dad, mum], sites, planted, 'GRCh38'));
fs.writeFileSync(path.join(out, 'trio.ped'), '#SYNTHETIC family\nfam\tkid\tdad\tmum\t1\t2\nfam\tdad\t0\t0\t1\t1\nfam\tmum\t0\t0\t2\t1\n');
fs.writeFileSync(path.join(out, 'swapped.ped'), '#SYNTHETIC family with the parents swapped\nfam\tkid\tmum\tdad\t1\t2\nfam\tdad\t0\t0\t2\t1\nfam\tmum\t0\t0\t1\t1\n');
console.log(`wrote ${path.relative(root, out)}/trio.vcf, trio.ped, swapped.ped`);
