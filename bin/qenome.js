#!/usr/bin/env node
// The `qenome` command. Uses the bundled CLI (npm run build:cli) when it is present and newer
// than the sources; otherwise runs the TypeScript sources through tsx (development checkouts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundled = path.join(root, 'build-cli', 'qenome.mjs');

/** Newest modification time of the TypeScript sources under src/ (0 when absent). */
function newestSource(dir) {
	let newest = 0;
	if (!fs.existsSync(dir)) return 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
		else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
	}
	return newest;
}

const useBundle =
	!process.env.QENOME_FROM_SOURCE &&
	fs.existsSync(bundled) &&
	fs.statSync(bundled).mtimeMs >= newestSource(path.join(root, 'src'));
if (useBundle) {
	await import(pathToFileURL(bundled).href);
} else {
	const { register } = await import('tsx/esm/api');
	register();
	await import(pathToFileURL(path.join(root, 'src', 'cli', 'main.ts')).href);
}
