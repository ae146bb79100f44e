/**
 * Verification against fal's published key set, with one refetch when keys may have rotated.
 */
import type { HttpTransport } from '../transport';
import type { JwksCache } from './jwksCache';
import {
	readSignedHeaders,
	verifySignedHeaders,
	type FalWebhookVerification,
	type VerifyFalWebhookInput,
} from './signature';

export interface VerifyWithJwksInput extends Omit<VerifyFalWebhookInput, 'keys'> {
	jwks: JwksCache;
	/** Fetches the key set when the cache needs it. */
	transport: HttpTransport;
}

/**
 * Verifies a delivery with the cached keys; if none matches, asks the cache for a refetch
 * (which it grants at most once per minimum interval) and verifies once more.
 *
 * Malformed, unsigned and stale requests are rejected before the key set is touched.
 * @throws {JwksUnavailableError} when no keys can be had at all, which is fal's or the
 *   network's fault rather than the sender's: answer it with a retryable status.
 */
export async function verifyFalWebhookWithJwks(input: VerifyWithJwksInput): Promise<FalWebhookVerification> {
	const headers = readSignedHeaders(input);
	if (!headers.ok) return headers;

	const keys = await input.jwks.getKeys(input.transport);
	const verdict = verifySignedHeaders(headers.value, input.rawBody, keys);
	if (verdict.ok || verdict.reason !== 'signature_mismatch') return verdict;

	const refetched = await input.jwks.refetchAfterMismatch(input.transport);
	if (!refetched) return verdict;
	return verifySignedHeaders(headers.value, input.rawBody, refetched);
}
