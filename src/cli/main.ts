/**
 * `qenome` — the command-line face of the Qenome library: the batch path for clinics and the
 * surface acceptance checks drive. Every refusal is one line on stderr and a non-zero exit code
 * chosen here from the error's kind (2 bad input or usage, 1 refused or failed, 130 cancelled);
 * never a stack trace (set QENOME_DEBUG=1 to see one).
 */
import { commands } from './commands/index';
import { errorKind } from '../lib/errors';
import { escapeUnsafe as terminalSafe } from '../lib/format';
import { CliError, exitCodeFor } from './errors';

/** Print the list of commands. */
function help(): string {
	return ['usage: qenome <command> [options]', '', 'commands:'].join('\n');
}

/** Entry point: dispatch to the sub-command and exit with its code. */
async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		const lines = [help()];
		for (const [n, load] of Object.entries(commands)) {
			const c = await load();
			lines.push(`  ${n.padEnd(14)} ${c.summary}`, `  ${''.padEnd(14)} ${c.usage}`);
		}
		process.stdout.write(lines.join('\n') + '\n');
		return name ? 0 : 2;
	}
	const load = commands[name];
	if (!load) throw new CliError(`unknown command "${name}" (try qenome --help)`);
	const command = await load();
	return command.run(rest);
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(err: unknown) => {
		if (process.env.QENOME_DEBUG) console.error(err);
		const e = err as { message?: string; name?: string };
		const message = terminalSafe((e?.message ?? String(err)).split('\n')[0]);
		const bare = err instanceof CliError && err.bare;
		process.stderr.write(bare ? `${message}\n` : `qenome: ${message}\n`);
		process.exitCode = exitCodeFor(errorKind(err));
	}
);
