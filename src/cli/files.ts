/**
 * Every file the CLI reads goes through here: only regular files (never a device such as
 * /dev/zero, a FIFO or a directory), each kind with a size cap checked on the open descriptor, so
 * no option can make `qenome` read without end. Failures are one-line CliErrors naming the file.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { CliError } from './errors';
import { errorKind } from '../lib/errors';
import { escapeUnsafe } from '../lib/format';
import { parseCard, parseIdentityFile, type ContactCard, type IdentityFile } from '../lib/share/index';

/** Size caps per kind of input (bytes). Genome files and bundles are streamed and need no cap here. */
export const FILE_CAPS = {
	passphrase: 64 * 1024,
	identity: 1024 * 1024,
	card: 1024 * 1024,
	/** OpenQASM source (QASMBench's largest is 6 MB). */
	qasm: 64 * 1024 * 1024,
	/** Outside-lab PGx calls (a TSV of a few dozen lines). */
	outsideCalls: 4 * 1024 * 1024,
	/** A GA4GH phenopacket (JSON; published ones are a few KB). */
	phenopacket: 16 * 1024 * 1024,
	/** Reports and genome content read whole before sealing. */
	structured: 512 * 1024 * 1024
} as const;

/** Open `file` for reading if it is a regular file; returns the descriptor and size. */
function openRegular(file: string, what: string): { fd: number; size: number; mode: number } {
	let fd: number;
	try {
		// O_NONBLOCK: opening a FIFO must not hang waiting for a writer (it is refused below).
		fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		throw new CliError(`cannot read ${what} "${file}": ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (code ?? 'unreadable')}`, 'input');
	}
	const st = fs.fstatSync(fd);
	if (!st.isFile()) {
		fs.closeSync(fd);
		throw new CliError(`${what} "${file}" is not a regular file`, 'input');
	}
	return { fd, size: st.size, mode: st.mode };
}

/** Size of a regular file, or a one-line failure (devices, FIFOs and folders are refused). */
export function fileSize(file: string, what: string): number {
	const { fd, size } = openRegular(file, what);
	fs.closeSync(fd);
	return size;
}

/** Read a whole regular file of at most `cap` bytes, or fail with a one-line message naming it. */
export function readFileOrFail(file: string, what: string, cap: number): Buffer {
	const { fd, size } = openRegular(file, what);
	try {
		if (size > cap) throw new CliError(`${what} "${file}" is too large (${size.toLocaleString('en')} bytes; at most ${cap.toLocaleString('en')})`, 'input');
		// Read up to cap + 1 bytes whatever the size said, so a file growing meanwhile is still bounded.
		const buf = Buffer.allocUnsafe(Math.min(cap + 1, Math.max(size, 0) + 64 * 1024));
		let n = 0;
		for (;;) {
			if (n === buf.length) break;
			const r = fs.readSync(fd, buf, n, buf.length - n, null);
			if (r === 0) break;
			n += r;
		}
		if (n > cap) throw new CliError(`${what} "${file}" is too large (more than ${cap.toLocaleString('en')} bytes)`, 'input');
		return buf.subarray(0, n);
	} finally {
		fs.closeSync(fd);
	}
}

/** Read a capped text file as UTF-8. */
export function readTextOrFail(file: string, what: string, cap: number): string {
	return readFileOrFail(file, what, cap).toString('utf8');
}

/** The passphrase in a file: its text without one trailing newline. */
export function readPassphrase(file: string | undefined): string {
	if (!file) throw new CliError('missing required option --passphrase-file', 'input');
	const text = readTextOrFail(file, 'passphrase file', FILE_CAPS.passphrase).replace(/\r?\n$/, '');
	if (!text) throw new CliError(`the passphrase file "${file}" is empty`, 'input');
	return text;
}

/**
 * Load and parse an identity file. Warns (stderr, once per file) when other users of the machine
 * may read it: the key is passphrase-wrapped, but a readable copy invites offline guessing.
 */
export function readIdentityFile(file: string | undefined, option = 'the identity file'): IdentityFile {
	if (!file) throw new CliError(`missing ${option}`, 'input');
	const identity = parseIdentityFile(readTextOrFail(file, 'identity file', FILE_CAPS.identity));
	const warning = keyFilePermissionWarning(file);
	if (warning) process.stderr.write(`warning: ${warning}\n`);
	return identity;
}

/** A warning when a key file is readable or writable by group or others (POSIX only), else null. */
export function keyFilePermissionWarning(file: string): string | null {
	if (process.platform === 'win32') return null;
	const { fd, mode } = openRegular(file, 'identity file');
	fs.closeSync(fd);
	if ((mode & 0o077) === 0) return null;
	return `the identity file "${escapeUnsafe(file)}" can be read by other users of this machine (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${JSON.stringify(file)}`;
}

/** Load and verify a contact card. */
export function readCard(file: string): ContactCard {
	try {
		return parseCard(readTextOrFail(file, 'contact card', FILE_CAPS.card));
	} catch (e) {
		if (e instanceof CliError) throw e;
		const kind = errorKind(e);
		throw new CliError(`${file}: ${(e as Error).message}`, kind === 'failed' ? 'input' : kind, { code: (e as { code?: string }).code });
	}
}

/**
 * A genome file (any raw DNA format or VCF, plain or compressed) as a web stream for
 * `importGenome`, with its size for progress. The one place the CLI opens genome input.
 */
export function openGenomeFile(file: string): { stream: ReadableStream<Uint8Array>; size: number } {
	return openInputStream(file, 'genome file');
}

/**
 * Any streamed input (a genome, a ClinVar VCF, an annotation file) as a web stream with its size:
 * regular files only, read in 1 MiB pieces by the consumer, which bounds what it keeps.
 */
export function openInputStream(file: string, what: string): { stream: ReadableStream<Uint8Array>; size: number } {
	const { fd, size } = openRegular(file, what);
	const node = fs.createReadStream('', { fd, highWaterMark: 1 << 20 });
	return { stream: Readable.toWeb(node) as unknown as ReadableStream<Uint8Array>, size };
}
