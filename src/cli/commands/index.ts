/**
 * Registry of `qenome` sub-commands. Each command module exports a `Command`.
 * Add one line per command; keep the list alphabetical.
 */
import type { Command } from '../command';

/** Every sub-command by name, loaded lazily so `qenome --help` stays fast. */
export const commands: Record<string, () => Promise<Command>> = {
};
