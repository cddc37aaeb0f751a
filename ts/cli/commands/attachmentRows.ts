// The `attachments` field of message rows (cli.md v2, "Rich messages"): one entry per attachment, in the
// message's order, with the fields scripts rely on. Absent from a row when the message has none, so rows of
// plain text messages stay as they were.
import type { AttachmentView, MessageView } from '../../ipc/contract';

export interface AttachmentRow {
  index: number;
  /** The sender's file name made safe by the backend; null when the sender gave none. */
  fileName: string | null;
  contentType: string;
  size: number;
  voice: boolean;
  /** The decrypted bytes are on this device (`download` then writes them out without the network). */
  downloaded: boolean;
}

export function attachmentRow(a: AttachmentView): AttachmentRow {
  return { index: a.index, fileName: a.fileName ?? null, contentType: a.contentType, size: a.size, voice: a.voice, downloaded: a.state === 'downloaded' };
}

/** The message's attachment rows, or undefined (left out of the JSON line) when it has none. */
export function attachmentRows(m: MessageView): AttachmentRow[] | undefined {
  const list = m.attachments ?? [];
  return list.length > 0 ? [...list].sort((a, b) => a.index - b.index).map(attachmentRow) : undefined;
}
