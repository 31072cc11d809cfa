/**
 * `qenome seal`: sign and encrypt a file, a PGx report (JSON) or a genome into a `.qenome`
 * bundle for the given contact cards (the sender is always included). A genome input is either a
 * raw DNA file (23andMe, AncestryDNA, …, VCF — imported here exactly as the app does) or content
 * already in the Qenome genome encoding.
 * Streams file → file: a hashing pass, then one encryption pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../command';
import { parseArgs } from '../args';
import { CliError } from '../errors';
import { FILE_CAPS, fileSize, openGenomeFile, readCard, readFileOrFail, readIdentityFile, readPassphrase } from '../files';
import { drainTo, fileStream, hashFile, PendingFile } from '../../lib/share/node';
import {
	MIN_ONE_TIME_PASSPHRASE,
	decodeGenomeContent,
	decodeReport,
	encodeGenomeContent,
	generateOneTimePassphrase,
	normalizeOneTimePassphrase,
	sealBundle,
	unlockIdentity,
	type ContactCard,
	type ContentType
} from '../../lib/share/index';
import { importGenome } from '../../lib/genome/index';
import { createHash } from 'node:crypto';

const TYPES: ContentType[] = ['file', 'report', 'genome'];
/** Report and genome content is parsed to check it before sealing; bound what is read whole. */
const MAX_STRUCTURED_BYTES = FILE_CAPS.structured;

/** Genome content: Qenome genome encoding as given, or a raw DNA file imported and encoded. */
async function genomeContent(input: string, size: number): Promise<Uint8Array> {
	const head = new Uint8Array(8);
	const fd = fs.openSync(input, 'r');
	fs.readSync(fd, head, 0, 8, 0);
	fs.closeSync(fd);
	if (new TextDecoder().decode(head) === 'QGENOME1') {
		if (size > MAX_STRUCTURED_BYTES) throw new CliError(`the genome input is too large (${size} bytes)`);
		const bytes = new Uint8Array(readFileOrFail(input, 'input', MAX_STRUCTURED_BYTES));
		decodeGenomeContent(bytes);
		return bytes;
	}
	const name = path.basename(input);
	const parsed = await importGenome(openGenomeFile(input).stream, { fileName: name, totalBytes: size });
	return encodeGenomeContent(
		{ name, sourceFileName: name, sourceSha256: parsed.sha256, sourceBytes: parsed.bytes, summary: parsed.summary },
		parsed.chunks
	);
}

/** Where the contacts' copy goes when a passphrase bundle is sealed besides it: OUT.qenome → OUT.cards.qenome. */
function cardsSibling(out: string): string {
	return /\.qenome$/i.test(out) ? out.replace(/\.qenome$/i, '.cards.qenome') : `${out}.cards.qenome`;
}

/**
 * The one-time passphrase in OTP. When the file does not exist, a fresh one (120 bits) is generated
 * and written there (readable by the owner only), so the sender can read it out to the recipient.
 */
function oneTimePassphrase(file: string): string {
	if (!fs.existsSync(file)) {
		const fresh = generateOneTimePassphrase();
		try {
			fs.writeFileSync(file, fresh + '\n', { mode: 0o600, flag: 'wx' });
		} catch (e) {
			throw new CliError(`cannot write the one-time passphrase to ${file}: ${(e as Error).message}`, 'input');
		}
		process.stderr.write(`generated a one-time passphrase into ${file}\n`);
		return fresh;
	}
	const text = normalizeOneTimePassphrase(readPassphrase(file));
	if ([...text].length < MIN_ONE_TIME_PASSPHRASE)
		throw new CliError(`the one-time passphrase in ${file} is too short (at least ${MIN_ONE_TIME_PASSPHRASE} characters; delete the file to have one generated)`, 'input');
	return text;
}

/** `qenome seal`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage:
		'qenome seal --from ID.key --passphrase-file PW (--to CARD.json [--to ...] | --to-passphrase-file OTP) --type file|report|genome IN -o OUT.qenome [--force]',
	summary: 'Seal content into a signed, post-quantum encrypted .qenome bundle for the given contacts, or to a one-time passphrase.',
	async run(argv) {
		const args = parseArgs(argv, { flags: ['force'], values: ['from', 'passphrase-file', 'to-passphrase-file', 'type', 'o', 'out'], repeatable: ['to'] });
		if (args.positionals.length !== 1) throw new CliError('exactly one input file is needed (qenome seal … IN -o OUT.qenome)');
		const input = args.positionals[0];
		const out = args.values.get('o') ?? args.values.get('out');
		if (!out) throw new CliError('missing required option -o OUT.qenome');
		const type = (args.values.get('type') ?? '') as ContentType;
		if (!TYPES.includes(type)) throw new CliError(`--type must be one of ${TYPES.join(', ')}`);
		const to = args.lists.get('to') ?? [];
		const otpFile = args.values.get('to-passphrase-file');
		if (!to.length && !otpFile) throw new CliError('at least one --to CARD.json (or --to-passphrase-file OTP) is needed');
		const oneTime = otpFile ? oneTimePassphrase(otpFile) : null;
		const idFile = readIdentityFile(args.values.get('from'), 'option --from ID.key');
		const cards = to.map(readCard);
		let size = fileSize(input, 'input');
		let genomeBytes: Uint8Array | null = null;
		if (type === 'report') {
			if (size > MAX_STRUCTURED_BYTES) throw new CliError(`the report is too large (${size} bytes)`);
			decodeReport(new Uint8Array(readFileOrFail(input, 'input', MAX_STRUCTURED_BYTES)));
		} else if (type === 'genome') {
			genomeBytes = await genomeContent(input, size);
			size = genomeBytes.length;
		}
		const sender = await unlockIdentity(idFile, readPassphrase(args.values.get('passphrase-file')));
		// Created first so its writer thread starts while the first pass hashes the input.
		const pending = new PendingFile(out, { replace: args.flags.has('force') });
		let second: PendingFile | null = null;
		try {
			let digest: Uint8Array;
			if (genomeBytes) digest = new Uint8Array(createHash('sha256').update(genomeBytes).digest());
			else {
				const h = await hashFile(input);
				if (h.length !== size) throw new CliError('the input changed while it was being read', 'refused');
				digest = h.digest;
			}
			const seal = async (target: PendingFile, to: { recipients: ContactCard[]; passphrase?: string }) => {
				const { stream } = await sealBundle({
					sender,
					...to,
					contentType: type,
					fileName: type === 'file' ? path.basename(input) : null,
					mediaType: type === 'report' ? 'application/json' : null,
					content: genomeBytes ? new Blob([genomeBytes as BlobPart]).stream() : fileStream(input),
					contentLength: size,
					contentSha256: digest
				});
				await drainTo(stream, target);
			};
			// age allows a passphrase only on its own: OUT is sealed to the passphrase, and the
			// contacts given besides it get their own bundle beside it (OUT.cards.qenome).
			if (oneTime !== null) {
				await seal(pending, { recipients: [], passphrase: oneTime });
				if (cards.length) {
					const cardsOut = cardsSibling(out);
					second = new PendingFile(cardsOut, { replace: args.flags.has('force') });
					await seal(second, { recipients: cards });
					await second.commit();
					process.stderr.write(`sealed for ${cards.length} contact${cards.length === 1 ? '' : 's'} too: ${cardsOut}\n`);
				}
			} else await seal(pending, { recipients: cards });
			await pending.commit();
			if (oneTime !== null)
				process.stderr.write(`sealed to the one-time passphrase in ${otpFile}: tell it to the recipient in person (not in the same message as the bundle)\n`);
		} catch (e) {
			await pending.discard();
			await second?.discard();
			throw e;
		}
		return 0;
	}
};
export default command;
