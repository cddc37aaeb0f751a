// Decrypt worker thread (bundled to build/workers/decrypt.js): decodes batches of retrieved 1:1 items
// for the receive pipeline's pool with the account's X25519 keys, which it receives at start.
import { parentPort, workerData } from 'node:worker_threads';
import { decode1o1Message, loadProtocol } from '../../protocol';
import { identityForDecrypt, toWire, type DecryptKeys, type DecryptRequest, type DecryptResponse } from '../services/decryptPool';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the decrypt worker must run in a worker thread');
  await loadProtocol();
  const identity = identityForDecrypt(workerData as DecryptKeys);
  port.on('message', (req: DecryptRequest) => {
    let res: DecryptResponse;
    try {
      res = { id: req.id, results: req.datas.map((d) => toWire(decode1o1Message(identity, d))) };
    } catch (e) {
      res = { id: req.id, failure: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(res);
  });
}

main().catch((e: unknown) => {
  // An uncaught error reaches the pool as the worker's 'error' event.
  throw e instanceof Error ? e : new Error(String(e));
});
