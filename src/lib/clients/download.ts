/** Offering data as a file download from a page (browser only). */

/** Offer bytes, text or a Blob as a download named `fileName`; the object URL is revoked after a minute. */
export function downloadFile(data: Blob | Uint8Array | string, fileName: string, type = 'application/octet-stream'): void {
	const blob = data instanceof Blob ? data : new Blob([data as BlobPart], { type });
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Options of `window.showSaveFilePicker` that Qenome uses (lib.dom does not type the API yet). */
export interface SaveAsOptions {
	suggestedName?: string;
	types?: { description: string; accept: Record<string, string[]> }[];
}

/** The browser's save-as picker (File System Access API, Chromium-based browsers), or undefined elsewhere. */
export function saveAsPicker(): ((options: SaveAsOptions) => Promise<FileSystemFileHandle>) | undefined {
	const picker = (globalThis as unknown as { showSaveFilePicker?: (options: SaveAsOptions) => Promise<FileSystemFileHandle> }).showSaveFilePicker;
	return typeof picker === 'function' ? picker.bind(globalThis) : undefined;
}
