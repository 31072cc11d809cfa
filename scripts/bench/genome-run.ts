/**
 * Child process of genome.bench.ts: imports one file from disk through the public API, the way
 * the CLI does, and prints {ms, records, peakRssMB, bytes} as JSON. Run in its own process so the
 * peak RSS (getrusage maxrss) belongs to this import alone.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { importGenome } from '../../src/lib/genome/index';

const file = process.argv[2];
const t0 = performance.now();
const stream = Readable.toWeb(fs.createReadStream(file, { highWaterMark: 1 << 20 })) as unknown as ReadableStream<Uint8Array>;
const g = await importGenome(stream, { totalBytes: fs.statSync(file).size });
const ms = performance.now() - t0;
process.stdout.write(
	JSON.stringify({
		ms,
		records: g.summary.records,
		calls: g.summary.calls,
		bytes: g.bytes,
		peakRssMB: process.resourceUsage().maxRSS / 1024,
		format: g.summary.formatDetail,
		build: g.summary.build
	}) + '\n'
);
