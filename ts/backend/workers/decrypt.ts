// Decrypt worker thread (bundled to build/workers/decrypt.js): decodes batches of retrieved 1:1 items (and
// verifies and decodes batches of community room posts) for the receive pipeline's pool with the account's X25519 keys, which it receives at start; answers
// on its own port and then bumps the shared counter the waiting pipeline sleeps on. It remembers the
// X25519 keys of recent senders (a bounded cache) instead of converting the same Ed25519 key again.
import { parentPort, workerData } from 'node:worker_threads';
import { decode1o1Message, loadProtocol, nativeSodium, openRoomMessage } from '../../protocol';
import { identityForDecrypt, roomToWire, toWire, type DecryptRequest, type DecryptResponse, type DecryptWorkerData } from '../services/decryptPool';
import { createSenderKeyCache } from './senderKeyCache';

async function main(): Promise<void> {
  const requests = parentPort;
  if (!requests) throw new Error('the decrypt worker must run in a worker thread');
  const data = workerData as DecryptWorkerData;
  const answered = new Int32Array(data.signal);
  await loadProtocol();
  // Load the native libsodium now, while the pool's caller still prepares the batch that started this worker.
  nativeSodium();
  const identity = identityForDecrypt(data.keys);
  const senderKeys = createSenderKeyCache();
  requests.on('message', (req: DecryptRequest) => {
    let res: DecryptResponse;
    try {
      res = req.rooms
        ? { id: req.id, rooms: req.rooms.map((r) => roomToWire(openRoomMessage(r))) }
        : { id: req.id, results: (req.datas ?? []).map((d) => toWire(decode1o1Message(identity, d, senderKeys.convert))) };
    } catch (e) {
      res = { id: req.id, failure: e instanceof Error ? e.message : String(e) };
    }
    data.port.postMessage(res);
    Atomics.add(answered, 0, 1);
    Atomics.notify(answered, 0);
  });
}

main().catch((e: unknown) => {
  // An uncaught error reaches the pool as the worker's 'error' event.
  throw e instanceof Error ? e : new Error(String(e));
});
