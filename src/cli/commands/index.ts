/**
 * Registry of `qenome` sub-commands. Each command module exports a `Command`.
 * Add one line per command; keep the list alphabetical.
 */
import type { Command } from '../command';

/** Every sub-command by name, loaded lazily so `qenome --help` stays fast. */
export const commands: Record<string, () => Promise<Command>> = {
	'age-identity': async () => (await import('./age-identity')).default,
	card: async () => (await import('./card')).default,
	import: async () => (await import('./import')).default,
	keygen: async () => (await import('./keygen')).default,
	open: async () => (await import('./open')).default,
	pgx: async () => (await import('./pgx')).default,
	panel: async () => (await import('./panel')).default,
	pk: async () => (await import('./pk')).default,
	qasm: async () => (await import('./qasm')).default,
	rare: async () => (await import('./rare')).default,
	relate: async () => (await import('./relate')).default,
	seal: async () => (await import('./seal')).default,
	warfarin: async () => (await import('./warfarin')).default,
};
