import { test, expect } from './fixtures';

test('Quantum Lab runs the Bell example in a worker: about 50/50 between 00 and 11', async ({ page, problems }) => {
	await page.goto('/quantum');
	await expect(page.getByRole('heading', { name: 'Quantum Lab' })).toBeVisible();
	await expect(page.locator('.badge.sim').first()).toHaveText('Simulation');
	await page.getByRole('button', { name: 'Bell pair' }).click();
	await expect(page.getByTestId('analysis')).toContainText('2 qubits');
	await page.getByLabel('Shots (repetitions)').fill('4000');
	await page.getByRole('button', { name: 'Run simulation' }).click();
	const rows = page.getByTestId('outcomes').locator('tbody tr');
	await expect(rows).toHaveCount(2);
	const cells = await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim() ?? '')));
	expect(cells.map((c) => c[0])).toEqual(['00', '11']);
	const counts = cells.map((c) => Number(c[1]));
	expect(counts[0] + counts[1]).toBe(4000);
	for (const n of counts) expect(Math.abs(n / 4000 - 0.5)).toBeLessThan(0.05);
	// The exact amplitudes: 1/√2 on |00⟩ and |11⟩.
	await expect(page.getByTestId('amplitudes')).toContainText('0.7071');
	await expect(page.getByTestId('time')).toContainText('ms');
	await expect(page.locator('svg[role="img"]')).toBeVisible();
	expect(problems).toEqual([]);
});

test('Quantum Lab shows QASM errors with line and column, and Grover with its classical baseline', async ({ page, problems }) => {
	await page.goto('/quantum');
	const editor = page.getByLabel('OpenQASM 2.0 program');
	await editor.fill('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nh q[0]\ncx q[0],q[1];\n');
	await expect(page.locator('.notice.error')).toContainText("5:1: expected ';' after the call to h");
	await expect(page.getByRole('button', { name: 'Run simulation' })).toBeDisabled();
	await page.getByRole('button', { name: 'Grover search (3 qubits, 8 items)' }).click();
	await page.getByLabel('Exact probabilities instead of shots').check();
	await page.getByRole('button', { name: 'Run simulation' }).click();
	await expect(page.getByTestId('outcomes')).toContainText('101');
	await expect(page.getByText('Compared with a classical computer.')).toBeVisible();
	const marked = await page.getByTestId('outcomes').locator('tr', { hasText: '101' }).locator('td').nth(1).textContent();
	expect(Number(marked)).toBeCloseTo(0.9453, 3);
	expect(problems).toEqual([]);
});

test('Quantum Lab downloads the program as a .qasm file', async ({ page, problems }) => {
	await page.goto('/quantum');
	await page.getByRole('button', { name: 'GHZ state (5 qubits)' }).click();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download QASM' }).click()]);
	expect(download.suggestedFilename()).toBe('ghz.qasm');
	const text = await (await download.createReadStream()).toArray();
	expect(Buffer.concat(text).toString()).toContain('qreg q[5];');
	expect(problems).toEqual([]);
});

test('Quantum Lab shows progress for a long run and cancels it', async ({ page, problems }) => {
	await page.goto('/quantum');
	const lines = ['OPENQASM 2.0;', 'include "qelib1.inc";', 'qreg q[22];'];
	for (let r = 0; r < 40; r++) for (let q = 0; q < 22; q++) lines.push(`h q[${q}];`, `cx q[${q}],q[${(q + 7) % 22}];`);
	await page.getByLabel('OpenQASM 2.0 program').fill(lines.join('\n'));
	await expect(page.getByTestId('analysis')).toContainText('22 qubits');
	await expect(page.getByTestId('analysis')).toContainText('70.5 MiB');
	await page.getByLabel('Exact probabilities instead of shots').check();
	await page.getByRole('button', { name: 'Run simulation' }).click();
	await expect(page.locator('progress')).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.locator('.notice.warn')).toContainText('cancelled');
	await expect(page.getByTestId('results')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Run simulation' })).toBeEnabled();
	expect(problems).toEqual([]);
});
