import { defineConfig } from '@playwright/test';

/** Port of the test server: QENOME_TEST_PORT lets several checkouts run browser tests side by side. */
export const TEST_PORT = Number(process.env.QENOME_TEST_PORT ?? 4173);
const origin = `http://localhost:${TEST_PORT}`;

/**
 * Browser tests drive Debian's Chromium (/usr/bin/chromium) against the built site served by
 * scripts/serve.js. Run `npm run build` first (npm test does).
 */
export default defineConfig({
	testDir: 'tests/browser',
	timeout: 120_000,
	expect: { timeout: 20_000 },
	fullyParallel: false,
	workers: 2,
	retries: 0,
	reporter: [['list']],
	use: {
		baseURL: origin,
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		},
		trace: 'off',
		screenshot: 'off'
	},
	webServer: {
		command: `node scripts/serve.js --port ${TEST_PORT}`,
		url: origin,
		reuseExistingServer: !process.env.CI,
		timeout: 30_000
	}
});
