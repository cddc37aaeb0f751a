// Local message ids: 32 hex digits, a random 8-byte prefix drawn once per source and a 64-bit counter.
// Ids made by one source follow each other, so a batch of received messages lands on a few adjacent
// pages of the messages table's id index instead of on a random page each: with the database encrypted
// page by page, every page a commit touches is encrypted and written again.

/** Returns the next id of a source; ids are unique as long as the prefixes are (64 random bits). */
export type MessageIdSource = () => string;

export function createMessageIdSource(randomBytes: (n: number) => Uint8Array): MessageIdSource {
  const prefix = Buffer.from(randomBytes(8)).toString('hex');
  let counter = 0;
  return () => prefix + (counter++).toString(16).padStart(16, '0');
}
