// Saving a file from the page: a Blob behind an `<a download>`, which the browser shell and Electron both turn
// into a download (Electron asks where to save). No Node, no IPC: the bytes came through the contract.

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_MIME = 'application/pdf';

export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: the download starts asynchronously and needs the URL until then.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function saveBase64(fileName: string, base64: string, mime: string): void {
  saveBlob(fileName, new Blob([base64Bytes(base64)], { type: mime }));
}
