/**
 * Page-side side of the service worker (src/service-worker.ts): registration, "a new version is
 * ready" detection, and applying the update only when the person asks (never mid-task).
 * Browser only; every function is a no-op where service workers are unavailable.
 */

/** What the update banner needs to know. */
export interface UpdateState {
	/** A new version finished installing and waits for a reload. */
	updateReady: boolean;
	/** The app is cached for offline use (a worker is active). */
	offlineReady: boolean;
}

/** True where this browser supports service workers (secure context, not disabled). */
export function serviceWorkersSupported(): boolean {
	return typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
}

/**
 * Register the service worker and report its state through `onState` (initially and whenever a
 * new version finishes installing). Returns a function that stops the reports.
 */
export function watchServiceWorker(onState: (state: UpdateState) => void): () => void {
	if (!serviceWorkersSupported()) return () => {};
	let stopped = false;
	let registration: ServiceWorkerRegistration | null = null;
	const report = () => {
		if (stopped || !registration) return;
		onState({ updateReady: Boolean(registration.waiting && navigator.serviceWorker.controller), offlineReady: Boolean(registration.active) });
	};
	const onInstalling = (worker: ServiceWorker | null) => {
		worker?.addEventListener('statechange', report);
	};
	navigator.serviceWorker
		.register('/service-worker.js', { scope: '/' })
		.then((reg) => {
			registration = reg;
			onInstalling(reg.installing);
			reg.addEventListener('updatefound', () => onInstalling(reg.installing));
			report();
		})
		.catch(() => {
			// Registration fails in private modes of some browsers: the app still works online.
		});
	return () => {
		stopped = true;
	};
}

/**
 * Apply a waiting update: tell the new worker to take over, then reload once it controls the
 * page. Call only from an explicit user action.
 */
export async function applyUpdateAndReload(): Promise<void> {
	if (!serviceWorkersSupported()) return location.reload();
	const reg = await navigator.serviceWorker.getRegistration();
	const waiting = reg?.waiting;
	if (!waiting) return location.reload();
	navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
	waiting.postMessage({ type: 'skip-waiting' });
}

/**
 * Remove the offline copy: unregister every service worker of this site and delete its caches.
 * Resolves to the number of caches deleted. The stored genomes are NOT touched.
 */
export async function removeOfflineCopy(): Promise<number> {
	if (serviceWorkersSupported()) {
		for (const reg of await navigator.serviceWorker.getRegistrations()) await reg.unregister();
	}
	if (typeof caches === 'undefined') return 0;
	const keys = await caches.keys();
	for (const key of keys) await caches.delete(key);
	return keys.length;
}

/** How many files the offline copy holds (0 when there is none). */
export async function offlineCopyFileCount(): Promise<number> {
	if (typeof caches === 'undefined') return 0;
	let count = 0;
	for (const key of await caches.keys()) {
		if (!key.startsWith('qenome-')) continue;
		count += (await (await caches.open(key)).keys()).length;
	}
	return count;
}
