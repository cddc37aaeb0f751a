// Local message ids: 32 hex digits; one source's ids follow each other (they share the id index's pages),
// and two sources never collide.
import { randomBytes } from 'node:crypto';
import { createMessageIdSource } from '../../../../ts/backend/services/messageIds';

const random = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

test('ids are 32 hex digits, unique, and in order within a source', () => {
  const next = createMessageIdSource(random);
  const ids = Array.from({ length: 1000 }, () => next());
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(ids);
  // One prefix per source: the first 16 digits are the drawn bytes.
  expect(new Set(ids.map((i) => i.slice(0, 16))).size).toBe(1);
});

test('two sources draw their own prefixes', () => {
  const drawn: number[] = [];
  const counting = (n: number): Uint8Array => {
    drawn.push(n);
    return random(n);
  };
  const a = createMessageIdSource(counting);
  const b = createMessageIdSource(counting);
  expect(drawn).toEqual([8, 8]);
  expect(a().slice(0, 16)).not.toBe(b().slice(0, 16));
  // Fixed bytes give a fixed prefix: the prefix is the randomness, not a clock.
  const fixed = createMessageIdSource((n) => new Uint8Array(n).fill(0xab));
  expect(fixed()).toBe('abababababababab0000000000000000');
  expect(fixed()).toBe('abababababababab0000000000000001');
});
