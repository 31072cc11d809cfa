/** HPO term ids given on the command line (`--hpo`, `--exclude-hpo`), shared by `qenome rare` and its family mode. */
import { CliError } from '../errors';

/** HPO ids from repeated/comma-separated option values; a bad id is a CliError naming it. */
export function terms(list: string[] | undefined): string[] {
	const out: string[] = [];
	for (const v of list ?? [])
		for (const t of v.split(/[,\s]+/)) {
			if (!t) continue;
			const id = t.toUpperCase();
			if (!/^HP:\d{7}$/.test(id)) throw new CliError(`"${t}" is not an HPO term id (expected HP: followed by 7 digits)`);
			out.push(id);
		}
	return out;
}
