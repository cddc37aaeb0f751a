// The layer arrows of ARCHITECTURE.md are enforced by lint: forbidden imports fail, allowed ones pass.
// ESLint's flat config is ESM, which jest's CommonJS runtime cannot load, so every case is
// linted in one child Node process through ESLint's own API.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

const LINT_SCRIPT = `
import { ESLint } from 'eslint';
import path from 'node:path';
const cases = JSON.parse(await new Promise((r) => { let s = ''; process.stdin.on('data', (d) => (s += d)); process.stdin.on('end', () => r(s)); }));
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const c of cases) {
  const [res] = await eslint.lintText(c.code, { filePath: path.join(process.cwd(), c.file) });
  out.push(res.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.message));
}
process.stdout.write(JSON.stringify(out));
`;

function lintCases(cases: Array<[string, string]>): string[][] {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', LINT_SCRIPT], {
    cwd: root,
    input: JSON.stringify(cases.map(([file, code]) => ({ file, code }))),
    encoding: 'utf8',
  });
  return JSON.parse(out) as string[][];
}

describe('layer import rules', () => {
  const forbidden: Array<[string, string]> = [
    ['ts/renderer/components/X.tsx', "import { x } from '../../backend/db';\nexport const y = x;\n"],
    ['ts/renderer/X.ts', "import fs from 'node:fs';\nexport const y = fs;\n"],
    ['ts/protocol/keys.ts', "import { x } from '../network/pool';\nexport const y = x;\n"],
    ['ts/protocol/keys.ts', "import http from 'node:http';\nexport const y = http;\n"],
    ['ts/protocol/keys.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nexport const y = Database;\n"],
    ['ts/network/pool.ts', "import { x } from '../backend/db';\nexport const y = x;\n"],
    ['ts/ipc/contract.ts', "import { x } from '../backend/db';\nexport const y = x;\n"],
    ['ts/ipc/contract.ts', "import { app } from 'electron';\nexport const y = app;\n"],
    ['preload/preload.ts', "import { x } from '../ts/backend/db';\nexport const y = x;\n"],
    ['main/main.ts', "import { x } from '../ts/renderer/App';\nexport const y = x;\n"],
    ['tools/devnet/server.ts', "import { x } from '../../ts/protocol/storageRpc';\nexport const y = x;\n"],
    ['ts/cli/main.ts', "const x = require('../network/pool');\nexport const y = x;\n"],
  ];
  it('reports every forbidden import', () => {
    const results = lintCases(forbidden);
    results.forEach((errors, i) => {
      expect([forbidden[i]![0], errors.length]).toEqual([forbidden[i]![0], 1]);
    });
  });

  const allowed: Array<[string, string]> = [
    ['ts/renderer/X.ts', "import type { SessionApi } from '../ipc/contract';\nexport type Y = SessionApi;\n"],
    ['ts/network/pool.ts', "import { x } from '../protocol/keys';\nexport const y = x;\n"],
    ['ts/backend/db.ts', "import { x } from '../network/pool';\nimport fs from 'node:fs';\nexport const y = [x, fs];\n"],
    ['main/main.ts', "import { x } from '../ts/backend/index';\nexport const y = x;\n"],
    ['tools/devnet/server.ts', "import { x } from '../../ts/protocol/primitives/aead';\nexport const y = x;\n"],
    ['ts/ipc/transport/wsServer.ts', "import { WebSocketServer } from 'ws';\nexport const y = WebSocketServer;\n"],
    ['ts/protocol/onion.ts', "import { createCipheriv } from 'node:crypto';\nexport const y = createCipheriv;\n"],
  ];
  it('accepts every allowed import', () => {
    const results = lintCases(allowed);
    results.forEach((errors, i) => {
      expect([allowed[i]![0], errors]).toEqual([allowed[i]![0], []]);
    });
  });
});
