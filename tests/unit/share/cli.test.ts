/**
 * The `qenome` sharing commands end to end (run from source through tsx): keygen, card, seal,
 * open, age-identity; exit 0 only on full verification, one line + non-zero otherwise, and no
 * output file on any refusal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runQenome } from '../qenome-cli';
import { Decrypter } from 'age-encryption';
import { GOLDEN_DIR, GOLDEN_PASSPHRASE } from '../../fixtures/share/golden';

const root = path.resolve(__dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-share-cli-'));
const t = (f: string) => path.join(tmp, f);
/** A golden file; key files are copied with mode 600 (git checks them out world-readable, which `qenome` warns about). */
const g = (f: string) => (f.endsWith('.key') ? t(`golden-${f}`) : path.join(GOLDEN_DIR, f));

const qenome = (...args: string[]) => runQenome(args, { cwd: tmp });

/** A refusal: non-zero, exactly one line on stderr, no stack trace. */
function expectRefusal(r: ReturnType<typeof qenome>, code: number, pattern: RegExp) {
	expect(r.code, r.stderr).toBe(code);
	expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
	expect(r.stderr).toMatch(pattern);
	expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

beforeAll(() => {
	for (const f of fs.readdirSync(GOLDEN_DIR).filter((n) => n.endsWith('.key'))) {
		fs.copyFileSync(path.join(GOLDEN_DIR, f), t(`golden-${f}`));
		fs.chmodSync(t(`golden-${f}`), 0o600);
	}
	fs.writeFileSync(t('pw'), `${GOLDEN_PASSPHRASE}\n`);
	fs.writeFileSync(t('wrong'), 'not the passphrase\n');
	fs.writeFileSync(t('data.bin'), new Uint8Array(300_000).map((_, i) => (i * 13) & 0xff));
});

describe('qenome sharing CLI', () => {
	test('keygen writes an identity whose card prints; refuses to overwrite; usage errors exit 2', () => {
		fs.writeFileSync(t('newpw'), 'a fresh passphrase\n');
		const r = qenome('keygen', '--name', 'Dana', '--out', 'dana.key', '--passphrase-file', 'newpw');
		expect(r.code, r.stderr).toBe(0);
		const card = qenome('card', 'dana.key');
		expect(card.code).toBe(0);
		expect(JSON.parse(card.stdout)).toMatchObject({ format: 'qenome-card', name: 'Dana' });
		expect(JSON.parse(card.stdout).recipient).toMatch(/^age1pq1/);
		expectRefusal(qenome('keygen', '--name', 'Dana', '--out', 'dana.key', '--passphrase-file', 'newpw'), 1, /overwrite/);
		expectRefusal(qenome('keygen', '--out', 'x.key', '--passphrase-file', 'newpw'), 2, /--name/);
		expectRefusal(qenome('card', 'missing.key'), 2, /no such file/);
	});

	test('seal → open round trip; age-identity opens the outer layer', async () => {
		const s = qenome('seal', '--from', g('alice.key'), '--passphrase-file', 'pw', '--to', g('bob.card.json'), '--type', 'file', 'data.bin', '-o', 'data.qenome');
		expect(s.code, s.stderr).toBe(0);
		const o = qenome('open', '--key', g('bob.key'), '--passphrase-file', 'pw', '--trust', g('alice.card.json'), 'data.qenome', '-o', 'data.out');
		expect(o.code, o.stderr).toBe(0);
		expect(o.stderr).toMatch(/verified: file "data.bin" \(300000 bytes\) from "Alice"/);
		expect(fs.readFileSync(t('data.out'))).toEqual(fs.readFileSync(t('data.bin')));
		const a = qenome('age-identity', g('bob.key'), '--passphrase-file', 'pw');
		expect(a.code, a.stderr).toBe(0);
		expect(a.stdout.trim()).toMatch(/^AGE-SECRET-KEY-PQ-1/);
		const d = new Decrypter();
		d.addIdentity(a.stdout.trim());
		const plain = await d.decrypt(new Uint8Array(fs.readFileSync(t('data.qenome'))));
		expect(new TextDecoder().decode(plain.subarray(0, 7))).toBe('QENOMEB');
	});

	test('refusals exit non-zero with one line and leave no output', () => {
		expectRefusal(qenome('open', '--key', g('bob.key'), '--passphrase-file', 'pw', g('file.qenome'), '-o', 'a.out'), 1, /not among your trusted contacts/);
		expectRefusal(qenome('open', '--key', g('bob.key'), '--passphrase-file', 'wrong', '--trust', g('alice.card.json'), g('file.qenome'), '-o', 'a.out'), 1, /Wrong passphrase/);
		expectRefusal(qenome('open', '--key', 'dana.key', '--passphrase-file', 'newpw', '--trust', g('alice.card.json'), g('file.qenome'), '-o', 'a.out'), 1, /not sealed for you/);
		const bytes = fs.readFileSync(g('report.qenome'));
		bytes[bytes.length - 40] ^= 4;
		fs.writeFileSync(t('tampered.qenome'), bytes);
		expectRefusal(qenome('open', '--key', g('bob.key'), '--passphrase-file', 'pw', '--trust', g('alice.card.json'), 'tampered.qenome', '-o', 'a.out'), 1, /changed, damaged or cut short/);
		expect(fs.existsSync(t('a.out'))).toBe(false);
		expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.partial'))).toEqual([]);
		fs.writeFileSync(t('bad.json'), 'not json');
		expectRefusal(qenome('seal', '--from', g('alice.key'), '--passphrase-file', 'pw', '--to', g('bob.card.json'), '--type', 'report', 'bad.json', '-o', 'r.qenome'), 2, /not a JSON document/);
		expectRefusal(qenome('seal', '--from', g('alice.key'), '--passphrase-file', 'pw', '--to', g('bob.card.json'), '--type', 'zip', 'data.bin', '-o', 'r.qenome'), 2, /--type/);
		expect(fs.existsSync(t('r.qenome'))).toBe(false);
	});

	test('a raw DNA file seals as a genome and opens to the Qenome genome encoding', async () => {
		const raw = path.join(root, 'tests/fixtures/genome/23andme-v5-female.txt');
		if (!fs.existsSync(raw)) return void console.log('skipping raw genome seal: genome fixture absent');
		const s = qenome('seal', '--from', g('alice.key'), '--passphrase-file', 'pw', '--to', g('bob.card.json'), '--type', 'genome', raw, '-o', 'raw.qenome');
		expect(s.code, s.stderr).toBe(0);
		const o = qenome('open', '--key', g('bob.key'), '--passphrase-file', 'pw', '--trust', g('alice.card.json'), 'raw.qenome', '-o', 'raw.out');
		expect(o.code, o.stderr).toBe(0);
		const { decodeGenomeContent } = await import('../../../src/lib/share/index');
		const decoded = decodeGenomeContent(new Uint8Array(fs.readFileSync(t('raw.out'))));
		expect(decoded.parsed.summary.format).toBe('23andme');
		expect(decoded.parsed.chunks.length).toBeGreaterThan(0);
	});

	test('golden genome bundle opens from the CLI', () => {
		const o = qenome('open', '--key', g('bob.key'), '--passphrase-file', 'pw', '--trust', g('alice.card.json'), g('genome.qenome'), '-o', 'genome.out');
		expect(o.code, o.stderr).toBe(0);
		expect(fs.readFileSync(t('genome.out'))).toEqual(fs.readFileSync(g('genome.content')));
	});
});
