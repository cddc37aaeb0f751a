// The strict bt codec and the config message parser's rejections (each with a typed error, never a throw).
import { loadProtocol } from '../../../../ts/protocol/primitives/sodium';
import { BT_INT_MAX, BT_INT_MIN, btDecode, btDecodeDict, btEncode, type BtValue } from '../../../../ts/protocol/config/bt';
import { parseConfigMessage } from '../../../../ts/protocol/config/configMessage';
import { ProtocolError } from '../../../../ts/protocol/primitives/errors';

beforeAll(loadProtocol);

const b = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const s = (u: Uint8Array): string => Buffer.from(u).toString('latin1');

describe('bt codec', () => {
  test('round-trips binary keys and values, bigints at both ends of the range', () => {
    const v: BtValue = new Map<string, BtValue>([
      ['\xff\x00', 'bytes \x80\xff'],
      ['', [BT_INT_MIN, BT_INT_MAX, 0n, -1n, '']],
      ['a', new Map<string, BtValue>([['z', new Map()]])],
    ]);
    const enc = btEncode(v);
    expect(s(enc)).toBe('d0:li-9223372036854775808ei18446744073709551615ei0ei-1e0:e1:ad1:zdee2:\xff\x008:bytes \x80\xffe');
    const dec = btDecode(enc);
    expect(dec.ok && s(btEncode(dec.value))).toBe(s(enc));
  });

  test.each([
    ['i01e', /leading zero/],
    ['i-0e', /negative zero/],
    ['i-01e', /leading zero/],
    ['ie', /empty number/],
    ['i1', /truncated/],
    ['i18446744073709551616e', /out of range/],
    ['i-9223372036854775809e', /out of range/],
    ['i123456789012345678901e', /too long/],
    ['01:a', /leading zero/],
    ['5:abc', /past the end/],
    ['d1:bi1e1:ai2ee', /unsorted/],
    ['d1:ai1e1:ai2ee', /unsorted or duplicated/],
    ['d1:a', /truncated/],
    ['l', /truncated/],
    ['le1', /trailing data/],
    ['x', /unexpected byte/],
    ['d i1e', /expected a string/],
    ['', /truncated/],
  ])('rejects %j', (input, why) => {
    const r = btDecode(b(input));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(ProtocolError);
      expect(r.error.kind).toBe('bencode_invalid');
      expect(r.error.detail).toMatch(why);
    }
  });

  test('limits nesting depth without recursing forever', () => {
    expect(btDecode(b('l'.repeat(60) + 'e'.repeat(60))).ok).toBe(true);
    const deep = btDecode(b('l'.repeat(100_000) + 'e'.repeat(100_000)));
    expect(deep.ok).toBe(false);
    if (!deep.ok) expect(deep.error.detail).toMatch(/nested too deeply/);
  });

  test('btDecodeDict wants a dict', () => {
    expect(btDecodeDict(b('le')).ok).toBe(false);
    expect(btDecodeDict(b('de')).ok).toBe(true);
  });

  test('the encoder refuses non-binary strings and out-of-range ints', () => {
    expect(() => btEncode('☃')).toThrow(ProtocolError);
    expect(() => btEncode(BT_INT_MAX + 1n)).toThrow(ProtocolError);
  });
});

describe('config message parser rejections', () => {
  const H = 'h'.repeat(32);
  test.each([
    ['le', 'config_invalid', /not a bt dict/],
    ['de', 'config_invalid', /first key/],
    ['d1:&de1:#i0ee', 'config_invalid', /first key/],
    ['d1:!i0e1:#i0e1:&dee', 'config_invalid', /first key/],
    ['d1:#1:x1:&dee', 'config_invalid', /seqno is not an integer/],
    ['d1:#i-1e1:&dee', 'bencode_invalid', /out of range/],
    ['d1:#i0e1:<lee', 'config_invalid', /"&" data dict not found/],
    ['d1:#i0ee', 'config_invalid', /"&" data dict not found/],
    ['d1:#i0e1:&lee', 'config_invalid', /"&" is not a dict/],
    ['d1:#i0e1:&de1:~64:' + 'x'.repeat(64) + '2:~~i1ee', 'config_invalid', /keys after "~"/],
    ['d1:#i0e1:&de1:~3:abce', 'signature_invalid', /64/],
    ['d1:#i0e1:&de2:~~i1ee', 'config_invalid', /keys after "~"/],
    ['d1:#i0e1:&dee1', 'bencode_invalid', /trailing data/],
    ['d1:#i0e1:&d1:ai1e1:ai2eee', 'bencode_invalid', /unsorted or duplicated/],
    ['d1:#i0e1:&d1:ali2ei1eeee', 'config_invalid', /unsorted or has duplicates/],
    ['d1:#i0e1:&d1:ali1ei1eeee', 'config_invalid', /unsorted or has duplicates/],
    ['d1:#i0e1:&d1:al1:ai1eeee', 'config_invalid', /unsorted or has duplicates/],
    ['d1:#i0e1:&d1:allee', 'config_invalid', /non-scalar/],
    ['d1:#i0e1:&d1:ai9223372036854775808eee', 'bencode_invalid', /out of range/],
    ['d1:#i5e1:&de1:<li5e32:' + H + 'dee', 'config_invalid', /is not a list/],
    ['d1:#i5e1:&de1:<lli5e32:' + H + 'deeee', 'config_invalid', /lagged seqno >= current/],
    ['d1:#i5e1:&de1:<lli4e3:abcdeeee', 'config_invalid', /32 bytes/],
    ['d1:#i5e1:&de1:<lli4e32:' + H + 'deeli3e32:' + H + 'deeee', 'config_invalid', /unsorted or duplicated/],
    ['d1:#i5e1:&de1:<lli4e32:' + H + 'deeli4e32:' + H + 'deeee', 'config_invalid', /unsorted or duplicated/],
    ['d1:#i5e1:&de1:<lli4e32:' + H + 'dei1eeee', 'config_invalid', /more than 3/],
    ['d1:#i5e1:&de1:<lli4e32:' + H + 'leeee', 'config_invalid', /not a dict/],
    ['d1:#i0e1:&de1:=d1:a1:xee', 'config_invalid', /invalid scalar marker/],
    ['d1:#i0e1:&de1:=d1:ai1eee', 'config_invalid', /integer value/],
    ['d1:#i0e1:&de1:=d1:alleee', 'config_invalid', /pair of lists/],
    ['d1:#i0e1:&de1:=d1:alleleleee', 'config_invalid', /more than two/],
    ['d1:#i0e1:&de1:=d1:alli2ei1eeleeee', 'config_invalid', /unsorted/],
    ['d1:#i0e1:&de1:=d1:all1:b1:aeleeee', 'config_invalid', /unsorted/],
    ['d1:#i0e1:&de1:=lee', 'config_invalid', /"=" is not a dict/],
  ])('%j → %s', (input, kind, why) => {
    const r = parseConfigMessage(b(input));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(ProtocolError);
      expect(r.error.kind).toBe(kind);
      expect(`${r.error.message} ${r.error.detail ?? ''}`).toMatch(why);
    }
  });

  test('lagged diffs at or below seqno − lag are dropped, not re-emitted', () => {
    const H = 'h'.repeat(32);
    const msg = `d1:#i6e1:&de1:<lli1e32:${H}d1:x1:-eeli2e32:${H}deee1:=dee`;
    const r = parseConfigMessage(b(msg));
    if (!r.ok) throw r.error;
    expect(r.value.laggedDiffs.map((l) => l.seqno)).toEqual([2]);
    expect(s(r.value.serialize())).toBe(`d1:#i6e1:&de1:<lli2e32:${H}deee1:=dee`);
    // The hash stays that of the bytes received.
    const again = parseConfigMessage(r.value.serialize());
    expect(again.ok && again.value.hashBinary() !== r.value.hashBinary()).toBe(true);
  });

  test('missing "<" and "=" are accepted (libsession treats them as empty) and written back', () => {
    const r = parseConfigMessage(b('d1:#i3e1:&d1:ai1eee'));
    expect(r.ok && s(r.value.serialize())).toBe('d1:#i3e1:&d1:ai1ee1:<le1:=dee');
  });

  test('unknown top-level keys in every gap are kept in position, also under a signature', () => {
    const body = 'd1:#i2e1:$i-7e1:&d1:ai1ee2:&&le1:<le2:<ad1:xlee1:=de1:xli18446744073709551615ee';
    const r = parseConfigMessage(b(body + 'e'));
    if (!r.ok) throw r.error;
    expect(r.value.unknownKeys.map(([k]) => k)).toEqual(['$', '&&', '<a', 'x']);
    expect(s(r.value.serialize())).toBe(body + 'e');
    const inc = r.value.increment();
    expect(s(inc.serialize())).toMatch(/^d1:#i3e1:\$i-7e1:&d1:ai1ee2:&&le1:<l.*e2:<ad1:xlee1:=de1:xli18446744073709551615eee$/s);
    const sig = 'S'.repeat(64);
    const signed = parseConfigMessage(b(`${body}1:~64:${sig}e`), {
      verifier: (data, signature) => s(data) === body && s(signature) === sig,
    });
    expect(signed.ok && s(signed.value.serialize())).toBe(`${body}1:~64:${sig}e`);
  });

  test('not-bytes input is a typed error', () => {
    const r = parseConfigMessage('d1:#i0ee' as unknown as Uint8Array);
    expect(r.ok).toBe(false);
  });
});
