/** `qenome keygen`: create an identity and write it, passphrase-wrapped, to ID.key. */
import fs from 'node:fs';
import type { Command } from '../command';
import { parseArgs } from '../args';
import { CliError } from '../errors';
import { readPassphrase } from '../files';
import { createIdentity, fingerprint, serializeIdentityFile, shortFingerprint } from '../../lib/share/index';

/** `qenome keygen`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage: 'qenome keygen --name NAME --out ID.key --passphrase-file PW',
	summary: 'Create a post-quantum identity (ML-KEM-768+X25519, ML-DSA-65+Ed25519), passphrase-protected.',
	async run(argv) {
		const args = parseArgs(argv, { values: ['name', 'out', 'passphrase-file'] });
		if (args.positionals.length) throw new CliError(`unexpected argument "${args.positionals[0]}"`);
		const name = args.values.get('name');
		const out = args.values.get('out');
		if (!name) throw new CliError('missing required option --name');
		if (!out) throw new CliError('missing required option --out');
		const passphrase = readPassphrase(args.values.get('passphrase-file'));
		if (fs.existsSync(out)) throw new CliError(`refusing to overwrite existing file "${out}"`, 'refused');
		const { file } = await createIdentity(name, passphrase);
		fs.writeFileSync(out, serializeIdentityFile(file), { mode: 0o600, flag: 'wx' });
		process.stderr.write(`created identity "${file.card.name}", fingerprint ${shortFingerprint(fingerprint(file.card))}\n`);
		return 0;
	}
};
export default command;
