/**
 * Typed errors of the quantum domain. Each carries a machine-readable `code` and a plain-language
 * `message`; QASM errors also carry the 1-based line and column they point at.
 */

/** Codes a QasmError can carry. */
export type QasmErrorCode =
	| 'syntax'
	| 'unsupported-version'
	| 'unknown-include'
	| 'undeclared'
	| 'redeclared'
	| 'bad-argument'
	| 'opaque-gate'
	| 'size-mismatch';

/** A problem in OpenQASM source, located at line:column (both 1-based). */
export class QasmError extends Error {
	code: QasmErrorCode;
	line: number;
	column: number;
	/** The bare message without the position. */
	reason: string;
	constructor(code: QasmErrorCode, reason: string, line: number, column: number) {
		super(`${line}:${column}: ${reason}`);
		this.name = 'QasmError';
		this.code = code;
		this.line = line;
		this.column = column;
		this.reason = reason;
	}
}

/** Codes a QuantumError can carry. */
export type QuantumErrorCode =
	| 'too-many-qubits'
	| 'out-of-memory'
	| 'bad-circuit'
	| 'bad-option'
	| 'engine-unavailable'
	| 'cancelled';

/** A refused or failed simulation (too large, out of memory, invalid circuit or option). */
export class QuantumError extends Error {
	code: QuantumErrorCode;
	constructor(code: QuantumErrorCode, message: string) {
		super(message);
		this.name = 'QuantumError';
		this.code = code;
	}
}

/** Bytes as a short human string, e.g. "1.0 GiB". */
export function formatBytes(bytes: number): string {
	const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
	let v = bytes;
	let u = 0;
	while (v >= 1024 && u < units.length - 1) {
		v /= 1024;
		u++;
	}
	return u === 0 ? `${v} bytes` : `${v.toFixed(1)} ${units[u]}`;
}
