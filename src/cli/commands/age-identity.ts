/** `qenome age-identity ID.key --passphrase-file PW`: print the AGE-SECRET-KEY-PQ-1… string. */
import type { Command } from '../command';
import { parseArgs } from '../args';
import { CliError } from '../errors';
import { readIdentityFile, readPassphrase } from '../files';
import { unlockIdentity } from '../../lib/share/index';

/** `qenome age-identity`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage: 'qenome age-identity ID.key --passphrase-file PW',
	summary: "Print the identity's age post-quantum secret key, so any age tool can open the encryption layer.",
	async run(argv) {
		const args = parseArgs(argv, { values: ['passphrase-file'] });
		if (args.positionals.length !== 1) throw new CliError('usage: qenome age-identity ID.key --passphrase-file PW');
		const file = readIdentityFile(args.positionals[0]);
		const id = await unlockIdentity(file, readPassphrase(args.values.get('passphrase-file')));
		process.stdout.write(id.ageIdentity + '\n');
		return 0;
	}
};
export default command;
