// Writes text to the clipboard, rejecting clearly when the page has no clipboard access.
export function copyText(text: string): Promise<void> {
  const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  return clipboard ? clipboard.writeText(text) : Promise.reject(new Error('no clipboard'));
}
