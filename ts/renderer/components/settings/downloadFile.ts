// Saves text or bytes as a file through the browser's download (the web host has no Save dialog of its own).
export function downloadBlob(fileName: string, blob: Blob, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob after click() returns; free it once the download surely started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadTextFile(fileName: string, text: string, doc: Document = document): void {
  downloadBlob(fileName, new Blob([text], { type: 'text/plain;charset=utf-8' }), doc);
}
