/**
 * Reading QR codes out of photos and screenshots in the browser (jsQR, on the device). One image
 * may hold several codes (a screenshot of the "show all" grid): after each code is found, its
 * area is painted over and the image is searched again.
 *
 * Two jsQR limits shape this module:
 * - jsQR estimates a code's size in modules from the pixel widths of its finder patterns; for
 *   large codes (a card part is version 40, 177 modules) a 1 % error in that estimate already gives
 *   the wrong size, so at many non-integer pixel scales it finds nothing (measured on perfect
 *   images: about half of the scales between 2.6 and 7 px per module fail). Each search is retried
 *   on the image resampled at a few other scales, which changes that rounding.
 * - With several codes in one image jsQR may pair finder patterns of different codes. When the
 *   whole image gives nothing, overlapping windows (halves, thirds, quarters) are searched.
 * - Among many attempts on a busy image, jsQR now and then "decodes" a phantom small code from
 *   modules of several real ones (its error correction mis-corrects random data). A caller that
 *   knows what it looks for passes `wanted`: other readings count as misses and are never painted
 *   over (which would hide the real codes); they are returned only when nothing wanted was found,
 *   so the caller can say what the image holds instead.
 */
import jsQR from 'jsqr';

/** Longest image side that is searched; bigger photos are scaled down first (speed). */
const MAX_SIDE = 2400;
/** Most codes looked for in one image. */
const MAX_CODES = 8;
/** Scales tried on the whole image, in order, until jsQR finds a code. */
export const RETRY_SCALES = [1, 0.9, 0.8, 0.7, 1.25, 1.5, 0.6];
/** Scales tried on each window. */
const WINDOW_SCALES = [1, 0.8];
/** Window layouts (columns × rows), each searched with half-window steps. */
const LAYOUTS: [number, number][] = [
	[2, 1],
	[1, 2],
	[3, 1],
	[1, 3],
	[2, 2]
];
/** Largest side of a resampled copy. */
const MAX_RESAMPLED = 3200;
/** Stop looking for more codes once this share of the image has been painted over. */
const COVERED = 0.9;

/** A code found in an image: its raw bytes and its text reading. */
export interface FoundQr {
	bytes: Uint8Array;
	text: string;
}

type Point = { x: number; y: number };
type Rect = { x: number; y: number; w: number; h: number };
type Hit = { bytes: Uint8Array; text: string; corners: Point[] };

/**
 * Decode every QR code (up to 8) in an image file, optionally only those whose bytes pass
 * `wanted`. Throws when the browser cannot read the image.
 */
export async function decodeQrImage(file: Blob, wanted: (bytes: Uint8Array) => boolean = () => true): Promise<FoundQr[]> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file);
	} catch {
		throw new Error('This file could not be read as an image. Use a PNG or JPEG photo or screenshot.');
	}
	const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
	const width = Math.max(1, Math.round(bitmap.width * scale));
	const height = Math.max(1, Math.round(bitmap.height * scale));
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const ctx = canvas.getContext('2d', { willReadFrequently: true });
	const work = document.createElement('canvas');
	const wctx = work.getContext('2d', { willReadFrequently: true });
	if (!ctx || !wctx) throw new Error('This browser cannot read images.');
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, width, height);
	ctx.drawImage(bitmap, 0, 0, width, height);
	bitmap.close();
	const found: FoundQr[] = [];
	const others: FoundQr[] = [];
	const accept = (hit: Hit): boolean => {
		if (wanted(hit.bytes)) return true;
		if (!others.length) others.push({ bytes: hit.bytes, text: hit.text });
		return false;
	};
	let painted = 0;
	const whole: Rect = { x: 0, y: 0, w: width, h: height };
	while (found.length < MAX_CODES && painted < COVERED * width * height) {
		const hit = (await search(canvas, work, wctx, whole, RETRY_SCALES, accept)) ?? (await searchWindows(canvas, work, wctx, accept));
		if (!hit) break;
		found.push({ bytes: hit.bytes, text: hit.text });
		painted += paintOver(ctx, hit.corners);
	}
	return found.length ? found : others;
}

/** Search overlapping windows of the image, layout by layout. */
async function searchWindows(
	source: HTMLCanvasElement,
	work: HTMLCanvasElement,
	wctx: CanvasRenderingContext2D,
	accept: (hit: Hit) => boolean
): Promise<Hit | null> {
	for (const [cols, rows] of LAYOUTS) {
		const w = source.width / cols;
		const h = source.height / rows;
		for (let y = 0; y + h <= source.height + 1; y += h / 2)
			for (let x = 0; x + w <= source.width + 1; x += w / 2) {
				const hit = await search(source, work, wctx, { x, y, w, h }, WINDOW_SCALES, accept);
				if (hit) return hit;
			}
	}
	return null;
}

/**
 * Search one rectangle of the source, resampled at each scale in turn, for a code `accept` takes;
 * corners in source pixels.
 */
async function search(
	source: HTMLCanvasElement,
	work: HTMLCanvasElement,
	wctx: CanvasRenderingContext2D,
	rect: Rect,
	scales: number[],
	accept: (hit: Hit) => boolean
): Promise<Hit | null> {
	for (const scale of scales) {
		const w = Math.round(rect.w * scale);
		const h = Math.round(rect.h * scale);
		if (Math.max(w, h) > MAX_RESAMPLED || Math.min(w, h) < 64) continue;
		work.width = w;
		work.height = h;
		wctx.imageSmoothingEnabled = true;
		wctx.imageSmoothingQuality = 'high';
		wctx.drawImage(source, rect.x, rect.y, rect.w, rect.h, 0, 0, w, h);
		const code = jsQR(wctx.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' });
		// Let the page repaint (progress) between attempts.
		await new Promise((r) => setTimeout(r, 0));
		if (!code) continue;
		const l = code.location;
		const corners = [l.topLeftCorner, l.topRightCorner, l.bottomRightCorner, l.bottomLeftCorner].map((p) => ({
			x: rect.x + p.x / scale,
			y: rect.y + p.y / scale
		}));
		const hit = { bytes: Uint8Array.from(code.binaryData), text: code.data, corners };
		if (accept(hit)) return hit;
	}
	return null;
}

/** Fill the quadrilateral of a found code (grown by 15 % around its centre) with white; returns its area. */
function paintOver(ctx: CanvasRenderingContext2D, corners: Point[]): number {
	const cx = corners.reduce((s, p) => s + p.x, 0) / 4;
	const cy = corners.reduce((s, p) => s + p.y, 0) / 4;
	const grown = corners.map((p) => ({ x: cx + (p.x - cx) * 1.15, y: cy + (p.y - cy) * 1.15 }));
	ctx.fillStyle = '#ffffff';
	ctx.beginPath();
	grown.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
	ctx.closePath();
	ctx.fill();
	// Shoelace formula.
	let area = 0;
	for (let i = 0; i < 4; i++) {
		const a = grown[i];
		const b = grown[(i + 1) % 4];
		area += a.x * b.y - b.x * a.y;
	}
	return Math.abs(area) / 2;
}
