// session-cli `timer` and the disappearing fields of rows (spec/cli.md "Rich messages") against the fake
// backend: the official values only (anything else exits 2 without calling the backend), the call between
// the follow-up mark and settle, the conversation printed with its setting ("off" included), and message
// rows carrying "expiresAt" and "expiration" only for disappearing messages.
import { runCli } from '../../../ts/cli/run';
import type { ConversationSummary } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
import { BOB, account, fakeBackend, io, msg } from './fakeBackend';

function convo(over: Partial<ConversationSummary> = {}): ConversationSummary {
  return { id: BOB, kind: 'private', name: 'Bob', isApproved: true, isRequest: false, isBlocked: false, unreadCount: 0, updatedAt: 5, ...over };
}
const trace = (b: ReturnType<typeof fakeBackend>) => b.calls.filter(([m]) => m !== 'account.get');

describe('session-cli timer', () => {
  it.each([
    ['send:86400', { mode: 'after-send', seconds: 86400 }, { type: 'send', seconds: 86400 }],
    ['read:300', { mode: 'after-read', seconds: 300 }, { type: 'read', seconds: 300 }],
    ['READ:5', { mode: 'after-read', seconds: 5 }, { type: 'read', seconds: 5 }],
    ['off', { mode: 'off', seconds: 0 }, { type: 'off', seconds: 0 }],
  ] as const)('timer ID %s sets the conversation and prints it with its expiration', async (arg, params, printed) => {
    const b = fakeBackend({
      ...account,
      'conversations.setExpiration': (p: { mode: string; seconds: number }) =>
        convo(p.mode === 'off' ? {} : { expiration: { type: p.mode as 'after-send' | 'after-read', seconds: p.seconds } }),
    });
    const t = io(b);
    expect(await runCli(['--json', 'timer', BOB.toUpperCase(), arg], t.value)).toBe(0);
    expect(trace(b)).toEqual([
      ['followUps.mark', undefined],
      ['conversations.setExpiration', { id: BOB, ...params }],
      ['followUps.settle', { outbox: 7 }],
    ]);
    expect(t.lines()).toEqual([expect.objectContaining({ id: BOB, kind: 'private', expiration: printed })]);
  });

  it.each(['send:7', 'read:0', 'send:86401', 'after:60', 'send', 'read:-5', 'send:1e3', 'on'])('refuses %s as a usage error (exit 2) without calling the backend', async (arg) => {
    const b = fakeBackend({ ...account, 'conversations.setExpiration': () => convo() });
    const t = io(b);
    expect(await runCli(['--json', 'timer', BOB, arg], t.value)).toBe(2);
    expect(t.err.join('')).toMatch(/Invalid timer .*off, send:SECONDS or read:SECONDS with SECONDS one of 5, 10, 30, 60, 300, 1800, 3600, 21600, 43200, 86400, 604800, 1209600/);
    expect(b.calls.filter(([m]) => m === 'conversations.setExpiration')).toEqual([]);
  });

  it('shows the setting to people, and the backend refusal (a group) on one line', async () => {
    const b = fakeBackend({ ...account, 'conversations.setExpiration': () => convo({ expiration: { type: 'after-send', seconds: 43200 } }) });
    const t = io(b);
    expect(await runCli(['timer', BOB, 'send:43200'], t.value)).toBe(0);
    expect(t.out.join('')).toMatch(/after send, 43200 s/);
    const g = fakeBackend({
      ...account,
      'conversations.setExpiration': () => {
        throw new IpcError('invalid_params', 'Disappearing messages can be set only in one-to-one conversations and Note to Self.');
      },
    });
    const e = io(g);
    expect(await runCli(['timer', '03' + 'd4'.repeat(32), 'send:60'], e.value)).toBe(2);
    expect(e.err.join('')).toMatch(/one-to-one conversations/);
  });

  it('message rows carry expiresAt and expiration for disappearing messages only', async () => {
    const b = fakeBackend({
      ...account,
      'messages.list': () => [
        msg({ id: 'a', direction: 'incoming', sender: BOB, status: 'received', expiration: { type: 'after-read', seconds: 300 } }),
        msg({ id: 'b', direction: 'incoming', sender: BOB, status: 'read', expiresAt: 301_001, expiration: { type: 'after-read', seconds: 300 } }),
        msg({ id: 'c', status: 'sent', expiresAt: 87_400_000, expiration: { type: 'after-send', seconds: 86400 } }),
        msg({ id: 'd', status: 'sent' }),
      ],
    });
    const t = io(b);
    expect(await runCli(['--json', 'messages', BOB], t.value)).toBe(0);
    const rows = t.lines() as Record<string, unknown>[];
    expect(rows.map((r) => [r.id, r.expiresAt, r.expiration])).toEqual([
      ['a', undefined, { type: 'read', seconds: 300 }],
      ['b', 301_001, { type: 'read', seconds: 300 }],
      ['c', 87_400_000, { type: 'send', seconds: 86400 }],
      ['d', undefined, undefined],
    ]);
  });
});
