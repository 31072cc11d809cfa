/** `qenome card ID.key`: print the identity's public contact card as JSON. */
import type { Command } from '../command';
import { parseArgs } from '../args';
import { CliError } from '../errors';
import { readIdentityFile } from '../files';

/** `qenome card`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage: 'qenome card ID.key',
	summary: 'Print the public, self-signed contact card of an identity (JSON on stdout).',
	async run(argv) {
		const args = parseArgs(argv, {});
		if (args.positionals.length !== 1) throw new CliError('usage: qenome card ID.key');
		const file = readIdentityFile(args.positionals[0]);
		process.stdout.write(JSON.stringify(file.card, null, 2) + '\n');
		return 0;
	}
};
export default command;
