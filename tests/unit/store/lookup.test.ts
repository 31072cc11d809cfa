import { describe, expect, it } from 'vitest';
import { createGenomeView } from '../../../src/lib/genome';
import { lookupInView, parseLookupQuery } from '../../../src/lib/store';
import { makeGenome } from './helpers';

describe('parseLookupQuery', () => {
	it('accepts rsIDs and positions in the forms people type', () => {
		expect(parseLookupQuery(' RS4244285 ')).toEqual({ kind: 'rsid', rsid: 'rs4244285' });
		expect(parseLookupQuery('chr10:94,781,859')).toEqual({ kind: 'position', chrom: '10', pos: 94781859 });
		expect(parseLookupQuery('x 1234')).toEqual({ kind: 'position', chrom: 'X', pos: 1234 });
		expect(parseLookupQuery('chrM:73')).toEqual({ kind: 'position', chrom: 'MT', pos: 73 });
		expect(parseLookupQuery('23:5')).toEqual({ kind: 'position', chrom: 'X', pos: 5 });
	});

	it('refuses anything else with a specific message', () => {
		expect(() => parseLookupQuery('')).toThrow(/Type an rsID/);
		expect(() => parseLookupQuery('banana')).toThrow(/neither an rsID/);
		expect(() => parseLookupQuery('chr30:5')).toThrow(/"chr30" is not a chromosome/);
		expect(() => parseLookupQuery('1:0')).toThrow(/not a valid position/);
		expect(() => parseLookupQuery('rs0')).toThrow(/not a valid rsID/);
		expect(() => parseLookupQuery('<script>')).toThrow(expect.objectContaining({ code: 'invalid', name: 'StoreError' }));
	});
});

describe('lookupInView', () => {
	it('finds a stored record by rsID and by position, and reports absent ones as null', () => {
		const genome = makeGenome(['1', '2'], 200);
		const view = createGenomeView(genome.summary, genome.chunks);
		const chunk = genome.chunks[1];
		const i = 5; // rsids[i] is non-zero for i % 7 !== 0
		const byRs = lookupInView(view, parseLookupQuery(`rs${chunk.rsids[i]}`));
		expect(byRs.call?.pos).toBe(chunk.positions[i]);
		expect(byRs.call?.chrom).toBe('2');
		const byPos = lookupInView(view, parseLookupQuery(`2:${chunk.positions[i]}`));
		expect(byPos.label).toBe(`2:${chunk.positions[i]}`);
		expect(byPos.call?.id).toBe(`rs${chunk.rsids[i]}`);
		expect(lookupInView(view, parseLookupQuery('2:1')).call).toBeNull();
	});
});
