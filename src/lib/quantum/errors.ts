/**
 * Typed errors of the quantum domain. Each carries a machine-readable `code` and a plain-language
 * `message`; QASM errors also carry the 1-based line and column they point at.
 */
import { QenomeError, type ErrorKind } from '../errors';

/** Codes a QasmError can carry. */
export type QasmErrorCode =
	| 'syntax'
	| 'unsupported-version'
	| 'unknown-include'
	| 'undeclared'
	| 'redeclared'
	| 'bad-argument'
	| 'opaque-gate'
	| 'size-mismatch'
	/** A limit (register size, expansion size, nesting or expression depth) was exceeded. */
	| 'too-large'
	/** A parameter evaluated to a non-finite number (1/0, ln(0), sqrt(-1), pi^1000). */
	| 'not-finite';

/** A problem in OpenQASM source, located at line:column (both 1-based). */
export class QasmError extends QenomeError {
	declare readonly code: QasmErrorCode;
	line: number;
	column: number;
	/** The bare message without the position. */
	reason: string;
	constructor(code: QasmErrorCode, reason: string, line: number, column: number) {
		super(code === 'too-large' ? 'refused' : 'input', code, `${line}:${column}: ${reason}`, { line, column });
		this.name = 'QasmError';
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

/** What the caller should do about each simulation error. */
function quantumKind(code: QuantumErrorCode): ErrorKind {
	if (code === 'cancelled') return 'cancelled';
	if (code === 'bad-circuit' || code === 'bad-option') return 'input';
	if (code === 'engine-unavailable') return 'failed';
	return 'refused';
}

/** A refused or failed simulation (too large, out of memory, invalid circuit or option). */
export class QuantumError extends QenomeError {
	declare readonly code: QuantumErrorCode;
	/** @param code machine-readable reason; @param message plain-language sentence */
	constructor(code: QuantumErrorCode, message: string) {
		super(quantumKind(code), code, message);
		this.name = 'QuantumError';
	}
}

/** Bytes as a short human string (the one formatter in `src/lib/format`). */
export { formatBytes } from '../format';
