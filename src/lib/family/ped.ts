/**
 * PED (pedigree) files: `FAMILY SAMPLE FATHER MOTHER SEX PHENOTYPE`, whitespace-separated, one
 * member per line (PLINK/GATK/slivar convention). `0` means an unknown parent; SEX 1 = male,
 * 2 = female, 0/other = unknown; PHENOTYPE 2 = affected, 1 = unaffected, 0/-9 = unknown.
 *
 * Parsing is bounded (size, members, id length) and strict about structure (column count,
 * duplicate samples, a sample listed as its own parent, ancestry loops), each with the line
 * number. Contradictions that are not structural (a "father" stated female, a parent missing from
 * the file) are returned as `issues` so a person sees all of them at once.
 */
import { FamilyError } from './errors';

/** Sex as stated in a pedigree. */
export type PedSex = 'male' | 'female' | 'unknown';
/** Affected status as stated in a pedigree. */
export type PedPhenotype = 'affected' | 'unaffected' | 'unknown';

/** One member of a pedigree. */
export interface PedMember {
	family: string;
	id: string;
	/** Father's sample id, or null when unknown (`0`). */
	father: string | null;
	/** Mother's sample id, or null when unknown (`0`). */
	mother: string | null;
	sex: PedSex;
	phenotype: PedPhenotype;
}

/** A parsed pedigree plus the non-structural contradictions found in it. */
export interface Pedigree {
	members: PedMember[];
	/** Plain-language contradictions inside the PED itself (e.g. a father stated female). */
	issues: string[];
}

/** Safety limits for PED input. */
export const PED_LIMITS = {
	/** Largest PED accepted, in bytes. */
	maxBytes: 1 << 20,
	/** Most members accepted. */
	maxMembers: 5000,
	/** Longest sample or family id. */
	maxIdLength: 128
} as const;

const ID_RE = /^[A-Za-z0-9_.:@+\-]+$/;

/** Validate an id column; throws with the line number. */
function checkId(value: string, what: string, line: number): string {
	if (value.length > PED_LIMITS.maxIdLength)
		throw new FamilyError('ped-bad-id', `Line ${line}: the ${what} id is longer than ${PED_LIMITS.maxIdLength} characters.`, { line });
	if (!ID_RE.test(value))
		throw new FamilyError('ped-bad-id', `Line ${line}: the ${what} id "${value.slice(0, 40)}" has characters a PED id cannot have (use letters, digits and _ . : @ + -).`, { line });
	return value;
}

/** Parse the SEX column. */
function parseSex(v: string, line: number): PedSex {
	if (v === '1') return 'male';
	if (v === '2') return 'female';
	if (v === '0' || v === '-9' || v.toLowerCase() === 'other' || v === 'NA') return 'unknown';
	throw new FamilyError('ped-bad-sex', `Line ${line}: SEX must be 1 (male), 2 (female) or 0 (unknown), not "${v.slice(0, 20)}".`, { line });
}

/** Parse the PHENOTYPE column (binary traits only). */
function parsePhenotype(v: string, line: number): PedPhenotype {
	if (v === '2') return 'affected';
	if (v === '1') return 'unaffected';
	if (v === '0' || v === '-9' || v === 'NA') return 'unknown';
	throw new FamilyError('ped-bad-phenotype', `Line ${line}: PHENOTYPE must be 2 (affected), 1 (unaffected) or 0/-9 (unknown), not "${v.slice(0, 20)}" (quantitative traits are not used here).`, { line });
}

/** Parse PED text; throws `FamilyError` (kind input) on structural problems. */
export function parsePed(text: string): Pedigree {
	if (text.length > PED_LIMITS.maxBytes)
		throw new FamilyError('ped-too-large', `The PED file is larger than ${PED_LIMITS.maxBytes / 1024} KiB; a pedigree is a few lines per person.`);
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	const members: PedMember[] = [];
	const byId = new Map<string, number>();
	const lines = text.split(/\r?\n/);
	for (let i = 0; i < lines.length; i++) {
		const raw = lines[i].trim();
		if (!raw || raw.startsWith('#')) continue;
		const lineNo = i + 1;
		if (raw.includes('\0')) throw new FamilyError('ped-columns', `Line ${lineNo}: this is not a text PED file.`, { line: lineNo });
		const cols = raw.split(/\s+/);
		if (cols.length < 6)
			throw new FamilyError('ped-columns', `Line ${lineNo}: a PED line needs 6 columns (FAMILY SAMPLE FATHER MOTHER SEX PHENOTYPE), this one has ${cols.length}.`, { line: lineNo });
		if (members.length >= PED_LIMITS.maxMembers)
			throw new FamilyError('ped-too-many-members', `The PED file lists more than ${PED_LIMITS.maxMembers} people.`);
		const family = checkId(cols[0], 'family', lineNo);
		const id = checkId(cols[1], 'sample', lineNo);
		if (id === '0') throw new FamilyError('ped-bad-id', `Line ${lineNo}: "0" means "unknown" in a PED and cannot be a sample id.`, { line: lineNo });
		const father = cols[2] === '0' ? null : checkId(cols[2], 'father', lineNo);
		const mother = cols[3] === '0' ? null : checkId(cols[3], 'mother', lineNo);
		if (father === id || mother === id)
			throw new FamilyError('ped-self-parent', `Line ${lineNo}: ${id} is listed as their own parent.`, { line: lineNo });
		if (father !== null && father === mother)
			throw new FamilyError('ped-self-parent', `Line ${lineNo}: ${id} has the same person (${father}) as father and mother.`, { line: lineNo });
		if (byId.has(id))
			throw new FamilyError('ped-duplicate-sample', `Line ${lineNo}: sample ${id} is listed twice (first on an earlier line).`, { line: lineNo });
		byId.set(id, members.length);
		members.push({ family, id, father, mother, sex: parseSex(cols[4], lineNo), phenotype: parsePhenotype(cols[5], lineNo) });
	}
	if (members.length === 0) throw new FamilyError('ped-empty', 'The PED file lists nobody (no lines with 6 columns).');
	checkCycles(members, byId);
	return { members, issues: pedigreeIssues(members) };
}

/** Throw when someone is their own ancestor. */
function checkCycles(members: PedMember[], byId: Map<string, number>): void {
	const state = new Uint8Array(members.length); // 0 new, 1 on stack, 2 done
	const visit = (start: number): void => {
		// Iterative DFS: hostile PEDs must not overflow the stack.
		const stack: [number, number][] = [[start, 0]];
		state[start] = 1;
		while (stack.length) {
			const top = stack[stack.length - 1];
			const m = members[top[0]];
			const parents = [m.father, m.mother];
			if (top[1] < 2) {
				const p = parents[top[1]++];
				const k = p === null ? undefined : byId.get(p);
				if (k === undefined) continue;
				if (state[k] === 1)
					throw new FamilyError('ped-cycle', `The pedigree loops: ${members[k].id} is listed as an ancestor of themself (through ${m.id}).`, { sample: members[k].id });
				if (state[k] === 0) {
					state[k] = 1;
					stack.push([k, 0]);
				}
			} else {
				state[top[0]] = 2;
				stack.pop();
			}
		}
	};
	for (let i = 0; i < members.length; i++) if (state[i] === 0) visit(i);
}

/** Non-structural contradictions: parents with the wrong stated sex, parents in another family. */
export function pedigreeIssues(members: PedMember[]): string[] {
	const byId = new Map(members.map((m) => [m.id, m]));
	const issues: string[] = [];
	for (const m of members) {
		for (const role of ['father', 'mother'] as const) {
			const pid = m[role];
			if (!pid) continue;
			const p = byId.get(pid);
			if (!p) continue;
			const want = role === 'father' ? 'male' : 'female';
			if (p.sex !== 'unknown' && p.sex !== want)
				issues.push(`${pid} is listed as ${m.id}'s ${role} but stated ${p.sex} in the PED (father and mother may be swapped).`);
			if (p.family !== m.family) issues.push(`${pid} is ${m.id}'s ${role} but is listed in family ${p.family}, not ${m.family}.`);
		}
	}
	return issues;
}

/** Render members as PED text (tab-separated, with a header comment). */
export function formatPed(members: readonly PedMember[]): string {
	const sex = (s: PedSex) => (s === 'male' ? '1' : s === 'female' ? '2' : '0');
	const ph = (p: PedPhenotype) => (p === 'affected' ? '2' : p === 'unaffected' ? '1' : '0');
	const lines = ['#FAMILY\tSAMPLE\tFATHER\tMOTHER\tSEX\tPHENOTYPE'];
	for (const m of members) lines.push([m.family, m.id, m.father ?? '0', m.mother ?? '0', sex(m.sex), ph(m.phenotype)].join('\t'));
	return lines.join('\n') + '\n';
}

/** Everyone in `members` with both parents also listed: the trios of a pedigree. */
export function pedigreeTrios(members: readonly PedMember[]): { child: string; father: string; mother: string }[] {
	const ids = new Set(members.map((m) => m.id));
	return members
		.filter((m) => m.father && m.mother && ids.has(m.father) && ids.has(m.mother))
		.map((m) => ({ child: m.id, father: m.father!, mother: m.mother! }));
}

/** The relationship a pedigree states between two of its members. */
export type StatedRelationship = 'parent-offspring' | 'sibling' | 'second-degree' | 'third-degree' | 'unrelated' | 'distant' | 'not-stated';

/**
 * Kinship coefficient the pedigree implies for every pair (0.25 parent–child and full siblings,
 * 0.125 second degree, 0.0625 third degree, 0 unrelated founders), by the classic recursion over
 * parents (the younger member's parents are expanded first).
 */
export function pedigreeKinship(members: readonly PedMember[]): (a: string, b: string) => number {
	const byId = new Map(members.map((m) => [m.id, m]));
	const depthMemo = new Map<string, number>();
	const depth = (id: string): number => {
		const known = depthMemo.get(id);
		if (known !== undefined) return known;
		const m = byId.get(id);
		// Iterative via recursion depth is bounded by generations (PED is acyclic, checked on parse).
		const d = !m ? 0 : 1 + Math.max(m.father && byId.has(m.father) ? depth(m.father) : 0, m.mother && byId.has(m.mother) ? depth(m.mother) : 0);
		depthMemo.set(id, d);
		return d;
	};
	const memo = new Map<string, number>();
	const phi = (a: string | null, b: string | null): number => {
		if (!a || !b || !byId.has(a) || !byId.has(b)) return 0;
		if (a === b) {
			const m = byId.get(a)!;
			return 0.5 * (1 + phi(m.father, m.mother));
		}
		const key = a < b ? `${a}\t${b}` : `${b}\t${a}`;
		const hit = memo.get(key);
		if (hit !== undefined) return hit;
		// Expand the member further from the founders.
		const [old, young] = depth(a) >= depth(b) ? [b, a] : [a, b];
		const y = byId.get(young)!;
		const v = 0.5 * (phi(old, y.father) + phi(old, y.mother));
		memo.set(key, v);
		return v;
	};
	return (a, b) => phi(a, b);
}

/** The relationship the pedigree states between `a` and `b`. */
export function statedRelationship(members: readonly PedMember[], a: string, b: string, kinship = pedigreeKinship(members)): StatedRelationship {
	const byId = new Map(members.map((m) => [m.id, m]));
	const ma = byId.get(a);
	const mb = byId.get(b);
	if (!ma || !mb) return 'not-stated';
	if (ma.father === b || ma.mother === b || mb.father === a || mb.mother === a) return 'parent-offspring';
	if (ma.father && ma.mother && ma.father === mb.father && ma.mother === mb.mother) return 'sibling';
	const k = kinship(a, b);
	if (k >= 0.177) return 'sibling';
	if (k >= 0.088) return 'second-degree';
	if (k >= 0.044) return 'third-degree';
	if (k > 0) return 'distant';
	// Zero kinship is a statement only when both are in the same family (e.g. the two parents).
	return ma.family === mb.family ? 'unrelated' : 'not-stated';
}
