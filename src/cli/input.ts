/** Node file input shared by the prs and cohort commands (through src/cli/files.ts, the one file reader). */
import { openGenomeFile } from './files';

/** A genome, cohort or scoring file as a web ReadableStream (regular files only; see files.ts). */
export function fileStream(file: string): { stream: ReadableStream<Uint8Array>; size: number } {
	return openGenomeFile(file);
}
