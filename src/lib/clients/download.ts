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
