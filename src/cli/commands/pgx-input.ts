/** Shared by `qenome pgx` and `qenome warfarin`: read a DNA file into a GenomeView. */
import { CliError } from '../errors';
import { openGenomeFile } from '../files';
import { createGenomeView, importGenome, isImportError, type GenomeView } from '../../lib/genome/index';

/** Import FILE (any supported format) and return a lookup view; bad input → CliError (exit 2). */
export async function readGenomeView(file: string, sample?: string): Promise<GenomeView> {
	const { stream, size } = openGenomeFile(file);
	try {
		const parsed = await importGenome(stream, { sample, fileName: file, totalBytes: size });
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
