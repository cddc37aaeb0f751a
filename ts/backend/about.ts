// What the app says about itself in the About window and at the top of an exported debug log
// (spec/ui.md §1.1 items 3-4): version, system, runtime versions and the commit the build came from.
import os from 'node:os';
import type { AboutInfo, DebugLogExport, NetworkName } from '../ipc/contract';

/** The runtime facts the text is made of; a parameter so tests can fix them. */
export interface RuntimeFacts {
  osType: string;
  osRelease: string;
  platform: string;
  arch: string;
  versions: { node: string; electron?: string; chrome?: string };
}

export function currentRuntime(): RuntimeFacts {
  const v = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return {
    osType: os.type(),
    osRelease: os.release(),
    platform: process.platform,
    arch: process.arch,
    versions: { node: v.node, ...(v.electron ? { electron: v.electron } : {}), ...(v.chrome ? { chrome: v.chrome } : {}) },
  };
}

const COMMIT = /^[0-9a-f]{7,40}$/;

/**
 * The commit hash the build recorded: tools/build/build.mjs replaces `process.env.SESSION_COMMIT_HASH`
 * in the host bundles with the checkout's HEAD. Unbundled (tests, ts-node) there is none.
 */
export function buildCommitHash(value: string | undefined = process.env.SESSION_COMMIT_HASH): string | undefined {
  const v = value?.trim().toLowerCase();
  return v && COMMIT.test(v) ? v : undefined;
}

/** "Linux 6.1.0 (linux), x64, Node.js 20.11.0[, Electron 40.0.0, Chromium 142.0.0.0]". */
export function systemInformation(r: RuntimeFacts): string {
  const parts = [`${r.osType} ${r.osRelease} (${r.platform})`, r.arch, `Node.js ${r.versions.node}`];
  if (r.versions.electron) parts.push(`Electron ${r.versions.electron}`);
  if (r.versions.chrome) parts.push(`Chromium ${r.versions.chrome}`);
  return parts.join(', ');
}

export interface AboutSource {
  appName: string;
  appVersion: string;
  network: NetworkName;
  host: 'electron' | 'web' | 'cli';
  commitHash?: string;
  runtime: RuntimeFacts;
}

export function aboutInfo(s: AboutSource): AboutInfo {
  return {
    name: s.appName,
    version: s.appVersion,
    systemInformation: systemInformation(s.runtime),
    ...(s.commitHash !== undefined ? { commitHash: s.commitHash } : {}),
    network: s.network,
  };
}

/**
 * The export's file name: session_debug_<ISO timestamp>.txt, with ":" as "-" because Windows forbids
 * colons in file names (and browsers would replace them with something less readable).
 */
export function debugLogFileName(now: number): string {
  return `session_debug_${new Date(now).toISOString().replace(/:/g, '-')}.txt`;
}

export const LOG_SECTION_HEADER = '--- log, oldest first ---';

/** The exported file: the application-info block, then the kept log lines. */
export function debugLogText(s: AboutSource & { now: number; userAgent?: string; log: string }): string {
  const r = s.runtime;
  const info = [
    `${s.appName} debug log`,
    `Exported: ${new Date(s.now).toISOString()}`,
    `Version: ${s.appVersion}`,
    `Commit: ${s.commitHash ?? 'not recorded by this build'}`,
    `System: ${r.osType} ${r.osRelease} (${r.platform}), ${r.arch}`,
    `Node.js: ${r.versions.node}`,
    ...(r.versions.electron ? [`Electron: ${r.versions.electron}`] : []),
    ...(r.versions.chrome ? [`Chromium: ${r.versions.chrome}`] : []),
    ...(s.userAgent ? [`User agent: ${s.userAgent.replace(/[\r\n]+/g, ' ')}`] : []),
    `Host: ${s.host}`,
    `Network: ${s.network}`,
  ];
  return `${info.join('\n')}\n\n${LOG_SECTION_HEADER}\n${s.log}`;
}

export function debugLogExport(s: AboutSource & { now: number; userAgent?: string; log: string }): DebugLogExport {
  return { outcome: 'text', fileName: debugLogFileName(s.now), text: debugLogText(s) };
}
