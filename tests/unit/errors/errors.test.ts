import { describe, expect, test } from 'vitest';
import { QenomeError, errorKind, isCancelled } from '../../../src/lib/errors';
import { ImportError } from '../../../src/lib/genome/errors';
import { QasmError, QuantumError } from '../../../src/lib/quantum/errors';
import { PkError } from '../../../src/lib/pk/errors';
import { PgxError } from '../../../src/lib/pgx/errors';
import { StoreError } from '../../../src/lib/store/errors';
import { VaultError } from '../../../src/lib/store/vault';
import { BackupError } from '../../../src/lib/store/backup';
import { RecordBytesError } from '../../../src/lib/store/record-bytes';
import { BundleError, CardError, CardQrError, IdentityError } from '../../../src/lib/share/errors';
import { CliError, exitCodeFor } from '../../../src/cli/errors';
import { WorkerError } from '../../../src/lib/workers/bridge';
import { escapeUnsafe, formatBytes, hasUnsafeCharacters } from '../../../src/lib/format';
import { parseLookupQuery } from '../../../src/lib/store/lookup';
import { parseChromosomeName } from '../../../src/lib/genome';

describe('one error model', () => {
	const samples: QenomeError[] = [
		new ImportError('bad-vcf', 'x'),
		new QasmError('syntax', 'x', 1, 2),
		new QuantumError('too-many-qubits', 'x'),
		new PkError('phenotype-not-modelled', 'x'),
		new PgxError('outside-calls-format', 'x'),
		new StoreError('quota', 'x'),
		new VaultError('locked', 'x'),
		new BackupError('not-a-backup', 'x'),
		new RecordBytesError('malformed', 'x'),
		new BundleError('decrypt-failed', 'x'),
		new CardError('key-changed', 'x'),
		new CardQrError('bad-part', 'x'),
		new IdentityError('wrong-passphrase', 'x'),
		new CliError('x'),
		new WorkerError('ImportError', 'x', 'bad-vcf', undefined, 'input')
	];

	test('every domain error is a QenomeError with a kind and a kebab-case code', () => {
		for (const e of samples) {
			expect(e, e.name).toBeInstanceOf(QenomeError);
			expect(['input', 'refused', 'cancelled', 'failed']).toContain(e.kind);
			expect(e.code, e.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
		}
	});

	test('kinds follow the meaning, and the CLI maps kind → exit code in one place', () => {
		expect(new PkError('phenotype-not-modelled', 'x').kind).toBe('refused');
		expect(new PkError('bad-regimen', 'x').kind).toBe('input');
		expect(new ImportError('cancelled', 'x').kind).toBe('cancelled');
		expect(new BundleError('cancelled', 'x').kind).toBe('cancelled');
		expect(new StoreError('failed', 'x').kind).toBe('failed');
		expect(exitCodeFor('input')).toBe(2);
		expect(exitCodeFor('refused')).toBe(1);
		expect(exitCodeFor('failed')).toBe(1);
		expect(exitCodeFor('cancelled')).toBe(130);
		expect(errorKind(new Error('bug'))).toBe('failed');
	});

	test('one isCancelled for our kind, DOM AbortError and errors that crossed a worker', () => {
		expect(isCancelled(new ImportError('cancelled', 'x'))).toBe(true);
		expect(isCancelled(new DOMException('Cancelled', 'AbortError'))).toBe(true);
		expect(isCancelled(new WorkerError('BundleError', 'x', 'cancelled', undefined, 'cancelled'))).toBe(true);
		expect(isCancelled(new BundleError('write-failed', 'x'))).toBe(false);
		expect(isCancelled(null)).toBe(false);
	});
});

describe('one byte formatter', () => {
	test('binary units, one decimal', () => {
		expect(formatBytes(0)).toBe('0 bytes');
		expect(formatBytes(1)).toBe('1 byte');
		expect(formatBytes(1023)).toBe('1023 bytes');
		expect(formatBytes(1024)).toBe('1.0 KiB');
		expect(formatBytes(40 * 1024 ** 2)).toBe('40.0 MiB');
		expect(formatBytes(4 * 1024 ** 3)).toBe('4.0 GiB');
		expect(formatBytes(Number.NaN)).toBe('an unknown amount');
		expect(formatBytes(-1)).toBe('an unknown amount');
	});
});

describe('terminal-safe text', () => {
	test('controls, ANSI escapes, bidi and zero-width characters become visible escapes', () => {
		const hostile = 'alice\u001b[2K\r\nverified\u202e\u200b';
		expect(hasUnsafeCharacters(hostile)).toBe(true);
		const safe = escapeUnsafe(hostile);
		expect(safe).toBe('alice\\u{1b}[2K\\u{d}\\u{a}verified\\u{202e}\\u{200b}');
		expect(hasUnsafeCharacters(safe)).toBe(false);
		expect(escapeUnsafe('Zoë Müller 李')).toBe('Zoë Müller 李');
	});
});

describe('one chromosome-name parser', () => {
	test('lookups and files read chromosome names the same way', () => {
		for (const [text, chrom] of [
			['chr7', '7'],
			['X', 'X'],
			['23', 'X'],
			['25', 'X'],
			['XY', 'X'],
			['24', 'Y'],
			['M', 'MT'],
			['chrMT', 'MT'],
			['26', 'MT']
		] as const) {
			expect(parseChromosomeName(text), text).toBe(chrom);
			expect(parseLookupQuery(`${text}:5`), text).toEqual({ kind: 'position', chrom, pos: 5 });
		}
		for (const bad of ['0', '27', '07', 'chrUn', 'GL000192']) {
			expect(parseChromosomeName(bad), bad).toBeNull();
			expect(() => parseLookupQuery(`${bad}:5`), bad).toThrow(/not a chromosome/);
		}
	});
});
