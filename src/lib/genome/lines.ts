/**
 * Byte-level line splitting over a stream of chunks.
 *
 * Why bytes and not strings: decoding 1+ GB of VCF text into JS strings and `split('\n')` would
 * allocate every line twice and hold whole chunks as strings. Instead lines are found with
 * `Uint8Array.prototype.indexOf(LF)` (a native memchr-like scan) and handed to the parser as
 * `(buffer, start, end)` views; only a line that straddles two chunks is copied (into a reused
 * carry buffer). CR before LF is dropped, so CRLF files parse like LF files.
 */
import { ImportError } from './errors';
import { LIMITS } from './limits';
import { CR, LF } from './bytes';

/** Receives one line as a view `buf[start, end)` (no line terminator). */
export type LineHandler = (buf: Uint8Array, start: number, end: number) => void;

/** Splits pushed chunks into lines. */
export class LineSplitter {
	private carry = new Uint8Array(64 * 1024);
	private carryLen = 0;
	private readonly onLine: LineHandler;
	private readonly maxLine: number;

	/** @param onLine called for every line; @param maxLine longest accepted line in bytes */
	constructor(onLine: LineHandler, maxLine: number = LIMITS.maxLineBytes) {
		this.onLine = onLine;
		this.maxLine = maxLine;
	}

	/** Emit one line, dropping a trailing CR. */
	private emit(buf: Uint8Array, start: number, end: number): void {
		if (end > start && buf[end - 1] === CR) end--;
		this.onLine(buf, start, end);
	}

	/** Append bytes to the carry buffer (a line in progress). */
	private appendCarry(chunk: Uint8Array, start: number, end: number): void {
		const need = this.carryLen + (end - start);
		if (need > this.maxLine) this.tooLong();
		if (need > this.carry.length) {
			const next = new Uint8Array(Math.min(Math.max(need, this.carry.length * 2), this.maxLine + 1));
			next.set(this.carry.subarray(0, this.carryLen));
			this.carry = next;
		}
		this.carry.set(chunk.subarray(start, end), this.carryLen);
		this.carryLen = need;
	}

	/** Refuse an oversized line. */
	private tooLong(): never {
		throw new ImportError(
			'too-large',
			`A line of the file is longer than ${Math.round(this.maxLine / 1024)} KB; genome files never have such lines, so this is not a genome file or it is damaged.`
		);
	}

	/** Feed the next chunk. */
	push(chunk: Uint8Array): void {
		let start = 0;
		const n = chunk.length;
		if (this.carryLen > 0) {
			const nl = chunk.indexOf(LF);
			if (nl < 0) {
				this.appendCarry(chunk, 0, n);
				return;
			}
			this.appendCarry(chunk, 0, nl);
			this.emit(this.carry, 0, this.carryLen);
			this.carryLen = 0;
			start = nl + 1;
		}
		for (;;) {
			const nl = chunk.indexOf(LF, start);
			if (nl < 0) break;
			if (nl - start > this.maxLine) this.tooLong();
			this.emit(chunk, start, nl);
			start = nl + 1;
		}
		if (start < n) this.appendCarry(chunk, start, n);
	}

	/** Flush the last line (files need not end with a newline). */
	end(): void {
		if (this.carryLen > 0) {
			this.emit(this.carry, 0, this.carryLen);
			this.carryLen = 0;
		}
	}
}
