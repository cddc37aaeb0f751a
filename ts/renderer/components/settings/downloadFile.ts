// Saves text as a file through the browser's download (the web host has no Save dialog of its own).
export function downloadTextFile(fileName: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
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
