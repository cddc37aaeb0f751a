import { createOutput, formatFields, formatTable, jsonLine, visible } from '../../../ts/cli/output';

function capture(json: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  const o = createOutput({ json, stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { o, out, err };
}

const COLS = [
  { key: 'id', title: 'ID' },
  { key: 'text', title: 'Text' },
];

describe('json output', () => {
  it('prints one parseable object per line, text byte-exact, nothing on stderr for progress', () => {
    const text = '  hi 👩‍👩‍👧 \u200f\u202eשלום\u200d \u0000\u001b[31m\n\u2028 \ud800 ';
    const { o, out, err } = capture(true);
    o.records([{ id: 'a', text, gone: undefined }, { id: 'b', text: 'x' }], COLS);
    o.record({ id: 'c' }, COLS);
    o.progress('Sending...');
    expect(err).toEqual([]);
    const lines = out.join('').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toEqual({ id: 'a', text });
    expect(Object.keys(JSON.parse(lines[0]!))).toEqual(['id', 'text']);
    expect(JSON.parse(lines[2]!)).toEqual({ id: 'c' });
  });

  it('escapes lone surrogates so the line stays valid UTF-8', () => {
    expect(jsonLine({ t: '\ud800' })).toBe('{"t":"\\ud800"}\n');
  });

  it('prints nothing for an empty list', () => {
    const { o, out } = capture(true);
    o.records([], COLS, 'Nothing.');
    expect(out).toEqual([]);
  });
});

describe('human output', () => {
  it('aligns table columns and leaves the last one unpadded', () => {
    expect(
      formatTable(
        [
          { id: 'a', text: 'first' },
          { id: 'longer', text: 'x' },
        ],
        COLS,
      ),
    ).toBe('ID      Text\na       first\nlonger  x\n');
  });

  it('counts zero-width and direction marks as no width when aligning', () => {
    const table = formatTable([{ id: 'a\u200d\u200f', text: '1' }, { id: 'bb', text: '2' }], COLS);
    expect(table.split('\n')[1]).toBe('a\u200d\u200f   1');
  });

  it('makes control characters visible so a text cannot drive the terminal', () => {
    expect(visible('a\u001b[2Jb\nc\rd\te\u0085')).toBe('a\\u001b[2Jb\\nc\\rd\\te\\u0085');
    const { o, out } = capture(false);
    o.records([{ id: '1', text: '\u001b]0;pwned\u0007' }], COLS);
    expect(out.join('')).not.toMatch(/\u001b/);
  });

  it('prints labelled fields for one record, skipping missing ones', () => {
    expect(formatFields({ id: 'x', text: undefined }, COLS)).toBe('ID: x\n');
    expect(formatFields({ id: 'x', text: 'y' }, [{ key: 'id', title: 'Session ID' }, { key: 'text', title: 'Name' }])).toBe('Session ID: x\nName:       y\n');
  });

  it('prints the empty text, progress on stderr, errors with the program name', () => {
    const { o, out, err } = capture(false);
    o.records([], COLS, 'Nothing.');
    o.progress('Building onion paths...');
    o.error('boom');
    expect(out).toEqual(['Nothing.\n']);
    expect(err).toEqual(['Building onion paths...\n', 'session-cli: boom\n']);
  });
});
