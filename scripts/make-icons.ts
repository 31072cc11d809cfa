/**
 * Generates the install icons (static/icons/*.png) from static/favicon.svg by rendering the SVG
 * in headless Chromium (playwright-core; /usr/bin/chromium or $CHROMIUM_PATH). The PNGs are
 * committed; rerun after changing the logo: `npx tsx scripts/make-icons.ts`.
 *
 * - icon-192.png, icon-512.png: the logo as drawn (rounded square), transparent corners.
 * - icon-maskable-512.png: full-bleed background with the glyph inside the 80 % safe zone, so
 *   launchers may crop it to any shape (https://web.dev/articles/maskable-icon).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(join(root, 'static/favicon.svg'), 'utf8');
const outDir = join(root, 'static/icons');

/** The glyph of the logo without its rounded background, for the maskable variant. */
function maskableSvg(): string {
	const glyph = svg.replace(/<rect[^>]*\/>/, '').replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
	// Scale the 64-unit glyph to 70 % and centre it on a full-bleed square.
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#0f5c6e"/><g transform="translate(9.6 9.6) scale(0.7)">${glyph}</g></svg>`;
}

/** Render `markup` (an SVG) to a square PNG of `size` pixels. */
async function render(page: import('playwright-core').Page, markup: string, size: number): Promise<Buffer> {
	await page.setViewportSize({ width: size, height: size });
	const sized = markup.replace('<svg ', `<svg width="${size}" height="${size}" `);
	await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
	return page.locator('svg').screenshot({ omitBackground: true, type: 'png' });
}

async function main(): Promise<void> {
	mkdirSync(outDir, { recursive: true });
	const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
	try {
		const page = await browser.newPage({ deviceScaleFactor: 1 });
		for (const size of [192, 512]) writeFileSync(join(outDir, `icon-${size}.png`), await render(page, svg, size));
		writeFileSync(join(outDir, 'icon-maskable-512.png'), await render(page, maskableSvg(), 512));
	} finally {
		await browser.close();
	}
	console.log(`Wrote icon-192.png, icon-512.png, icon-maskable-512.png to ${outDir}`);
}

await main();
