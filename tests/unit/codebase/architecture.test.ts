/** ARCHITECTURE.md kept true (BRIEF "Layout"): its paths and code names exist, and it maps every src/lib domain. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { architectureDrift, ROOT } from './architecture';

describe('ARCHITECTURE.md', () => {
	it('the checker flags missing paths, file names and code names, and accepts real ones', () => {
		const text = [
			'| `src/lib/genome/` | `parallel.ts`, `nope.ts`, `pgx/report.ts`, `exitCodeFor`, `exitCodeForGone`, `saveGenome(x)`, `QASM_LIMITS`, `GONE_LIMITS` |',
			'See src/lib/workers/bridge.ts and src/lib/gone.ts.',
			'`src/lib/{pgx,gone}/index.ts` `src/lib/workers/<name>.worker.ts` `static/wasm/*.wasm` `/precache-manifest.json`'
		].join('\n');
		expect(architectureDrift(text).map((d) => `${d.line} ${d.token}`)).toEqual(['1 nope.ts', '1 exitCodeForGone', '1 GONE_LIMITS', '2 src/lib/gone.ts', '3 src/lib/gone/index.ts']);
	});

	it('every backticked path and code name exists (list them: npx tsx tests/unit/codebase/architecture.ts)', () => {
		expect(architectureDrift().map((d) => `ARCHITECTURE.md:${d.line} ${d.token} — ${d.why}`)).toEqual([]);
	});

	it('every folder under src/lib has its row', () => {
		const text = fs.readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
		const domains = fs.readdirSync(path.join(ROOT, 'src', 'lib'), { withFileTypes: true }).filter((e) => e.isDirectory());
		expect(domains.filter((d) => !text.includes(`| \`src/lib/${d.name}/\` |`)).map((d) => d.name)).toEqual([]);
	});
});
