/**
 * Second sharing worker: SHA-256 of opened content, handed over in batches by share.worker.ts,
 * so hashing (hash-wasm) runs on its own thread and overlaps the decryption instead of adding to it.
 *
 * Protocol: → `{ type: 'update', bytes }` (buffer transferred) … `{ type: 'digest' }`;
 * ← `{ type: 'ready' }` once, `{ type: 'ack', buffer }` per update (the batch buffer returned for reuse), `{ type: 'digest', digest }`.
 */
import { createFastSha256 } from '../share/hash';

type Incoming = { type: 'update'; bytes: Uint8Array } | { type: 'digest' };

const hasher = createFastSha256();
const scope = self as unknown as { postMessage(m: unknown, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<Incoming>) => void) | null };

scope.onmessage = async (e) => {
	const h = await hasher;
	const m = e.data;
	if (m.type === 'update') {
		h.update(m.bytes);
		scope.postMessage({ type: 'ack', buffer: m.bytes.buffer }, [m.bytes.buffer as ArrayBuffer]);
	} else {
		scope.postMessage({ type: 'digest', digest: h.digest().slice() });
	}
};
void hasher.then(() => scope.postMessage({ type: 'ready' }));
