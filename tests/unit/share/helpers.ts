/** Test helpers for the sharing domain: fixed-seed identities, an in-memory record store, crafted bundles. */
import { sha256 } from '@noble/hashes/sha2.js';
import { Encrypter } from 'age-encryption';
import { createIdentity, type IdentityFile, type RecordStore, type UnlockedIdentity } from '../../../src/lib/share/index';
import { compositeSign } from '../../../src/lib/share/composite';
import { concatBytes, utf8 } from '../../../src/lib/share/encoding';
import {
	BUNDLE_SIGNATURE_CONTEXT,
	encodeManifest,
	encodePrefix,
	encodeTrailer,
	signedMessage,
	type BundleManifest
} from '../../../src/lib/share/manifest';
import { toHex } from '../../../src/lib/share/encoding';

/** Deterministic 32-byte seed from a label. */
export function seed(label: string): Uint8Array {
	return sha256(utf8(label));
}

/** A deterministic byte source (counter-mode SHA-256 over a label); tests only. */
export function fixedRandom(label: string): (n: number) => Uint8Array {
	let counter = 0;
	return (n) => {
		const out = new Uint8Array(n);
		for (let i = 0; i < n; i += 32) out.set(sha256(utf8(`${label}/${counter++}`)).subarray(0, Math.min(32, n - i)), i);
		return out;
	};
}

/** A fixed-seed identity with a cheap KDF. */
export async function fixedIdentity(name: string, passphrase = 'test passphrase'): Promise<{ file: IdentityFile; identity: UnlockedIdentity }> {
	const key = name.toLowerCase();
	return createIdentity(name, passphrase, {
		logN: 10,
		seeds: { kem: seed(`${key}/kem`), mldsa: seed(`${key}/mldsa`), ed25519: seed(`${key}/ed25519`) },
		created: '2026-01-01T00:00:00.000Z',
		deterministic: true,
		random: fixedRandom(`${key}/wrap`)
	});
}

/** An in-memory RecordStore. */
export function memoryStore(): RecordStore & { data: Map<string, unknown> } {
	const data = new Map<string, unknown>();
	return {
		data,
		async putRecord(store, key, value) {
			data.set(`${store}/${key}`, structuredClone(value));
		},
		async getRecord<T>(store: string, key: string) {
			const v = data.get(`${store}/${key}`);
			return (v === undefined ? undefined : structuredClone(v)) as T | undefined;
		},
		async listRecords<T>(store: string) {
			return [...data.entries()]
				.filter(([k]) => k.startsWith(`${store}/`))
				.map(([k, v]) => ({ key: k.slice(store.length + 1), value: structuredClone(v) as T }));
		},
		async deleteRecord(store, key) {
			data.delete(`${store}/${key}`);
		}
	};
}

/** Build a plaintext by hand (for forging bad bundles): any manifest, content, signer and trailer. */
export function craftPlaintext(opts: {
	manifest: BundleManifest;
	content: Uint8Array;
	signer: UnlockedIdentity;
	/** Sign this digest instead of the real one. */
	signDigest?: Uint8Array;
	omitTrailer?: boolean;
	versionByte?: number;
}): Uint8Array {
	const mb = encodeManifest(opts.manifest);
	const head = encodePrefix(mb);
	if (opts.versionByte !== undefined) head[7] = opts.versionByte;
	const sig = compositeSign(opts.signer.signing, BUNDLE_SIGNATURE_CONTEXT, signedMessage(mb, opts.signDigest ?? sha256(opts.content)));
	return concatBytes(head, opts.content, opts.omitTrailer ? new Uint8Array(0) : encodeTrailer(sig));
}

/** A well-formed manifest for `content` from `sender` to `recipients` (fingerprints). */
export function manifestFor(sender: UnlockedIdentity, recipients: string[], content: Uint8Array): BundleManifest {
	return {
		format: 'qenome-bundle',
		version: 1,
		contentType: 'file',
		fileName: 'note.txt',
		mediaType: null,
		sender: sender.fingerprint,
		senderCard: sender.card,
		recipients,
		created: '2026-01-02T00:00:00.000Z',
		contentLength: content.length,
		contentSha256: toHex(sha256(content))
	};
}

/** age-encrypt arbitrary plaintext to the given recipient strings. */
export async function ageEncrypt(plaintext: Uint8Array, recipients: string[]): Promise<Uint8Array> {
	const e = new Encrypter();
	for (const r of recipients) e.addRecipient(r);
	return e.encrypt(plaintext);
}
