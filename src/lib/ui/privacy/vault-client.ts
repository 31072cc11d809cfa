/**
 * Page-side vault control, one per tab: the `Vault` (vault.ts) on a private store connection,
 * kept in step with every context of the origin through the session (vault-session.ts), with
 * auto-lock after 15 minutes without activity (store use in this tab, key presses, clicks).
 */
import { identityCodec, openStore, type QenomeStore } from '../../store';
import { Vault, type VaultState } from '../../store/vault';
import { vaultSession, vaultSessionInUse } from '../../store/vault-session';

/** Auto-lock delay. */
export const AUTO_LOCK_MS = 15 * 60_000;

let vault: Promise<Vault> | null = null;
let adminStore: QenomeStore | null = null;
const listeners = new Set<(state: VaultState) => void>();

/**
 * Whether the vault can be used in this build: every store connection must pass records through
 * the origin-wide session codec (otherwise imports in workers would bypass it). Call after the
 * page's store has been opened.
 */
export function vaultAvailable(): boolean {
	return vaultSessionInUse();
}

/** The tab's vault (attached on first use). */
export function tabVault(): Promise<Vault> {
	vault ??= (async () => {
		adminStore = await openStore({ codec: identityCodec });
		const session = vaultSession();
		const v = await Vault.attach(adminStore, {
			autoLockMs: AUTO_LOCK_MS,
			session,
			onState: (state) => listeners.forEach((f) => f(state))
		});
		session.onActivity(() => v.touch());
		// Another tab or context locked or unlocked: mirror it here.
		session.onChange((unlocked) => {
			if (!unlocked && v.state === 'unlocked') v.lock();
			listeners.forEach((f) => f(unlocked ? 'unlocked' : v.state));
		});
		return v;
	})().catch((err) => {
		vault = null;
		throw err;
	});
	return vault;
}

/** The state to show: the session's key decides locked/unlocked when a vault exists. */
export async function vaultState(): Promise<VaultState> {
	const v = await tabVault();
	if (v.state === 'off') return (await vaultSession().isEnabled()) ? 'locked' : 'off';
	return vaultSession().unlocked ? 'unlocked' : 'locked';
}

/** Subscribe to state changes (returns an unsubscribe function). */
export function onVaultState(listener: (state: VaultState) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}
