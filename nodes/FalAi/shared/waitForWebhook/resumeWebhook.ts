/**
 * The `webhook()` of a generation node waiting in "Wait for Webhook" mode: n8n calls it when
 * something POSTs to the execution's resume URL.
 *
 * Only fal may resume the execution: the call must carry fal's Ed25519 signature over the raw
 * body, made within the last five minutes, verified with fal's published key set (the same check
 * as the Fal.ai Trigger). Anything else gets a 401 and the execution keeps waiting. A genuine
 * delivery for another request than the one submitted gets a 409 and changes nothing either.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	JwksUnavailableError,
	parseFalWebhookPayload,
	sharedJwksCache,
	verifyFalWebhookWithJwks,
	type FalWebhookPayload,
} from '../../client/webhooks';
import { n8nTransportOf } from '../../transport/n8nTransport';
import { readRawBody } from '../../Trigger/rawBody';
import { respondJson } from '../../Trigger/respond';
import type { OutputMedia } from '../settings';
import { deliveryItem } from './deliveryItem';
import { readPendingRequest, type PendingRequest } from './pendingRequest';

/** After a key set outage fal's own redelivery is the retry; this only hints at when. */
const JWKS_RETRY_AFTER_SECONDS = '60';

/** Resumes the waiting execution with fal's result, or rejects the call and keeps waiting. */
export async function resumeFromFalWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const response = this.getResponseObject();
	const rawBody = await readRawBody(request);
	const options = (this.getNodeParameter('options', {}) as IDataObject) ?? {};
	const jwksUrl = typeof options.jwksUrl === 'string' ? options.jwksUrl.trim() || undefined : undefined;

	const verdict = await verifyFalWebhookWithJwks({
		rawBody,
		headers: request.headers,
		jwks: sharedJwksCache(jwksUrl),
		transport: n8nTransportOf(this, { authenticated: false }),
	}).catch(
		(error: unknown) => {
			if (error instanceof JwksUnavailableError) return error;
			throw error;
		},
	);
	if (verdict instanceof JwksUnavailableError) {
		// Not the caller's fault: a 503 makes fal deliver again later, when the keys may be back.
		this.logger.warn(`Fal.ai: cannot verify the call resuming this execution: ${verdict.message}`);
		respondJson(
			response,
			503,
			{ error: 'keys_unavailable', message: 'The webhook signing keys cannot be loaded right now' },
			{ 'retry-after': JWKS_RETRY_AFTER_SECONDS },
		);
		return { noWebhookResponse: true };
	}
	if (!verdict.ok) {
		this.logger.warn(`Fal.ai: rejected a call to the resume URL (${verdict.reason}): ${verdict.message}`);
		respondJson(response, 401, { error: 'invalid_signature', reason: verdict.reason, message: verdict.message });
		return { noWebhookResponse: true };
	}

	const parsed = parseFalWebhookPayload(rawBody.length > 0 ? rawBody : this.getBodyData());
	if (!parsed.ok) {
		respondJson(response, 400, { error: 'invalid_payload', message: parsed.message });
		return { noWebhookResponse: true };
	}
	const delivery = parsed.value;
	const pending = readPendingRequest(this);
	if (pending && !isAbout(delivery, pending)) {
		respondJson(response, 409, {
			error: 'unexpected_request',
			message: `This execution waits for fal request ${pending.requestId}, not ${delivery.request_id}`,
		});
		return { noWebhookResponse: true };
	}

	// Acknowledge before any download, so a slow file never makes fal time out and deliver again.
	respondJson(response, 200, { received: true });
	const outputMedia = this.getNodeParameter('outputMedia', 'binary') as OutputMedia;
	const item = await deliveryItem.call(this, delivery, pending, outputMedia);
	return { noWebhookResponse: true, workflowData: [[item]] };
}

/** fal may report under the gateway id after a server-side retry. */
function isAbout(delivery: FalWebhookPayload, pending: PendingRequest): boolean {
	return delivery.request_id === pending.requestId || delivery.gateway_request_id === pending.requestId;
}
