import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, type QenomeStore } from '../../../src/lib/store';
import { Vault } from '../../../src/lib/store/vault';
import { VaultSession } from '../../../src/lib/store/vault-session';
import { freshDbName, makeGenome } from './helpers';

const LOG_N = 10;
const PASS = 'origin wide passphrase';
/** Waits (on the condition, not a clock) until the broadcast reached `s`: its key state and its view of the vault. */
const reached = (s: VaultSession, state: { unlocked: boolean; enabled: boolean }) =>
	vi.waitFor(async () => expect({ unlocked: s.unlocked, enabled: await s.isEnabled() }).toEqual(state), { timeout: 10_000, interval: 5 });

const cleanups: (() => void)[] = [];
afterEach(() => {
	for (const c of cleanups.splice(0)) c();
});
async function open(name: string, session?: VaultSession): Promise<QenomeStore> {
	const store = await openStore({ name, codec: session?.codec });
	cleanups.push(() => store.close());
	return store;
}
function session(name: string): VaultSession {
	const s = new VaultSession(name);
	cleanups.push(() => s.close());
	return s;
}

describe('vault session across contexts', () => {
	it('a "worker" context gets the key from the unlocked "page" and is refused once locked', async () => {
		const name = freshDbName();
		const pageSession = session(name);
		const workerSession = session(name);
		const admin = await open(name);
		const page = await open(name, pageSession);
		const worker = await open(name, workerSession);

		// Vault off: everything passes through unchanged.
		const before = await worker.saveGenome(makeGenome(['1'], 20), { name: 'Before vault', sourceFileName: 'a.txt' });
		expect((await page.getProfile(before))?.name).toBe('Before vault');

		const vault = await Vault.attach(admin, { logN: LOG_N, session: pageSession });
		await vault.enable(PASS);
		await reached(workerSession, { unlocked: true, enabled: true });
		// The worker imports while the page holds the key: sealed, and readable by the page.
		const during = await worker.saveGenome(makeGenome(['2'], 20), { name: 'During vault', sourceFileName: 'b.txt' });
		expect((await page.listProfiles()).map((p) => p.name).sort()).toEqual(['Before vault', 'During vault']);
		expect((await admin.getProfile(during))?.name).toBe('During vault'); // admin holds the key too

		// A context started later asks for the key and receives it.
		const late = await open(name, session(name));
		expect((await late.getProfile(during))?.name).toBe('During vault');

		vault.lock();
		await reached(pageSession, { unlocked: false, enabled: true });
		await reached(workerSession, { unlocked: false, enabled: true });
		expect([pageSession.unlocked, workerSession.unlocked]).toEqual([false, false]);
		await expect(worker.listProfiles()).rejects.toMatchObject({ code: 'locked' });
		await expect(page.saveGenome(makeGenome(['3'], 5), { name: 'x', sourceFileName: 'x' })).rejects.toMatchObject({ code: 'locked' });
		await expect(late.listProfiles()).rejects.toMatchObject({ code: 'locked' });

		await vault.unlock(PASS);
		await reached(workerSession, { unlocked: true, enabled: true });
		expect((await worker.getProfile(before))?.name).toBe('Before vault');

		await vault.disable(PASS);
		await reached(workerSession, { unlocked: false, enabled: false });
		expect((await worker.listProfiles()).length).toBe(2);
	});
});
