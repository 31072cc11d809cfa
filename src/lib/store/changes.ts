/**
 * Store change notifications: listeners in this context are called directly, and every change
 * is posted on the BroadcastChannel 'qenome-store' so other tabs (and the page when a worker
 * wrote, or the worker when the page wrote) hear about it too.
 */
import type { StoreChange } from './types';

/** Channel name shared by every Qenome store instance of this origin. */
export const CHANGE_CHANNEL = 'qenome-store';

/** Fan-out of store changes to local listeners and to other contexts. */
export class ChangeFeed {
	readonly #listeners = new Set<(change: StoreChange) => void>();
	#channel: BroadcastChannel | null = null;

	/** Open the channel (when the environment has BroadcastChannel). */
	constructor() {
		if (typeof BroadcastChannel === 'function') {
			this.#channel = new BroadcastChannel(CHANGE_CHANNEL);
			this.#channel.onmessage = (event: MessageEvent) => {
				if (isStoreChange(event.data)) this.#deliver(event.data);
			};
		}
	}

	/** Tell local listeners and other contexts about a change. */
	emit(change: StoreChange): void {
		this.#deliver(change);
		try {
			this.#channel?.postMessage(change);
		} catch {
			// A closed channel (store closed mid-operation) only loses the cross-tab notice.
		}
	}

	/** Subscribe; returns the unsubscribe function. */
	subscribe(listener: (change: StoreChange) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Stop listening to other contexts and drop every listener. */
	close(): void {
		this.#channel?.close();
		this.#channel = null;
		this.#listeners.clear();
	}

	#deliver(change: StoreChange): void {
		for (const listener of [...this.#listeners]) {
			try {
				listener(change);
			} catch (err) {
				// One failing listener must not starve the others.
				console.error('Store change listener failed', err);
			}
		}
	}
}

const CHANGE_TYPES = new Set(['profiles', 'results', 'keys', 'contacts', 'all-deleted']);

/** Validate a message from another context before handing it to listeners. */
function isStoreChange(data: unknown): data is StoreChange {
	if (!data || typeof data !== 'object') return false;
	const type = (data as { type?: unknown }).type;
	if (typeof type !== 'string' || !CHANGE_TYPES.has(type)) return false;
	return type !== 'results' || typeof (data as { profileId?: unknown }).profileId === 'string';
}
