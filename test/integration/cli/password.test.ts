// ./bin/session-cli on a profile locked with an app password, in its own process: --password-stdin unlocks
// it (exit 0), a wrong password exits 1 with "Incorrect password", and without a terminal or the flag the
// CLI says how to give it. The profile is made in-process (small argon2id limits, stored in its key file).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend, silentLogger } from '../../../ts/backend';
import { buildCli, startCli } from './cliProcess';

jest.setTimeout(60_000);
// Nothing listens on port 1: the engine's network attempts fail at once.
const SEED = 'http://127.0.0.1:1/';
let dataDir: string;

beforeAll(async () => {
  buildCli();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-password-'));
  const b = await openBackend({ dataDir, seedUrl: SEED, host: 'cli', appVersion: '0.0.0', logger: silentLogger, engine: { startNetwork: false }, kdfLimits: { opsLimit: 1, memLimit: 64 * 1024 } });
  await b.handlers['account.create']({ displayName: 'Locked Larry' });
  await b.handlers['password.set']({ password: 'open sesame' });
  await b.close();
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it('unlocks with --password-stdin, refuses a wrong password (exit 1) and explains a missing one', async () => {
  const ok = await startCli(SEED, dataDir, ['--password-stdin', 'whoami'], { input: 'open sesame\n' }).done;
  expect(ok.stderr).toBe('');
  expect(ok.code).toBe(0);
  expect(ok.lines).toEqual([{ sessionId: expect.stringMatching(/^05[0-9a-f]{64}$/), displayName: 'Locked Larry' }]);

  const wrong = await startCli(SEED, dataDir, ['--password-stdin', 'whoami'], { input: 'open sesame!\n' }).done;
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toBe('session-cli: Incorrect password\n');
  expect(wrong.stdout).toBe('');
  const none = await startCli(SEED, dataDir, ['whoami']).done;
  expect(none.code).toBe(1);
  expect(none.stderr).toMatch(/locked with an app password: .*--password-stdin/);
});
