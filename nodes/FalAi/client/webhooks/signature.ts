/**
 * Verifies that a webhook delivery really comes from fal.
 *
 * fal signs every delivery with Ed25519. The signed message is four lines, UTF-8:
 *
 *     request_id \n user_id \n timestamp \n hex(sha256(raw body bytes))
 *
 * taken from the `X-Fal-Webhook-Request-Id`, `-User-Id` and `-Timestamp` headers; the signature
 * is hex in `X-Fal-Webhook-Signature`. It is valid if any of fal's published keys verifies it.
 * The body hash is over the exact bytes received, so verification needs the raw body: a body
 * parsed and serialised again would not hash the same.
 */
import { createHash, verify } from 'node:crypto';
import type { FalPublicKey } from './keys';

/** The headers fal sends with every delivery (lower case, as node:http exposes them). */
export const FAL_WEBHOOK_HEADERS = Object.freeze({
	requestId: 'x-fal-webhook-request-id',
	userId: 'x-fal-webhook-user-id',
	timestamp: 'x-fal-webhook-timestamp',
	signature: 'x-fal-webhook-signature',
});

/** fal's advice: reject deliveries whose timestamp is more than 5 minutes from now. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type FalWebhookFailureReason =
	/** One of the four signature headers is absent or empty. */
	| 'missing_header'
	/** The timestamp header is not a whole number of seconds. */
	| 'invalid_timestamp'
	/** The timestamp is too far in the past (a replay) or in the future. */
	| 'timestamp_out_of_range'
	/** The signature header is not 64 bytes of hex. */
	| 'malformed_signature'
	/** There is no key to verify with. */
	| 'no_keys'
	/** No key verifies the signature: forged, tampered with, or signed with an unknown key. */
	| 'signature_mismatch';

export type FalWebhookVerification =
	| { ok: true; requestId: string; userId: string; timestamp: number }
	| { ok: false; reason: FalWebhookFailureReason; message: string; ageSeconds?: number };

/** Header values as node:http gives them; plain objects with any key case are accepted too. */
export type WebhookHeaders = Readonly<Record<string, string | string[] | undefined>>;

export interface VerifyFalWebhookInput {
	/** The request body exactly as received. */
	rawBody: Buffer;
	headers: WebhookHeaders;
	/** Current time in milliseconds since the epoch (`Date.now()` when omitted). */
	now?: number;
	/** Largest accepted distance between the timestamp header and now, in seconds. */
	toleranceSeconds?: number;
	keys: readonly FalPublicKey[];
}

/** The signed headers of a delivery, checked for shape and freshness but not yet verified. */
export interface SignedHeaders {
	requestId: string;
	userId: string;
	/** The timestamp header as sent: it is part of the signed message verbatim. */
	timestampText: string;
	timestamp: number;
	signature: Buffer;
}

const ED25519_SIGNATURE_HEX = /^[0-9a-fA-F]{128}$/;
const UNIX_SECONDS = /^[0-9]{1,12}$/;

/** Verifies a delivery against the given keys. Pure and synchronous: no network. */
export function verifyFalWebhook(input: VerifyFalWebhookInput): FalWebhookVerification {
	const headers = readSignedHeaders(input);
	if (!headers.ok) return headers;
	return verifySignedHeaders(headers.value, input.rawBody, input.keys);
}

/**
 * Checks everything that needs no key: the four headers are present, the timestamp is a number
 * within the tolerance and the signature is well-formed hex. Cheap, so it runs before any key
 * lookup, and a malformed request never causes a key set fetch.
 */
export function readSignedHeaders(
	input: Pick<VerifyFalWebhookInput, 'headers' | 'now' | 'toleranceSeconds'>,
): { ok: true; value: SignedHeaders } | { ok: false; reason: FalWebhookFailureReason; message: string; ageSeconds?: number } {
	const get = headerReader(input.headers);
	const requestId = get(FAL_WEBHOOK_HEADERS.requestId);
	const userId = get(FAL_WEBHOOK_HEADERS.userId);
	const timestampText = get(FAL_WEBHOOK_HEADERS.timestamp);
	const signatureHex = get(FAL_WEBHOOK_HEADERS.signature);

	const missing = Object.entries({ requestId, userId, timestampText, signatureHex })
		.filter(([, value]) => !value)
		.map(([name]) => headerNameOf(name));
	if (missing.length > 0) {
		return failure('missing_header', `Missing fal webhook header(s): ${missing.join(', ')}`);
	}

	if (!UNIX_SECONDS.test(timestampText!)) {
		return failure('invalid_timestamp', 'The webhook timestamp is not a number of seconds');
	}
	const timestamp = Number(timestampText);
	const nowSeconds = Math.floor((input.now ?? Date.now()) / 1000);
	const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	const ageSeconds = nowSeconds - timestamp;
	if (Math.abs(ageSeconds) > tolerance) {
		// The age travels with the verdict: whether fal re-signs a retried delivery is not
		// documented, and a receiver's log of it is how a user can tell a late retry from a replay.
		return {
			...failure('timestamp_out_of_range', `The webhook timestamp is ${ageSeconds} s away from now (at most ${tolerance} s accepted)`),
			ageSeconds,
		};
	}

	if (!ED25519_SIGNATURE_HEX.test(signatureHex!)) {
		return failure('malformed_signature', 'The webhook signature is not a 64-byte hex string');
	}

	return {
		ok: true,
		value: {
			requestId: requestId!,
			userId: userId!,
			timestampText: timestampText!,
			timestamp,
			signature: Buffer.from(signatureHex!, 'hex'),
		},
	};
}

/** Verifies already-read headers against the raw body; valid if any key verifies. */
export function verifySignedHeaders(
	headers: SignedHeaders,
	rawBody: Buffer,
	keys: readonly FalPublicKey[],
): FalWebhookVerification {
	if (keys.length === 0) return failure('no_keys', 'No fal public key is available to verify the webhook');
	const message = buildSignedMessage(headers.requestId, headers.userId, headers.timestampText, rawBody);
	const verified = keys.some(({ key }) => verify(null, message, key, headers.signature));
	if (!verified) {
		return failure('signature_mismatch', 'The webhook signature does not match any fal public key');
	}
	return { ok: true, requestId: headers.requestId, userId: headers.userId, timestamp: headers.timestamp };
}

/** The exact bytes fal signs for a delivery. */
export function buildSignedMessage(
	requestId: string,
	userId: string,
	timestamp: string,
	rawBody: Buffer,
): Buffer {
	const bodyHash = createHash('sha256').update(rawBody).digest('hex');
	return Buffer.from(`${requestId}\n${userId}\n${timestamp}\n${bodyHash}`, 'utf8');
}

/** Case-insensitive header lookup; a repeated header (array) counts as absent. */
function headerReader(headers: WebhookHeaders): (name: string) => string | undefined {
	const lowerCased = new Map<string, string | string[] | undefined>();
	for (const [name, value] of Object.entries(headers)) lowerCased.set(name.toLowerCase(), value);
	return (name) => {
		const value = lowerCased.get(name);
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	};
}

function headerNameOf(field: string): string {
	const names: Record<string, string> = {
		requestId: 'X-Fal-Webhook-Request-Id',
		userId: 'X-Fal-Webhook-User-Id',
		timestampText: 'X-Fal-Webhook-Timestamp',
		signatureHex: 'X-Fal-Webhook-Signature',
	};
	return names[field] ?? field;
}

function failure(
	reason: FalWebhookFailureReason,
	message: string,
): { ok: false; reason: FalWebhookFailureReason; message: string } {
	return { ok: false, reason, message };
}
