/**
 * An error the CLI reports as one line on stderr with a chosen exit code
 * (2 = bad input or usage, 1 = refused/failed operation).
 */
export class CliError extends Error {
	exitCode: number;
	/** Print the message as it is, without the `qenome: ` prefix (e.g. `FILE:line:col: message`). */
	bare: boolean;
	/**
	 * @param message the single line printed on stderr
	 * @param exitCode process exit code
	 * @param options `bare`: print without the `qenome: ` prefix (compiler-style locations)
	 */
	constructor(message: string, exitCode = 2, options: { bare?: boolean } = {}) {
		super(message);
		this.name = 'CliError';
		this.exitCode = exitCode;
		this.bare = options.bare ?? false;
	}
}
