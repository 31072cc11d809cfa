/**
 * OpenQASM 2.0 parser: source text → Circuit, with every user gate expanded down to native gates
 * (see gates.ts) and register arguments broadcast. Errors are QasmErrors at line:column saying
 * what was expected.
 *
 * Deliberate leniencies (each reported in `warnings`): a missing `OPENQASM 2.0;` header is read as
 * OpenQASM 2.0, and a user `gate` may redefine a qelib1 gate (the user's definition wins).
 */
import { Circuit, type GateInstruction, type Register } from './circuit';
import { QasmError } from './errors';
import { COMPOSITE_GATES, NATIVE_GATES, QELIB1_GATES } from './gates';
import { tokenize, type Token } from './qasm-lexer';

/** A parsed program. */
export interface ParsedQasm {
	circuit: Circuit;
	/** Deliberate leniencies applied while reading (e.g. missing header). */
	warnings: string[];
}

type Expr = (env: ReadonlyMap<string, number>) => number;

interface BodyOp {
	name: string;
	tok: Token;
	params: Expr[];
	args: string[];
	barrier: boolean;
}

interface GateDecl {
	name: string;
	params: string[];
	args: string[];
	/** null for an opaque declaration. */
	body: BodyOp[] | null;
	tok: Token;
}

const FUNCTIONS: Record<string, (x: number) => number> = {
	sin: Math.sin,
	cos: Math.cos,
	tan: Math.tan,
	exp: Math.exp,
	ln: Math.log,
	sqrt: Math.sqrt
};
const MAX_EXPANSION_DEPTH = 64;

/**
 * Limits that keep hostile programs from exhausting memory or the stack (issue #16). Each is far
 * above real programs: QASMBench's largest file expands to ~200,000 instructions on 21 qubits.
 */
export const QASM_LIMITS = {
	/** Instructions after every user gate is expanded and every register broadcast. */
	maxInstructions: 1_000_000,
	/** Qubits over all quantum registers (the simulator runs at most 27; analysis and export take more). */
	maxQubits: 4096,
	/** Classical bits over all classical registers. */
	maxClbits: 1_048_576,
	/** Nesting of parentheses, unary signs and powers in one expression. */
	maxExpressionDepth: 64,
	/** Operators and operands in one expression. */
	maxExpressionTerms: 1000
} as const;

/** Parse OpenQASM 2.0 source into a Circuit. Throws QasmError with line:column on any problem. */
export function parseQasm(source: string): ParsedQasm {
	return new Parser(source).program();
}

class Parser {
	private tokens: Token[];
	private pos = 0;
	private readonly circuit = new Circuit();
	private readonly warnings: string[] = [];
	private readonly gates = new Map<string, GateDecl | 'native'>([
		['U', 'native'],
		['CX', 'native']
	]);
	private readonly qregs = new Map<string, Register>();
	private readonly cregs = new Map<string, Register>();
	private qelib1 = false;
	/** Native instructions one call of each user gate expands to (saturating above the limit). */
	private readonly expandedSizes = new Map<string, number>();
	private exprDepth = 0;
	private exprTerms = 0;

	constructor(source: string) {
		this.tokens = tokenize(source);
	}

	// --- token helpers -------------------------------------------------------------------------

	private peek(offset = 0): Token {
		return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
	}
	private next(): Token {
		const t = this.peek();
		if (t.type !== 'eof') this.pos++;
		return t;
	}
	private fail(tok: Token, reason: string, code: QasmError['code'] = 'syntax'): never {
		throw new QasmError(code, reason, tok.line, tok.column);
	}
	private describe(tok: Token): string {
		return tok.type === 'eof' ? 'end of file' : `'${tok.text}'`;
	}
	private isSymbol(text: string): boolean {
		const t = this.peek();
		return t.type === 'symbol' && t.text === text;
	}
	private expectSymbol(text: string, context: string): Token {
		const t = this.peek();
		if (t.type !== 'symbol' || t.text !== text) this.fail(t, `expected '${text}' ${context}, found ${this.describe(t)}`);
		return this.next();
	}
	private expectId(context: string): Token {
		const t = this.peek();
		if (t.type !== 'id') this.fail(t, `expected ${context}, found ${this.describe(t)}`);
		return this.next();
	}
	private expectInt(context: string): number {
		const t = this.peek();
		if (t.type !== 'int') this.fail(t, `expected ${context} (a non-negative integer), found ${this.describe(t)}`);
		this.next();
		return Number(t.text);
	}

	// --- program -------------------------------------------------------------------------------

	program(): ParsedQasm {
		const first = this.peek();
		if (first.type === 'id' && first.text === 'OPENQASM') {
			this.next();
			const v = this.peek();
			if (v.type !== 'real' && v.type !== 'int') this.fail(v, `expected a version number after OPENQASM, found ${this.describe(v)}`);
			this.next();
			if (!/^2(\.0*)?$/.test(v.text))
				this.fail(v, `OPENQASM ${v.text} is not supported: this reader implements OpenQASM 2.0`, 'unsupported-version');
			this.expectSymbol(';', 'after the OPENQASM version');
		} else {
			this.warnings.push("no 'OPENQASM 2.0;' header: read as OpenQASM 2.0");
		}
		while (this.peek().type !== 'eof') this.statement();
		return { circuit: this.circuit, warnings: this.warnings };
	}

	private statement(): void {
		const t = this.peek();
		if (t.type !== 'id') this.fail(t, `expected a statement (qreg, creg, gate, measure, a gate call, …), found ${this.describe(t)}`);
		switch (t.text) {
			case 'include':
				return this.include();
			case 'qreg':
			case 'creg':
				return this.register(t.text === 'qreg');
			case 'gate':
				return this.gateDecl(false);
			case 'opaque':
				return this.gateDecl(true);
			case 'if':
				return this.conditional();
			case 'OPENQASM':
				this.fail(t, 'OPENQASM may only appear once, at the start of the program');
				break;
			default:
				this.quantumOp(null);
		}
	}

	private include(): void {
		this.next();
		const f = this.peek();
		if (f.type !== 'string') this.fail(f, `expected a file name in quotes after include, found ${this.describe(f)}`);
		this.next();
		this.expectSymbol(';', 'after the include file name');
		if (f.text !== 'qelib1.inc')
			this.fail(f, `cannot include "${f.text}": only "qelib1.inc" is built in`, 'unknown-include');
		if (this.qelib1) return;
		this.qelib1 = true;
		for (const name of QELIB1_GATES) if (!this.gates.has(name) && NATIVE_GATES[name]) this.gates.set(name, 'native');
		// The composite gates are parsed with a sub-parser that shares this gate table.
		const saved = { tokens: this.tokens, pos: this.pos };
		this.tokens = tokenize(COMPOSITE_GATES);
		this.pos = 0;
		while (this.peek().type !== 'eof') this.gateDecl(false, true);
		this.tokens = saved.tokens;
		this.pos = saved.pos;
	}

	private register(quantum: boolean): void {
		const kw = this.next();
		const name = this.expectId(`a register name after ${kw.text}`);
		this.expectSymbol('[', `after the register name ${name.text}`);
		const size = this.expectInt('the register size');
		this.expectSymbol(']', 'after the register size');
		this.expectSymbol(';', 'after the register declaration');
		if (size < 1) this.fail(name, `register ${name.text} must have at least one bit`, 'bad-argument');
		const total = (quantum ? this.circuit.numQubits : this.circuit.numClbits) + size;
		const limit = quantum ? QASM_LIMITS.maxQubits : QASM_LIMITS.maxClbits;
		if (!Number.isSafeInteger(size) || total > limit)
			this.fail(
				name,
				`register ${name.text}[${size}] takes the program to ${total.toLocaleString('en')} ${quantum ? 'qubits' : 'classical bits'}; at most ${limit.toLocaleString('en')} are accepted`,
				'too-large'
			);
		if (this.qregs.has(name.text) || this.cregs.has(name.text))
			this.fail(name, `register ${name.text} is already declared`, 'redeclared');
		if (quantum) {
			const offset = this.circuit.addQreg(name.text, size);
			this.qregs.set(name.text, { name: name.text, size, offset });
		} else {
			const offset = this.circuit.addCreg(name.text, size);
			this.cregs.set(name.text, { name: name.text, size, offset });
		}
	}

	private gateDecl(opaque: boolean, builtin = false): void {
		this.next();
		const name = this.expectId('a gate name');
		const params: string[] = [];
		if (this.isSymbol('(')) {
			this.next();
			if (!this.isSymbol(')')) {
				do params.push(this.expectId('a parameter name').text);
				while (this.isSymbol(',') && this.next());
			}
			this.expectSymbol(')', 'to close the parameter list');
		}
		const args: string[] = [];
		do args.push(this.expectId('a qubit argument name').text);
		while (this.isSymbol(',') && this.next());
		if (new Set(args).size !== args.length) this.fail(name, `gate ${name.text} names the same qubit argument twice`, 'bad-argument');
		let body: BodyOp[] | null = null;
		if (opaque) this.expectSymbol(';', 'after the opaque declaration');
		else body = this.gateBody(params, args);
		const existing = this.gates.get(name.text);
		if (existing === 'native' && (name.text === 'U' || name.text === 'CX'))
			this.fail(name, `${name.text} is built into the language and cannot be redefined`, 'redeclared');
		if (existing && !builtin) {
			if (existing !== 'native' && !QELIB1_GATES.includes(name.text))
				this.fail(name, `gate ${name.text} is already defined`, 'redeclared');
			this.warnings.push(`line ${name.line}: gate ${name.text} redefines the qelib1 gate; the file's definition is used`);
		}
		this.gates.set(name.text, { name: name.text, params, args, body, tok: name });
		let size = 0;
		for (const op of body ?? []) if (!op.barrier) size = Math.min(size + this.expandedSize(op.name), QASM_LIMITS.maxInstructions + 1);
		this.expandedSizes.set(name.text, size);
	}

	private gateBody(params: string[], args: string[]): BodyOp[] {
		this.expectSymbol('{', 'to open the gate body');
		const ops: BodyOp[] = [];
		while (!this.isSymbol('}')) {
			const t = this.peek();
			if (t.type === 'eof') this.fail(t, "expected '}' to close the gate body, found end of file");
			const op = this.expectId('a gate call inside the gate body');
			if (op.text === 'measure' || op.text === 'reset' || op.text === 'if')
				this.fail(op, `${op.text} is not allowed inside a gate body`);
			const callParams: Expr[] = [];
			const barrier = op.text === 'barrier';
			if (!barrier && this.isSymbol('(')) {
				this.next();
				if (!this.isSymbol(')')) {
					do callParams.push(this.topExpression(params));
					while (this.isSymbol(',') && this.next());
				}
				this.expectSymbol(')', 'to close the parameter list');
			}
			const callArgs: string[] = [];
			do {
				const a = this.expectId('a qubit argument');
				if (!args.includes(a.text)) this.fail(a, `'${a.text}' is not an argument of this gate`, 'undeclared');
				if (this.isSymbol('[')) this.fail(this.peek(), 'qubits inside a gate body cannot be indexed');
				callArgs.push(a.text);
			} while (this.isSymbol(',') && this.next());
			this.expectSymbol(';', `after the call to ${op.text}`);
			if (!barrier) {
				const g = this.gates.get(op.text);
				if (!g) this.fail(op, `gate ${op.text} is not defined before this use${this.qelib1 ? '' : ' (missing include "qelib1.inc";?)'}`, 'undeclared');
			}
			ops.push({ name: op.text, tok: op, params: callParams, args: callArgs, barrier });
		}
		this.next();
		return ops;
	}

	// --- expressions ---------------------------------------------------------------------------

	/** One whole parameter expression, with its depth and size bounded; a constant one is evaluated once. */
	private topExpression(params: readonly string[]): Expr {
		this.exprDepth = 0;
		this.exprTerms = 0;
		const start = this.peek();
		const x = this.expression(params);
		if (params.length === 0) {
			const v = x(new Map());
			this.finite(v, start);
			return () => v;
		}
		return x;
	}

	/** Refuse a non-finite parameter value (1/0, ln(0), sqrt(-1), pi^1000) at `tok`. */
	private finite(v: number, tok: Token): void {
		if (!Number.isFinite(v))
			this.fail(tok, `this parameter evaluates to ${Number.isNaN(v) ? 'an undefined number (NaN)' : v > 0 ? 'infinity' : 'minus infinity'}; a gate angle must be a finite number`, 'not-finite');
	}

	/** Count one operator or operand and one level of nesting; refuse past the limits. */
	private enter(tok: Token): void {
		if (++this.exprTerms > QASM_LIMITS.maxExpressionTerms)
			this.fail(tok, `the expression has more than ${QASM_LIMITS.maxExpressionTerms} terms`, 'too-large');
		if (++this.exprDepth > QASM_LIMITS.maxExpressionDepth)
			this.fail(tok, `the expression is nested more than ${QASM_LIMITS.maxExpressionDepth} levels deep`, 'too-large');
	}

	private expression(params: readonly string[]): Expr {
		this.enter(this.peek());
		const left = this.sum(params);
		this.exprDepth--;
		return left;
	}
	private sum(params: readonly string[]): Expr {
		let left = this.term(params);
		while (this.isSymbol('+') || this.isSymbol('-')) {
			this.enter(this.peek());
			this.exprDepth--;
			const op = this.next().text;
			const l = left;
			const r = this.term(params);
			left = op === '+' ? (e) => l(e) + r(e) : (e) => l(e) - r(e);
		}
		return left;
	}
	private term(params: readonly string[]): Expr {
		let left = this.unary(params);
		while (this.isSymbol('*') || this.isSymbol('/')) {
			this.enter(this.peek());
			this.exprDepth--;
			const op = this.next().text;
			const l = left;
			const r = this.unary(params);
			left = op === '*' ? (e) => l(e) * r(e) : (e) => l(e) / r(e);
		}
		return left;
	}
	private unary(params: readonly string[]): Expr {
		this.enter(this.peek());
		try {
			if (this.isSymbol('-')) {
				this.next();
				const x = this.unary(params);
				return (e) => -x(e);
			}
			if (this.isSymbol('+')) {
				this.next();
				return this.unary(params);
			}
			const base = this.primary(params);
			if (this.isSymbol('^')) {
				this.next();
				const ex = this.unary(params);
				return (e) => Math.pow(base(e), ex(e));
			}
			return base;
		} finally {
			this.exprDepth--;
		}
	}
	private primary(params: readonly string[]): Expr {
		const t = this.next();
		if (t.type === 'real' || t.type === 'int') {
			const v = Number(t.text);
			return () => v;
		}
		if (t.type === 'id') {
			if (t.text === 'pi') return () => Math.PI;
			const fn = FUNCTIONS[t.text];
			if (fn) {
				this.expectSymbol('(', `after the function ${t.text}`);
				const x = this.expression(params);
				this.expectSymbol(')', `to close ${t.text}(`);
				return (e) => fn(x(e));
			}
			if (params.includes(t.text)) return (e) => e.get(t.text) as number;
			this.fail(t, `'${t.text}' is not a parameter, pi, or one of sin cos tan exp ln sqrt`, 'undeclared');
		}
		if (t.type === 'symbol' && t.text === '(') {
			const x = this.expression(params);
			this.expectSymbol(')', 'to close the parenthesis');
			return x;
		}
		this.fail(t, `expected a number, pi, a parameter or '(' in the expression, found ${this.describe(t)}`);
	}

	// --- quantum operations --------------------------------------------------------------------

	private conditional(): void {
		const kw = this.next();
		this.expectSymbol('(', 'after if');
		const reg = this.expectId('a classical register name in the condition');
		const creg = this.cregs.get(reg.text);
		if (!creg) this.fail(reg, `classical register ${reg.text} is not declared`, 'undeclared');
		this.expectSymbol('==', 'in the condition');
		const value = this.expectInt('the value to compare with');
		if (value >= 2 ** creg.size)
			this.fail(reg, `${value} does not fit in the ${creg.size}-bit register ${creg.name}`, 'bad-argument');
		this.expectSymbol(')', 'to close the condition');
		const t = this.peek();
		if (t.type === 'id' && (t.text === 'if' || t.text === 'barrier'))
			this.fail(t, `${t.text} cannot be conditioned by if`);
		void kw;
		this.quantumOp({ creg: creg.name, value });
	}

	private quantumOp(cond: { creg: string; value: number } | null): void {
		const op = this.expectId('a quantum operation');
		if (op.text === 'measure') return this.measure(cond);
		if (op.text === 'reset') {
			const qs = this.qubitArg();
			this.expectSymbol(';', 'after reset');
			for (const q of qs) this.push({ kind: 'reset', qubit: q }, cond);
			return;
		}
		if (op.text === 'barrier') {
			const all: number[] = [];
			do all.push(...this.qubitArg());
			while (this.isSymbol(',') && this.next());
			this.expectSymbol(';', 'after barrier');
			if (new Set(all).size === all.length) this.circuit.instructions.push({ kind: 'barrier', qubits: all });
			return;
		}
		const params: number[] = [];
		if (this.isSymbol('(')) {
			this.next();
			if (!this.isSymbol(')')) {
				do params.push(this.topExpression([])(new Map()));
				while (this.isSymbol(',') && this.next());
			}
			this.expectSymbol(')', 'to close the parameter list');
		}
		const argToks: Token[] = [];
		const args: number[][] = [];
		do {
			argToks.push(this.peek());
			args.push(this.qubitArg());
		} while (this.isSymbol(',') && this.next());
		this.expectSymbol(';', `after the call to ${op.text}`);
		// Broadcast: whole registers of equal size, single qubits repeated.
		const sizes = new Set(args.filter((a) => a.length > 1 || this.isWholeRegister(a)).map((a) => a.length));
		if (sizes.size > 1) this.fail(op, `registers of different sizes passed to ${op.text}`, 'size-mismatch');
		const reps = sizes.size ? [...sizes][0] : 1;
		// Refuse an expansion bomb before expanding it: sizes are known from the declarations.
		if (this.circuit.instructions.length + reps * this.expandedSize(op.text) > QASM_LIMITS.maxInstructions)
			this.fail(
				op,
				`${op.text} expands to more than ${QASM_LIMITS.maxInstructions.toLocaleString('en')} instructions in this program (user gates calling each other multiply); it is not simulated`,
				'too-large'
			);
		for (let r = 0; r < reps; r++) {
			const qubits = args.map((a) => (a.length === 1 && reps > 1 && !this.isWholeRegister(a) ? a[0] : a[a.length === 1 ? 0 : r]));
			if (new Set(qubits).size !== qubits.length) this.fail(op, `${op.text} is applied to the same qubit twice`, 'bad-argument');
			this.apply(op.text, op, params, qubits, cond, 0);
		}
	}

	/** Native instructions one call of `name` becomes (1 for a native gate). */
	private expandedSize(name: string): number {
		return this.gates.get(name) === 'native' ? 1 : (this.expandedSizes.get(name) ?? 1);
	}

	/** Marks arrays produced for whole registers (even of size 1) for broadcasting. */
	private wholeRegisterArgs = new WeakSet<number[]>();
	private isWholeRegister(a: number[]): boolean {
		return this.wholeRegisterArgs.has(a);
	}

	private qubitArg(): number[] {
		const id = this.expectId('a qubit or quantum register');
		const reg = this.qregs.get(id.text);
		if (!reg) {
			if (this.cregs.has(id.text)) this.fail(id, `${id.text} is a classical register; a qubit is expected here`, 'bad-argument');
			const known = [...this.qregs.keys()];
			this.fail(
				id,
				`quantum register ${id.text} is not declared${known.length ? ` (the program declares ${known.join(', ')})` : ' (no qreg is declared)'}`,
				'undeclared'
			);
		}
		if (this.isSymbol('[')) {
			this.next();
			const idx = this.expectInt('a qubit index');
			this.expectSymbol(']', 'after the qubit index');
			if (idx >= reg.size) this.fail(id, `${id.text}[${idx}] is out of range: register ${id.text} has ${reg.size} qubit(s)`, 'bad-argument');
			return [reg.offset + idx];
		}
		const all = Array.from({ length: reg.size }, (_, i) => reg.offset + i);
		this.wholeRegisterArgs.add(all);
		return all;
	}

	private measure(cond: { creg: string; value: number } | null): void {
		const qs = this.qubitArg();
		const qWhole = this.isWholeRegister(qs);
		this.expectSymbol('->', 'between the measured qubit and the classical bit');
		const id = this.expectId('a classical bit or register after ->');
		const reg = this.cregs.get(id.text);
		if (!reg) {
			if (this.qregs.has(id.text)) this.fail(id, `${id.text} is a quantum register; measure writes to a classical register`, 'bad-argument');
			const known = [...this.cregs.keys()];
			this.fail(
				id,
				`measure writes to classical register ${id.text}, which is not declared${known.length ? ` (the program declares ${known.join(', ')})` : ' (no creg is declared)'}`,
				'undeclared'
			);
		}
		let cs: number[];
		if (this.isSymbol('[')) {
			this.next();
			const idx = this.expectInt('a bit index');
			this.expectSymbol(']', 'after the bit index');
			if (idx >= reg.size) this.fail(id, `${id.text}[${idx}] is out of range: register ${id.text} has ${reg.size} bit(s)`, 'bad-argument');
			cs = [reg.offset + idx];
			if (qWhole) this.fail(id, 'a whole quantum register must be measured into a whole classical register', 'size-mismatch');
		} else {
			cs = Array.from({ length: reg.size }, (_, i) => reg.offset + i);
			if (!qWhole) this.fail(id, 'a single qubit must be measured into a single classical bit', 'size-mismatch');
			if (cs.length !== qs.length)
				this.fail(id, `cannot measure ${qs.length} qubit(s) into ${cs.length} bit(s) of ${id.text}`, 'size-mismatch');
		}
		this.expectSymbol(';', 'after measure');
		qs.forEach((q, i) => this.push({ kind: 'measure', qubit: q, clbit: cs[i] }, cond));
	}

	private push(
		ins: GateInstruction | { kind: 'measure'; qubit: number; clbit: number } | { kind: 'reset'; qubit: number },
		cond: { creg: string; value: number } | null,
		tok?: Token
	): void {
		if (this.circuit.instructions.length >= QASM_LIMITS.maxInstructions)
			this.fail(
				tok ?? this.tokens[Math.max(0, this.pos - 1)],
				`the program expands to more than ${QASM_LIMITS.maxInstructions.toLocaleString('en')} instructions (user gates calling each other multiply); it is not simulated`,
				'too-large'
			);
		this.circuit.instructions.push(cond ? { kind: 'if', creg: cond.creg, value: cond.value, body: ins } : ins);
	}

	/** Apply gate `name` to global qubits, expanding user definitions recursively. */
	private apply(
		name: string,
		tok: Token,
		params: number[],
		qubits: number[],
		cond: { creg: string; value: number } | null,
		depth: number
	): void {
		const g = this.gates.get(name);
		if (!g) {
			const hint = !this.qelib1 && QELIB1_GATES.includes(name) ? ' (it is in qelib1.inc: add include "qelib1.inc";)' : '';
			this.fail(tok, `gate ${name} is not defined${hint}`, 'undeclared');
		}
		if (g === 'native') {
			const def = NATIVE_GATES[name];
			if (def.params !== params.length)
				this.fail(tok, `gate ${name} takes ${def.params} parameter(s), got ${params.length}`, 'bad-argument');
			if (def.qubits !== qubits.length)
				this.fail(tok, `gate ${name} acts on ${def.qubits} qubit(s), got ${qubits.length}`, 'bad-argument');
			for (const p of params) this.finite(p, tok);
			this.push({ kind: 'gate', name, params, qubits }, cond, tok);
			return;
		}
		if (g.params.length !== params.length)
			this.fail(tok, `gate ${name} takes ${g.params.length} parameter(s), got ${params.length}`, 'bad-argument');
		if (g.args.length !== qubits.length)
			this.fail(tok, `gate ${name} acts on ${g.args.length} qubit(s), got ${qubits.length}`, 'bad-argument');
		if (g.body === null)
			this.fail(tok, `gate ${name} is declared opaque: its action is not defined, so it cannot be simulated`, 'opaque-gate');
		if (depth > MAX_EXPANSION_DEPTH) this.fail(tok, `gate ${name} expands more than ${MAX_EXPANSION_DEPTH} levels deep`, 'too-large');
		for (const p of params) this.finite(p, tok);
		const env = new Map(g.params.map((p, i) => [p, params[i]]));
		const bind = new Map(g.args.map((a, i) => [a, qubits[i]]));
		for (const op of g.body) {
			const qs = op.args.map((a) => bind.get(a) as number);
			if (op.barrier) continue;
			if (new Set(qs).size !== qs.length) this.fail(op.tok, `${op.name} is applied to the same qubit twice`, 'bad-argument');
			this.apply(op.name, op.tok, op.params.map((p) => p(env)), qs, cond, depth + 1);
		}
	}
}
