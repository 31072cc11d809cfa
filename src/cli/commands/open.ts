/**
 * `qenome open`: decrypt a `.qenome` bundle, verify its manifest, content digest and composite
 * signature against the trusted cards, and only then write the content to OUT. Exit 0 only when
 * everything verified; otherwise one line on stderr and nothing written.
 */
import type { Command } from '../command';
import { parseArgs } from '../args';
import { CliError } from '../errors';
import { fileSize, readCard, readIdentityFile, readPassphrase } from '../files';
import { fileStream, PendingFile } from '../../lib/share/node';
import { escapeUnsafe } from '../../lib/format';
import { openBundle, shortFingerprint, unlockIdentity } from '../../lib/share/index';

const command: Command = {
	usage: 'qenome open --key ID.key --passphrase-file PW --trust CARD.json [--trust ...] IN.qenome -o OUT [--force]',
	summary: 'Open a .qenome bundle: decrypt, verify the sender signature, and write the content.',
	async run(argv) {
		const args = parseArgs(argv, { flags: ['force'], values: ['key', 'passphrase-file', 'o', 'out'], repeatable: ['trust'] });
		if (args.positionals.length !== 1) throw new CliError('exactly one bundle is needed (qenome open … IN.qenome -o OUT)');
		const input = args.positionals[0];
		const out = args.values.get('o') ?? args.values.get('out');
		if (!out) throw new CliError('missing required option -o OUT');
		const idFile = readIdentityFile(args.values.get('key'), 'option --key ID.key');
		const trusted = (args.lists.get('trust') ?? []).map(readCard);
		fileSize(input, 'bundle');
		const opener = await unlockIdentity(idFile, readPassphrase(args.values.get('passphrase-file')));
		// Refused before any work when OUT exists (unless --force); checked again, atomically, at commit.
		const pending = new PendingFile(out, { hash: true, replace: args.flags.has('force') });
		try {
			const opened = await openBundle(fileStream(input), { opener, trusted, sink: pending });
			await pending.commit();
			const m = opened.manifest;
			process.stderr.write(
				`verified: ${m.contentType}${m.fileName ? ` "${escapeUnsafe(m.fileName)}"` : ''} (${m.contentLength} bytes) from "${escapeUnsafe(opened.sender.name)}" [${shortFingerprint(m.sender)}], created ${escapeUnsafe(m.created)}\n`
			);
			return 0;
		} catch (e) {
			await pending.discard();
			throw e;
		}
	}
};
export default command;
