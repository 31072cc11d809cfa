/**
 * Node-side plumbing for the sharing commands: passphrase and key files, file↔web-stream
 * adapters, a native SHA-256 hasher, and an output file that appears only on success.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CliError } from '../errors';
import { parseCard, parseIdentityFile, type ContactCard, type HasherFactory, type IdentityFile } from '../../lib/share/index';

/** SHA-256 via Node's native implementation (same digest as the portable one, much faster). */
export const nodeSha256: HasherFactory = () => {
	const h = createHash('sha256');
	return {
		update: (b) => void h.update(b),
		digest: () => new Uint8Array(h.digest())
	};
};

/**
 * SHA-256 and length of a file with plain synchronous 4 MiB reads into one reused buffer (the
 * seal's first pass; faster than a stream because nothing else runs meanwhile).
 */
export function hashFile(file: string): { digest: Uint8Array; length: number } {
	const h = createHash('sha256');
	const buf = Buffer.allocUnsafe(4 << 20);
	const fd = fs.openSync(file, 'r');
	let length = 0;
	try {
		for (;;) {
			const n = fs.readSync(fd, buf, 0, buf.length, null);
			if (n === 0) break;
			h.update(buf.subarray(0, n));
			length += n;
		}
	} finally {
		fs.closeSync(fd);
	}
	return { digest: new Uint8Array(h.digest()), length };
}

/** Read a file or fail with a one-line message naming it. */
export function readFileOrFail(file: string, what: string): Buffer {
	try {
		return fs.readFileSync(file);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		throw new CliError(`cannot read ${what} "${file}": ${code === 'ENOENT' ? 'no such file' : code ?? 'unreadable'}`, 2);
	}
}

/** The passphrase in a file: its text without one trailing newline. */
export function readPassphrase(file: string | undefined): string {
	if (!file) throw new CliError('missing required option --passphrase-file', 2);
	const text = readFileOrFail(file, 'passphrase file').toString('utf8').replace(/\r?\n$/, '');
	if (!text) throw new CliError(`the passphrase file "${file}" is empty`, 2);
	return text;
}

/** Load and parse an identity file. */
export function readIdentityFile(file: string | undefined, option = 'the identity file'): IdentityFile {
	if (!file) throw new CliError(`missing ${option}`, 2);
	return parseIdentityFile(readFileOrFail(file, 'identity file').toString('utf8'));
}

/** Load and verify a contact card. */
export function readCard(file: string): ContactCard {
	try {
		return parseCard(readFileOrFail(file, 'contact card').toString('utf8'));
	} catch (e) {
		if (e instanceof CliError) throw e;
		throw new CliError(`${file}: ${(e as Error).message}`, (e as { exitCode?: number }).exitCode ?? 2);
	}
}

/**
 * A file as a web ReadableStream of bytes: 1 MiB reads with up to 4 MiB read ahead, so disk
 * reads overlap the encryption instead of leaving the main thread idle between chunks.
 */
export function fileStream(file: string): ReadableStream<Uint8Array> {
	const strategy = new CountQueuingStrategy({ highWaterMark: 4 });
	return Readable.toWeb(fs.createReadStream(file, { highWaterMark: 1 << 20 }), { strategy }) as unknown as ReadableStream<Uint8Array>;
}

/** Size of a regular file, or a one-line failure. */
export function fileSize(file: string, what: string): number {
	try {
		const st = fs.statSync(file);
		if (!st.isFile()) throw new CliError(`${what} "${file}" is not a regular file`, 2);
		return st.size;
	} catch (e) {
		if (e instanceof CliError) throw e;
		throw new CliError(`cannot read ${what} "${file}": no such file`, 2);
	}
}

/**
 * An output file written to a hidden temporary beside the target and renamed into place only by
 * `commit()`; `discard()` removes the temporary. Nothing appears at the target on failure.
 */
export class PendingFile {
	readonly tmp: string;
	private fd: number;
	/** @param target final path */
	constructor(readonly target: string) {
		const dir = path.dirname(path.resolve(target));
		if (!fs.existsSync(dir)) throw new CliError(`the output folder "${dir}" does not exist`, 2);
		this.tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.partial`);
		this.fd = fs.openSync(this.tmp, 'w', 0o600);
	}
	/** Append bytes. */
	write(chunk: Uint8Array): void {
		let off = 0;
		while (off < chunk.length) off += fs.writeSync(this.fd, chunk, off, chunk.length - off);
	}
	/** Close and move into place. */
	commit(): void {
		fs.fsyncSync(this.fd);
		fs.closeSync(this.fd);
		fs.renameSync(this.tmp, this.target);
	}
	/** Close and delete the temporary. */
	discard(): void {
		try {
			fs.closeSync(this.fd);
		} catch {
			/* already closed */
		}
		fs.rmSync(this.tmp, { force: true });
	}
}

/** Pipe a web stream into a PendingFile. */
export async function drainTo(stream: ReadableStream<Uint8Array>, out: PendingFile): Promise<number> {
	const reader = stream.getReader();
	let n = 0;
	for (;;) {
		const { value, done } = await reader.read();
		if (done) return n;
		out.write(value);
		n += value.length;
	}
}
