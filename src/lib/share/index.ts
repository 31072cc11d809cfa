/**
 * Post-quantum sharing: identities (age ML-KEM-768+X25519 KEM, ML-DSA-65+Ed25519 composite
 * signatures), self-signed contact cards, and `.qenome` bundles (age v1 files to hybrid
 * recipients carrying a signed manifest, the content and a composite signature).
 */
export * from './errors';
export {
	createCard,
	parseCard,
	fingerprint,
	shortFingerprint,
	safetyNumber,
	fingerprintQrPayload,
	parseFingerprintQr,
	validName,
	type ContactCard,
	type CardBody
} from './card';
export {
	cardQrParts,
	parseCardQrPart,
	isCardQrPart,
	assembleCardQr,
	encodeCardTransfer,
	decodeCardTransfer,
	cardQrId,
	CardQrCollector,
	CARD_QR_ECC,
	CARD_QR_MAX_VERSION,
	MAX_CARD_QR_PARTS,
	type CardQrPart,
	type CardQrProgress,
	type CardQrAddResult
} from './card-qr';
export {
	createIdentity,
	unlockIdentity,
	changePassphrase,
	parseIdentityFile,
	serializeIdentityFile,
	ageIdentityFromSeed,
	DEFAULT_LOG_N,
	MIN_PASSPHRASE,
	type IdentityFile,
	type IdentitySeeds,
	type UnlockedIdentity
} from './identity';
export { MAX_RECIPIENTS } from './age-header';
export { BUNDLE_VERSION, type BundleManifest, type ContentType } from './manifest';
export {
	sealBundle,
	sealBytes,
	openBundle,
	openBytes,
	buildSealParts,
	MIN_ONE_TIME_PASSPHRASE,
	type SealRequest,
	type OpenRequest,
	type OpenedBundle,
	type ContentSink
} from './bundle';
export { generateOneTimePassphrase, normalizeOneTimePassphrase, isGeneratedPassphrase } from './passphrase';
export { hashBlob, hashStream, nobleSha256, createFastSha256, type Hasher, type HasherFactory } from './hash';
export { encodeGenomeContent, decodeGenomeContent, type GenomeBundleProfile } from './genome-codec';
export { encodeReport, decodeReport, type ReportDocument } from './report-content';
export {
	listContacts,
	addContact,
	markVerified,
	removeContact,
	loadIdentityFile,
	saveIdentityFile,
	requireIdentityFile,
	type ContactRecord,
	type AddContactResult,
	type RecordStore
} from './contacts';
