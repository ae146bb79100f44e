/**
 * fal's webhook public keys: the JSON Web Key Set published at
 * `https://rest.fal.ai/.well-known/jwks.json` (and, for older setups, the same path on
 * `rest.alpha.fal.ai`: see ./keySetUrls), turned into node:crypto key objects.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';

/** Where fal publishes the keys that sign its webhook deliveries (the alpha host is the fallback). */
export const DEFAULT_FAL_JWKS_URL = 'https://rest.fal.ai/.well-known/jwks.json';

/** One Ed25519 public key as a JWK: `{kty: 'OKP', crv: 'Ed25519', x: <base64url>}`. */
export interface FalJwk {
	kty: 'OKP';
	crv: 'Ed25519';
	x: string;
	kid?: string;
}

/** A key ready for `crypto.verify`, with the id it had in the key set (if any). */
export interface FalPublicKey {
	kid?: string;
	key: KeyObject;
}

/** An Ed25519 public key is 32 bytes: 43 base64url characters without padding. */
const ED25519_X = /^[A-Za-z0-9_-]{43}$/;

/** True for a JWK that describes an Ed25519 public key (and nothing private). */
export function isFalJwk(value: unknown): value is FalJwk {
	if (typeof value !== 'object' || value === null) return false;
	const jwk = value as Record<string, unknown>;
	return (
		jwk.kty === 'OKP' &&
		jwk.crv === 'Ed25519' &&
		typeof jwk.x === 'string' &&
		ED25519_X.test(jwk.x) &&
		jwk.d === undefined &&
		(jwk.kid === undefined || typeof jwk.kid === 'string')
	);
}

/**
 * Imports one Ed25519 JWK. Only the public members are passed on, so a key set that
 * carries extra fields (`use`, `alg`, ...) imports the same way.
 */
export function importFalJwk(jwk: FalJwk): FalPublicKey {
	const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
	return jwk.kid === undefined ? { key } : { kid: jwk.kid, key };
}

/**
 * Reads a JWKS document (`{keys: [...]}`) and imports its Ed25519 keys. Keys of other types
 * are skipped rather than rejected: a key set may legitimately hold more than fal's webhook
 * keys. Returns an empty list when nothing usable is there; the caller decides if that is fatal.
 */
export function parseFalJwks(document: unknown): FalPublicKey[] {
	if (typeof document !== 'object' || document === null) return [];
	const keys = (document as { keys?: unknown }).keys;
	if (!Array.isArray(keys)) return [];
	const imported: FalPublicKey[] = [];
	for (const candidate of keys) {
		if (!isFalJwk(candidate)) continue;
		const key = tryImport(candidate);
		if (key) imported.push(key);
	}
	return imported;
}

function tryImport(jwk: FalJwk): FalPublicKey | undefined {
	try {
		return importFalJwk(jwk);
	} catch {
		// A well-shaped x that is still not a valid point: skip it like any unusable key.
		return undefined;
	}
}
