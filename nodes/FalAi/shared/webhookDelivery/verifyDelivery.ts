/**
 * The signature check every webhook receiver of this package runs first (the Fal.ai Trigger and
 * the "Wait for Webhook" resume): verify against fal's key set, answer the caller itself when
 * the call is refused, and log why.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import {
	DEFAULT_TOLERANCE_SECONDS,
	JwksUnavailableError,
	sharedJwksCache,
	verifyFalWebhookWithJwks,
	type WebhookHeaders,
} from '../../client/webhooks';
import { n8nTransportOf } from '../../transport/n8nTransport';
import { respondJson } from '../../Trigger/respond';

/** The HTTP response the receiver answers on (typed through respondJson, not node:http). */
type WebhookResponse = Parameters<typeof respondJson>[0];

/** After a key set outage, fal's own redelivery schedule is the retry; this only hints at it. */
const JWKS_RETRY_AFTER_SECONDS = '60';

export interface DeliveryToVerify {
	rawBody: Buffer;
	headers: WebhookHeaders;
	/** "Public Key Set URL" as the user typed it; empty = fal's own. */
	jwksUrl?: string;
	toleranceSeconds?: number;
	/** Names the receiver in log lines, e.g. `Fal.ai Trigger`. */
	label: string;
}

/** `verified` with the signed user id, or `answered` when the call was refused (and answered). */
export type DeliveryVerdict = { kind: 'verified'; userId: string; requestId: string } | { kind: 'answered' };

/**
 * Verifies the call's signature. A call that does not verify gets a 401, a call that cannot be
 * verified because the keys are unreachable a 503 (fal then delivers again later).
 */
export async function verifyDelivery(
	ctx: IWebhookFunctions,
	response: WebhookResponse,
	delivery: DeliveryToVerify,
): Promise<DeliveryVerdict> {
	const toleranceSeconds = delivery.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	const verdict = await verifyFalWebhookWithJwks({
		rawBody: delivery.rawBody,
		headers: delivery.headers,
		jwks: sharedJwksCache(delivery.jwksUrl),
		// The key set is public: fetched through n8n's HTTP stack without the credential.
		transport: n8nTransportOf(ctx, { authenticated: false }),
		toleranceSeconds,
	}).catch((error: unknown) => {
		if (error instanceof JwksUnavailableError) return error;
		throw error;
	});
	if (verdict instanceof JwksUnavailableError) {
		// Not the caller's fault: a 503 makes fal redeliver later, when the keys may be back.
		ctx.logger.warn(`${delivery.label}: cannot verify a delivery: ${verdict.message}`);
		respondJson(
			response,
			503,
			{ error: 'keys_unavailable', message: 'The webhook signing keys cannot be loaded right now' },
			{ 'retry-after': JWKS_RETRY_AFTER_SECONDS },
		);
		return { kind: 'answered' };
	}
	if (!verdict.ok) {
		ctx.logger.warn(`${delivery.label}: rejected a call (${verdict.reason}): ${verdict.message}`);
		if (verdict.ageSeconds !== undefined) {
			ctx.logger.debug(
				`${delivery.label}: the rejected delivery was signed ${verdict.ageSeconds} s ago; the tolerance is ${toleranceSeconds} s. If fal retries deliveries without signing them again, raise "Timestamp Tolerance".`,
				{ ageSeconds: verdict.ageSeconds, toleranceSeconds },
			);
		}
		respondJson(response, 401, { error: 'invalid_signature', reason: verdict.reason, message: verdict.message });
		return { kind: 'answered' };
	}
	return { kind: 'verified', userId: verdict.userId, requestId: verdict.requestId };
}
