/**
 * ARCHITECTURE.md kept true: every path and code name it puts in backticks must exist. Paths
 * under a top-level folder (`src/…`, `static/…`, `scripts/…`) must exist as written (`*` and
 * `<name>` match any part); a bare file name (`fusion.ts`, `pgx/report.ts`) must be the end of
 * some file's path; a code name (`exitCodeFor`, `GenomeChunk`, `QASM_LIMITS`) must occur as a
 * word in the sources. Run `npx tsx tests/unit/codebase/architecture.ts` for the list.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const TOP = /^(src|wasm|static|tests|scripts|docs|bin|workflows|\.ci)\//;
const SOURCE = /\.(ts|js|svelte|css|html)$/;
/** A token that reads as code: identifiers joined by `.` or `/`, maybe a call. */
const CODE = /^#?[A-Za-z_$][\w$]*([./]#?[A-Za-z_$][\w$]*)*(\(.*\))?$/;
/** Identifiers specific enough to check: camelCase, PascalCase with an inner capital, CONST_CASE, private `#name`. */
const DISTINCTIVE = /^#[a-zA-Z]\w*$|^[a-z][a-z0-9]*[A-Z][\w$]*$|^[A-Z][a-z0-9]+[A-Z][\w$]*$|^[A-Z][A-Z0-9]*_[A-Z0-9_]+$|^[A-Z]{5,}$/;

/** Folders never part of the tree (outside git: a tarball of the repository). */
const GENERATED = new Set(['node_modules', '.git', '.svelte-kit', 'build', 'build-cli', 'test-results', 'playwright-report', 'tmp']);

/** The files git tracks or would track (untracked, not ignored); without git, every file outside generated folders. */
function gitFiles(): string[] {
	try {
		return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] })
			.split('\0')
			.filter(Boolean);
	} catch {
		const out: string[] = [];
		const walk = (d: string) => {
			for (const e of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
				const rel = d ? `${d}/${e.name}` : e.name;
				if (e.isDirectory()) {
					if (!GENERATED.has(e.name) && rel !== 'static/wasm' && rel !== 'static/demo' && rel !== 'wasm/build') walk(rel);
				} else out.push(rel);
			}
		};
		walk('');
		return out;
	}
}

/** Every file git tracks or would track (untracked, not ignored), plus their folders: relative, `/`-separated. */
function allFiles(): string[] {
	const files = gitFiles().filter((f) => fs.existsSync(path.join(ROOT, f)));
	const dirs = new Set<string>();
	for (const f of files) for (let i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) dirs.add(f.slice(0, i + 1));
	// Build outputs named in the map: `static/wasm/<name>.wasm` stands for its source `wasm/assembly/<name>.entry.ts`.
	const built = files.flatMap((f) => /^wasm\/assembly\/([\w-]+)\.entry\.ts$/.exec(f)?.slice(1).map((n) => `static/wasm/${n}.wasm`) ?? []);
	return [...files, ...built, ...(built.length ? ['static/wasm/'] : []), ...dirs];
}

/** Shell-style brace expansion: `a/{b,c}.ts` → `a/b.ts`, `a/c.ts`. */
function expandBraces(p: string): string[] {
	const m = /\{([^{}]*)\}/.exec(p);
	if (!m) return [p];
	return m[1].split(',').flatMap((alt) => expandBraces(p.slice(0, m.index) + alt + p.slice(m.index + m[0].length)));
}

/** A backticked path as a regular expression over repository paths (`*`, `<name>` = any part of a name). */
function pathPattern(p: string, anchored: boolean): RegExp {
	const body = p
		.split(/(\*\*?|<[^>]+>)/)
		.map((part) => (part === '**' ? '.*' : part === '*' || part.startsWith('<') ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return new RegExp(`${anchored ? '^' : '(^|/)'}${body}${p.endsWith('/') ? '' : '/?'}$`);
}

/** One claim of ARCHITECTURE.md that does not hold. */
export interface Drift {
	line: number;
	token: string;
	why: string;
}

/** Checks every backticked path and code name of `text` (default: ARCHITECTURE.md), and its plain `src/….ts`-style paths, against the tree. */
export function architectureDrift(text = fs.readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8')): Drift[] {
	const files = allFiles();
	let corpus: string | null = null;
	const words = () =>
		(corpus ??= files
			.filter((f) => (/^(src|wasm|scripts|tests)\//.test(f) || !f.includes('/')) && SOURCE.test(f) && !f.startsWith('tests/unit/codebase/'))
			.map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'))
			.join('\n'));
	const drift: Drift[] = [];
	text.split('\n').forEach((line, i) => {
		// Paths in plain text (diagrams, prose) that name a file.
		for (const m of line.replace(/`[^`\n]*`/g, ' ').matchAll(/(?:^|[\s(])((?:src|wasm|static|tests|scripts|docs|bin|workflows)\/[\w.\-/]*\.[a-z]+)/g)) {
			const p = m[1].replace(/[.,;:]+$/, '');
			if (!files.includes(p)) drift.push({ line: i + 1, token: p, why: 'no such path' });
		}
		for (const m of line.matchAll(/`([^`\n]+)`/g)) {
			const token = m[1].trim();
			// URLs of the served site (`/precache-manifest.json`) and build output (`build/…`) are not in the tree.
			if (token.startsWith('/') || token.startsWith('build/')) continue;
			if (TOP.test(token)) {
				for (const p of expandBraces(token)) if (!files.some((f) => pathPattern(p, true).test(f))) drift.push({ line: i + 1, token: p, why: 'no such path' });
			} else if (/^[\w.+\-/<>*{},]+\.(ts|svelte|js|json|md|wasm|css|html)$/.test(token) && !token.startsWith('.')) {
				for (const p of expandBraces(token)) if (!files.some((f) => pathPattern(p, false).test(f))) drift.push({ line: i + 1, token: p, why: 'no file of that name' });
			} else if (CODE.test(token)) {
				// `fn(args)`, `Type.field`, `getMeta/putMeta`, `#privateMethod`: each distinctive identifier before any `(`.
				for (const name of token.split('(')[0].split(/[./]/)) {
					if (!DISTINCTIVE.test(name)) continue;
					if (!new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(words())) drift.push({ line: i + 1, token: name, why: 'name not found in the sources' });
				}
			}
		}
	});
	return drift;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const drift = architectureDrift();
	for (const d of drift) console.log(`ARCHITECTURE.md:${d.line} \`${d.token}\` — ${d.why}`);
	console.log(`${drift.length} claim(s) that do not hold`);
	process.exitCode = drift.length ? 1 : 0;
}
