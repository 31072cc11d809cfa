/**
 * The tab's one store connection (browser only). Every page — the sharing pages included —
 * uses it, so an upgrade in another tab reaches every page of this tab the same way.
 */
import { openStore, type OpenStoreOptions, type QenomeStore } from '../store';

let store: Promise<QenomeStore> | null = null;
const storeMessages = new Set<(message: string) => void>();

/**
 * The tab's store connection. `onMessage` receives plain messages about other tabs (an older
 * tab blocking an upgrade, or this tab being outdated after an upgrade elsewhere).
 */
export function pageStore(onMessage?: (message: string) => void): Promise<QenomeStore> {
	if (onMessage) storeMessages.add(onMessage);
	const tell = (m: string) => storeMessages.forEach((f) => f(m));
	const options: OpenStoreOptions = { onBlocked: tell, onVersionChange: tell };
	store ??= openStore(options).catch((err) => {
		store = null;
		throw err;
	});
	return store;
}

/** Stop receiving store messages (component teardown). */
export function forgetStoreMessages(onMessage: (message: string) => void): void {
	storeMessages.delete(onMessage);
}
