// "Export Logs" and About through the backend's handlers, on real profiles: the export starts with the
// application-info block, holds what was logged (also before a restart), never a recovery password or
// an Account ID, and "Clear Data" takes the old log with it.
import fs from 'node:fs';
import path from 'node:path';
import type { DebugLogExport } from '../../../ts/ipc/contract';
import { buildCommitHash, debugLogFileName, systemInformation } from '../../../ts/backend/about';
import { DEBUG_LOG_FILE, DEBUG_LOG_PREVIOUS_FILE } from '../../../ts/backend/logStore';
import { inMemoryBackends } from './engine/fixture';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';

function textOf(e: DebugLogExport): string {
  if (e.outcome !== 'text') throw new Error(`expected the text, got ${e.outcome}`);
  return e.text;
}

describe('debug log export (backend)', () => {
  const env = inMemoryBackends('debuglog-', 60_000);

  it('starts with the application-info block, then the log lines, with no recovery password or Account ID anywhere', async () => {
    const now = Date.UTC(2026, 11, 2, 3, 4, 5, 678);
    const alice = await env.open('alice', { commitHash: COMMIT, now: () => now });
    const { sessionId, mnemonic } = await alice.handlers['account.create']({ displayName: 'Alice' });
    expect((await alice.handlers['account.getRecoveryPassword']({})).mnemonic).toBe(mnemonic);
    // Paths where a careless change could leak it: a failed restore on another profile, an error that
    // quotes its input, and a detail object.
    const bob = await env.open('bob');
    const words = mnemonic.split(' ');
    // The checksum word is one of the first 12 words: use one that is not it, so the checksum is always wrong.
    const wrongWord = words.slice(0, 12).find((w) => w !== words[12]) as string;
    const wrongChecksum = [...words.slice(0, 12), wrongWord].join(' ');
    await expect(Promise.resolve().then(() => bob.handlers['account.restore']({ mnemonic: wrongChecksum }))).rejects.toMatchObject({
      code: 'invalid_params',
    });
    alice.log.error('restore failed', new Error(`cannot decode ${mnemonic}`));
    alice.log.warn('account detail', { mnemonic, sessionId, words });

    const exported = await alice.handlers['app.exportDebugLog']({ userAgent: 'Mozilla/5.0 Test\nInjected: line' });
    expect(exported).toEqual({ outcome: 'text', fileName: 'session_debug_2026-12-02T03-04-05.678Z.txt', text: expect.any(String) });
    const text = textOf(exported);
    const [info, log] = text.split('\n--- log, oldest first ---\n') as [string, string];
    expect(info.split('\n')).toEqual([
      'Session TS debug log',
      'Exported: 2026-12-02T03:04:05.678Z',
      'Version: 0.0.0',
      `Commit: ${COMMIT}`,
      expect.stringMatching(new RegExp(`^System: .+ \\(${process.platform}\\), ${process.arch}$`)),
      `Node.js: ${process.versions.node}`,
      'User agent: Mozilla/5.0 Test Injected: line',
      'Host: cli',
      'Network: mainnet',
      '',
    ]);
    expect(log).toMatch(/INFO backend: opened mainnet\/alice \(cli\)\n/);
    expect(log).toContain(`INFO account: ready as 05…${sessionId.slice(-4)}`);
    expect(log).toContain('ERROR restore failed Error: cannot decode [REDACTED]');
    for (let i = 0; i + 2 <= words.length; i++) expect(text).not.toContain(words.slice(i, i + 2).join(' '));
    expect(text).not.toContain(`"${words[0]}","${words[1]}"`);
    expect(text).not.toContain(sessionId);
    expect(text).not.toContain(sessionId.slice(2, 20));
    // Nor is it on disk, in either file.
    for (const f of [DEBUG_LOG_FILE, DEBUG_LOG_PREVIOUS_FILE]) {
      const file = path.join(alice.profileDir, f);
      if (fs.existsSync(file)) expect(fs.readFileSync(file, 'utf8')).not.toContain(words.slice(0, 2).join(' '));
    }
  });

  it('keeps the log across a restart, within its size limit', async () => {
    let alice = await env.open('alice', { logMaxBytes: 4000 });
    alice.log.info('marker before the restart');
    await env.close(alice);
    alice = await env.open('alice', { logMaxBytes: 4000 });
    let text = textOf(await alice.handlers['app.exportDebugLog']({}));
    expect(text).toContain('marker before the restart');
    expect(text.match(/backend: opened mainnet\/alice/g)).toHaveLength(2);
    expect(text).toContain('backend: closed mainnet/alice');

    for (let i = 0; i < 500; i++) alice.log.info(`busy line ${i}`);
    text = textOf(await alice.handlers['app.exportDebugLog']({}));
    expect(text).toContain('busy line 499');
    expect(text).not.toContain('marker before the restart');
    expect(fs.statSync(path.join(alice.profileDir, DEBUG_LOG_FILE)).size).toBeLessThanOrEqual(4000);
    expect(fs.statSync(path.join(alice.profileDir, DEBUG_LOG_PREVIOUS_FILE)).size).toBeLessThanOrEqual(4000);
  });

  it('"Clear Data" takes the old log with it; the log goes on in the fresh profile', async () => {
    const alice = await env.open('alice');
    alice.log.info('marker before clearing');
    await alice.handlers['data.clear']({ network: false });
    const text = textOf(await alice.handlers['app.exportDebugLog']({}));
    expect(text).not.toContain('marker before clearing');
    expect(text).toContain('backend: cleared mainnet/alice');
  });

  it('tells About the version, system and commit', async () => {
    const alice = await env.open('alice', { commitHash: COMMIT });
    const about = await alice.handlers['app.getAbout']({});
    expect(about).toEqual({
      name: 'Session TS',
      version: '0.0.0',
      systemInformation: expect.stringContaining(`${process.arch}, Node.js ${process.versions.node}`),
      commitHash: COMMIT,
      network: 'mainnet',
    });
    const unrecorded = await env.open('bob');
    expect(await unrecorded.handlers['app.getAbout']({})).not.toHaveProperty('commitHash');
  });
});

describe('about helpers', () => {
  it('describe the system on one line, with Electron and Chromium when they run', () => {
    expect(systemInformation({ osType: 'Linux', osRelease: '6.1.0', platform: 'linux', arch: 'x64', versions: { node: '22.1.0' } })).toBe(
      'Linux 6.1.0 (linux), x64, Node.js 22.1.0',
    );
    expect(
      systemInformation({ osType: 'Darwin', osRelease: '24.0.0', platform: 'darwin', arch: 'arm64', versions: { node: '22.1.0', electron: '40.0.0', chrome: '142.0.1' } }),
    ).toBe('Darwin 24.0.0 (darwin), arm64, Node.js 22.1.0, Electron 40.0.0, Chromium 142.0.1');
  });

  it('accept only a real commit hash from the build', () => {
    expect(buildCommitHash(COMMIT.toUpperCase())).toBe(COMMIT);
    expect(buildCommitHash('')).toBeUndefined();
    expect(buildCommitHash('not a hash')).toBeUndefined();
    expect(buildCommitHash(undefined)).toBeUndefined();
  });

  it('name the file with a timestamp that every file system accepts', () => {
    expect(debugLogFileName(Date.UTC(2026, 0, 2, 13, 14, 15, 16))).toBe('session_debug_2026-01-02T13-14-15.016Z.txt');
  });
});
