import { QenomeError, type ErrorKind } from '../lib/errors';

/**
 * An error the CLI reports as one line on stderr. Like every domain error it carries a `kind`;
 * `main.ts` turns the kind into the exit code (`exitCodeFor`), so no command chooses a number.
 */
export class CliError extends QenomeError {
	/** Print the message as it is, without the `qenome: ` prefix (e.g. `FILE:line:col: message`). */
	readonly bare: boolean;
	/**
	 * @param message the single line printed on stderr
	 * @param kind `input` (bad usage, flags or files: exit 2), `refused` or `failed` (exit 1)
	 * @param options `bare`: print without the `qenome: ` prefix; `code`: a kebab-case code (default `usage`)
	 */
	constructor(message: string, kind: ErrorKind = 'input', options: { bare?: boolean; code?: string } = {}) {
		super(kind, options.code ?? (kind === 'input' ? 'usage' : kind), message);
		this.name = 'CliError';
		this.bare = options.bare ?? false;
	}
}

/**
 * The process exit code for an error's kind — the CLI's one mapping: bad input or usage 2,
 * a refused or failed operation 1, cancelled (a signal) 130. Errors without a kind (a bug, an
 * unexpected system error) are `failed`.
 */
export function exitCodeFor(kind: ErrorKind): number {
	switch (kind) {
		case 'input':
			return 2;
		case 'cancelled':
			return 130;
		default:
			return 1;
	}
}
