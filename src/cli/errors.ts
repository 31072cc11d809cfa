/**
 * An error the CLI reports as one line on stderr with a chosen exit code
 * (2 = bad input or usage, 1 = refused/failed operation).
 */
export class CliError extends Error {
	exitCode: number;
	/** @param message the single line printed on stderr; @param exitCode process exit code */
	constructor(message: string, exitCode = 2) {
		super(message);
		this.name = 'CliError';
		this.exitCode = exitCode;
	}
}
