#!/usr/bin/env node
// The `qenome` command. Uses the bundled CLI (npm run build:cli) when present, otherwise runs
// the TypeScript sources through tsx (development checkouts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundled = path.join(root, 'build-cli', 'qenome.mjs');
if (fs.existsSync(bundled) && !process.env.QENOME_FROM_SOURCE) {
	await import(pathToFileURL(bundled).href);
} else {
	const { register } = await import('tsx/esm/api');
	register();
	await import(pathToFileURL(path.join(root, 'src', 'cli', 'main.ts')).href);
}
