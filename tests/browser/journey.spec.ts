/**
 * The whole patient journey under the strict CSP: load, demo genome, overview, PGx, drug model, Quantum
 * Lab, keys, contacts, share the genome as a bundle, and the recipient's inbox imports it. Both
 * people's pages carry the fixture's guards, so ANY request to another origin, any CSP violation
 * report and any page error anywhere along the way fails the test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { test, expect, guardPage, waitWhileProgressing, importGenome, createKeys } from './fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-journey-'));
/** The patient's display name, with markup in it (hostile-input check along the way). */
const ANN = 'Ann <img src=x onerror=alert(1)>';

/** Create keys for `name` on /keys and save their contact card; returns the card path. */
async function createKeysAndCard(page: Page, name: string): Promise<string> {
	await createKeys(page, name, `${name} journey passphrase`);
	const dl = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download my contact card' }).click();
	const card = path.join(tmp, `${name.replace(/[^A-Za-z]/g, '_')}.card.json`);
	await (await dl).saveAs(card);
	return card;
}

async function recipient(browser: Browser): Promise<{ page: Page; problems: string[]; card: string; close: () => Promise<void> }> {
	const context = await browser.newContext({ acceptDownloads: true });
	const page = await context.newPage();
	const problems = guardPage(page);
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
		});
	});
	const card = await createKeysAndCard(page, 'Dr Bob');
	return { page, problems, card, close: () => context.close() };
}

test('full journey: demo genome → PGx, drug model → Quantum Lab → share → inbox, with no off-origin traffic', async ({ page, browser, problems }) => {
	// 1. Load and import the demo genome.
	await page.goto('/');
	await expect(page.locator('meta[http-equiv="content-security-policy"]')).toHaveAttribute('content', /default-src 'none'/);
	await importGenome(page, 'demo');

	// 2. The import opens the genome overview.
	await expect(page.getByTestId('overview')).toContainText('GRCh37');
	await expect(page.getByRole('img', { name: /Records per chromosome/ })).toBeVisible();

	// 3. Pharmacogenomics for this profile (knowledge base loaded from the site itself).
	await page.getByRole('link', { name: /Medicines and your genes/ }).first().click();
	await waitWhileProgressing(page, page.getByRole('heading', { name: 'Your gene results' }));
	await expect(page.getByText('CYP2C19').first()).toBeVisible();

	// 3b. The drug model page.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Drug model' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('medicine');

	// 4. Quantum Lab: the wasm engine runs in a worker.
	await page.getByRole('navigation', { name: 'More' }).getByRole('link', { name: 'Quantum Lab' }).click();
	await page.getByRole('button', { name: 'Bell pair' }).click();
	await page.getByRole('button', { name: 'Run simulation' }).click();
	await expect(page.getByTestId('outcomes').locator('tbody tr')).toHaveCount(2);

	// 5. Keys and a contact, then share the demo genome with them.
	const bob = await recipient(browser);
	try {
		// The sender's name is HTML: it must reach the recipient as text, never as markup.
		await createKeysAndCard(page, ANN);
		// Client-side navigation keeps the keys unlocked (a reload locks them).
		await page.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Contacts' }).click();
		await page.getByLabel('From a card file').setInputFiles(bob.card);
		await expect(page.getByText(/was added/)).toBeVisible();
		await page.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Share' }).click();
		await page.getByLabel('A whole genome profile').check();
		await page.getByLabel('Profile', { exact: true }).selectOption({ label: 'Demo genome (synthetic)' });
		await page.getByRole('checkbox', { name: /Dr Bob/ }).check({ timeout: 10_000 });
		await page.getByRole('button', { name: 'Seal bundle' }).click();
		const dl = page.waitForEvent('download');
		await waitWhileProgressing(page, page.getByRole('button', { name: /Download .*\.qenome/ }));
		await page.getByRole('button', { name: /Download .*\.qenome/ }).click();
		const bundlePath = path.join(tmp, 'genome.qenome');
		await (await dl).saveAs(bundlePath);

		// 6. The recipient's inbox opens and imports it.
		await bob.page.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Inbox' }).click();
		await bob.page.getByLabel('Bundle file').setInputFiles(bundlePath);
		await waitWhileProgressing(bob.page, bob.page.getByRole('heading', { name: `From ${ANN}` }));
		await expect(bob.page.locator('img[src="x"]')).toHaveCount(0);
		// Bob does not know Ann yet: the content stays hidden until he adds her key.
		await expect(bob.page.getByRole('heading', { name: /Genome: Demo genome/ })).toHaveCount(0);
		await bob.page.getByRole('button', { name: `Add ${ANN} to my contacts` }).click();
		await expect(bob.page.getByRole('heading', { name: /Genome: Demo genome/ })).toBeVisible();
		await bob.page.getByRole('button', { name: 'Import as a new profile' }).click();
		await waitWhileProgressing(bob.page, bob.page.getByText('Imported as a new profile.'));
		await expect(bob.page.locator('img[src="x"]')).toHaveCount(0);

		// 7. The Privacy page reports what is stored.
		await bob.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Privacy' }).click();
		await expect(bob.page.getByTestId('record-counts')).toContainText('1 genome profile(s)');
		expect(bob.problems).toEqual([]);
	} finally {
		await bob.close();
	}
	expect(problems).toEqual([]);
});
