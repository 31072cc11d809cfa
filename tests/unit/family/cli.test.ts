/**
 * `qenome relate` and the family mode of `qenome rare`, run as real processes on SYNTHETIC
 * families (seeded simulation) written to a temporary directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQenome } from '../qenome-cli';
import { child, founder, makeSites, rng, to23andMe, toJointVcf } from './simulate';

const qenome = (...args: string[]) => runQenome(args);

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-family-'));
	const sites = makeSites(150, 21);
	const r = rng(8);
	const dad = founder('dad', 'male', sites, r);
	const mum = founder('mum', 'female', sites, r);
	const kid = child('kid', 'male', dad, mum, r);
	const stranger = founder('stranger', 'male', sites, r);
	for (const p of [dad, mum, kid, stranger]) fs.writeFileSync(file(`${p.id}.txt`), to23andMe(p, sites));
	fs.writeFileSync(file('trio.ped'), 'fam kid dad mum 1 2\nfam dad 0 0 1 1\nfam mum 0 0 2 1\n');
	fs.writeFileSync(file('wrong.ped'), 'fam kid stranger mum 1 2\nfam stranger 0 0 1 1\nfam mum 0 0 2 1\n');
	// A GRCh38 joint VCF with a published compound-heterozygous pair in AIRE (phenopacket-store
	// PMID_16965330_patient_10: chr21:44291145 CT>C, chr21:44289773 C>T) planted in trans.
	const vcf = toJointVcf([kid, dad, mum], sites, [
		{ chrom: '21', pos: 44289773, ref: 'C', alt: 'T', genotypes: { kid: '0/1', dad: '0/1' } },
		{ chrom: '21', pos: 44291145, ref: 'CT', alt: 'C', genotypes: { kid: '0/1', mum: '0/1' } }
	], 'GRCh38');
	fs.writeFileSync(file('trio.vcf'), vcf);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('qenome relate', () => {
	it('--json on three array files: ids from file names, pairs and relationships', () => {
		const r = qenome('relate', file('kid.txt'), file('dad.txt'), file('mum.txt'), '--json');
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(j.samples.map((s: { id: string }) => s.id)).toEqual(['kid', 'dad', 'mum']);
		expect(j.samples[0]).toMatchObject({ id: 'kid', statedSex: null, inferredSex: 'male' });
		const rel = Object.fromEntries(j.pairs.map((p: { a: string; b: string; relationship: string }) => [`${p.a}-${p.b}`, p.relationship]));
		expect(rel).toEqual({ 'kid-dad': 'parent-offspring', 'kid-mum': 'parent-offspring', 'dad-mum': 'unrelated' });
		for (const p of j.pairs) {
			expect(typeof p.kinship).toBe('number');
			expect(typeof p.ibs0).toBe('number');
		}
		expect(j.pedErrors).toEqual([]);
	});

	it('--ped: stated sexes, trio Mendelian errors, and an unrelated "parent" flagged', () => {
		const ok = JSON.parse(qenome('relate', file('kid.txt'), file('dad.txt'), file('mum.txt'), '--ped', file('trio.ped'), '--json').stdout);
		expect(ok.samples[1]).toMatchObject({ id: 'dad', statedSex: 'male', inferredSex: 'male' });
		expect(ok.trios[0]).toMatchObject({ child: 'kid', mendelianErrors: 0 });
		const bad = qenome('relate', file('kid.txt'), file('stranger.txt'), file('mum.txt'), '--ped', file('wrong.ped'), '--json');
		expect(bad.code).toBe(0);
		expect(JSON.parse(bad.stdout).pedErrors.join('\n')).toMatch(/stranger is listed as kid's father but the DNA says they are unrelated/);
		const text = qenome('relate', file('kid.txt'), file('stranger.txt'), file('mum.txt'), '--ped', file('wrong.ped'));
		expect(text.stdout.split('\n')[0]).toBe('PED CONTRADICTIONS:');
	});

	it('a multi-sample VCF gives every sample; bad input is one line, exit 2', () => {
		const j = JSON.parse(qenome('relate', file('trio.vcf'), '--json').stdout);
		expect(j.samples.map((s: { id: string }) => s.id)).toEqual(['kid', 'dad', 'mum']);
		expect(j.pairs[0].relationship).toBe('parent-offspring');
		const one = qenome('relate', file('kid.txt'), '--json');
		expect(one.code).toBe(2);
		expect(one.stderr.trim().split('\n')).toHaveLength(1);
		expect(one.stderr).toMatch(/at least 2 genomes/);
		fs.writeFileSync(file('bad.ped'), 'fam kid dad\n');
		const badPed = qenome('relate', file('kid.txt'), file('dad.txt'), '--ped', file('bad.ped'));
		expect(badPed.code).toBe(2);
		expect(badPed.stderr).toMatch(/Line 1: a PED line needs 6 columns/);
	});
});

describe('qenome rare (family mode)', () => {
	it('several samples without --ped are refused with a clear error', () => {
		const r = qenome('rare', file('kid.txt'), file('dad.txt'), '--hpo', 'HP:0001250', '--json');
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(/needs --ped family\.ped/);
	});

	it('--ped ranks with inheritance patterns and per-member genotypes', () => {
		const r = qenome('rare', file('trio.vcf'), '--ped', file('trio.ped'), '--hpo', 'HP:0001096,HP:0002841,HP:0000829,HP:0008207,HP:0200120,HP:0008209', '--top', '5', '--json');
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const j = JSON.parse(r.stdout);
		const aire = j.genes[0];
		expect(aire.gene).toBe('AIRE');
		expect(aire.inheritance).toEqual(['compound heterozygous']);
		expect(aire.variants.map((v: { segregation: { memberGenotypes: Record<string, string> } }) => v.segregation.memberGenotypes)).toEqual(
			expect.arrayContaining([{ kid: '0/1', dad: '0/1', mum: '0/0' }, { kid: '0/1', dad: '0/0', mum: '0/1' }])
		);
		expect(j.family.proband).toBe('kid');
		expect(j.family.checks.pedErrors).toEqual([]);
	});
});
