// Seeded fuzz of every command-line parser (issue 14, hostile input; exit codes per spec/cli.md): random
// mutations of valid session-cli command lines end in a usage error (exit 2, one short
// "session-cli: ..." line and the hint, never a stack trace) or get as far as opening the profile; the
// hosts' shared options, the web host's own and session-devnet's give a parse or their own short error.
// The bench runs the same targets longer (tools/bench).
import { parseArgs as parseDevnetArgs } from '../../../tools/devnet/args';
import { HostArgsError, parseHostArgs } from '../../../ts/backend/hostArgs';
import { parseArgs } from '../../../ts/cli/args';
import { cliTarget, devnetArgsTarget, hostArgsTarget } from '../../support/fuzz/cliTargets';

test('session-cli: usage errors or a parse, never anything else', async () => {
  const r = await cliTarget(1420, 4_000);
  expect(r.failures).toEqual([]);
  expect(r.accepted).toBeGreaterThan(100);
  expect(r.rejected).toBeGreaterThan(1000);
});

test('host options (Electron, web host, CLI) and the web host own', async () => {
  const r = await hostArgsTarget(1421, 3_000);
  expect(r.failures).toEqual([]);
  expect(r.accepted).toBeGreaterThan(0);
  expect(r.rejected).toBeGreaterThan(0);
});

test('session-devnet', async () => {
  const r = await devnetArgsTarget(1422, 3_000);
  expect(r.failures).toEqual([]);
  expect(r.accepted).toBeGreaterThan(0);
  expect(r.rejected).toBeGreaterThan(0);
});

// Found by the fuzz: these quoted whatever was typed in full (a 1,400-character "unknown argument"), and
// the seed URL's credentials were repeated in the message refusing them.
describe('usage messages quote at most 80 characters of what was typed', () => {
  const long = '<img src=x onerror=alert(1)>'.repeat(40);
  test.each([
    [['--seed', `http://h/${long}?q`], /^Invalid seed URL "http:\/\/h\/<img.{60,}…": a query/],
    [['--profile', long], /^Invalid profile name "<img.{70,}…": use 1 to 64/],
    [['--network', long], /^Invalid network ".{70,}…"/],
    [['--port', long], /^Invalid port ".{70,}…"/],
  ])('host option %#', (argv, message) => {
    expect(() => parseHostArgs(argv)).toThrow(HostArgsError);
    expect(() => parseHostArgs(argv)).toThrow(message);
    expect(() => parseHostArgs(argv)).not.toThrow(/.{300}/);
  });
  test('session-cli', () => {
    expect(() => parseArgs(['receive', '--wait', long])).toThrow(/^Invalid --wait "<img.{70,}…": expected/);
    expect(() => parseArgs(['whoami', `--${'x'.repeat(200)}`])).toThrow(/^Unknown option "--x{78}…"\.$/);
    expect(() => parseArgs(['whoami', '--nope'])).toThrow(/^Unknown option --nope\.$/);
  });
  test('session-devnet', () => {
    expect(() => parseDevnetArgs([long])).toThrow(/^unknown argument: <img.{70,}…$/);
  });
  test('a seed URL with credentials is refused without repeating them', () => {
    expect(() => parseHostArgs(['--seed', 'http://user:hunter2@127.0.0.1:9/'])).toThrow('Invalid seed URL: credentials (user:password@) are not allowed.');
  });
});

// Found by the fuzz: a typed line break, escape sequence or direction override was printed as is, so a
// usage message could span lines, recolour the terminal or read backwards. Now written as \uXXXX.
test('usage messages show controls and direction overrides as escapes, on one line', () => {
  expect(() => parseArgs(['frob\nnicate'])).toThrow('Unknown command "frob\\u000anicate".');
  expect(() => parseArgs(['timer', `05${'ab'.repeat(32)}`, 'send:\u001b[31m'])).toThrow(/^Invalid timer "send:\\u001b\[31m": expected/);
  expect(() => parseArgs(['pin', 'x\u202egnp.exe'])).toThrow(/^Invalid conversation ID "x\\u202egnp\.exe": /);
  expect(() => parseHostArgs(['--profile', 'a\r\nb'])).toThrow('Invalid profile name "a\\u000d\\u000ab": use 1 to 64 letters, digits, "_" or "-".');
  expect(() => parseDevnetArgs(['--x\u2066'])).toThrow('unknown argument: --x\\u2066');
  // The bench's longer run (seed 94000): escapes count towards the 80 characters quoted.
  expect(() => parseArgs(['\r\n'.repeat(100)])).toThrow(/^Unknown command "(\\u000d\\u000a){6}\\u000d…"\.$/);
  expect(() => parseDevnetArgs(['\r\n'.repeat(100)])).toThrow(/^unknown argument: (\\u000d\\u000a){6}\\u000d…$/);
});
