/**
 * `qenome open`: decrypt a `.qenome` bundle, verify its manifest, content digest and composite
 * signature against the trusted cards, and only then write the content to OUT. Exit 0 only when
 * everything verified; otherwise one line on stderr and nothing written.
 *
 * `--with-passphrase-file OTP` opens a bundle sealed to a one-time passphrase with no key of one's
 * own. The signature is still checked: against `--trust CARD` when given (a different signer is
 * refused), else against the card inside the bundle, and the signer's fingerprint is printed so it
 * can be compared with the sender in person.
 */
import type { Command } from '../command';
import { parseArgs } from '../args';
import { CliError } from '../errors';
import { fileSize, readCard, readIdentityFile, readPassphrase } from '../files';
import { fileStream, PendingFile } from '../../lib/share/node';
import { escapeUnsafe } from '../../lib/format';
import { normalizeOneTimePassphrase, openBundle, shortFingerprint, unlockIdentity } from '../../lib/share/index';

/** `qenome open`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage:
		'qenome open (--key ID.key --passphrase-file PW | --with-passphrase-file OTP) [--trust CARD.json ...] IN.qenome -o OUT [--force]',
	summary: 'Open a .qenome bundle: decrypt, verify the sender signature, and write the content.',
	async run(argv) {
		const args = parseArgs(argv, { flags: ['force'], values: ['key', 'passphrase-file', 'with-passphrase-file', 'o', 'out'], repeatable: ['trust'] });
		if (args.positionals.length !== 1) throw new CliError('exactly one bundle is needed (qenome open … IN.qenome -o OUT)');
		const input = args.positionals[0];
		const out = args.values.get('o') ?? args.values.get('out');
		if (!out) throw new CliError('missing required option -o OUT');
		const otpFile = args.values.get('with-passphrase-file');
		if (otpFile && args.values.has('key')) throw new CliError('use either --key (your own key) or --with-passphrase-file (a one-time passphrase), not both');
		const trusted = (args.lists.get('trust') ?? []).map(readCard);
		fileSize(input, 'bundle');
		const opener = otpFile ? null : await unlockIdentity(readIdentityFile(args.values.get('key'), 'option --key ID.key (or --with-passphrase-file OTP)'), readPassphrase(args.values.get('passphrase-file')));
		const passphrase = otpFile ? normalizeOneTimePassphrase(readPassphrase(otpFile)) : undefined;
		// Refused before any work when OUT exists (unless --force); checked again, atomically, at commit.
		const pending = new PendingFile(out, { hash: true, replace: args.flags.has('force') });
		try {
			// A passphrase opener has no contacts: with no --trust, the signer is shown, not refused.
			const opened = await openBundle(fileStream(input), { opener, passphrase, trusted, allowUntrustedSender: Boolean(otpFile) && trusted.length === 0, sink: pending });
			await pending.commit();
			const m = opened.manifest;
			process.stderr.write(
				`verified: ${m.contentType}${m.fileName ? ` "${escapeUnsafe(m.fileName)}"` : ''} (${m.contentLength} bytes) from "${escapeUnsafe(opened.sender.name)}" [${shortFingerprint(m.sender)}], created ${escapeUnsafe(m.created)}\n`
			);
			if (!opened.trusted)
				process.stderr.write(
					`note: the signature is valid, but "${escapeUnsafe(opened.sender.name)}" was not checked against a card you trust: compare the fingerprint ${m.sender} with the sender, or pass --trust THEIR-CARD.json\n`
				);
			return 0;
		} catch (e) {
			await pending.discard();
			throw e;
		}
	}
};
export default command;
