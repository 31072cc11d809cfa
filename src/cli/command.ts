/** One `qenome` sub-command. */
export interface Command {
	/** One-line usage, e.g. "qenome import FILE [--sample NAME] --json". */
	usage: string;
	/** What it does, one sentence. */
	summary: string;
	/** Run with the arguments after the sub-command name; resolves to the exit code. */
	run(argv: string[]): Promise<number>;
}
