/**
 * "… and save as…": the share worker streams straight into the file the user picked (File System
 * Access API) instead of an OPFS temporary — when sealing, and when opening a large file bundle in
 * the Inbox. The native picker cannot be driven headless, so `showSaveFilePicker` is replaced by
 * one that returns a real FileSystemFileHandle (in the origin-private file system, named
 * `picked-<suggested name>`); everything after the pick — handing the handle to the worker,
 * createWritable, batched writes, commit only after every check — is the app's own code.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, waitWhileProgressing, createKeys } from './fixtures';

/** Stub the picker, create Alice's keys, add Bob as a contact, go to Share. */
async function aliceWithPicker(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const w = window as unknown as { showSaveFilePicker: unknown; __pickerCancels?: boolean };
		w.showSaveFilePicker = async (options: { suggestedName?: string }) => {
			if (w.__pickerCancels) throw new DOMException('The user aborted a request.', 'AbortError');
			const root = await navigator.storage.getDirectory();
			return root.getFileHandle(`picked-${options.suggestedName}`, { create: true });
		};
	});
	await createKeys(page, 'Alice', 'Alice passphrase');
	await page.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Contacts' }).click();
	await page.getByLabel('From a card file').setInputFiles(path.resolve('tests/fixtures/share/bob.card.json'));
	await expect(page.getByText(/was added/)).toBeVisible();
	await page.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Share' }).click();
}

/** Names of the temporaries in the origin-private file system. */
function temporaries(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const root = (await navigator.storage.getDirectory()) as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> };
		const names: string[] = [];
		for await (const name of root.keys()) if (name.startsWith('qenome-tmp-')) names.push(name);
		return names;
	});
}

function pattern(n: number): Buffer {
	const b = Buffer.alloc(n);
	for (let i = 0; i < n; i++) b[i] = (i * 31 + (i >>> 13)) & 0xff;
	return b;
}

const PICKED = 'picked-scan.bin.qenome';

test('seal and save as: the bundle goes straight into the chosen file and opens', async ({ page }) => {
	await aliceWithPicker(page);
	const payload = pattern(6 * 1024 * 1024);
	await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'scan.bin', mimeType: 'application/octet-stream', buffer: payload });
	await page.getByRole('checkbox', { name: /Bob/ }).check({ timeout: 10_000 });

	// A cancelled picker: no error, no sealing.
	await page.evaluate(() => ((window as unknown as { __pickerCancels: boolean }).__pickerCancels = true));
	await page.getByRole('button', { name: 'Seal and save as…' }).click();
	await expect(page.getByRole('button', { name: 'Seal bundle' })).toBeEnabled();
	await expect(page.getByRole('alert')).toHaveCount(0);

	await page.evaluate(() => ((window as unknown as { __pickerCancels: boolean }).__pickerCancels = false));
	await page.getByRole('button', { name: 'Seal and save as…' }).click();
	await waitWhileProgressing(page, page.getByText(`Saved as ${PICKED}`));
	await expect(page.getByRole('button', { name: /^Download / })).toHaveCount(0);

	const saved = await page.evaluate(async (picked) => {
		const root = (await navigator.storage.getDirectory()) as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> };
		const names: string[] = [];
		for await (const name of root.keys()) names.push(name);
		const file = await (await root.getFileHandle(picked)).getFile();
		const bytes = new Uint8Array(await file.arrayBuffer());
		let binary = '';
		for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
		return { names, base64: btoa(binary) };
	}, PICKED);
	// Straight into the chosen file: no temporary bundle was written to the browser's storage.
	expect(saved.names.filter((n) => n.startsWith('qenome-tmp-'))).toEqual([]);
	const bundle = Buffer.from(saved.base64, 'base64');
	expect(bundle.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
	expect(bundle.length).toBeGreaterThan(payload.length);

	// The sender is always a recipient: Alice opens her own saved bundle.
	await page.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Inbox' }).click();
	await page.getByLabel('Bundle file').setInputFiles({ name: PICKED, mimeType: 'application/octet-stream', buffer: bundle });
	await waitWhileProgressing(page, page.getByText('Sealed by you. Signature verified.'));
	const got = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download scan.bin' }).click();
	const out = await (await got).path();
	expect(fs.readFileSync(out).equals(payload)).toBe(true);
});

test('open and save as: a large file bundle is verified and saved straight into the chosen file', async ({ page }) => {
	await aliceWithPicker(page);
	const payload = pattern(40 * 1024 * 1024);
	await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'big.bin', mimeType: 'application/octet-stream', buffer: payload });
	await page.getByRole('checkbox', { name: /Bob/ }).check({ timeout: 10_000 });
	await page.getByRole('button', { name: 'Seal bundle' }).click();
	const dl = page.waitForEvent('download');
	await waitWhileProgressing(page, page.getByRole('button', { name: 'Download big.bin.qenome' }));
	await page.getByRole('button', { name: 'Download big.bin.qenome' }).click();
	const bundlePath = await (await dl).path();

	await page.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Inbox' }).click();
	const before = await temporaries(page);
	await page.getByLabel('Bundle file').setInputFiles(bundlePath);
	await waitWhileProgressing(page, page.getByRole('heading', { name: 'A large file: big.bin · 40.0 MiB' }));
	await page.getByRole('button', { name: 'Open and save as…' }).click();
	await waitWhileProgressing(page, page.getByText('Verified and saved as picked-big.bin.'));
	await expect(page.getByText('Sealed by you. Signature verified.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Download big.bin' })).toHaveCount(0);

	// The content went into the chosen file, complete and exact; no temporary was written for it.
	const digest = await page.evaluate(async () => {
		const file = await (await (await navigator.storage.getDirectory()).getFileHandle('picked-big.bin')).getFile();
		const d = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
		return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
	});
	expect(digest).toBe(createHash('sha256').update(payload).digest('hex'));
	expect((await temporaries(page)).sort()).toEqual(before.sort());
});
