/** Streaming a generated text file through the `bgzip` command (Debian package tabix), for the benchmark data. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/** A writer of text into `bgzip -c` (all cores) whose output lands in `file`. */
export interface BgzipStream {
	/** Writes text; resolves when bgzip is ready for more (back-pressure), so memory stays bounded. */
	write(text: string): Promise<void>;
	/** Ends the input, waits for bgzip to finish, then moves `file.part` to `file`. */
	close(): Promise<void>;
}

/** Opens a bgzip stream to `file`, written as `file.part` until {@link BgzipStream.close} (a cut run leaves no half file under the real name). */
export function bgzipStream(file: string): BgzipStream {
	const tmp = file + '.part';
	const out = fs.openSync(tmp, 'w');
	const child = spawn('bgzip', ['-c', '-@', String(Math.max(1, os.cpus().length))], { stdio: ['pipe', out, 'inherit'] });
	const stdin = child.stdin!;
	const closed = new Promise((res) => child.on('close', res));
	return {
		write: (text) => new Promise<void>((res) => (stdin.write(text) ? res() : stdin.once('drain', () => res()))),
		async close() {
			stdin.end();
			await closed;
			fs.closeSync(out);
			fs.renameSync(tmp, file);
		}
	};
}
