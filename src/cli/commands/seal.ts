/**
 * `qenome seal`: sign and encrypt a file, a PGx report (JSON) or a genome (Qenome genome
 * encoding) into a `.qenome` bundle for the given contact cards (the sender is always included).
 * Streams file → file: a hashing pass, then one encryption pass.
 */
import path from 'node:path';
import type { Command } from '../command';
import { parseArgs } from '../args';
import { CliError } from '../errors';
import { drainTo, fileSize, fileStream, nodeSha256, PendingFile, readCard, readFileOrFail, readIdentityFile, readPassphrase } from '../share/node-io';
import { decodeGenomeContent, decodeReport, hashStream, sealBundle, unlockIdentity, type ContentType } from '../../lib/share/index';

const TYPES: ContentType[] = ['file', 'report', 'genome'];
/** Report and genome content is parsed to check it before sealing; bound what is read whole. */
const MAX_STRUCTURED_BYTES = 512 * 1024 * 1024;

const command: Command = {
	usage: 'qenome seal --from ID.key --passphrase-file PW --to CARD.json [--to ...] --type file|report|genome IN -o OUT.qenome',
	summary: 'Seal content into a signed, post-quantum encrypted .qenome bundle for the given contacts.',
	async run(argv) {
		const args = parseArgs(argv, { values: ['from', 'passphrase-file', 'type', 'o', 'out'], repeatable: ['to'] });
		if (args.positionals.length !== 1) throw new CliError('exactly one input file is needed (qenome seal … IN -o OUT.qenome)');
		const input = args.positionals[0];
		const out = args.values.get('o') ?? args.values.get('out');
		if (!out) throw new CliError('missing required option -o OUT.qenome');
		const type = (args.values.get('type') ?? '') as ContentType;
		if (!TYPES.includes(type)) throw new CliError(`--type must be one of ${TYPES.join(', ')}`);
		const to = args.lists.get('to') ?? [];
		if (!to.length) throw new CliError('at least one --to CARD.json is needed');
		const idFile = readIdentityFile(args.values.get('from'), 'option --from ID.key');
		const cards = to.map(readCard);
		const size = fileSize(input, 'input');
		if (type !== 'file') {
			if (size > MAX_STRUCTURED_BYTES) throw new CliError(`the ${type} input is too large to check (${size} bytes)`);
			const bytes = new Uint8Array(readFileOrFail(input, 'input'));
			if (type === 'report') decodeReport(bytes);
			else decodeGenomeContent(bytes);
		}
		const sender = await unlockIdentity(idFile, readPassphrase(args.values.get('passphrase-file')));
		const { digest, length } = await hashStream(fileStream(input), nodeSha256);
		if (length !== size) throw new CliError('the input changed while it was being read', 1);
		const { stream } = await sealBundle({
			sender,
			recipients: cards,
			contentType: type,
			fileName: type === 'file' ? path.basename(input) : null,
			mediaType: type === 'report' ? 'application/json' : null,
			content: fileStream(input),
			contentLength: size,
			contentSha256: digest
		});
		const pending = new PendingFile(out);
		try {
			await drainTo(stream, pending);
			pending.commit();
		} catch (e) {
			pending.discard();
			throw e;
		}
		return 0;
	}
};
export default command;
