/** Shared by the browser benchmarks: wait until the built site answers. */

/** Resolve once `url` answers 200, polling every 150 ms; throw after `ms`. */
export async function waitForServer(url: string, ms = 15_000): Promise<void> {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 150));
	}
	throw new Error(`The built site did not start on ${url}`);
}
