/** Shared helpers for the tests that drive the `qenome` command line (as a process or in process). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, exitCodeFor } from '../../src/cli/errors';
import { commands } from '../../src/cli/commands/index';
import { errorKind } from '../../src/lib/errors';
import { escapeUnsafe } from '../../src/lib/format';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The `qenome` launcher (bundle when fresh, else the TypeScript sources through tsx). */
export const QENOME_BIN = path.join(ROOT, 'bin', 'qenome.js');

/** What one run of `qenome` printed and returned. */
export interface QenomeRun {
	/** Exit code (-1 when the process was killed by a signal or did not start). */
	code: number;
	/** The signal that ended the process, if any. */
	signal?: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Options of {@link runQenome}. */
export interface RunOptions {
	/** Working directory (default: the test process's). */
	cwd?: string;
	/** Node flags before the script (e.g. a heap limit). */
	nodeArgs?: string[];
	/** Hard time limit in ms (the process is killed after it). */
	timeout?: number;
	/** Extra environment variables. */
	env?: Record<string, string>;
}

/**
 * Runs `qenome …args` as a real process from the TypeScript sources (QENOME_FROM_SOURCE=1, so a
 * stale bundle never answers; QENOME_DEBUG cleared, so stderr is the one-line refusal).
 */
export function runQenome(args: string[], options: RunOptions = {}): QenomeRun {
	const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), QENOME_BIN, ...args], {
		cwd: options.cwd,
		encoding: 'utf8',
		timeout: options.timeout,
		env: { ...process.env, QENOME_FROM_SOURCE: '1', QENOME_DEBUG: '', ...options.env }
	});
	return { code: r.status ?? -1, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs one command module in this process (fast: no process start, no tsx): stdout captured, a
 * thrown error mapped to stderr and the exit code exactly as src/cli/main.ts does.
 */
export async function runCommandInProcess(name: string, args: string[]): Promise<QenomeRun & { error: string }> {
	const load = commands[name];
	if (!load) throw new Error(`no command "${name}"`);
	const command = await load();
	let stdout = '';
	const write = process.stdout.write.bind(process.stdout);
	process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
	try {
		const code = await command.run(args);
		return { code, stdout, stderr: '', error: '' };
	} catch (err) {
		const error = (err as { message?: string })?.message ?? String(err);
		const line = escapeUnsafe(error.split('\n')[0]);
		const bare = err instanceof CliError && err.bare;
		return { code: exitCodeFor(errorKind(err)), stdout, stderr: bare ? `${line}\n` : `qenome: ${line}\n`, error };
	} finally {
		process.stdout.write = write;
	}
}
