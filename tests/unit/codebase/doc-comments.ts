/**
 * Exports under src/lib, src/cli and src/routes (`.ts` files) without a doc comment (the brief:
 * "a doc comment on every export").
 * An export counts as documented when a `/** … *\/` comment stands right before its declaration
 * (for overloads, before the first; for `export { a }` and `export default a`, before `a`'s
 * declaration). Re-exports (`export … from`) are documented where declared.
 * Run `npx tsx tests/unit/codebase/doc-comments.ts` for the list; tests/unit/codebase/doc-comments.test.ts keeps it empty.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Every `.ts` file below `dir` (relative to the root, `/`-separated, sorted). */
export function tsFiles(dir: string): string[] {
	const out: string[] = [];
	const walk = (d: string) => {
		for (const e of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
			const rel = `${d}/${e.name}`;
			if (e.isDirectory()) walk(rel);
			else if (e.name.endsWith('.ts')) out.push(rel);
		}
	};
	walk(dir);
	return out.sort();
}

/** One exported name that has no doc comment. */
export interface Undocumented {
	file: string;
	line: number;
	name: string;
}

const hasExport = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** True when the comment right before `node` is a `/** … *\/` doc comment. */
function documented(text: string, node: ts.Node): boolean {
	const last = (ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []).at(-1);
	return !!last && text.startsWith('/**', last.pos) && !text.startsWith('/**/', last.pos);
}

/** The exports of one source text that lack a doc comment. */
export function undocumentedExports(file: string, text: string): Undocumented[] {
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const missing: Undocumented[] = [];
	const seen = new Set<string>();
	const declared = new Map<string, ts.Node>();
	const report = (node: ts.Node, name: string) => missing.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, name });
	for (const node of source.statements) {
		const name = (node as { name?: ts.Identifier }).name?.text;
		if (name && !ts.isVariableStatement(node)) declared.set(name, node);
		if (ts.isVariableStatement(node)) for (const d of node.declarationList.declarations) if (ts.isIdentifier(d.name)) declared.set(d.name.text, node);
	}
	for (const node of source.statements) {
		if (ts.isExportAssignment(node)) {
			// `export default name;` is documented where `name` is declared.
			const local = ts.isIdentifier(node.expression) ? declared.get(node.expression.text) : undefined;
			if (!documented(text, local ?? node)) report(local ?? node, 'default');
			continue;
		}
		if (ts.isExportDeclaration(node)) {
			// `export { a, b }` of local declarations: each declaration needs its doc comment.
			if (node.moduleSpecifier || !node.exportClause || !ts.isNamedExports(node.exportClause)) continue;
			for (const spec of node.exportClause.elements) {
				const local = declared.get((spec.propertyName ?? spec.name).text);
				if (local && !documented(text, local) && !seen.has(spec.name.text)) report(local, spec.name.text);
				seen.add(spec.name.text);
			}
			continue;
		}
		if (!hasExport(node)) continue;
		const names = ts.isVariableStatement(node)
			? node.declarationList.declarations.map((d) => d.name.getText(source))
			: [(node as { name?: ts.Identifier }).name?.text ?? 'default'];
		const key = names.join(',');
		if (seen.has(key)) continue; // a later overload or the implementation signature
		seen.add(key);
		if (!documented(text, node)) report(node, key);
	}
	return missing;
}

/** Every undocumented export under `dirs` (default src/lib, src/cli, src/routes). */
export function scan(dirs = ['src/lib', 'src/cli', 'src/routes']): Undocumented[] {
	return dirs.flatMap((d) => tsFiles(d)).flatMap((f) => undocumentedExports(f, fs.readFileSync(path.join(ROOT, f), 'utf8')));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const missing = scan(process.argv.slice(2).length ? process.argv.slice(2) : undefined);
	for (const m of missing) console.log(`${m.file}:${m.line} ${m.name}`);
	console.log(`${missing.length} export(s) without a doc comment`);
	process.exitCode = missing.length ? 1 : 0;
}
