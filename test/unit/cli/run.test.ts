import type { FollowUpFailure } from '../../../ts/backend/services/followUps';
import { runCli } from '../../../ts/cli/run';
import { IpcError } from '../../../ts/ipc/errors';
import { ALICE, BOB, account, fakeBackend, io, msg, realSleep } from './fakeBackend';

describe('runCli', () => {
  it('prints help without opening a backend', async () => {
    const b = fakeBackend({});
    const t = io(b);
    expect(await runCli(['help'], t.value)).toBe(0);
    expect(t.out.join('')).toMatch(/^usage: session-cli/);
    expect(b.opened).toEqual([]);
    const j = io(b);
    expect(await runCli(['--json', '--help'], j.value)).toBe(0);
    expect(j.lines()).toEqual([{ usage: expect.stringMatching(/^usage: session-cli/) }]);
  });

  it('exits 2 on usage errors and on invalid environment values, with a hint', async () => {
    const b = fakeBackend({});
    const t = io(b);
    expect(await runCli(['nope'], t.value)).toBe(2);
    expect(t.err.join('')).toBe('session-cli: Unknown command "nope".\nRun "session-cli help" for usage.\n');
    const t2 = io(b, { env: { SESSION_CLI_POLL_MS: 'fast' } });
    expect(await runCli(['whoami'], t2.value)).toBe(2);
    expect(t2.err.join('')).toMatch(/Invalid SESSION_CLI_POLL_MS/);
    expect(b.opened).toEqual([]);
  });

  it('opens the backend with the global options and env tuning, and closes it', async () => {
    const b = fakeBackend(account);
    const t = io(b, { env: { SESSION_CLI_POLL_MS: '100', SESSION_CLI_SEND_ATTEMPTS: '2', SESSION_CLI_RETRY_MS: '50' } });
    expect(await runCli(['--json', 'whoami', '--data-dir', '/d', '--seed', 'http://127.0.0.1:9/', '--profile', 'p'], t.value)).toBe(0);
    expect(b.opened[0]).toMatchObject({ dataDir: '/d', seedUrl: 'http://127.0.0.1:9/', profile: 'p', host: 'cli', appVersion: '9.9.9' });
    expect(b.opened[0]!.engine).toEqual({ pollIntervalMs: 100, sendRetry: { attempts: 2, minDelayMs: 50, maxDelayMs: 60_000 } });
    expect(t.lines()).toEqual([{ sessionId: ALICE, displayName: 'Alice' }]);
    expect(t.err).toEqual([]);
    expect(b.closedCount()).toBe(1);
  });

  it('reports a profile held by another engine as a runtime error', async () => {
    const b = fakeBackend({});
    const t = io(b, {
      openBackend: async () => {
        throw new Error('The profile at /x is already in use by the session-cli with pid 42.');
      },
    });
    expect(await runCli(['whoami'], t.value)).toBe(1);
    expect(t.err.join('')).toBe('session-cli: The profile at /x is already in use by the session-cli with pid 42.\n');
  });

  it('maps invalid parameters from the backend to exit 2 without a stack, and shows internal detail only with --verbose', async () => {
    const b = fakeBackend({ 'account.get': () => null, 'account.restore': () => { throw new IpcError('invalid_params', 'The recovery password is not valid: unknown word.'); } });
    const t = io(b);
    expect(await runCli(['restore', 'a b c', '--json'], t.value)).toBe(2);
    expect(t.err.join('')).toBe('session-cli: The recovery password is not valid: unknown word.\n');
    expect(t.out).toEqual([]);

    const boom = fakeBackend({ 'account.get': () => { throw new Error('disk on fire'); } });
    const quiet = io(boom);
    expect(await runCli(['whoami'], quiet.value)).toBe(1);
    expect(quiet.err.join('')).toBe('session-cli: Something went wrong. Please try again.\n');
    const verbose = io(boom);
    expect(await runCli(['whoami', '--verbose'], verbose.value)).toBe(1);
    expect(verbose.err.join('')).toMatch(/disk on fire\n\s+at /);
  });

  it('refuses to run account commands without an account', async () => {
    const b = fakeBackend({ 'account.get': () => null });
    const t = io(b);
    expect(await runCli(['receive'], t.value)).toBe(1);
    expect(t.err.join('')).toMatch(/no account yet: run "session-cli create --name NAME"/);
  });

  it('create prints the Session ID and mnemonic; restore reads "-" from stdin and never prints it', async () => {
    const b = fakeBackend({ 'account.get': () => null, 'account.create': () => ({ sessionId: ALICE, mnemonic: 'w1 w2' }), 'account.restore': () => ({ sessionId: ALICE }) });
    const c = io(b);
    expect(await runCli(['create', '--name', 'Alice', '--json'], c.value)).toBe(0);
    expect(c.lines()).toEqual([{ sessionId: ALICE, mnemonic: 'w1 w2' }]);
    const r = io(b, { readStdin: async () => 'secret words here\n' });
    expect(await runCli(['restore', '-'], r.value)).toBe(0);
    expect(b.calls.find(([m]) => m === 'account.restore')![1]).toEqual({ mnemonic: 'secret words here' });
    expect(r.out.join('') + r.err.join('')).not.toMatch(/secret/);
  });

  it('send waits for the sent status and prints id, timestamp and status', async () => {
    const b = fakeBackend({
      ...account,
      'messages.send': () => {
        setTimeout(() => b.events.emit('messages.updated', { messages: [msg({ status: 'sent' })] }), 1);
        return msg({});
      },
    });
    const t = io(b, { sleep: realSleep });
    expect(await runCli(['--json', 'send', BOB, ' hi '], t.value)).toBe(0);
    expect(b.calls.find(([m]) => m === 'messages.send')![1]).toEqual({ to: BOB, text: ' hi ' });
    expect(t.lines()).toEqual([{ id: 'm1', timestamp: 1000, status: 'sent' }]);
    // The follow-ups were waited for from a mark taken before the message was queued.
    const names = b.calls.map(([m]) => m);
    expect(names.indexOf('followUps.mark')).toBeLessThan(names.indexOf('messages.send'));
    expect(b.calls.find(([m]) => m === 'followUps.settle')).toEqual(['followUps.settle', { outbox: 7 }]);
  });

  it('send exits 1 after printing the sent message when its sync copy failed or was not confirmed in time', async () => {
    const failure: FollowUpFailure = { source: 'outbox', kind: 'sync', id: '9', destination: ALICE, messageId: 'm1', attempts: 6, error: 'The network is unreachable.', earlier: false };
    const earlier: FollowUpFailure = { ...failure, id: '3', messageId: 'm0', earlier: true };
    const f = fakeBackend(
      {
        ...account,
        'messages.send': () => {
          setTimeout(() => f.events.emit('messages.updated', { messages: [msg({ status: 'sent' })] }), 1);
          return msg({});
        },
      },
      { failed: [earlier, failure] },
    );
    const t = io(f, { sleep: realSleep });
    expect(await runCli(['--json', 'send', BOB, 'hi'], t.value)).toBe(1);
    expect(t.lines()).toEqual([{ id: 'm1', timestamp: 1000, status: 'sent' }]);
    const err = t.err.join('');
    expect(err).toMatch(/^session-cli: warning: an earlier change is not on the network yet: the copy for your other devices of message m0/m);
    expect(err).toMatch(/^session-cli: Not everything was stored: the copy for your other devices of message m1: The network is unreachable\. It is retried/m);

    // Only an earlier change's failure: this send itself is complete (exit 0, with the warning).
    const onlyEarlier = fakeBackend({ ...account, 'messages.send': () => msg({ status: 'sent' }) }, { failed: [earlier] });
    const e = io(onlyEarlier);
    expect(await runCli(['--json', 'send', BOB, 'hi'], e.value)).toBe(0);
    expect(e.err.join('')).toMatch(/warning: an earlier change/);

    const never = fakeBackend({ ...account, 'messages.send': () => msg({ status: 'sent' }) }, 'never');
    const n = io(never, { env: { SESSION_CLI_WAIT_MS: '5000' } });
    expect(await runCli(['--json', 'send', BOB, 'hi'], n.value)).toBe(1);
    expect(n.lines()).toEqual([{ id: 'm1', timestamp: 1000, status: 'sent' }]);
    expect(n.err.join('')).toMatch(/1 follow-up store\(s\) .* were not confirmed in time\. They stay queued/);

    // Only an earlier change's store is unconfirmed: a warning, exit 0.
    const stuck = fakeBackend({ ...account, 'messages.send': () => msg({ status: 'sent' }) }, 'never-earlier');
    const st = io(stuck, { env: { SESSION_CLI_WAIT_MS: '5000' } });
    expect(await runCli(['--json', 'send', BOB, 'hi'], st.value)).toBe(0);
    expect(st.err.join('')).toMatch(/warning: 1 follow-up store\(s\) of earlier changes are not confirmed yet/);
  });

  it('send exits 1 with the error when the message fails, or when it is not confirmed in time', async () => {
    const failing = fakeBackend({
      ...account,
      'messages.send': () => {
        setTimeout(() => failing.events.emit('messages.updated', { messages: [msg({ status: 'failed', error: 'No route to the swarm' })] }), 1);
        return msg({});
      },
    });
    const t = io(failing, { sleep: realSleep });
    expect(await runCli(['--json', 'send', BOB, 'hi'], t.value)).toBe(1);
    expect(t.out).toEqual([]);
    expect(t.err.join('')).toMatch(/Sending failed: No route to the swarm/);

    const slow = fakeBackend({ ...account, 'messages.send': () => msg({}) });
    const s = io(slow, { env: { SESSION_CLI_WAIT_MS: '5000' } });
    expect(await runCli(['--json', 'send', BOB, 'hi'], s.value)).toBe(1);
    expect(s.err.join('')).toMatch(/not confirmed within 5 s\. It stays queued/);
  });

  it('accept waits for the request response and exits 1 after the record when it failed', async () => {
    const conversation = { id: BOB, kind: 'private', name: 'Bob', isApproved: true, isRequest: false, isBlocked: false, unreadCount: 0, updatedAt: 5 };
    const ok = fakeBackend({ ...account, 'conversations.accept': () => conversation });
    const t = io(ok);
    expect(await runCli(['--json', 'accept', BOB], t.value)).toBe(0);
    expect(ok.calls.map(([m]) => m).filter((m) => m !== 'account.get')).toEqual(['followUps.mark', 'conversations.accept', 'followUps.settle']);

    const failure: FollowUpFailure = { source: 'outbox', kind: 'request-response', id: '4', destination: BOB, attempts: 6, error: 'The network is unreachable.', earlier: false };
    const bad = fakeBackend({ ...account, 'conversations.accept': () => conversation }, { failed: [failure] });
    const f = io(bad);
    expect(await runCli(['--json', 'accept', BOB], f.value)).toBe(1);
    expect(f.lines()).toEqual([{ id: BOB, kind: 'private', name: 'Bob', isApproved: true, isRequest: false, isBlocked: false, unreadCount: 0, updatedAt: 5, pinned: false, lastReadTimestamp: null, markedUnread: false }]);
    expect(f.err.join('')).toMatch(/Not everything was stored: the message request response: The network is unreachable\. It is retried/);
  });

  it('receive prints only incoming messages from takeNew, and --wait polls until one arrives', async () => {
    let polls = 0;
    const incoming = msg({ id: 'i1', sender: BOB, conversationId: BOB, direction: 'incoming', status: 'received', text: 'yo' });
    const b = fakeBackend({
      ...account,
      'sync.pollNow': () => ({ newMessages: 0 }),
      'messages.takeNew': () =>
        ++polls < 3 ? [] : [incoming, msg({ id: 'o1' }), msg({ ...incoming, id: 'i2', text: 'gone soon', timestamp: 1001, expiresAt: 61_001 })],
    });
    const t = io(b, { env: { SESSION_CLI_POLL_MS: '100' } });
    expect(await runCli(['--json', 'receive', '--wait', '20'], t.value)).toBe(0);
    expect(t.lines()).toEqual([
      { id: 'i1', conversationId: BOB, sender: BOB, text: 'yo', timestamp: 1000 },
      { id: 'i2', conversationId: BOB, sender: BOB, text: 'gone soon', timestamp: 1001, expiresAt: 61_001 },
    ]);
    // Peeked, printed, then taken through the last one listed (a kill before that prints them again next time).
    const peek = { consumer: 'cli', peek: true };
    expect(b.calls.filter(([m]) => m === 'messages.takeNew').map(([, p]) => p)).toEqual([peek, peek, peek, { consumer: 'cli', through: 'i2' }]);
  });

  it('receive --wait ends quietly with exit 0 when nothing arrives; a failing poll without messages is an error', async () => {
    const b = fakeBackend({ ...account, 'sync.pollNow': () => ({ newMessages: 0 }), 'messages.takeNew': () => [] });
    const t = io(b);
    expect(await runCli(['--json', 'receive', '--wait', '3'], t.value)).toBe(0);
    expect(t.out).toEqual([]);
    const down = fakeBackend({ ...account, 'sync.pollNow': () => { throw new IpcError('network', 'The network is unreachable.'); }, 'messages.takeNew': () => [] });
    const d = io(down);
    expect(await runCli(['receive'], d.value)).toBe(1);
    expect(d.err.join('')).toMatch(/The network is unreachable\./);
  });

  it('create prints the recovery password before waiting for the profile push: an interrupted wait keeps it', async () => {
    const b = fakeBackend({ 'account.get': () => null, 'account.create': () => ({ sessionId: ALICE, mnemonic: 'w1 w2' }) }, 'never');
    const t: ReturnType<typeof io> = io(b, {
      sleep: () =>
        new Promise(() => {
          t.fire('SIGINT');
        }),
    });
    expect(await runCli(['create', '--name', 'Alice', '--json'], t.value)).toBe(130);
    expect(t.lines()).toEqual([{ sessionId: ALICE, mnemonic: 'w1 w2' }]);
  });

  it('closes the backend and exits 130 on SIGINT', async () => {
    const b = fakeBackend({ ...account, 'messages.send': () => msg({}) });
    const t: ReturnType<typeof io> = io(b, {
      // The wait never ends by itself: only the signal can end the run.
      sleep: () =>
        new Promise(() => {
          t.fire('SIGINT');
        }),
    });
    expect(await runCli(['send', BOB, 'hi'], t.value)).toBe(130);
    expect(b.closedCount()).toBe(1);
    expect(t.err.join('')).toMatch(/interrupted/);
  });
});

describe('runCli listing', () => {
  it('prints the usage on stderr with exit 2 when run without arguments', async () => {
    const b = fakeBackend({});
    const t = io(b);
    expect(await runCli([], t.value)).toBe(2);
    expect(t.err.join('')).toMatch(/^usage: session-cli/);
    expect(t.out).toEqual([]);
  });

  it('messages pages through the whole conversation oldest first, without skipping equal timestamps', async () => {
    // 2501 messages, several sharing each timestamp, served newest-first in pages like the backend does.
    const all = Array.from({ length: 2501 }, (_, i) => msg({ id: `m${i}`, timestamp: 1000 + Math.floor(i / 3), text: `t${i}` }));
    const b = fakeBackend({
      ...account,
      'messages.list': (p: { beforeTimestamp?: number; limit?: number }) => {
        const before = p.beforeTimestamp ?? Number.MAX_SAFE_INTEGER;
        return all
          .filter((m) => m.timestamp < before)
          .reverse()
          .slice(0, p.limit ?? 100)
          .reverse();
      },
    });
    const t = io(b);
    expect(await runCli(['--json', 'messages', BOB], t.value)).toBe(0);
    const ids = t.lines().map((l) => (l as { id: string }).id);
    expect(ids).toEqual(all.map((m) => m.id));
  });

  it('messages names the parts it cannot show for people, and keeps the exact text (with expiresAt) in JSON', async () => {
    const list = [
      msg({ id: 'a', direction: 'incoming', sender: BOB, text: '', unsupported: ['attachments'], timestamp: 1000 }),
      msg({ id: 'q', direction: 'incoming', sender: BOB, text: 'see this', unsupported: ['quote', 'link-preview'], timestamp: 1001, expiresAt: 61_001 }),
    ];
    const b = fakeBackend({ ...account, 'messages.list': () => list });
    const people = io(b);
    expect(await runCli(['messages', BOB], people.value)).toBe(0);
    const lines = people.out.join('').split('\n');
    expect(lines.find((l) => l.includes(BOB) && l.endsWith('[not shown: attachments]'))).toBeDefined();
    expect(lines.find((l) => l.endsWith('see this [not shown: quote, link-preview]'))).toBeDefined();
    const json = io(b);
    expect(await runCli(['--json', 'messages', BOB], json.value)).toBe(0);
    expect(json.lines()).toEqual([
      expect.objectContaining({ id: 'a', text: '' }),
      expect.objectContaining({ id: 'q', text: 'see this', expiresAt: 61_001 }),
    ]);
    expect(json.lines()[0]).not.toHaveProperty('expiresAt');
    expect(json.lines()[0]).not.toHaveProperty('unsupported');
  });
});

describe('runCli signals', () => {
  it('a SIGTERM while the profile opens skips the command, closes the backend and exits 143', async () => {
    const b = fakeBackend(account);
    const t: ReturnType<typeof io> = io(b, {
      openBackend: async () => {
        t.fire('SIGTERM');
        return b.backend;
      },
    });
    expect(await runCli(['whoami'], t.value)).toBe(143);
    expect(b.calls).toEqual([]);
    expect(b.closedCount()).toBe(1);
    expect(t.err.join('')).toBe('session-cli: terminated\n');
  });
});

describe('runCli receive deadline', () => {
  it('receive --wait keeps its deadline while a poll hangs, and exits 0', async () => {
    const b = fakeBackend({ ...account, 'sync.pollNow': () => new Promise(() => {}), 'messages.takeNew': () => [] });
    const t = io(b);
    expect(await runCli(['--json', 'receive', '--wait', '5'], t.value)).toBe(0);
    expect(t.out).toEqual([]);
  });
});

describe('app password', () => {
  const locked = { set: true, locked: true, protection: 'password', failedAttempts: 0, retryAfterMs: 0 };
  const lockedBackend = (right: string) => {
    let isLocked = true;
    return fakeBackend({
      'password.status': () => ({ ...locked, locked: isLocked }),
      'password.unlock': (p: { password: string }) => {
        if (p.password !== right) throw new IpcError('wrong_password', 'Incorrect password');
        isLocked = false;
        return { ...locked, locked: false };
      },
      'account.get': () => {
        if (isLocked) throw new IpcError('locked', 'Session is locked: enter your password first.');
        return { sessionId: ALICE, displayName: 'Alice' };
      },
    });
  };

  it('unlocks a locked profile with --password-stdin (first line of stdin) before the command', async () => {
    const b = lockedBackend('pw with spaces');
    const t = io(b, { readStdin: async () => 'pw with spaces\nignored\n' });
    expect(await runCli(['--password-stdin', '--json', 'whoami'], t.value)).toBe(0);
    expect(t.lines()).toEqual([{ sessionId: ALICE, displayName: 'Alice' }]);
    expect(b.calls[0]).toEqual(['password.status', {}]);
    expect(b.calls[1]).toEqual(['password.unlock', { password: 'pw with spaces' }]);
    expect(b.closedCount()).toBe(1);
  });

  it('asks on the terminal without --password-stdin, and says what to do without a terminal', async () => {
    const asked: string[] = [];
    const b = lockedBackend('secret1');
    const t = io(b, { promptPassword: async (prompt) => (asked.push(prompt), 'secret1') });
    expect(await runCli(['whoami'], t.value)).toBe(0);
    expect(asked).toEqual(['App password for this profile: ']);
    const piped = io(lockedBackend('secret1'), { promptPassword: async () => undefined });
    expect(await runCli(['whoami'], piped.value)).toBe(1);
    expect(piped.err.join('')).toMatch(/locked with an app password: run the command in a terminal .* --password-stdin/);
  });

  it('exits 1 on a wrong password and 2 on an empty one or when stdin is wanted twice, never echoing the password', async () => {
    const wrong = io(lockedBackend('right-one'), { readStdin: async () => 'wrong-one\n' });
    expect(await runCli(['--password-stdin', 'whoami'], wrong.value)).toBe(1);
    expect(wrong.err.join('')).toBe('session-cli: Incorrect password\n');
    const empty = io(lockedBackend('right-one'), { readStdin: async () => '' });
    expect(await runCli(['--password-stdin', 'whoami'], empty.value)).toBe(2);
    expect(empty.err.join('')).toMatch(/No app password given/);
    const both = io(lockedBackend('right-one'));
    expect(await runCli(['--password-stdin', 'restore', '-'], both.value)).toBe(2);
    expect(both.err.join('')).toMatch(/both read stdin/);
    // A profile without a password ignores the flag and leaves stdin alone.
    const plain = fakeBackend(account);
    let read = false;
    const p = io(plain, { readStdin: async () => ((read = true), 'x') });
    expect(await runCli(['--password-stdin', 'whoami'], p.value)).toBe(0);
    expect(read).toBe(false);
  });
});
