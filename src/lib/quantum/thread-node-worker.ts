/** worker_threads helper for SharedMemoryRunner (Node benchmarks): see threads.ts. */
import { parentPort } from 'node:worker_threads';
import { helperHandler, type HelperMessage } from './threads';

const handle = helperHandler((reply) => parentPort?.postMessage(reply));
parentPort?.on('message', (msg: HelperMessage) => void handle(msg));
