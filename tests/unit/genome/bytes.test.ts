/** The parsers' named byte constants are the ASCII codes of the characters their names say. */
import { describe, expect, it } from 'vitest';
import * as B from '../../../src/lib/genome/bytes';

const CHARS: Record<string, string> = {
	TAB: '\t', LF: '\n', CR: '\r', SPACE: ' ', QUOTE: '"', HASH: '#', COMMA: ',', DOT: '.', SLASH: '/', DIGIT_0: '0', DIGIT_9: '9',
	COLON: ':', SEMICOLON: ';', PIPE: '|', UPPER_A: 'A', UPPER_C: 'C', UPPER_G: 'G', UPPER_M: 'M', UPPER_P: 'P', UPPER_S: 'S',
	UPPER_T: 'T', UPPER_X: 'X', UPPER_Y: 'Y', LOWER_C: 'c', LOWER_D: 'd', LOWER_H: 'h', LOWER_I: 'i', LOWER_R: 'r', LOWER_S: 's'
};

describe('genome byte constants', () => {
	it('each named constant is the code of its character', () => {
		for (const [name, value] of Object.entries(B)) {
			if (name === 'CASE_BIT') continue;
			expect(CHARS[name], `${name} has an expected character`).toBeDefined();
			expect(value, name).toBe(CHARS[name].charCodeAt(0));
		}
	});
	it('CASE_BIT folds ASCII letter case', () => {
		expect('R'.charCodeAt(0) | B.CASE_BIT).toBe(B.LOWER_R);
		expect(B.LOWER_C & ~B.CASE_BIT).toBe('C'.charCodeAt(0));
	});
});
