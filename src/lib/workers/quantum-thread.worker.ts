/**
 * Helper thread of the quantum worker: applies its slice of every gate to the state in the
 * shared WebAssembly.Memory (see src/lib/quantum/threads.ts). Plain messages, no comlink.
 */
import { helperHandler, type HelperMessage, type HelperReply } from '../quantum/index';

const scope = self as unknown as {
	postMessage(message: HelperReply): void;
	onmessage: ((event: MessageEvent<HelperMessage>) => void) | null;
};
const handle = helperHandler((reply) => scope.postMessage(reply));
scope.onmessage = (event) => void handle(event.data);
