/**
 * The `webhook()` of a generation node waiting in "Wait for Webhook" mode: n8n calls it when
 * something POSTs to the execution's resume URL.
 *
 * Only fal may resume the execution: the call must carry fal's Ed25519 signature over the raw
 * body, made within the timestamp tolerance (five minutes by default), verified with fal's published key set (the same check
 * as the Fal.ai Trigger). Anything else gets a 401 and the execution keeps waiting. A genuine
 * delivery for another request than the one submitted gets a 409 and changes nothing either.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isFinalStatus, parseFalWebhookPayload, type FalWebhookPayload } from '../../client/webhooks';
import { readRawBody } from '../../Trigger/rawBody';
import { respondJson } from '../../Trigger/respond';
import type { OutputMedia } from '../settings';
import { readToleranceSeconds, verifyDelivery } from '../webhookDelivery';
import { deliveryItem } from './deliveryItem';
import { readPendingRequest, type PendingRequest } from './pendingRequest';

/** Resumes the waiting execution with fal's result, or rejects the call and keeps waiting. */
export async function resumeFromFalWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const response = this.getResponseObject();
	const rawBody = await readRawBody(request);
	const options = (this.getNodeParameter('options', {}) as IDataObject) ?? {};
	const jwksUrl = typeof options.jwksUrl === 'string' ? options.jwksUrl.trim() || undefined : undefined;

	const verdict = await verifyDelivery(this, response, {
		rawBody,
		headers: request.headers,
		jwksUrl,
		toleranceSeconds: readToleranceSeconds(options),
		label: 'Fal.ai (resume URL)',
	});
	if (verdict.kind === 'answered') return { noWebhookResponse: true };

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
	// A progress event is not the result: acknowledge it (fal would retry anything else) and keep waiting.
	if (!isFinalStatus(delivery.status)) {
		respondJson(response, 200, { received: true, resumed: false, reason: `status ${delivery.status} is not handled` });
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
