// The devnet file server (spec §8): reachable only through onion v4 (spec §6.5) with its own X25519 key;
// upload, download and extend, files on disk and their metadata in the devnet database.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { utf8, type Identity, type RandomBytes } from './crypto';
import type { DevnetDb } from './db';
import type { HopResult } from './onion';
import { handleV4Destination, type V4Request } from './v4dest';

export const MAX_FILE_BYTES = 10_000_000;
const DEFAULT_TTL_SECONDS = 14 * 86_400;
const MAX_TTL_SECONDS = 60 * 86_400;
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

export interface FileServerOptions {
  readonly identity: Identity;
  readonly db: DevnetDb;
  readonly dir: string;
  readonly now: () => number;
  readonly random: RandomBytes;
  readonly defaultTtlSeconds?: number;
}


interface V4Response {
  readonly code: number;
  readonly contentType: string;
  readonly body: Uint8Array;
}

const jsonResponse = (code: number, value: unknown): V4Response => ({
  code,
  contentType: 'application/json',
  body: utf8(JSON.stringify(value)),
});
const textResponse = (code: number, msg: string): V4Response => ({ code, contentType: 'text/plain; charset=utf-8', body: utf8(msg) });

/** An injected file-server failure: every request answers `status` (`times` requests, or until cleared). */
export interface FileServerFault {
  readonly status: number;
  readonly times?: number;
}

export class FileServer {
  private fault: { status: number; remaining: number | null } | null = null;

  constructor(private readonly opts: FileServerOptions) {}

  /** Makes the next requests (all, or `times` of them) answer `status` inside the v4 reply; null clears it. */
  setFault(fault: FileServerFault | null): void {
    if (fault === null) {
      this.fault = null;
      return;
    }
    if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) throw new Error('file server fault needs a status 100-599');
    if (fault.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) throw new Error('times must be a positive integer');
    this.fault = { status: fault.status, remaining: fault.times ?? null };
  }

  /** Makes a stored file expired now (downloads answer 404; the next cleanup removes it). False if unknown. */
  expire(id: string): boolean {
    const meta = ID_RE.test(id) ? this.opts.db.getFile(id) : null;
    if (!meta) return false;
    this.opts.db.putFile({ ...meta, expires: this.opts.now() / 1000 - 1 });
    return true;
  }

  /** Deletes a stored file (metadata and bytes). False if unknown. */
  async remove(id: string): Promise<boolean> {
    if (!ID_RE.test(id) || !this.opts.db.deleteFile(id)) return false;
    await fsp.rm(path.join(this.opts.dir, id), { force: true });
    return true;
  }

  /** Flips one bit of a stored file's last byte (where a legacy blob keeps its MAC). False if unknown. */
  async corrupt(id: string): Promise<boolean> {
    if (!ID_RE.test(id) || !this.opts.db.getFile(id)) return false;
    const file = path.join(this.opts.dir, id);
    const data = await fsp.readFile(file).catch(() => null);
    if (!data || data.length === 0) return false;
    data[data.length - 1] = (data[data.length - 1] as number) ^ 0x01;
    await fsp.writeFile(file, data);
    return true;
  }

  /** Current injected failure for one request (counting it down). */
  private takeFault(): number | null {
    const f = this.fault;
    if (!f) return null;
    if (f.remaining !== null && --f.remaining <= 0) this.fault = null;
    return f.status;
  }

  /** Handles the body POSTed to /oxen/v4/lsrpc by the last onion hop. */
  handleLsrpc(body: Uint8Array): Promise<HopResult> {
    return handleV4Destination(body, this.opts.identity, this.opts.random, async (req) => {
      const faultStatus = this.takeFault();
      return faultStatus !== null ? textResponse(faultStatus, 'Injected fault') : await this.route(req);
    });
  }

  /** Removes expired files (metadata and bytes). */
  async cleanupExpired(): Promise<void> {
    for (const id of this.opts.db.takeExpiredFiles(this.opts.now() / 1000)) {
      await fsp.rm(path.join(this.opts.dir, id), { force: true });
    }
  }

  private ttlFrom(headers: Record<string, string>): number {
    const raw = Object.entries(headers).find(([k]) => k.toLowerCase() === 'x-fs-ttl')?.[1];
    const ttl = raw !== undefined && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : (this.opts.defaultTtlSeconds ?? DEFAULT_TTL_SECONDS);
    return Math.min(Math.max(ttl, 1), MAX_TTL_SECONDS);
  }

  private async route(req: V4Request): Promise<V4Response> {
    const [pathPart] = req.endpoint.split('?');
    const segments = (pathPart ?? '').split('/').filter((s) => s.length > 0);
    const nowS = this.opts.now() / 1000;
    if (req.method === 'POST' && segments.length === 1 && segments[0] === 'file') {
      const data = req.body ?? new Uint8Array(0);
      if (data.length === 0) return textResponse(400, 'No file data');
      if (data.length > MAX_FILE_BYTES) return textResponse(413, `File too large (limit ${MAX_FILE_BYTES} bytes)`);
      const id = Buffer.from(this.opts.random(33)).toString('base64url');
      await fsp.writeFile(path.join(this.opts.dir, id), data);
      const expires = nowS + this.ttlFrom(req.headers);
      this.opts.db.putFile({ id, size: data.length, uploaded: nowS, expires });
      return jsonResponse(200, { id, expires });
    }
    if (segments[0] === 'file' && segments.length >= 2 && ID_RE.test(segments[1]!)) {
      const id = segments[1]!;
      const meta = this.opts.db.getFile(id);
      if (!meta || meta.expires < nowS) return textResponse(404, 'File not found');
      if (req.method === 'GET' && segments.length === 2) {
        const data = await fsp.readFile(path.join(this.opts.dir, id)).catch(() => null);
        if (!data) return textResponse(404, 'File not found');
        return { code: 200, contentType: 'application/octet-stream', body: new Uint8Array(data) };
      }
      if (req.method === 'POST' && segments.length === 3 && segments[2] === 'extend') {
        const expires = Math.max(meta.expires, nowS + this.ttlFrom(req.headers));
        this.opts.db.putFile({ ...meta, expires });
        return jsonResponse(200, { expires, uploaded: meta.uploaded, size: meta.size });
      }
    }
    if (req.method === 'GET' && segments.length === 1 && segments[0] === 'session_version') {
      // The blinded-key signature is not verified here; the clock window is (spec §8.2: ±24 h, else 425).
      const tsRaw = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'x-fs-timestamp')?.[1];
      if (tsRaw === undefined || !/^\d+$/.test(tsRaw)) return textResponse(400, 'Missing X-FS-Timestamp');
      if (Math.abs(Number(tsRaw) - nowS) > 86_400) return textResponse(425, 'TOO_EARLY');
      return jsonResponse(200, { status_code: 200, result: '1.0.0', updated: nowS });
    }
    return textResponse(404, `${req.method} ${req.endpoint} Not Found`);
  }
}

