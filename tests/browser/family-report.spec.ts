/**
 * The family clinician report in Chromium (SYNTHETIC trio, tests/fixtures/family):
 * - after the family ranking, /family exports the report (on-device PDF with the family checks
 *   and the ranked gene on page 1, "Page 1 of N"; FHIR Bundle; JSON) and prints ONLY the report
 *   (nothing interactive);
 * - the family report is sealed on /family to a one-time passphrase, and a clinician opens it in a
 *   fresh browser context with no keys: the Inbox renders the family report (members, ranked gene
 *   table) with the sender's verification state.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { test, expect, guardPage, importGenome, waitWhileProgressing, createKeys, checkLayouts } from './fixtures';
import { axeViolations } from './axe';

const FIX = path.resolve('tests', 'fixtures', 'family');
const HPO = 'HP:0001096, HP:0002841, HP:0000829, HP:0008207, HP:0200120, HP:0008209';

async function pdfPages(bytes: Uint8Array): Promise<string[]> {
	const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: false });
	return (text as string[]).map((t) => t.replace(/\s+/g, ' '));
}

/** Open the trio VCF and its PED on /family and rank the genes. */
async function rankTrio(page: Page) {
	await page.goto('/family');
	await page.getByLabel(/A family VCF/).setInputFiles(path.join(FIX, 'trio.vcf'));
	await expect(page.getByRole('textbox', { name: 'Member id' })).toHaveCount(3);
	await expect(page.getByText(/trio\.vcf: [\d,]+ records and 3 samples read in one pass/)).toBeVisible();
	await page.getByLabel(/Pedigree file/).setInputFiles(path.join(FIX, 'trio.ped'));
	await page.getByLabel(/HPO terms/).fill(HPO);
	await page.getByRole('button', { name: 'Rank genes' }).click();
	await expect(page.locator('ol.genes > li').first()).toContainText('AIRE', { timeout: 90_000 });
	await expect(page.getByRole('heading', { name: /For the family’s clinician/ })).toBeVisible();
}

test('family report: PDF, FHIR and JSON exports, and a print of the report only', async ({ page }) => {
	test.setTimeout(180_000);
	await rankTrio(page);

	const dl = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download PDF' }).click();
	const pages = await pdfPages(new Uint8Array(fs.readFileSync((await (await dl).path())!)));
	expect(pages[0]).toContain('Family rare-disease report');
	expect(pages[0]).toContain('AIRE');
	expect(pages[0]).toContain(`Page 1 of ${pages.length}`);

	const fdl = page.waitForEvent('download');
	await page.getByRole('button', { name: 'FHIR (JSON)' }).click();
	const fhir = JSON.parse(fs.readFileSync((await (await fdl).path())!, 'utf8'));
	expect(fhir.resourceType).toBe('Bundle');
	expect(fhir.entry[0].resource.resourceType).toBe('DiagnosticReport');

	const jdl = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Report (JSON)' }).click();
	const model = JSON.parse(fs.readFileSync((await (await jdl).path())!, 'utf8'));
	expect(model.kind).toBe('family');
	expect(model.proband).toBe('kid');

	// The ranked page with its clinician section: axe-clean, no sideways scroll at 390 px, light and dark.
	await checkLayouts(page, 'family-report', { perScheme: async (scheme) => expect(await axeViolations(page), scheme).toEqual([]) });
	await page.emulateMedia({ colorScheme: 'light' });
	await page.setViewportSize({ width: 1280, height: 900 });

	// Print: only the report view (no inputs, buttons or the interactive tables).
	await page.emulateMedia({ media: 'print' });
	const printed = await pdfPages(await page.pdf({ preferCSSPageSize: true }));
	await page.emulateMedia({ media: 'screen' });
	expect(printed[0]).toContain('Family rare-disease report');
	expect(printed[0]).toContain(`Page 1 of ${printed.length}`);
	expect(printed.join(' ')).not.toMatch(/Rank genes|Run the checks|Download PDF|Export PED|Seal the family report/);
});

test('a family report sealed on /family to a one-time passphrase opens in a fresh browser’s Inbox', async ({ browser }) => {
	test.setTimeout(240_000);
	const ctx = await browser.newContext({ acceptDownloads: true });
	const page = await ctx.newPage();
	const problems = guardPage(page);
	await createKeys(page, 'Family Parent', 'parent passphrase');
	await rankTrio(page);
	const seal = page.getByTestId('seal-family');
	// The keys are unlocked once per session (a fresh page load forgets them).
	await seal.getByLabel('Passphrase').fill('parent passphrase');
	await seal.getByRole('button', { name: 'Unlock' }).click();
	await seal.getByLabel('A clinician without Qenome (one-time passphrase)').check();
	await seal.getByRole('button', { name: 'Seal the family report' }).click();
	const otp = (await seal.getByTestId('one-time-passphrase').textContent({ timeout: 60_000 }))!.trim();
	expect(otp).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
	const dl = page.waitForEvent('download');
	await seal.getByRole('button', { name: /^Download .*\.qenome$/ }).click();
	const bundle = fs.readFileSync((await (await dl).path())!);
	expect(problems).toEqual([]);
	await ctx.close();

	const doctorCtx = await browser.newContext();
	const doctor = await doctorCtx.newPage();
	const dProblems = guardPage(doctor);
	await doctor.goto('/inbox');
	await doctor.getByLabel('Bundle sealed to a passphrase').setInputFiles({ name: 'family.qenome', mimeType: 'application/octet-stream', buffer: bundle });
	await doctor.getByLabel('One-time passphrase', { exact: true }).fill(otp);
	await doctor.getByRole('button', { name: 'Open with passphrase' }).click();
	const view = doctor.getByTestId('report-view');
	await expect(view).toBeVisible({ timeout: 60_000 });
	await expect(view).toHaveAttribute('data-kind', 'family');
	await expect(doctor.getByRole('heading', { name: /Family report for kid/ })).toBeVisible();
	await expect(doctor.getByTestId('sender-state')).toContainText('Family Parent');
	await expect(doctor.getByTestId('report-table-genes').getByRole('row', { name: /AIRE/ })).toBeVisible();
	await expect(doctor.getByTestId('report-table-members')).toContainText('dad');
	await doctor.screenshot({ path: 'test-results/family-inbox-1280-light.png', fullPage: true });
	expect(dProblems).toEqual([]);
	await doctorCtx.close();
});

test('a genome a relative sealed to me: opened in the Inbox, imported, added to the family, checks agree', async ({ browser }) => {
	test.setTimeout(300_000);
	const { child, founder, makeSites, rng, to23andMe } = await import('../unit/family/simulate');
	const sites = makeSites(80, 51, 120, 40);
	const r = rng(52);
	const dad = founder('dad', 'male', sites, r);
	const mum = founder('mum', 'female', sites, r);
	const kid = child('kid', 'male', dad, mum, r);
	const file = (p: typeof dad) => ({ name: `${p.id}.txt`, mimeType: 'text/plain', buffer: Buffer.from(to23andMe(p, sites)) });
	const keys = async (page: Page, name: string) => {
		await createKeys(page, name, `${name} family passphrase`);
		const dl = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Download my contact card' }).click();
		return fs.readFileSync((await (await dl).path())!);
	};
	// The analysing parent (mum) has keys; the father seals his genome to her.
	const mumCtx = await browser.newContext({ acceptDownloads: true });
	const me = await mumCtx.newPage();
	const myProblems = guardPage(me);
	const myCard = await keys(me, 'Mum');
	const dadCtx = await browser.newContext({ acceptDownloads: true });
	const relative = await dadCtx.newPage();
	const relProblems = guardPage(relative);
	await importGenome(relative, file(dad));
	await keys(relative, 'Dad');
	await relative.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Contacts' }).click();
	await relative.getByLabel('From a card file').setInputFiles({ name: 'mum.card.json', mimeType: 'application/json', buffer: myCard });
	await expect(relative.getByText(/was added/)).toBeVisible();
	await relative.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Share' }).click();
	await relative.getByLabel('A whole genome profile').check();
	await relative.getByLabel('Profile', { exact: true }).selectOption({ index: 1 });
	await relative.getByRole('checkbox', { name: /Mum/ }).check({ timeout: 10_000 });
	await relative.getByRole('button', { name: 'Seal bundle' }).click();
	await waitWhileProgressing(relative, relative.getByRole('button', { name: /Download .*\.qenome/ }));
	const dl = relative.waitForEvent('download');
	await relative.getByRole('button', { name: /Download .*\.qenome/ }).click();
	const bundle = fs.readFileSync((await (await dl).path())!);
	expect(relProblems).toEqual([]);
	await dadCtx.close();

	// Mum: her own and her son's genomes imported here, the father's from the bundle.
	await me.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Inbox' }).click();
	await me.getByLabel('Bundle file').setInputFiles({ name: 'dad.qenome', mimeType: 'application/octet-stream', buffer: bundle });
	await waitWhileProgressing(me, me.getByRole('button', { name: 'Add Dad to my contacts' }));
	await me.getByRole('button', { name: 'Add Dad to my contacts' }).click();
	await me.getByRole('button', { name: 'Import as a new profile' }).click();
	await waitWhileProgressing(me, me.getByText('Imported as a new profile.'));
	await importGenome(me, file(mum));
	await importGenome(me, file(kid));
	await me.goto('/family');
	const pick = me.getByLabel('A genome on this device');
	await expect(pick.locator('option', { hasText: 'received from Dad' })).toHaveCount(1);
	for (const name of [/received from Dad/, /^mum/, /^kid/]) {
		const value = await pick.locator('option', { hasText: name }).first().getAttribute('value');
		await pick.selectOption(value!);
		await me.getByRole('button', { name: 'Add', exact: true }).first().click();
	}
	await expect(me.getByRole('textbox', { name: 'Member id' })).toHaveCount(3);
	await expect(me.getByRole('cell', { name: /received from Dad/ })).toBeVisible();
	const ids = await me.getByRole('textbox', { name: 'Member id' }).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
	const [dadId, mumId, kidId] = ids;
	await me.getByLabel(`Father of ${kidId}`).selectOption(dadId);
	await me.getByLabel(`Mother of ${kidId}`).selectOption(mumId);
	await me.getByRole('button', { name: 'Run the checks' }).click();
	await expect(me.getByText('The DNA agrees with the pedigree')).toBeVisible({ timeout: 60_000 });
	await expect(me.locator('table').nth(1).locator('tbody tr').filter({ hasText: `${dadId} – ${kidId}` })).toContainText('parent and child');
	expect(myProblems).toEqual([]);
	await mumCtx.close();
});
