/**
 * The clinician PDF: any `ReportLayout` drawn with pdf-lib on A4 — a header of patient and test
 * fields on page 1, the summary sections, then the appendix from a new page; every page carries a
 * running head, the disclaimer and "Page k of N". DejaVu Sans is embedded (subset) so names and
 * symbols outside Latin-1 print. Same bytes in the browser and the CLI for the same layout and fonts
 * (dates in the PDF metadata come from the report, not the clock).
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ReportBlock, ReportLayout, ReportSection } from './types';

/** The two font files the PDF embeds (TrueType bytes). */
export interface ReportFonts {
	regular: Uint8Array;
	bold: Uint8Array;
}

/** Where the fonts live under the site root (static/fonts) — the browser fetches them from here. */
export const REPORT_FONT_FILES = { regular: 'fonts/DejaVuSans.ttf', bold: 'fonts/DejaVuSans-Bold.ttf' } as const;

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 46;
const HEAD_H = 22;
const FOOT_H = 34;
const BODY = 8.5;
const SMALL = 7.5;
const LINE = 1.25;
const INK = rgb(0.08, 0.09, 0.11);
const MUTED = rgb(0.35, 0.37, 0.4);
const RULE = rgb(0.78, 0.8, 0.83);
const FILL = rgb(0.93, 0.94, 0.96);
const WARN_FILL = rgb(1, 0.96, 0.86);

/** Text the fonts can draw: no control characters; tabs as spaces. */
function clean(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/\t/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]/g, '');
}

/** Widths at size 1 of strings already measured, per font (fontkit layout is costly). */
const widthCache = new WeakMap<PDFFont, Map<string, number>>();

/** Width of `s` in points at `size`, cached per font. */
function measure(font: PDFFont, s: string, size: number): number {
	let m = widthCache.get(font);
	if (!m) widthCache.set(font, (m = new Map()));
	let w = m.get(s);
	if (w === undefined) {
		w = font.widthOfTextAtSize(s, 1000) / 1000;
		if (m.size < 50_000) m.set(s, w);
	}
	return w * size;
}

/** Greedy word wrap to `width` points; words longer than a line are broken by characters. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
	const out: string[] = [];
	const space = measure(font, ' ', size);
	for (const para of clean(text).split('\n')) {
		let line = '';
		let lineW = 0;
		for (const word of para.split(/ +/)) {
			const ww = measure(font, word, size);
			if (line && lineW + space + ww <= width) {
				line += ' ' + word;
				lineW += space + ww;
				continue;
			}
			if (!line && ww <= width) {
				line = word;
				lineW = ww;
				continue;
			}
			if (line) out.push(line);
			if (ww <= width) {
				line = word;
				lineW = ww;
				continue;
			}
			// A word wider than the line: break it by characters.
			line = '';
			lineW = 0;
			for (const ch of word) {
				const cw = measure(font, ch, size);
				if (line && lineW + cw > width) {
					out.push(line);
					line = '';
					lineW = 0;
				}
				line += ch;
				lineW += cw;
			}
		}
		out.push(line);
	}
	return out;
}

class Writer {
	doc: PDFDocument;
	regular: PDFFont;
	bold: PDFFont;
	layout: ReportLayout;
	page!: PDFPage;
	y = 0;
	/** True while writing the appendix (denser tables). */
	appendix = false;
	readonly width = A4[0] - 2 * MARGIN;

	constructor(doc: PDFDocument, regular: PDFFont, bold: PDFFont, layout: ReportLayout) {
		this.doc = doc;
		this.regular = regular;
		this.bold = bold;
		this.layout = layout;
		this.newPage();
	}

	get bottom() {
		return MARGIN + FOOT_H;
	}

	newPage() {
		this.page = this.doc.addPage(A4);
		this.y = A4[1] - MARGIN - HEAD_H;
	}

	/** Make room for `h` points, starting a new page when needed (never for an empty page). */
	need(h: number) {
		if (this.y - h < this.bottom && this.y < A4[1] - MARGIN - HEAD_H - 1) this.newPage();
	}

	text(s: string, x: number, size: number, font = this.regular, color = INK) {
		this.page.drawText(clean(s), { x, y: this.y - size, size, font, color });
	}

	/** A wrapped paragraph. */
	paragraph(s: string, opts: { size?: number; font?: PDFFont; color?: ReturnType<typeof rgb>; indent?: number; fill?: ReturnType<typeof rgb> } = {}) {
		const size = opts.size ?? BODY;
		const font = opts.font ?? this.regular;
		const indent = opts.indent ?? 0;
		const pad = opts.fill ? 4 : 0;
		const lines = wrapText(s, font, size, this.width - indent - 2 * pad);
		for (const l of lines) {
			this.need(size * LINE + pad);
			if (opts.fill) this.page.drawRectangle({ x: MARGIN + indent, y: this.y - size * LINE - 1, width: this.width - indent, height: size * LINE + 1, color: opts.fill });
			this.text(l, MARGIN + indent + pad, size, font, opts.color ?? INK);
			this.y -= size * LINE;
		}
		this.y -= size * 0.4;
	}

	heading(s: string, size = 11) {
		this.need(size * 2 + 36);
		this.y -= size * 0.2;
		this.text(s, MARGIN, size, this.bold);
		this.y -= size * 1.45;
		this.page.drawLine({ start: { x: MARGIN, y: this.y + 3 }, end: { x: MARGIN + this.width, y: this.y + 3 }, thickness: 0.6, color: RULE });
		this.y -= 3;
	}

	fields(items: { label: string; value: string }[]) {
		const labelW = 112;
		for (const it of items) {
			const lines = wrapText(it.value, this.regular, BODY, this.width - labelW);
			this.need(BODY * LINE * Math.min(lines.length, 3));
			this.text(it.label, MARGIN, BODY, this.bold, MUTED);
			for (const l of lines) {
				this.need(BODY * LINE);
				this.text(l, MARGIN + labelW, BODY, this.regular);
				this.y -= BODY * LINE;
			}
		}
		this.y -= BODY * 0.5;
	}

	list(items: string[]) {
		const size = SMALL + 0.5;
		for (const it of items) {
			const lines = wrapText(it, this.regular, size, this.width - 12);
			lines.forEach((l, i) => {
				this.need(size * LINE);
				if (i === 0) this.text('•', MARGIN + 2, size);
				this.text(l, MARGIN + 12, size);
				this.y -= size * LINE;
			});
			this.y -= 1;
		}
		this.y -= size * 0.4;
	}

	table(block: Extract<ReportBlock, { type: 'table' }>) {
		const total = block.columns.reduce((s, c) => s + c.width, 0);
		const widths = block.columns.map((c) => (c.width / total) * this.width);
		const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((s, w) => s + w, 0));
		const size = SMALL;
		const lh = size * 1.22;
		const pad = 2.2;
		if (block.caption) this.paragraph(block.caption, { size: SMALL, color: MUTED });
		const headerLines = block.columns.map((c, i) => wrapText(c.label, this.bold, size, widths[i] - 2 * pad));
		const headH = Math.max(...headerLines.map((l) => l.length)) * lh + 2 * pad;
		const drawHeader = () => {
			this.page.drawRectangle({ x: MARGIN, y: this.y - headH, width: this.width, height: headH, color: FILL });
			headerLines.forEach((ls, i) =>
				ls.forEach((l, j) => this.page.drawText(l, { x: xs[i] + pad, y: this.y - pad - (j + 1) * lh + (lh - size) / 2 + 1, size, font: this.bold, color: INK }))
			);
			this.y -= headH;
		};
		this.need(headH + lh + 2 * pad);
		drawHeader();
		for (const row of block.rows) {
			let cells = row.map((v, i) => wrapText(v ?? '', i === 0 ? this.bold : this.regular, size, widths[i] - 2 * pad));
			while (cells.some((c) => c.length)) {
				const room = Math.floor((this.y - this.bottom - 2 * pad) / lh);
				const tallest = Math.max(...cells.map((c) => c.length));
				if (room < Math.min(tallest, 2)) {
					this.newPage();
					drawHeader();
					continue;
				}
				const n = Math.min(room, tallest);
				const h = n * lh + 2 * pad;
				cells.forEach((c, i) =>
					c.slice(0, n).forEach((l, j) =>
						this.page.drawText(l, { x: xs[i] + pad, y: this.y - pad - (j + 1) * lh + (lh - size) / 2 + 1, size, font: i === 0 ? this.bold : this.regular, color: INK })
					)
				);
				this.page.drawLine({ start: { x: MARGIN, y: this.y - h }, end: { x: MARGIN + this.width, y: this.y - h }, thickness: 0.4, color: RULE });
				this.y -= h;
				cells = cells.map((c) => c.slice(n));
				if (cells.some((c) => c.length)) {
					this.newPage();
					drawHeader();
				}
			}
		}
		this.y -= BODY * 0.8;
	}

	block(b: ReportBlock) {
		if (b.type === 'paragraph')
			this.paragraph(b.text, b.tone === 'muted' ? { color: MUTED, size: SMALL + 0.5 } : b.tone === 'warning' ? { fill: WARN_FILL } : {});
		else if (b.type === 'list') this.list(b.items);
		else if (b.type === 'fields') this.fields(b.items);
		else this.table(b);
	}

	section(s: ReportSection) {
		this.heading(s.title);
		for (const b of s.blocks) this.block(b);
	}
}

/** Short ISO date (YYYY-MM-DD) of an ISO date-time, as printed in reports. */
export function reportDay(iso: string): string {
	return /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0] ?? iso;
}

/** The header fields printed on page 1 (and shown by the HTML view). */
export function headerFields(layout: ReportLayout): { label: string; value: string }[] {
	const h = layout.header;
	const blank = '____________________________';
	return [
		{ label: 'Patient name', value: h.patientName?.trim() || blank },
		{ label: 'Date of birth', value: h.dateOfBirth?.trim() || blank },
		{ label: 'Report date', value: reportDay(h.reportDate) },
		{ label: 'Source file', value: h.sourceFile + (h.sourceSha256 ? ` (SHA-256 ${h.sourceSha256.slice(0, 16)}…)` : '') },
		{ label: 'Genome build', value: h.build },
		{ label: 'Sex used', value: h.sex },
		{ label: 'Test type', value: h.testType },
		{ label: 'Test limits', value: h.testLimits },
		{ label: 'Knowledge bases', value: h.sources.map((s) => `${s.name} ${s.version}`).join('; ') || '—' },
		{ label: 'Produced by', value: h.producedBy }
	];
}

/** Render a report layout to PDF bytes. */
export async function renderReportPdf(layout: ReportLayout, fonts: ReportFonts): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	doc.registerFontkit(fontkit);
	const regular = await doc.embedFont(fonts.regular, { subset: true });
	const bold = await doc.embedFont(fonts.bold, { subset: true });
	const when = new Date(layout.header.reportDate);
	const stamp = Number.isNaN(when.getTime()) ? new Date(0) : when;
	doc.setTitle(`${layout.title} — ${layout.header.patientName ?? 'patient'}`);
	doc.setSubject(layout.title);
	doc.setCreator(layout.header.producedBy);
	doc.setProducer('Qenome (pdf-lib)');
	doc.setCreationDate(stamp);
	doc.setModificationDate(stamp);
	doc.setLanguage('en');

	const w = new Writer(doc, regular, bold, layout);
	w.text(layout.title, MARGIN, 16, bold);
	w.y -= 22;
	w.fields(headerFields(layout));
	w.paragraph(layout.disclaimer, { fill: WARN_FILL });
	for (const s of layout.summary) w.section(s);
	if (layout.appendix.length) {
		w.newPage();
		w.appendix = true;
		w.text('Appendix — full detail', MARGIN, 14, bold);
		w.y -= 20;
		for (const s of layout.appendix) w.section(s);
	}

	const pages = doc.getPages();
	const n = pages.length;
	const head = `${layout.title} · ${layout.header.patientName?.trim() || 'patient name: see page 1'} · ${reportDay(layout.header.reportDate)}`;
	pages.forEach((p, i) => {
		const headLine = wrapText(head, regular, SMALL, A4[0] - 2 * MARGIN)[0];
		p.drawText(headLine, { x: MARGIN, y: A4[1] - MARGIN + 4, size: SMALL, font: regular, color: MUTED });
		p.drawLine({ start: { x: MARGIN, y: A4[1] - MARGIN }, end: { x: A4[0] - MARGIN, y: A4[1] - MARGIN }, thickness: 0.4, color: RULE });
		p.drawLine({ start: { x: MARGIN, y: MARGIN + FOOT_H - 8 }, end: { x: A4[0] - MARGIN, y: MARGIN + FOOT_H - 8 }, thickness: 0.4, color: RULE });
		const pageText = `Page ${i + 1} of ${n}`;
		const pw = bold.widthOfTextAtSize(pageText, SMALL + 0.5);
		p.drawText(pageText, { x: A4[0] - MARGIN - pw, y: MARGIN + FOOT_H - 20, size: SMALL + 0.5, font: bold, color: INK });
		const foot = wrapText(layout.disclaimer, regular, SMALL - 1, A4[0] - 2 * MARGIN - pw - 16);
		foot.slice(0, 3).forEach((l, j) => p.drawText(l, { x: MARGIN, y: MARGIN + FOOT_H - 18 - j * (SMALL + 1), size: SMALL - 1, font: regular, color: MUTED }));
	});
	return doc.save({ useObjectStreams: true });
}
