import { describe, expect, it } from 'vitest';
import { inferSex } from '../../../src/lib/genome/inference';

describe('inferSex', () => {
	it('arrays: X heterozygosity, confirmed by Y call rate', () => {
		expect(inferSex({ xCalled: 17000, xHet: 40, yRecords: 2000, yCalled: 1900 }, '23andme')).toBe('male');
		expect(inferSex({ xCalled: 17000, xHet: 3000, yRecords: 2000, yCalled: 20 }, '23andme')).toBe('female');
		expect(inferSex({ xCalled: 17000, xHet: 3000, yRecords: 2000, yCalled: 1900 }, 'ancestry')).toBe('unknown'); // contradiction
		expect(inferSex({ xCalled: 17000, xHet: 500, yRecords: 0, yCalled: 0 }, 'ftdna')).toBe('unknown'); // 3%: undecided
		expect(inferSex({ xCalled: 0, xHet: 0, yRecords: 50, yCalled: 48 }, 'myheritage')).toBe('male');
		expect(inferSex({ xCalled: 5, xHet: 0, yRecords: 0, yCalled: 0 }, '23andme')).toBe('unknown');
	});
	it('VCF: variant-only X sites and relative Y calls', () => {
		expect(inferSex({ xCalled: 120000, xHet: 6000, yRecords: 1500, yCalled: 1500 }, 'vcf')).toBe('male');
		expect(inferSex({ xCalled: 150000, xHet: 90000, yRecords: 40, yCalled: 40 }, 'vcf')).toBe('female');
		expect(inferSex({ xCalled: 150000, xHet: 30000, yRecords: 40, yCalled: 40 }, 'vcf')).toBe('female'); // 20% het, Y ~0
		expect(inferSex({ xCalled: 150000, xHet: 90000, yRecords: 3000, yCalled: 3000 }, 'vcf')).toBe('unknown');
	});
});
