import { test, expect } from './fixtures';

test('home page loads under the strict CSP with no off-origin requests', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
	expect(csp).toContain("connect-src 'self'");
	expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
});
