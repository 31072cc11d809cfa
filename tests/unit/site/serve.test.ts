/** `scripts/serve.js` sends the headers the app relies on, including no framing by other origins. */
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const root = path.resolve(__dirname, '..', '..', '..');

/** A free TCP port on localhost. */
function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as net.AddressInfo;
			s.close(() => resolve(port));
		});
	});
}

describe('scripts/serve.js', () => {
	let child: ReturnType<typeof spawn> | null = null;
	afterAll(() => child?.kill());

	test('every response forbids framing and keeps isolation headers', async () => {
		const port = await freePort();
		child = spawn(process.execPath, [path.join(root, 'scripts/serve.js'), '--port', String(port), '--dir', 'tests/fixtures'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
		await new Promise<void>((resolve) => child!.stdout!.on('data', (d: Buffer) => d.toString().includes('being served') && resolve()));
		const headers = await new Promise<http.IncomingHttpHeaders>((resolve, reject) =>
			http.get(`http://127.0.0.1:${port}/no-such-page`, (res) => {
				res.resume();
				resolve(res.headers);
			}).on('error', reject)
		);
		expect(headers['content-security-policy']).toBe("frame-ancestors 'none'");
		expect(headers['x-frame-options']).toBe('DENY');
		expect(headers['cross-origin-opener-policy']).toBe('same-origin');
		expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
	});
});
