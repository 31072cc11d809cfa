/**
 * Tokenizer for OpenQASM 2.0: identifiers, numbers, strings and symbols, each with its 1-based
 * line and column. `//` and `/* … *\/` comments are skipped.
 */
import { QasmError } from './errors';

/** Kinds of token. */
export type TokenType = 'id' | 'real' | 'int' | 'string' | 'symbol' | 'eof';

/** One token with its source position. */
export interface Token {
	type: TokenType;
	text: string;
	line: number;
	column: number;
}

const SYMBOLS = ['->', '==', ';', ',', '(', ')', '[', ']', '{', '}', '+', '-', '*', '/', '^'];

/** Split QASM source into tokens; throws QasmError('syntax') on a character that cannot start one. */
export function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	let line = 1;
	let lineStart = 0;
	const n = source.length;
	while (i < n) {
		const ch = source[i];
		if (ch === '\n') {
			i++;
			line++;
			lineStart = i;
			continue;
		}
		if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\ufeff') {
			i++;
			continue;
		}
		const column = i - lineStart + 1;
		if (ch === '/' && source[i + 1] === '/') {
			while (i < n && source[i] !== '\n') i++;
			continue;
		}
		if (ch === '/' && source[i + 1] === '*') {
			const end = source.indexOf('*/', i + 2);
			if (end < 0) throw new QasmError('syntax', 'comment opened with /* is never closed', line, column);
			for (let k = i; k < end; k++)
				if (source[k] === '\n') {
					line++;
					lineStart = k + 1;
				}
			i = end + 2;
			continue;
		}
		if (/[A-Za-z_]/.test(ch)) {
			let j = i + 1;
			while (j < n && /[A-Za-z0-9_]/.test(source[j])) j++;
			tokens.push({ type: 'id', text: source.slice(i, j), line, column });
			i = j;
			continue;
		}
		if (/[0-9.]/.test(ch)) {
			const m = /^(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(source.slice(i, i + 64));
			if (!m) throw new QasmError('syntax', `unexpected character '${ch}'`, line, column);
			const text = m[0];
			tokens.push({ type: /[.eE]/.test(text) ? 'real' : 'int', text, line, column });
			i += text.length;
			continue;
		}
		if (ch === '"') {
			const end = source.indexOf('"', i + 1);
			const nl = source.indexOf('\n', i + 1);
			if (end < 0 || (nl >= 0 && nl < end)) throw new QasmError('syntax', 'string is not closed with "', line, column);
			tokens.push({ type: 'string', text: source.slice(i + 1, end), line, column });
			i = end + 1;
			continue;
		}
		const sym = SYMBOLS.find((s) => source.startsWith(s, i));
		if (!sym) throw new QasmError('syntax', `unexpected character '${ch}'`, line, column);
		tokens.push({ type: 'symbol', text: sym, line, column });
		i += sym.length;
	}
	tokens.push({ type: 'eof', text: 'end of file', line, column: i - lineStart + 1 });
	return tokens;
}
