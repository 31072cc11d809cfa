/**
 * The CLI against hostile files and interruptions (issue #16): partial outputs are random,
 * exclusive and never follow links; they vanish on signals and are swept on the next run;
 * `-o` never replaces a file silently; every file option reads only regular files of bounded
 * size; numeric options are plain decimals given once. Processes run with a 256 MB heap.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runQenome } from '../qenome-cli';
import { GOLDEN_DIR, GOLDEN_PASSPHRASE } from '../../fixtures/share/golden';
import { FILE_CAPS, fileSize, keyFilePermissionWarning, openGenomeFile, readCard, readFileOrFail, readIdentityFile, readPassphrase, readTextOrFail } from '../../../src/cli/files';
import { numberOption, parseArgs } from '../../../src/cli/args';
import { simulate } from '../../../src/lib/pk/index';
import { PendingFile } from '../../../src/lib/share/node';

const root = path.resolve(__dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-cli-hostile-'));
const t = (f: string) => path.join(tmp, f);
const key = (f: string) => t(`golden-${f}`);
const card = (f: string) => path.join(GOLDEN_DIR, f);

/** Run `qenome …` with a 256 MB heap and a hard time limit. */
const qenome = (...args: string[]) => runQenome(args, { cwd: tmp, nodeArgs: ['--max-old-space-size=256'], timeout: 60_000 });

const partials = () => fs.readdirSync(tmp).filter((f) => f.endsWith('.partial'));
const sealArgs = (input: string, out: string) => ['seal', '--from', key('alice.key'), '--passphrase-file', 'pw', '--to', card('bob.card.json'), '--type', 'file', input, '-o', out];
const openArgs = (input: string, out: string) => ['open', '--key', key('bob.key'), '--passphrase-file', 'pw', '--trust', card('alice.card.json'), input, '-o', out];

beforeAll(() => {
	for (const f of fs.readdirSync(GOLDEN_DIR).filter((n) => n.endsWith('.key'))) {
		fs.copyFileSync(path.join(GOLDEN_DIR, f), key(f));
		fs.chmodSync(key(f), 0o600);
	}
	fs.writeFileSync(t('pw'), `${GOLDEN_PASSPHRASE}\n`);
	fs.writeFileSync(t('data.bin'), new Uint8Array(100_000).map((_, i) => (i * 7) & 0xff));
	expect(qenome(...sealArgs('data.bin', 'data.qenome')).code).toBe(0);
});

describe('outputs', () => {
	test('open -o and seal -o refuse an existing file (exit 1) unless --force', () => {
		fs.writeFileSync(t('keep.txt'), 'precious');
		const o = qenome(...openArgs('data.qenome', 'keep.txt'));
		expect(o.code).toBe(1);
		expect(o.stderr).toMatch(/"keep\.txt" already exists; .*--force/);
		expect(fs.readFileSync(t('keep.txt'), 'utf8')).toBe('precious');
		// seal uses the same output file (in process here, to keep the test short).
		expect(() => new PendingFile(t('keep.txt'))).toThrow(/already exists/);
		expect(fs.readFileSync(t('keep.txt'), 'utf8')).toBe('precious');
		const forced = qenome(...openArgs('data.qenome', 'keep.txt'), '--force');
		expect(forced.code, forced.stderr).toBe(0);
		expect(fs.readFileSync(t('keep.txt'))).toEqual(fs.readFileSync(t('data.bin')));
		expect(partials()).toEqual([]);
	});

	test('a link planted under the old predictable partial name is never followed, and a refused bundle writes nothing', () => {
		fs.writeFileSync(t('victim.txt'), 'untouched');
		// The old name was .<out>.<pid>.partial; plant links for a range of plausible pids.
		for (let pid = 1; pid < 50; pid++) fs.symlinkSync(t('victim.txt'), t(`.evil.out.${pid}.partial`));
		const bad = fs.readFileSync(t('data.qenome'));
		bad[bad.length - 100] ^= 1;
		fs.writeFileSync(t('bad.qenome'), bad);
		const r = qenome(...openArgs('bad.qenome', 'evil.out'));
		expect(r.code).toBe(1);
		expect(fs.readFileSync(t('victim.txt'), 'utf8')).toBe('untouched');
		expect(fs.existsSync(t('evil.out'))).toBe(false);
		for (const f of fs.readdirSync(tmp).filter((n) => n.startsWith('.evil.out.'))) fs.unlinkSync(t(f));
	});

	test('stale partial files of dead processes are removed on the next run', () => {
		fs.writeFileSync(t('.swept.out.999999999.partial'), 'unverified plaintext');
		fs.writeFileSync(t('.swept.out.999999998.0123456789abcdef01234567.partial'), 'unverified plaintext');
		const r = qenome(...openArgs('data.qenome', 'swept.out'));
		expect(r.code, r.stderr).toBe(0);
		expect(partials()).toEqual([]);
	});

	test('SIGTERM while writing removes the partial output and exits 143', async () => {
		// A child that holds an open PendingFile: killed once the partial exists (a condition, not a sleep).
		const script = t('hold.mts');
		fs.writeFileSync(
			script,
			`import { PendingFile } from ${JSON.stringify(path.join(root, 'src/lib/share/node.ts'))};\n` +
				`const p = new PendingFile(${JSON.stringify(t('held.out'))});\n` +
				`await p.write(new Uint8Array(1 << 20));\n` +
				`process.stdout.write('ready\\n');\n` +
				`setInterval(() => {}, 1000);\n`
		);
		const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
		await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
		expect(partials().some((f) => f.startsWith('.held.out.'))).toBe(true);
		const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		child.kill('SIGTERM');
		expect(await exit).toBe(143);
		expect(partials()).toEqual([]);
		expect(fs.existsSync(t('held.out'))).toBe(false);
	});
});

describe('file options', () => {
	test('every kind of file input refuses devices, FIFOs and folders at once (in process)', () => {
		const fifo = t('fifo');
		spawnSync('mkfifo', [fifo]);
		for (const bad of ['/dev/zero', fifo, tmp]) {
			for (const read of [
				() => readPassphrase(bad),
				() => readCard(bad),
				() => readIdentityFile(bad),
				() => readFileOrFail(bad, 'input', FILE_CAPS.structured),
				() => readTextOrFail(bad, 'QASM file', FILE_CAPS.qasm),
				() => openGenomeFile(bad),
				() => fileSize(bad, 'bundle')
			])
				expect(read).toThrow(/not a regular file|it is a folder/);
		}
	});

	test('the CLI refuses /dev/zero for card, genome and phenopacket options in bounded memory', () => {
		for (const args of [
			['open', '--key', key('bob.key'), '--passphrase-file', 'pw', '--trust', '/dev/zero', 'data.qenome', '-o', 'y.out'],
			['import', '/dev/zero'],
			['rare', '--hpo', 'HP:0001250', '--phenopacket', '/dev/zero', '--json'],
			['rare', '/dev/zero', '--hpo', 'HP:0001250', '--json']
		]) {
			const r = qenome(...args);
			expect(r.signal, args.join(' ')).toBeNull();
			expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
			expect(r.stderr).toMatch(/"\/dev\/zero" is not a regular file/);
		}
	});

	test('a huge card or passphrase file is refused by size, not read whole', () => {
		fs.writeFileSync(t('big.json'), '');
		fs.truncateSync(t('big.json'), 3 * 1024 * 1024 * 1024); // sparse 3 GiB
		const before = process.memoryUsage().rss;
		expect(() => readCard(t('big.json'))).toThrow(/contact card ".*big\.json" is too large/);
		expect(() => readPassphrase(t('big.json'))).toThrow(/too large/);
		expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
		fs.rmSync(t('big.json'));
	});

	test('a world-readable identity file gets a warning', () => {
		fs.copyFileSync(key('bob.key'), t('open.key'));
		fs.chmodSync(t('open.key'), 0o644);
		const r = qenome('open', '--key', 'open.key', '--passphrase-file', 'pw', '--trust', card('alice.card.json'), 'data.qenome', '-o', 'w.out');
		expect(r.code, r.stderr).toBe(0);
		expect(r.stderr).toMatch(/warning: the identity file "open\.key" can be read by other users .*mode 644.*chmod 600/);
		expect(keyFilePermissionWarning(key('bob.key'))).toBeNull();
	});
});

describe('numeric options', () => {
	const opts = (...argv: string[]) => parseArgs(argv, { values: ['points', 'dose'] });
	test('plain decimals only, given once, within bounds (in process)', () => {
		expect(numberOption(opts('--dose', '75.5'), 'dose')).toBe(75.5);
		expect(numberOption(opts('--dose', '1e3'), 'dose')).toBe(1000);
		for (const bad of ['0x10', '0b11', '0o7', 'Infinity', '-Infinity', 'NaN', '', ' 5', '5 ', '1_000', '12abc'])
			expect(() => numberOption(opts('--dose', bad), 'dose'), JSON.stringify(bad)).toThrow(/must be a number written in decimal/);
		expect(() => opts('--dose', '75', '--dose', '300')).toThrow(/--dose is given twice/);
		expect(() => numberOption(opts('--points', '2.5'), 'points', 600, { integer: true, min: 2, max: 100_000 })).toThrow(/whole number/);
		expect(() => numberOption(opts('--points', '1e8'), 'points', 600, { integer: true, min: 2, max: 100_000 })).toThrow(/from 2 to 100000/);
	});

	test('qenome pk --points 1e8 exits 2 at once instead of aborting', () => {
		const huge = qenome('pk', '--drug', 'clopidogrel', '--json', '--points', '1e8');
		expect(huge.signal).toBeNull();
		expect(huge.code).toBe(2);
		expect(huge.stderr).toMatch(/--points must be from 2 to 100000/);
	});

	test('the PK domain bounds points too (the worker path has no CLI parser)', () => {
		expect(() => simulate({ drug: 'clopidogrel', points: 1e8 })).toThrow(expect.objectContaining({ code: 'bad-parameter' }));
	});
});
