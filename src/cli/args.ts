/**
 * Tiny, strict argument parser for `qenome` sub-commands: `--flag`, `--key value`,
 * `--key=value`, repeatable keys, and positionals. Unknown options are errors.
 */
import { CliError } from './errors';

/** Declares the options one sub-command accepts. */
export interface OptionSpec {
	/** Options that take no value. */
	flags?: string[];
	/** Options that take one value. */
	values?: string[];
	/** Options that take a value and may repeat. */
	repeatable?: string[];
}

/** The parsed command line of one sub-command. */
export interface ParsedArgs {
	positionals: string[];
	flags: Set<string>;
	values: Map<string, string>;
	lists: Map<string, string[]>;
}

/** Parse `argv` (without the sub-command name) against `spec`; throws CliError (exit 2) on misuse. */
export function parseArgs(argv: string[], spec: OptionSpec): ParsedArgs {
	const flags = new Set(spec.flags ?? []);
	const values = new Set(spec.values ?? []);
	const repeatable = new Set(spec.repeatable ?? []);
	const out: ParsedArgs = { positionals: [], flags: new Set(), values: new Map(), lists: new Map() };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--') {
			out.positionals.push(...argv.slice(i + 1));
			break;
		}
		if (!a.startsWith('-') || a === '-') {
			out.positionals.push(a);
			continue;
		}
		let name = a.replace(/^--?/, '');
		let inline: string | undefined;
		const eq = name.indexOf('=');
		if (eq >= 0) {
			inline = name.slice(eq + 1);
			name = name.slice(0, eq);
		}
		if (flags.has(name)) {
			if (inline !== undefined) throw new CliError(`option --${name} takes no value`);
			out.flags.add(name);
		} else if (values.has(name) || repeatable.has(name)) {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new CliError(`option --${name} needs a value`);
			if (repeatable.has(name)) out.lists.set(name, [...(out.lists.get(name) ?? []), v]);
			else if (out.values.has(name)) throw new CliError(`option --${name} is given twice; give it once`);
			else out.values.set(name, v);
		} else {
			throw new CliError(`unknown option ${a}`);
		}
	}
	return out;
}

/** A plain decimal number: digits, an optional fraction and exponent. No hex, octal, binary, Infinity or blanks. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Bounds for `numberOption`. */
export interface NumberBounds {
	min?: number;
	max?: number;
	/** Only whole numbers. */
	integer?: boolean;
}

/**
 * Read a numeric option, with a clear error when it is not a plain decimal number (hex such as
 * 0x10, "Infinity" and empty text are refused) or lies outside `bounds`.
 */
export function numberOption(args: ParsedArgs, name: string, fallback?: number, bounds: NumberBounds = {}): number {
	const raw = args.values.get(name);
	if (raw === undefined) {
		if (fallback === undefined) throw new CliError(`missing required option --${name}`);
		return fallback;
	}
	const n = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
	if (!Number.isFinite(n)) throw new CliError(`option --${name} must be a number written in decimal (no hex, no Infinity), got "${raw}"`);
	if (bounds.integer && !Number.isInteger(n)) throw new CliError(`option --${name} must be a whole number, got "${raw}"`);
	if ((bounds.min !== undefined && n < bounds.min) || (bounds.max !== undefined && n > bounds.max)) {
		const range = bounds.max === undefined ? `at least ${bounds.min}` : bounds.min === undefined ? `at most ${bounds.max}` : `from ${bounds.min} to ${bounds.max}`;
		throw new CliError(`option --${name} must be ${range}, got "${raw}"`);
	}
	return n;
}
