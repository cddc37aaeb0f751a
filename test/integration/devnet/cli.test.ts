// The `bin/session-devnet` command as a user runs it: one JSON line on stdout, serving, clean SIGTERM exit.
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { post, request, rpc } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'session-devnet');

beforeAll(() => {
  const built = spawnSync(process.execPath, ['tools/build/build.mjs', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) {
    // Another bundle may be broken mid-change; the devnet bundle alone is what this test needs.
    const only = spawnSync(
      process.execPath,
      [
        '-e',
        `require('esbuild').buildSync({bundle:true,platform:'node',target:'node20',format:'cjs',sourcemap:true,packages:'external',` +
          `entryPoints:['tools/devnet/main.ts'],outfile:'build/devnet/devnet.js',logLevel:'error'})`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (only.status !== 0) throw new Error(`building the devnet failed:\n${built.stderr}\n${only.stderr}`);
  }
}, 120_000);

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

function exitOf(child: ChildProcessByStdio<null, Readable, Readable>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('session-devnet command', () => {
  it('prints one JSON line, serves requests and exits 0 on SIGTERM, freeing its ports', async () => {
    const child = spawn(process.execPath, [BIN, '--nodes', '3', '--swarm-size', '3', '--ons', `alice=05${'ab'.repeat(32)}`, '--sogs-room', 'lobby:The Lobby', '--sogs-room=dev'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = exitOf(child);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
      });
      void exited.then(() => reject(new Error(`devnet exited early: ${stderr}`)));
    });
    const info = JSON.parse(line) as {
      seedUrl: string;
      controlUrl: string;
      fileServer: { url: string; x25519: string; ed25519: string };
      nodes: Array<{ ip: string; port: number; ed25519: string; x25519: string; swarmId: string }>;
      sogs: { url: string; pubkey: string; rooms: string[] };
    };
    expect(info.seedUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(info.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(info.fileServer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.nodes.map((n) => n.ip)).toEqual(['127.0.1.1', '127.0.2.1', '127.0.3.1']);
    expect(info.nodes[0]!.swarmId).toMatch(/^\d+$/);
    expect(info.sogs).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), pubkey: expect.stringMatching(/^[0-9a-f]{64}$/), rooms: ['lobby', 'dev'] });
    const networkJson = await request('GET', `${info.seedUrl}network.json`);
    expect(JSON.parse(networkJson.body.toString())).toEqual(info);

    const seed = await post(`${info.seedUrl}json_rpc`, JSON.stringify({ jsonrpc: '2.0', method: 'get_n_service_nodes', params: { active_only: true } }));
    expect(seed.status).toBe(200);
    expect((JSON.parse(seed.body.toString()) as { result: { service_node_states: unknown[] } }).result.service_node_states).toHaveLength(3);
    expect((await rpc(info.nodes[0]!, 'get_swarm', { pubkey: `05${'22'.repeat(32)}` })).status).toBe(200);

    child.kill('SIGTERM');
    const { code, signal } = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const seedPort = Number(new URL(info.seedUrl).port);
    expect(await canListen(seedPort, '127.0.0.1')).toBe(true);
    expect(await canListen(info.nodes[0]!.port, info.nodes[0]!.ip)).toBe(true);
    expect(await canListen(Number(new URL(info.sogs.url).port), '127.0.0.1')).toBe(true);
  }, 30_000);

  it('rejects bad arguments with a message and a non-zero exit', () => {
    const r = spawnSync(process.execPath, [BIN, '--nodes', 'many'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('--nodes needs an integer value');
    expect(r.stdout).toBe('');
    const help = spawnSync(process.execPath, [BIN, '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(help.stdout).toContain('--sogs-room TOKEN[:NAME]');
    expect(help.stdout).toContain('--no-sogs');
  });
});
