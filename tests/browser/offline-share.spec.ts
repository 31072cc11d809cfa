/**
 * Sharing works with the network off: after one online visit (service worker precache), two
 * people in two offline browser contexts create keys, exchange contact cards, and one seals a
 * file that the other opens. Every page is guarded: any off-origin request, CSP violation or page
 * error fails the test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { test, expect, guardPage, waitWhileProgressing, createKeys, sealFileFor } from './fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-offline-share-'));

/** One person: visit once online, go offline, create keys, save the contact card. */
async function offlinePerson(browser: Browser, name: string) {
	const context = await browser.newContext({ acceptDownloads: true });
	const page: Page = await context.newPage();
	const problems = guardPage(page);
	await page.goto('/');
	await page.waitForFunction(async () => {
		const reg = await navigator.serviceWorker.ready;
		return !!reg.active && !!navigator.serviceWorker.controller;
	});
	await context.setOffline(true);
	await createKeys(page, name, `${name} passphrase`);
	const dl = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download my contact card' }).click();
	const card = path.join(tmp, `${name}.card.json`);
	await (await dl).saveAs(card);
	return { page, problems, card, close: () => context.close() };
}

test('with the network off, two people create keys, exchange cards and share a sealed file', async ({ browser }) => {
	const alice = await offlinePerson(browser, 'Alice');
	const bob = await offlinePerson(browser, 'Bob');
	for (const [me, other] of [[alice, bob], [bob, alice]] as const) {
		await me.page.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Contacts' }).click();
		await me.page.getByLabel('From a card file').setInputFiles(other.card);
		await expect(me.page.getByText(/was added/)).toBeVisible();
	}
	const payload = Buffer.from('Offline note for Bob.\n'.repeat(500));
	const bundlePath = path.join(tmp, 'note.qenome');
	await sealFileFor(alice.page, { name: 'note.txt', mimeType: 'text/plain', buffer: payload }, /Bob/, bundlePath);

	await bob.page.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Inbox' }).click();
	await bob.page.getByLabel('Bundle file').setInputFiles(bundlePath);
	await waitWhileProgressing(bob.page, bob.page.getByRole('heading', { name: 'From Alice' }));
	const got = bob.page.waitForEvent('download');
	await bob.page.getByRole('button', { name: 'Download note.txt' }).click();
	const outPath = path.join(tmp, 'note.out');
	await (await got).saveAs(outPath);
	expect(fs.readFileSync(outPath).equals(payload)).toBe(true);

	expect([...alice.problems, ...bob.problems]).toEqual([]);
	await alice.close();
	await bob.close();
});
