/** Helpers for the family tests: import SYNTHETIC people through the real importer. */
import { importGenomeBytes } from '../../../src/lib/genome/index';
import { familySample, type FamilySample } from '../../../src/lib/family/index';
import { to23andMe, type SimPerson, type SimSite } from './simulate';

const enc = new TextEncoder();

/** Import a simulated person as a 23andMe array sample. */
export async function arraySample(p: SimPerson, sites: Map<string, SimSite[]>, id = p.id): Promise<FamilySample> {
	const g = await importGenomeBytes(enc.encode(to23andMe(p, sites)), { fileName: `${id}.txt` });
	return familySample(id, g);
}

/** Import every sample of a joint VCF text. */
export async function vcfSamples(text: string, ids: string[]): Promise<FamilySample[]> {
	const bytes = enc.encode(text);
	const out: FamilySample[] = [];
	for (const id of ids) out.push(familySample(id, await importGenomeBytes(bytes, { sample: id }), true));
	return out;
}
