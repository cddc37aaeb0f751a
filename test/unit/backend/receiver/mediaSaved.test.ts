// A data-extraction notification from the peer (spec messaging §6.15) is the "Media saved by …" control
// message at the envelope's time (the inner timestamp names the saved message and is not used for the
// time); a screenshot notice stays a placeholder; ours (never synced) is kept as content, not shown.
import { SignalService, identityFromRecoverySeed, loadProtocol, type Identity } from '../../../../ts/protocol';
import { itemOf, openHarness, type Harness } from './harness';

const T0 = 1_780_000_000_000;
const Type = SignalService.DataExtractionNotification.Type;

describe('receiver: media saved notices', () => {
  let me: Identity;
  let peer: Identity;
  let h: Harness;
  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(new Uint8Array(16).fill(0xd1));
    peer = identityFromRecoverySeed(new Uint8Array(16).fill(0xd2));
  });
  beforeEach(() => {
    h = openHarness(me, T0 + 1_000);
  });
  afterEach(() => h.close());

  it('shows media saved as a control message at the envelope time, a screenshot as a placeholder', async () => {
    const r = h.bareReceiver();
    const out = await r.process(
      [
        itemOf(peer, me.sessionId, { dataExtractionNotification: { type: Type.MEDIA_SAVED, timestamp: T0 - 60_000 } }, T0),
        itemOf(peer, me.sessionId, { dataExtractionNotification: { type: Type.SCREENSHOT, timestamp: T0 - 60_000 } }, T0 + 1),
      ],
      [],
    );
    expect(out.added.map((m) => [m.timestamp, m.direction, m.text, m.control, m.unsupported])).toEqual([
      [T0, 'incoming', '', { type: 'media-saved' }, undefined],
      [T0 + 1, 'incoming', '', undefined, ['data-extraction']],
    ]);
    // What the timeline reads back is the same control message.
    expect(h.messages.get(out.added[0]!.id)?.control).toEqual({ type: 'media-saved' });
  });
});
