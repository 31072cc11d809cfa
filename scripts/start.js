#!/usr/bin/env node
/**
 * `npm start`: build the site (wasm, demo genome, site, CLI) if the build is missing or older
 * than the sources, then serve it on http://localhost:4173.
 */
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Newest modification time under a directory (0 when absent). */
function newest(dir) {
	let t = 0;
	const p = path.join(root, dir);
	if (!fs.existsSync(p)) return 0;
	const stack = [p];
	while (stack.length) {
		const d = stack.pop();
		const st = fs.statSync(d);
		if (st.isDirectory()) {
			for (const e of fs.readdirSync(d)) stack.push(path.join(d, e));
		} else t = Math.max(t, st.mtimeMs);
	}
	return t;
}

const stamp = path.join(root, 'build', 'index.html');
const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const sources = Math.max(
	newest('src'),
	newest('wasm/assembly'),
	newest('scripts'),
	fs.statSync(path.join(root, 'package.json')).mtimeMs
);
if (!built || sources > built || !fs.existsSync(path.join(root, 'build', 'demo'))) {
	console.log('Building Qenome (wasm, demo genome, site, CLI)…');
	const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(process.execPath, [path.join(root, 'scripts', 'serve.js'), ...process.argv.slice(2)], {
	cwd: root,
	stdio: 'inherit'
});
child.on('exit', (code) => process.exit(code ?? 0));
