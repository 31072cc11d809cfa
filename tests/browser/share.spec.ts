/**
 * Two people, two browser contexts: each creates keys, they exchange contact cards, compare
 * safety numbers, Alice seals a file for Bob, Bob opens it in the Inbox; a tampered copy is
 * refused. Every page runs under the shared origin/CSP/page-error guards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import QRCode from 'qrcode';
import { fingerprint, fingerprintQrPayload, parseCard } from '../../src/lib/share/card';
import { test, expect, guardPage, waitWhileProgressing, createKeys, sealFileFor } from './fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-share-e2e-'));

async function person(
	browser: Browser,
	name: string
): Promise<{ page: Page; problems: string[]; card: string; workerScripts: string[]; close: () => Promise<void> }> {
	const context = await browser.newContext({ acceptDownloads: true });
	const workerScripts: string[] = [];
	context.on('request', (r) => {
		if (/\/workers\/[^/]+\.js$/.test(r.url())) workerScripts.push(r.url().replace(/^.*\/workers\//, ''));
	});
	const page = await context.newPage();
	const problems = guardPage(page);
	await createKeys(page, name, `${name} passphrase`);
	await expect(page.getByText('Unlocked for this session')).toBeVisible();
	const dl = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download my contact card' }).click();
	const card = path.join(tmp, `${name}.card.json`);
	await (await dl).saveAs(card);
	return { page, problems, card, workerScripts, close: () => context.close() };
}

test('two people exchange a signed, encrypted bundle', async ({ browser }) => {
	const alice = await person(browser, 'Alice');
	const bob = await person(browser, 'Bob');

	// Exchange cards (client-side navigation keeps the unlocked session).
	for (const [me, other] of [[alice, bob], [bob, alice]] as const) {
		await me.page.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Contacts' }).click();
		await me.page.getByLabel('From a card file').setInputFiles(other.card);
		await expect(me.page.getByText(/was added/)).toBeVisible();
		await me.page.getByText(/^Verify /).first().click();
	}
	const snA = await alice.page.getByTestId('safety-number').textContent();
	const snB = await bob.page.getByTestId('safety-number').textContent();
	expect(snA?.replace(/\s/g, '')).toMatch(/^\d{60}$/);
	expect(snA).toBe(snB);
	// A QR code of the wrong key is a loud warning; Bob's real QR code verifies him.
	const bobFp = fingerprint(parseCard(fs.readFileSync(bob.card, 'utf8')));
	const aliceFp = fingerprint(parseCard(fs.readFileSync(alice.card, 'utf8')));
	const qr = (fp: string) => QRCode.toBuffer(fingerprintQrPayload(fp), { type: 'png', width: 300 });
	await alice.page.getByLabel('Scan their QR code (image)').setInputFiles({ name: 'wrong.png', mimeType: 'image/png', buffer: await qr(aliceFp) });
	await expect(alice.page.getByText(/does NOT match the key you have for Bob/)).toBeVisible();
	await alice.page.getByLabel('Scan their QR code (image)').setInputFiles({ name: 'bob.png', mimeType: 'image/png', buffer: await qr(bobFp) });
	await expect(alice.page.getByText('The QR code matches: Bob is verified.')).toBeVisible();
	await expect(alice.page.getByText('Verified', { exact: true })).toBeVisible();
	await bob.page.getByRole('button', { name: /They match/ }).click();
	await expect(bob.page.getByText('Verified', { exact: true })).toBeVisible();

	// Alice seals a file for Bob.
	const payload = Buffer.from('Lab letter: CYP2C19 *2/*2, poor metabolizer.\n'.repeat(2000));
	const bundlePath = path.join(tmp, 'letter.qenome');
	await sealFileFor(alice.page, { name: 'letter.txt', mimeType: 'text/plain', buffer: payload }, /Bob/, bundlePath);
	const bundle = fs.readFileSync(bundlePath);
	// The worker streamed the bundle into a temporary file in the origin-private file system
	// (flat memory for large inputs), not into page memory.
	const temps = await alice.page.evaluate(async () => {
		const root = (await navigator.storage.getDirectory()) as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> };
		const names: string[] = [];
		for await (const name of root.keys()) names.push(name);
		return names.filter((n) => n.startsWith('qenome-tmp-'));
	});
	expect(temps.length).toBeGreaterThan(0);
	expect(bundle.subarray(0, 21).toString()).toBe('age-encryption.org/v1');

	// Bob opens it.
	await bob.page.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Inbox' }).click();
	await bob.page.getByLabel('Bundle file').setInputFiles(bundlePath);
	await waitWhileProgressing(bob.page, bob.page.getByRole('heading', { name: 'From Alice' }));
	await expect(bob.page.getByText(/this really comes from your verified contact/)).toBeVisible();
	const got = bob.page.waitForEvent('download');
	await bob.page.getByRole('button', { name: 'Download letter.txt' }).click();
	const outPath = path.join(tmp, 'letter.out');
	await (await got).saveAs(outPath);
	expect(fs.readFileSync(outPath).equals(payload)).toBe(true);
	// Opening hashed the content in a second worker (overlapping the decryption).
	expect(bob.workerScripts.some((u) => u.startsWith('share-hash.worker'))).toBe(true);

	// A tampered copy is refused and shows no content.
	const tampered = Buffer.from(bundle);
	tampered[tampered.length - 100] ^= 1;
	await bob.page.getByLabel('Bundle file').setInputFiles({ name: 'tampered.qenome', mimeType: 'application/octet-stream', buffer: tampered });
	await waitWhileProgressing(bob.page, bob.page.getByText(/was refused/));
	await expect(bob.page.getByText(/changed, damaged or cut short/)).toBeVisible();
	await expect(bob.page.getByRole('button', { name: 'Download letter.txt' })).toHaveCount(0);

	// After a reload the keys are locked again and the passphrase unlocks them.
	await bob.page.reload();
	await bob.page.getByLabel('Passphrase').fill('Bob passphrase');
	await bob.page.getByRole('button', { name: 'Unlock' }).click();
	await waitWhileProgressing(bob.page, bob.page.getByText('Drop a .qenome bundle here'));

	expect([...alice.problems, ...bob.problems]).toEqual([]);
	await alice.close();
	await bob.close();
});

test('a PGx report bundle: restore keys from a backup, meet an unknown sender, add them, read the report', async ({ page }) => {
	const fixtures = path.resolve('tests/fixtures/share');
	await page.goto('/keys');
	await page.getByLabel('Backup file (.key)').setInputFiles(path.join(fixtures, 'bob.key'));
	await page.getByLabel('Its passphrase').fill('wrong passphrase');
	await page.getByRole('button', { name: 'Restore' }).click();
	await waitWhileProgressing(page, page.getByText(/Wrong passphrase/));
	await page.getByLabel('Its passphrase').fill('golden passphrase');
	await page.getByRole('button', { name: 'Restore' }).click();
	await waitWhileProgressing(page, page.getByText(/Keys of Bob restored and unlocked/));
	await page.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Inbox' }).click();
	await page.getByLabel('Bundle file').setInputFiles(path.join(fixtures, 'report.qenome'));
	await waitWhileProgressing(page, page.getByText('Alice is not in your contacts.'));
	await expect(page.getByTestId('report-json')).toHaveCount(0);
	await page.getByRole('button', { name: 'Add Alice to my contacts' }).click();
	await expect(page.getByRole('heading', { name: 'PGx report for Golden' })).toBeVisible();
	// The older report format is rendered as a gene table too (the JSON stays one click away).
	await expect(page.getByTestId('report-table-genes').getByRole('row', { name: /CYP2C19/ })).toContainText('Intermediate Metabolizer');
	await expect(page.getByTestId('report-json')).toContainText('Intermediate Metabolizer');
});
