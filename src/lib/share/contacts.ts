/**
 * The contact book and the local identity on the on-device store ('contacts' and 'keys' record
 * stores). Contacts are pinned on first use: a card with the same name as a known contact but a
 * different fingerprint is a key change that needs an explicit decision.
 */
import { nameSkeleton } from './skeleton';
import type { QenomeStore } from '../store/types';
import { fingerprint, parseCard, type ContactCard } from './card';
import { CardError, IdentityError } from './errors';
import { parseIdentityFile, type IdentityFile } from './identity';

/** The part of the store the sharing domain uses. */
export type RecordStore = Pick<QenomeStore, 'putRecord' | 'getRecord' | 'listRecords' | 'deleteRecord'>;

/** A stored contact. */
export interface ContactRecord {
	fingerprint: string;
	card: ContactCard;
	/** ISO time first added. */
	added: string;
	/** The user compared the safety number or scanned the QR code. */
	verified: boolean;
	/** How the card arrived. */
	source: 'file' | 'paste' | 'qr' | 'bundle';
}

/** Result of trying to add a card. */
export type AddContactResult =
	| { status: 'added'; contact: ContactRecord }
	| { status: 'unchanged'; contact: ContactRecord }
	| { status: 'key-changed'; previous: ContactRecord; card: ContactCard; fingerprint: string };

const IDENTITY_KEY = 'identity';

/** Name key for pinning comparisons: the TR39 confusable skeleton (see skeleton.ts). */
function nameKey(name: string): string {
	return nameSkeleton(name);
}

/** All contacts, by name. */
export async function listContacts(store: RecordStore): Promise<ContactRecord[]> {
	const all = await store.listRecords<ContactRecord>('contacts');
	return all.map((r) => r.value).sort((a, b) => a.card.name.localeCompare(b.card.name));
}

/**
 * Add a card (JSON text or object; verified here). A known fingerprint is 'unchanged'; a known
 * name with a different fingerprint is 'key-changed' and is NOT stored unless `replace` names
 * the previous fingerprint the user explicitly agreed to replace.
 */
export async function addContact(
	store: RecordStore,
	input: string | unknown,
	source: ContactRecord['source'],
	opts: { replace?: string; selfFingerprint?: string; now?: string } = {}
): Promise<AddContactResult> {
	const card = parseCard(input);
	const fp = fingerprint(card);
	if (opts.selfFingerprint && fp === opts.selfFingerprint)
		throw new CardError('bad-card', 'This is your own card; you do not need to add yourself.', 'input');
	const existing = await store.getRecord<ContactRecord>('contacts', fp);
	if (existing) return { status: 'unchanged', contact: existing };
	const sameName = (await listContacts(store)).find((c) => nameKey(c.card.name) === nameKey(card.name));
	if (sameName && opts.replace !== sameName.fingerprint)
		return { status: 'key-changed', previous: sameName, card, fingerprint: fp };
	if (sameName) await store.deleteRecord('contacts', sameName.fingerprint);
	const contact: ContactRecord = { fingerprint: fp, card, added: opts.now ?? new Date().toISOString(), verified: false, source };
	await store.putRecord('contacts', fp, contact);
	return { status: 'added', contact };
}

/** Mark a contact verified (safety number compared or QR scanned). */
export async function markVerified(store: RecordStore, fp: string): Promise<ContactRecord> {
	const c = await store.getRecord<ContactRecord>('contacts', fp);
	if (!c) throw new CardError('bad-card', 'That contact is not in your list any more.', 'input');
	const next = { ...c, verified: true };
	await store.putRecord('contacts', fp, next);
	return next;
}

/** Remove a contact. */
export async function removeContact(store: RecordStore, fp: string): Promise<void> {
	await store.deleteRecord('contacts', fp);
}

/** The stored (encrypted) identity, or undefined when none was created yet. */
export async function loadIdentityFile(store: RecordStore): Promise<IdentityFile | undefined> {
	const v = await store.getRecord<unknown>('keys', IDENTITY_KEY);
	return v === undefined ? undefined : parseIdentityFile(v);
}

/** Store (or replace) the encrypted identity. */
export async function saveIdentityFile(store: RecordStore, file: IdentityFile): Promise<void> {
	await store.putRecord('keys', IDENTITY_KEY, JSON.parse(JSON.stringify(file)));
}

/** Throw when there is no identity yet. */
export async function requireIdentityFile(store: RecordStore): Promise<IdentityFile> {
	const f = await loadIdentityFile(store);
	if (!f) throw new IdentityError('no-identity', 'Create your keys first (Keys page).', 'input');
	return f;
}
