// ESLint plugin that enforces the layer arrows of ARCHITECTURE.md ("may import" column)
// and keeps I/O, Electron and Node modules out of the layers that must not use them.
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** Layers in match order (most specific prefix first). */
export const LAYERS = [
  { name: 'protocol-primitives', dir: 'ts/protocol/primitives' },
  { name: 'protocol', dir: 'ts/protocol' },
  { name: 'network', dir: 'ts/network' },
  { name: 'backend', dir: 'ts/backend' },
  { name: 'ipc', dir: 'ts/ipc' },
  { name: 'renderer', dir: 'ts/renderer' },
  { name: 'web', dir: 'ts/web' },
  { name: 'cli', dir: 'ts/cli' },
  { name: 'main', dir: 'main' },
  { name: 'preload', dir: 'preload' },
  { name: 'devnet', dir: 'tools/devnet' },
  { name: 'bench', dir: 'tools/bench' },
  { name: 'test', dir: 'test' },
];

/** Which layers each layer may import (besides itself). "*" = anything. */
export const ALLOWED = {
  'protocol-primitives': ['protocol'],
  protocol: ['protocol-primitives'],
  network: ['protocol', 'protocol-primitives'],
  backend: ['protocol', 'protocol-primitives', 'network', 'ipc'],
  ipc: [],
  renderer: ['ipc'],
  web: ['backend', 'ipc'],
  cli: ['backend', 'ipc'],
  main: ['backend', 'ipc'],
  preload: ['ipc'],
  devnet: ['protocol-primitives'],
  bench: ['*'],
  test: ['*'],
};

const NODE_IO = [
  'fs', 'fs/promises', 'net', 'tls', 'http', 'https', 'http2', 'dgram', 'dns', 'child_process',
  'cluster', 'worker_threads', 'os', 'readline', 'process', 'v8', 'vm', 'inspector',
];
const IO_PACKAGES = ['electron', 'better-sqlite3-multiple-ciphers', 'ws', 'maxmind'];

/** Bare modules each layer must not import. */
export const FORBIDDEN_MODULES = {
  'protocol-primitives': [...NODE_IO, ...IO_PACKAGES],
  protocol: [...NODE_IO, ...IO_PACKAGES],
  renderer: [...NODE_IO, ...IO_PACKAGES, 'crypto', 'path', 'buffer', 'stream', 'url', 'util'],
  preload: [...NODE_IO, 'better-sqlite3-multiple-ciphers', 'ws', 'maxmind'],
};

/** ts/ipc is isomorphic, except one file per transport end which imports what runs there. */
const IPC_TRANSPORT_ENDS = {
  'ts/ipc/transport/electronMain.ts': ['electron'],
  'ts/ipc/transport/electronPreload.ts': ['electron'],
  'ts/ipc/transport/wsServer.ts': ['ws', 'http', 'node:http', 'crypto', 'node:crypto'],
  'ts/ipc/transport/wsClient.ts': [],
};

function layerOf(absFile) {
  const rel = path.relative(ROOT, absFile).split(path.sep).join('/');
  for (const l of LAYERS) {
    if (rel === l.dir || rel.startsWith(l.dir + '/')) return { layer: l.name, rel };
  }
  return { layer: null, rel };
}

function bareName(spec) {
  const s = spec.startsWith('node:') ? spec.slice(5) : spec;
  return s;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layer import rules of ARCHITECTURE.md' },
    schema: [],
    messages: {
      layer: "Layer '{{from}}' may not import layer '{{to}}' ({{spec}}). See ARCHITECTURE.md.",
      module: "Layer '{{from}}' may not import '{{spec}}' (no I/O, Electron or Node here).",
      ipcModule: "ts/ipc is isomorphic: only its transport-end files may import '{{spec}}'.",
    },
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const { layer: from, rel } = layerOf(file);
    if (!from) return {};
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = path.resolve(path.dirname(file), spec);
        const { layer: to } = layerOf(target);
        if (!to || to === from) return;
        const allowed = ALLOWED[from] ?? [];
        if (allowed.includes('*') || allowed.includes(to)) return;
        context.report({ node, messageId: 'layer', data: { from, to, spec } });
        return;
      }
      const bare = bareName(spec);
      const top = bare.startsWith('@') ? bare.split('/').slice(0, 2).join('/') : bare.split('/')[0];
      if (from === 'ipc') {
        const isNodeBuiltin = spec.startsWith('node:') || NODE_IO.includes(bare) || ['crypto', 'path', 'buffer', 'stream', 'url', 'util', 'events'].includes(bare);
        if (isNodeBuiltin || IO_PACKAGES.includes(top) || top === 'react' || top === 'react-dom') {
          const ok = IPC_TRANSPORT_ENDS[rel];
          if (!ok || !(ok.includes(spec) || ok.includes(bare) || ok.includes(top))) {
            context.report({ node, messageId: 'ipcModule', data: { spec } });
          }
        }
        return;
      }
      const forbidden = FORBIDDEN_MODULES[from];
      if (forbidden && (forbidden.includes(bare) || forbidden.includes(top))) {
        context.report({ node, messageId: 'module', data: { from, spec } });
      }
    }
    return {
      ImportDeclaration(node) { check(node, node.source.value); },
      ExportNamedDeclaration(node) { if (node.source) check(node, node.source.value); },
      ExportAllDeclaration(node) { check(node, node.source.value); },
      ImportExpression(node) { if (node.source.type === 'Literal') check(node, node.source.value); },
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};

export default { rules: { imports: rule } };
