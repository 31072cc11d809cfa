/**
 * Adding a contact by QR scan: the whole signed card travels as a few QR codes.
 * (a) Alice shows her card as QR codes; screenshots of each code (in a shuffled order, with a
 *     duplicate, and a code of another card in between) go into Bob's "Scan from images"; Bob
 *     ends with Alice as a contact with the same fingerprint. One screenshot of the "show all"
 *     grid (several codes in one image) is read too.
 * (b) The real camera path: Chromium's fake camera plays a Y4M video made from the QR modules of
 *     a fixture card; the scanner collects the parts from the moving picture.
 * Every page runs under the shared origin/CSP/page-error guards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import QRCode from 'qrcode';
import { cardQrParts } from '../../src/lib/share/card-qr';
import { fingerprint, parseCard, shortFingerprint } from '../../src/lib/share/card';
import config from '../../playwright.config';
import { test, expect, guardPage, waitWhileProgressing, createKeys } from './fixtures';

const fixtures = path.resolve('tests/fixtures/share');
const readCard = (name: string) => parseCard(fs.readFileSync(path.join(fixtures, `${name}.card.json`), 'utf8'));

/** A PNG of one card part, as a photo would be (byte mode, level M, as the app draws it). */
function partPng(part: Uint8Array): Promise<Buffer> {
	return QRCode.toBuffer([{ data: part, mode: 'byte' }], { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4 });
}

test('a contact card travels as QR codes from one browser to another', async ({ browser }) => {
	// Alice: keys, then her card as QR codes (device scale 2, like a phone screen).
	const ctxA = await browser.newContext({ deviceScaleFactor: 2 });
	const alice = await ctxA.newPage();
	const problemsA = guardPage(alice);
	const aliceFp = await createKeys(alice, 'Alice', 'Alice passphrase');
	await alice.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Contacts' }).click();
	await expect(alice.getByText(/too large for a QR code/)).toHaveCount(0);
	await alice.getByRole('button', { name: 'Show my card as QR codes' }).click();
	const counter = alice.getByTestId('card-qr-counter');
	await expect(counter).toHaveText(/^Part 1 of \d+$/);
	const total = Number((await counter.textContent())!.match(/of (\d+)/)![1]);
	expect(total).toBeGreaterThanOrEqual(2);
	expect(total).toBeLessThanOrEqual(4);
	// It cycles by itself …
	await expect(counter).toHaveText(`Part 2 of ${total}`);
	// … and Pause / Next step through the parts for keyboard users.
	await alice.getByRole('button', { name: 'Pause' }).click();
	const shots: Buffer[] = [];
	for (let k = 0; k < total; k++) {
		const shown = Number((await counter.textContent())!.match(/Part (\d+)/)![1]);
		shots[shown - 1] = await alice.getByTestId('card-qr-current').screenshot();
		await alice.getByRole('button', { name: 'Next part' }).press('Enter');
	}
	expect(shots.filter(Boolean)).toHaveLength(total);
	await alice.getByRole('button', { name: 'Show all codes at once' }).click();
	await expect(alice.getByRole('img', { name: /QR code, part \d of \d of your contact card/ })).toHaveCount(total);
	const grid = await alice.getByRole('list', { name: 'All QR codes of your contact card' }).screenshot();

	// Bob reads the screenshots: one first, then a code of another card (refused), then the rest
	// in reverse order with a duplicate.
	const ctxB = await browser.newContext();
	const bob = await ctxB.newPage();
	const problemsB = guardPage(bob);
	await bob.goto('/contacts');
	const images = bob.getByLabel('Scan from images');
	const png = (i: number) => ({ name: `alice-${i + 1}.png`, mimeType: 'image/png', buffer: shots[i] });
	await images.setInputFiles([png(1)]);
	await expect(bob.getByText(`1 of ${total} codes read`)).toBeVisible();
	const other = await partPng(cardQrParts(readCard('bob'))[0]);
	await images.setInputFiles([{ name: 'someone-else.png', mimeType: 'image/png', buffer: other }]);
	await expect(bob.getByText(/belongs to a different contact card/)).toBeVisible();
	await expect(bob.getByText(`1 of ${total} codes read`)).toBeVisible();
	const rest = [...Array(total).keys()].reverse().map(png);
	await images.setInputFiles(rest);
	await waitWhileProgressing(bob, bob.getByText('Alice was added.', { exact: false }));
	const contact = bob.getByRole('article', { name: 'Contact Alice' });
	await expect(contact).toBeVisible();
	await expect(contact.getByText(aliceFp, { exact: true })).toBeVisible();
	await expect(contact.getByText(/via qr/)).toBeAttached();

	// One screenshot of the "show all" grid holds every code: already a contact, nothing changes.
	await images.setInputFiles([{ name: 'alice-all.png', mimeType: 'image/png', buffer: grid }]);
	await waitWhileProgressing(bob, bob.getByText('Alice is already in your contacts with this key.'));

	expect([...problemsA, ...problemsB]).toEqual([]);
	await ctxA.close();
	await ctxB.close();
});

/**
 * Y4M (4:2:0) video: each part's QR modules shown for `hold` frames at a non-integer 3.6 px per
 * module (area-sampled grey edges, like a camera), so the scanner's scale retries are exercised.
 */
function qrVideo(parts: Uint8Array[], file: string, hold = 5): void {
	const matrices = parts.map((p) => QRCode.create([{ data: p, mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules);
	const px = 3.6;
	const quiet = 4;
	const side = Math.max(...matrices.map((m) => m.size)) + 2 * quiet;
	const size = Math.ceil((side * px) / 16) * 16;
	const out = fs.openSync(file, 'w');
	fs.writeSync(out, `YUV4MPEG2 W${size} H${size} F10:1 Ip A1:1 C420jpeg\n`);
	const chroma = Buffer.alloc((size / 2) * (size / 2) * 2, 128);
	for (const m of matrices) {
		const y = Buffer.alloc(size * size, 255);
		const dark = (py: number, px2: number) => {
			const r = Math.floor(py / px) - quiet;
			const c = Math.floor(px2 / px) - quiet;
			return r >= 0 && c >= 0 && r < m.size && c < m.size && m.get(r, c);
		};
		for (let py = 0; py < size; py++)
			for (let pxl = 0; pxl < size; pxl++) {
				let light = 0;
				for (const dy of [0.25, 0.75]) for (const dx of [0.25, 0.75]) if (!dark(py + dy, pxl + dx)) light++;
				y[py * size + pxl] = Math.round((light / 4) * 255);
			}
		for (let f = 0; f < hold; f++) {
			fs.writeSync(out, 'FRAME\n');
			fs.writeSync(out, y);
			fs.writeSync(out, chroma);
		}
	}
	fs.closeSync(out);
}

test('the camera scanner collects the parts from a moving picture (Chromium fake camera)', async () => {
	const card = readCard('alice');
	const video = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-qr-cam-')), 'card.y4m');
	// Reverse order: the scanner must not depend on seeing part 1 first.
	qrVideo(cardQrParts(card).reverse(), video);
	const usual = (config.use?.launchOptions?.args ?? []) as string[];
	const browser = await chromium.launch({
		executablePath: config.use?.launchOptions?.executablePath ?? '/usr/bin/chromium',
		args: [...usual, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]
	});
	try {
		const context = await browser.newContext({ baseURL: config.use?.baseURL });
		await context.grantPermissions(['camera']);
		const page = await context.newPage();
		const problems = guardPage(page);
		await page.addInitScript(() => {
			document.addEventListener('securitypolicyviolation', (e) => {
				console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
			});
		});
		await page.goto('/contacts');
		await page.getByRole('button', { name: 'Scan with camera' }).click();
		await expect(page.getByRole('group', { name: 'Camera QR scanner' })).toBeVisible();
		await waitWhileProgressing(page, page.getByText('Alice was added.', { exact: false }));
		const contact = page.getByRole('article', { name: 'Contact Alice' });
		await expect(contact.getByText(shortFingerprint(fingerprint(card)), { exact: true })).toBeVisible();
		// The camera is released once the card is complete.
		await expect(page.getByRole('group', { name: 'Camera QR scanner' })).toHaveCount(0);
		expect(problems).toEqual([]);
	} finally {
		await browser.close();
		fs.rmSync(path.dirname(video), { recursive: true, force: true });
	}
});
