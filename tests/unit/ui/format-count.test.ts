/** formatCount (src/lib/ui/genome-client.ts): one cached Intl.NumberFormat, the same text as toLocaleString('en-US'). */
import { describe, expect, it } from 'vitest';
import { formatCount, warmCountFormat } from '../../../src/lib/ui/genome-client';

describe('formatCount', () => {
	it('gives the en-US grouping of toLocaleString, before and after warming, and a dash for non-numbers', () => {
		expect(formatCount(4_999_999)).toBe('4,999,999');
		warmCountFormat();
		for (const n of [0, 7, 1234, 4_999_999, 1e9, -52_000, 2.5]) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
		expect(formatCount(Number.NaN)).toBe('—');
		expect(formatCount(Number.POSITIVE_INFINITY)).toBe('—');
	});
});
