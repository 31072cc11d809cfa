/** `qenome seal --to-passphrase-file OTP` and `qenome open --with-passphrase-file OTP [--trust CARD]` (from source through tsx). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQenome } from '../qenome-cli';
import { isGeneratedPassphrase } from '../../../src/lib/share/index';
import { GOLDEN_DIR, GOLDEN_PASSPHRASE } from '../../fixtures/share/golden';

describe('CLI: seal --to-passphrase-file, open --with-passphrase-file', () => {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-otp-'));
	const t = (f: string) => path.join(tmp, f);
	const g = (f: string) => path.join(GOLDEN_DIR, f);
	const qenome = (...args: string[]) => runQenome(args, { cwd: tmp });

	it('seals to a generated passphrase (and the contacts besides it); opens with no key, with and without --trust', () => {
		fs.writeFileSync(t('pw'), `${GOLDEN_PASSPHRASE}\n`);
		fs.writeFileSync(t('report.json'), JSON.stringify({ format: 'qenome-report', kind: 'pgx' }));
		const s = qenome('seal', '--from', g('alice.key'), '--passphrase-file', 'pw', '--to-passphrase-file', 'otp.txt', '--to', g('bob.card.json'), '--type', 'report', 'report.json', '-o', 'r.qenome');
		expect(s.code, s.stderr).toBe(0);
		expect(isGeneratedPassphrase(fs.readFileSync(t('otp.txt'), 'utf8'))).toBe(true);
		expect(fs.existsSync(t('r.cards.qenome'))).toBe(true);
		const o = qenome('open', '--with-passphrase-file', 'otp.txt', 'r.qenome', '-o', 'out.json');
		expect(o.code, o.stderr).toBe(0);
		expect(o.stderr).toMatch(/verified: report .* from "Alice"/);
		expect(o.stderr).toMatch(/not checked against a card you trust/);
		expect(fs.readFileSync(t('out.json'), 'utf8')).toBe(fs.readFileSync(t('report.json'), 'utf8'));
		const trusted = qenome('open', '--with-passphrase-file', 'otp.txt', '--trust', g('alice.card.json'), 'r.qenome', '-o', 'out2.json');
		expect(trusted.code, trusted.stderr).toBe(0);
		expect(trusted.stderr).not.toMatch(/not checked/);
		const wrongCard = qenome('open', '--with-passphrase-file', 'otp.txt', '--trust', g('bob.card.json'), 'r.qenome', '-o', 'out3.json');
		expect(wrongCard.code).toBe(1);
		expect(wrongCard.stderr.trim().split('\n')).toHaveLength(1);
		expect(fs.existsSync(t('out3.json'))).toBe(false);
		const bobOpens = qenome('open', '--key', g('bob.key'), '--passphrase-file', 'pw', '--trust', g('alice.card.json'), 'r.cards.qenome', '-o', 'out4.json');
		expect(bobOpens.code, bobOpens.stderr).toBe(0);
		fs.writeFileSync(t('bad-otp'), 'K7QD-M2XP-9RTV-4HWZ-B3NC-6FGJ\n');
		const wrong = qenome('open', '--with-passphrase-file', 'bad-otp', 'r.qenome', '-o', 'out5.json');
		expect(wrong.code).toBe(2);
		expect(wrong.stderr).toMatch(/passphrase is not the one/);
		expect(fs.existsSync(t('out5.json'))).toBe(false);
	});
});
