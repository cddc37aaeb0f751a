// Seeded fuzz of Content protobufs through the real receive pipeline (issue 14, hostile input): Contents
// of every kind, mutated as bytes or as fields, sealed and signed by a peer or our other device. Each is
// accounted once (added, dropped, duplicate or ignored), nothing throws, stored messages stay bounded, and
// the receiver takes a plain message afterwards. The bench runs the same target longer.
import { receiverTarget } from '../../../support/fuzz/receiverTargets';

test('every hostile Content is accounted once and nothing breaks', async () => {
  const r = await receiverTarget(1430, 800);
  expect(r.failures).toEqual([]);
  expect(r.accepted).toBeGreaterThan(50);
  expect(r.rejected).toBeGreaterThan(50);
});
