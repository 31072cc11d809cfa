/** Shared by `qenome pgx` and `qenome warfarin`: read a DNA file into a GenomeView. */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { CliError } from '../errors';
import { createGenomeView, importGenome, isImportError, type GenomeView } from '../../lib/genome/index';

/** Import FILE (any supported format) and return a lookup view; bad input → CliError (exit 2). */
export async function readGenomeView(file: string, sample?: string): Promise<GenomeView> {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(file);
	} catch {
		throw new CliError(`cannot read ${file}: no such file`);
	}
	if (!stat.isFile()) throw new CliError(`cannot read ${file}: not a regular file`);
	const stream = Readable.toWeb(fs.createReadStream(file, { highWaterMark: 1 << 20 })) as unknown as ReadableStream<Uint8Array>;
	try {
		const parsed = await importGenome(stream, { sample, fileName: file, totalBytes: stat.size });
		return createGenomeView(parsed.summary, parsed.chunks);
	} catch (err) {
		if (isImportError(err)) throw new CliError(`${file}: ${err.message} [${err.code}]`, err.kind, { code: err.code });
		throw err;
	}
}

/** Rethrow a PgxError as a one-line CliError. */
export function asCliError(err: unknown): never {
	const e = err as { name?: string; message?: string };
	if (e?.name === 'PgxError') throw new CliError(e.message ?? 'bad input', 'input');
	throw err;
}
