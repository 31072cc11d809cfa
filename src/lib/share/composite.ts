/**
 * Composite signatures: ML-DSA-65 (FIPS 204, with a context string) AND Ed25519 over the same
 * domain-separated message. A composite signature is valid only when both halves verify, so it
 * stays secure as long as either algorithm does.
 */
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { concatBytes, utf8 } from './encoding';

/** Length in bytes of an Ed25519 signature. */
export const ED25519_SIG_BYTES = 64;
/** Length in bytes of an ML-DSA-65 signature. */
export const MLDSA65_SIG_BYTES = 3309;
/** Length in bytes of an ML-DSA-65 public key. */
export const MLDSA65_PK_BYTES = 1952;

/** Secret signing material derived from the stored seeds. */
export interface SigningKeys {
	ed25519Secret: Uint8Array;
	ed25519Public: Uint8Array;
	mldsaSecret: Uint8Array;
	mldsaPublic: Uint8Array;
}

/** Public halves used to verify. */
export interface VerifyingKeys {
	ed25519Public: Uint8Array;
	mldsaPublic: Uint8Array;
}

/** A composite signature. */
export interface CompositeSignature {
	ed25519: Uint8Array;
	mldsa65: Uint8Array;
}

/** Derive both signing key pairs from two 32-byte seeds. */
export function signingKeysFromSeeds(ed25519Seed: Uint8Array, mldsaSeed: Uint8Array): SigningKeys {
	const dsa = ml_dsa65.keygen(mldsaSeed);
	return {
		ed25519Secret: ed25519Seed,
		ed25519Public: ed25519.getPublicKey(ed25519Seed),
		mldsaSecret: dsa.secretKey,
		mldsaPublic: dsa.publicKey
	};
}

/** The message both algorithms sign: `context || 0x00 || message`. */
function framed(context: string, message: Uint8Array): Uint8Array {
	return concatBytes(utf8(context), new Uint8Array([0]), message);
}

/**
 * Sign `message` under a domain-separation `context` with both algorithms. `deterministic`
 * disables ML-DSA's hedging randomness (used only for golden test vectors).
 */
export function compositeSign(
	keys: SigningKeys,
	context: string,
	message: Uint8Array,
	deterministic = false
): CompositeSignature {
	const m = framed(context, message);
	return {
		ed25519: ed25519.sign(m, keys.ed25519Secret),
		mldsa65: ml_dsa65.sign(m, keys.mldsaSecret, {
			context: utf8(context),
			...(deterministic ? { extraEntropy: false as const } : {})
		})
	};
}

/** True only when both the Ed25519 and the ML-DSA-65 signature verify for this context. */
export function compositeVerify(
	keys: VerifyingKeys,
	context: string,
	message: Uint8Array,
	sig: CompositeSignature
): boolean {
	if (sig.ed25519.length !== ED25519_SIG_BYTES || sig.mldsa65.length !== MLDSA65_SIG_BYTES) return false;
	if (keys.mldsaPublic.length !== MLDSA65_PK_BYTES || keys.ed25519Public.length !== 32) return false;
	const m = framed(context, message);
	let edOk = false;
	let pqOk = false;
	try {
		edOk = ed25519.verify(sig.ed25519, m, keys.ed25519Public);
	} catch {
		edOk = false;
	}
	try {
		pqOk = ml_dsa65.verify(sig.mldsa65, m, keys.mldsaPublic, { context: utf8(context) });
	} catch {
		pqOk = false;
	}
	return edOk && pqOk;
}
