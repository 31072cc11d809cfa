/**
 * Clinician exchange in Chromium against the built site:
 * - the /pgx page prints its clinician report to PDF (page 1: the summary, the report date and
 *   "Page 1 of N"), and its "Download PDF" (pdf-lib, on the device) carries the same summary;
 * - a patient seals the PGx report to a one-time passphrase in one browser context, and a doctor
 *   opens it in a fresh context with no keys, seeing the rendered gene table and the sender state.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { test, expect, guardPage, importGenome, createKeys } from './fixtures';

/** Today's date as the report prints it (YYYY-MM-DD, UTC as the report date is ISO). */
const today = () => new Date().toISOString().slice(0, 10);

async function pdfPages(bytes: Uint8Array): Promise<string[]> {
	const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: false });
	return (text as string[]).map((t) => t.replace(/\s+/g, ' '));
}

/** Import the demo genome on the home page and open its PGx page. */
async function demoPgx(page: Page) {
	await importGenome(page, 'demo');
	await page.getByRole('link', { name: /Medicines and your genes/ }).first().click();
	await expect(page).toHaveURL(/\/pgx\?id=/);
	await expect(page.getByRole('heading', { name: 'For your doctor' })).toBeVisible({ timeout: 60_000 });
}

test('PGx page prints the clinician report: page 1 has the summary, the date and "Page 1 of N"', async ({ page }) => {
	test.setTimeout(180_000);
	await demoPgx(page);
	await page.emulateMedia({ media: 'print' });
	const printed = await page.pdf({ preferCSSPageSize: true, printBackground: false });
	await page.emulateMedia({ media: 'screen' });
	const pages = await pdfPages(printed);
	expect(pages.length).toBeGreaterThan(1);
	const p1 = pages[0];
	expect(p1).toContain('Pharmacogenomics report');
	expect(p1).toContain(`Report date ${today()}`);
	expect(p1).toContain('Actionable findings');
	expect(p1).toMatch(/CPIC strength/);
	expect(p1).toContain(`Page 1 of ${pages.length}`);
	// Nothing interactive is printed.
	expect(pages.join(' ')).not.toMatch(/Look up a medicine|Estimate dose|Download PDF/);

	// The on-device PDF (same renderer as the CLI).
	const dl = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download PDF' }).click();
	const file = await (await dl).path();
	const own = await pdfPages(new Uint8Array(fs.readFileSync(file!)));
	expect(own[0]).toContain(`Report date ${today()}`);
	expect(own[0]).toContain('Actionable findings');
	expect(own[0]).toContain(`Page 1 of ${own.length}`);

	// And the FHIR export downloads a Bundle.
	const fdl = page.waitForEvent('download');
	await page.getByRole('button', { name: 'FHIR (JSON)' }).click();
	const fhir = JSON.parse(fs.readFileSync((await (await fdl).path())!, 'utf8'));
	expect(fhir.resourceType).toBe('Bundle');
	expect(fhir.entry[0].resource.resourceType).toBe('DiagnosticReport');
});

test('a PGx report sealed to a one-time passphrase opens in a fresh browser without keys', async ({ browser }) => {
	test.setTimeout(240_000);
	// The patient: demo genome, PGx page (stores the report), keys, then Share → one-time passphrase.
	const patientCtx = await browser.newContext({ acceptDownloads: true });
	const patient = await patientCtx.newPage();
	const pProblems = guardPage(patient);
	await demoPgx(patient);
	await createKeys(patient, 'Zoë Patient', 'patient passphrase');
	await patient.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Share' }).click();
	await patient.getByRole('radio', { name: /^A report/ }).check();
	await patient.getByLabel('Profile', { exact: true }).selectOption({ index: 1 });
	await patient.getByLabel('A doctor without Qenome (one-time passphrase)').check();
	await patient.getByRole('button', { name: 'Seal bundle' }).click();
	const otp = (await patient.getByTestId('one-time-passphrase').textContent({ timeout: 60_000 }))!.trim();
	expect(otp).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
	const dl = patient.waitForEvent('download');
	await patient.getByRole('button', { name: /^Download .*\.qenome$/ }).click();
	const bundle = fs.readFileSync((await (await dl).path())!);
	expect(pProblems).toEqual([]);
	await patientCtx.close();

	// The doctor: a fresh context, no keys, no account.
	const doctorCtx = await browser.newContext();
	const doctor = await doctorCtx.newPage();
	const dProblems = guardPage(doctor);
	await doctor.goto('/inbox');
	await doctor.getByLabel('Bundle sealed to a passphrase').setInputFiles({ name: 'for-doctor.qenome', mimeType: 'application/octet-stream', buffer: bundle });
	// A wrong passphrase is refused plainly and shows nothing.
	await doctor.getByLabel('One-time passphrase', { exact: true }).fill('AAAA-AAAA-AAAA-AAAA-AAAA-AAAA');
	await doctor.getByRole('button', { name: 'Open with passphrase' }).click();
	await expect(doctor.getByText(/passphrase is not the one/)).toBeVisible({ timeout: 60_000 });
	await expect(doctor.getByTestId('report-view')).toHaveCount(0);
	// Typed loosely (lower case, spaces): opens.
	await doctor.getByLabel('One-time passphrase', { exact: true }).fill(otp.toLowerCase().replace(/-/g, ' '));
	await doctor.getByRole('button', { name: 'Open with passphrase' }).click();
	await expect(doctor.getByTestId('report-view')).toBeVisible({ timeout: 60_000 });
	await expect(doctor.getByTestId('sender-state')).toContainText('Signature valid — sender not verified');
	await expect(doctor.getByTestId('sender-state')).toContainText('Zoë Patient');
	const genes = doctor.getByTestId('report-table-genes');
	await expect(genes.getByRole('row', { name: /CYP2C19/ })).toContainText('Intermediate Metabolizer');
	await expect(doctor.getByRole('heading', { name: /PGx report for/ })).toBeVisible();
	expect(dProblems).toEqual([]);
	await doctorCtx.close();
});
