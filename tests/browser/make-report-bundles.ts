/**
 * Helper of tests/browser/inbox-reports.spec.ts, run through tsx (the domains import JSON tables,
 * which Playwright's loader cannot): builds one report of each kind with the domains' own code and
 * seals each to a one-time passphrase with the golden key "Alice". Writes OUTDIR/<kind>.qenome and
 * OUTDIR/expect.json. Usage: tsx tests/browser/make-report-bundles.ts OUTDIR
 */
import fs from 'node:fs';
import path from 'node:path';
import { createGenomeView, importGenomeBytes } from '../../src/lib/genome/index';
import { buildPgxReport, loadKb, runPgx } from '../../src/lib/pgx/index';
import { buildPkReport, simulate } from '../../src/lib/pk/index';
import { analyseRare, buildRareReport } from '../../src/lib/rare/index';
import { loadRareKbNode } from '../../src/lib/rare/kb-node';
import { buildFamilyReport } from '../../src/lib/family/report';
import type { FamilyResult } from '../../src/lib/family/rank';
import { encodeReport, parseIdentityFile, sealBytes, unlockIdentity } from '../../src/lib/share/index';

const OTP = 'K7QD-M2XP-9RTV-4HWZ-B3NC-6FGJ';

async function reports(): Promise<{ kind: string; model: unknown; gene: RegExp; heading: RegExp }[]> {
	const g = await importGenomeBytes(new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/genome/23andme-v5-female.txt'))));
	const pgx = buildPgxReport(await runPgx(createGenomeView(g.summary, g.chunks), [], await loadKb()), { patientName: 'Ana Ñúñez', sourceFile: '23andme-v5-female.txt', summary: g.summary });
	const pk = buildPkReport(simulate({ drug: 'clopidogrel', phenotypes: { CYP2C19: { phenotype: 'Poor Metabolizer' } } }), { patientName: 'Ana Ñúñez' });
	const rare = await analyseRare(await loadRareKbNode(), { query: { observed: ['HP:0002373', 'HP:0001250'], excluded: [], sex: 'female' }, top: 20 });
	const family: FamilyResult = {
		kind: 'family-rare-disease',
		version: 1,
		proband: 'KID',
		members: [
			{ family: 'F', id: 'KID', father: 'DAD', mother: 'MUM', sex: 'female', phenotype: 'affected' },
			{ family: 'F', id: 'DAD', father: null, mother: null, sex: 'male', phenotype: 'unaffected' },
			{ family: 'F', id: 'MUM', father: null, mother: null, sex: 'female', phenotype: 'unaffected' }
		] as FamilyResult['members'],
		checks: { samples: [], pairs: [], pedErrors: [], trios: [], warnings: [] },
		rare,
		genes: {},
		notes: []
	};
	return [
		{ kind: 'pgx', model: pgx, gene: /TPMT/, heading: /PGx report for Ana Ñúñez/ },
		{ kind: 'pk', model: pk, gene: /CYP2C19/, heading: /Drug-exposure report for Ana Ñúñez/ },
		{ kind: 'rare', model: buildRareReport(rare, { patientName: 'Test Child' }), gene: new RegExp(rare.genes[0].gene), heading: /Rare-disease report for Test Child/ },
		{ kind: 'family', model: buildFamilyReport(family), gene: new RegExp(rare.genes[0].gene), heading: /Family report for KID/ }
	];
}


const out = process.argv[2];
const alice = await unlockIdentity(parseIdentityFile(fs.readFileSync(path.resolve('tests/fixtures/share/alice.key'), 'utf8')), 'golden passphrase');
const expected: { kind: string; gene: string; heading: string }[] = [];
for (const r of await reports()) {
	const { bytes } = await sealBytes({ sender: alice, recipients: [], passphrase: OTP, scryptLogN: 12, contentType: 'report', mediaType: 'application/json', content: encodeReport(r.model) });
	fs.writeFileSync(path.join(out, `${r.kind}.qenome`), bytes);
	expected.push({ kind: r.kind, gene: r.gene.source, heading: r.heading.source });
}
fs.writeFileSync(path.join(out, 'expect.json'), JSON.stringify({ otp: OTP, reports: expected }));
