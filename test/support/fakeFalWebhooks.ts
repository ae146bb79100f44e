/**
 * Jobs submitted to the fake fal with a webhook, as an app outside n8n would submit them, and
 * waiting for the fake to deliver their outcome to it.
 */
import { request } from 'undici';

import type { FakeFal } from '../fake-fal';

/** Submits `input` to `endpointId` on the fake's queue with `?fal_webhook=webhookUrl`; returns the request id. */
export async function submitWithWebhook(fal: FakeFal, endpointId: string, webhookUrl: string, input: unknown): Promise<string> {
	const response = await request(`${fal.hosts.queueUrl}/${endpointId}?fal_webhook=${encodeURIComponent(webhookUrl)}`, {
		method: 'POST',
		headers: { authorization: `Key ${fal.key}`, 'content-type': 'application/json' },
		body: JSON.stringify(input),
	});
	const { request_id: requestId } = (await response.body.json()) as { request_id: string };
	return requestId;
}

/** Waits until the fake has made `count` deliveries for `requestId` (throws after about 5 s). */
export async function untilDelivered(fal: FakeFal, requestId: string, count = 1): Promise<void> {
	for (let attempt = 0; attempt < 500; attempt++) {
		if ((fal.job(requestId)?.deliveries.length ?? 0) >= count) return;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	throw new Error(`the fake never delivered ${requestId}`);
}
