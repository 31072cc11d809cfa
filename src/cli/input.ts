/** Node file input shared by the prs and cohort commands. */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { CliError } from './errors';

/** A Node file as a web ReadableStream, after checking it is a readable regular file. */
export function fileStream(file: string): { stream: ReadableStream<Uint8Array>; size: number } {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(file);
	} catch {
		throw new CliError(`cannot read ${file}: no such file`);
	}
	if (!stat.isFile()) throw new CliError(`cannot read ${file}: not a regular file`);
	const stream = Readable.toWeb(fs.createReadStream(file, { highWaterMark: 1 << 20 })) as unknown as ReadableStream<Uint8Array>;
	return { stream, size: stat.size };
}
