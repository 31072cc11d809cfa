/** Shared helpers of the PRS tests: fixtures, genomes and scoring files from text. */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'fflate';
import { importGenomeBytes } from '../../../src/lib/genome/index';
import { parseScoreBytes } from '../../../src/lib/prs/index';

export const PRS_FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'prs');

/** Bytes of a PRS fixture. */
export function prsFixture(name: string): Uint8Array {
	return new Uint8Array(fs.readFileSync(path.join(PRS_FIXTURES, name)));
}

/** Import a genome fixture. */
export function genome(name: string) {
	return importGenomeBytes(prsFixture(name), { fileName: name });
}

/** Parse a scoring-file fixture (optionally gzipped first). */
export function score(name: string, gz = false) {
	const b = prsFixture(name);
	return parseScoreBytes(gz ? gzipSync(b) : b);
}

/** Parse a scoring file from text. */
export function scoreText(text: string) {
	return parseScoreBytes(new TextEncoder().encode(text));
}
