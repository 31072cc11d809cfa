/** Every export under src/lib, src/cli and src/routes (.ts) carries a doc comment (BRIEF "Layout"); the scanner itself is checked on small sources. */
import { describe, expect, it } from 'vitest';
import { scan, undocumentedExports } from './doc-comments';

describe('doc comments on exports', () => {
	it('finds undocumented exports of every kind and accepts documented ones', () => {
		const text = [
			'/** File header. */',
			"import x from './x';",
			'/** Documented. */',
			'export function a(): void {}',
			'export function b(): void {}',
			'/** Overloads: the first carries the doc. */',
			'export function c(v: string): string;',
			'export function c(v: number): number;',
			'export function c(v: unknown): unknown { return v; }',
			'// a line comment is not a doc comment',
			'export const d = 1, e = 2;',
			'/** Documented. */',
			'export interface F { f: number }',
			'export type G = string;',
			'class H {}',
			'/** Documented. */',
			'const i = 1;',
			'export { H, i };',
			"export { j } from './j';",
			'export default x;',
			'/** Documented where declared. */',
			'const k = 1;',
			'export default k;'
		].join('\n');
		expect(undocumentedExports('t.ts', text).map((m) => `${m.line} ${m.name}`)).toEqual(['5 b', '11 d,e', '14 G', '15 H', '20 default']);
	});

	it('src/lib, src/cli and src/routes have no export without one (list them: npx tsx tests/unit/codebase/doc-comments.ts)', () => {
		expect(scan().map((m) => `${m.file}:${m.line} ${m.name}`)).toEqual([]);
	});
});
