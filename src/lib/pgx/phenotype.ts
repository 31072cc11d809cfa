/**
 * Allele and diplotype naming (natural order, CPIC names of sub-alleles) and the phenotype of a
 * diplotype from a gene's CPIC tables — shared by the caller, the gene rules and outside calls.
 */
import type { KbGene } from './kb-types';

/** Natural order for allele names: reference first, then star numbers, then text. */
export function compareAlleleNames(x: string, y: string): number {
	const nx = /^\*(\d+)/.exec(x);
	const ny = /^\*(\d+)/.exec(y);
	if (nx && ny && nx[1] !== ny[1]) return Number(nx[1]) - Number(ny[1]);
	const rx = /reference/i.test(x) ? 0 : 1;
	const ry = /reference/i.test(y) ? 0 : 1;
	if (rx !== ry) return rx - ry;
	return x.localeCompare(y, 'en', { numeric: true });
}

/** "a/b" in natural order. */
export function diplotypeName(a: string, b: string | null): string {
	if (b === null) return a;
	return [a, b].sort(compareAlleleNames).join('/');
}

/** Activity score as CPIC writes it: one decimal for halves, two otherwise. */
function scoreFormat(x: number): string {
	return x.toFixed(Number.isInteger(x * 2) ? 1 : 2);
}

/** Phenotype of one diplotype from the gene's tables; null when not in them. */
export function phenotypeOf(gene: KbGene, a: string, b: string | null, sex: string): { phenotype: string; activityScore: number | null; lookupKey: string } | null {
	const al = (n: string) => gene.alleles.find((x) => x.name === n) ?? gene.alleles.find((x) => cpicAlleleName(x.name) === n);
	const key = (n: string) => gene.lookupKeys[n] ?? gene.lookupKeys[cpicAlleleName(n)] ?? gene.lookupKeys[al(n)?.name ?? n] ?? n;
	if (gene.phenotypeMethod === 'functions') {
		const keys = (b === null ? [a] : [a, b]).map(key).sort();
		const e = gene.phenotypeByFunctions[keys.join('|')];
		return e ? { phenotype: e.phenotype, activityScore: e.activityScore, lookupKey: e.lookupKey } : null;
	}
	if (gene.phenotypeMethod === 'activity-score') {
		const va = al(a)?.activity;
		const vb = b === null ? 0 : al(b)?.activity;
		if (va == null || vb == null) return null;
		const s = va + vb;
		const band = gene.scoreBands.find((x) => s >= x.min && (x.max === null || s < x.max));
		return band ? { phenotype: band.phenotype, activityScore: s, lookupKey: scoreFormat(s) } : null;
	}
	if (gene.phenotypeMethod === 'g6pd') {
		const cls = (n: string | null) => {
			if (n === null) return null;
			const f = al(n)?.fn ?? '';
			if (/Class IV|Class V\b|Normal/i.test(f)) return 'normal';
			if (/Class I\b|CNSHA/i.test(f)) return 'cnsha';
			if (/Deficient|Class II|Class III/i.test(f)) return 'deficient';
			return null;
		};
		const ca = cls(a);
		const cb = b === null ? null : cls(b);
		if (!ca || (b !== null && !cb)) return null;
		const list = b === null ? [ca] : [ca, cb!];
		let p: string;
		if (list.length === 1 || sex === 'male') p = ca === 'normal' ? 'Normal' : ca === 'cnsha' ? 'Deficient with CNSHA' : 'Deficient';
		else if (list.every((x) => x === 'normal')) p = 'Normal';
		else if (list.every((x) => x !== 'normal')) p = list.every((x) => x === 'cnsha') ? 'Deficient with CNSHA' : 'Deficient';
		else p = 'Variable';
		return { phenotype: p, activityScore: null, lookupKey: p };
	}
	if (gene.phenotypeMethod === 'ryr-cacna') {
		const mhs = (n: string | null) => n !== null && /Malignant Hyperthermia/i.test(al(n)?.fn ?? '');
		const p = mhs(a) || mhs(b) ? 'Malignant Hyperthermia Susceptibility' : 'Uncertain Susceptibility';
		return { phenotype: p, activityScore: null, lookupKey: p };
	}
	return null;
}

/** CPIC name of a PharmVar sub-allele: "*45.001" → "*45" (the name CPIC tables and guidelines use). */
export function cpicAlleleName(name: string): string {
	return name.replace(/^(\*\d+[A-Z]?)\.\d{3}$/, '$1');
}
