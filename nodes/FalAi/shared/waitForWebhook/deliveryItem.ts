/**
 * The node's output item for fal's webhook delivery: the model output as "Wait for Result"
 * gives it (output fields plus `request_id` and `endpoint_id`, media optionally downloaded),
 * or, when the request failed, an error item.
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { resultMediaChecker } from '../../client/mediaHosts';
import type { FalWebhookPayload } from '../../client/webhooks';
import { downloadResultMedia } from '../../Trigger/mediaBinary';
import { errorItemJson } from '../errors';
import type { OutputMedia } from '../settings';
import { readReceiverCredential } from '../webhookDelivery/credential';
import { deliveryError } from './deliveryError';
import type { PendingRequest } from './pendingRequest';

/** Status of the error item of a failed request. */
export const FAILED_STATUS = 'ERROR';

/**
 * The item for a verified delivery. A failure cannot stop the workflow here (n8n passes a
 * resumed node's output on without running it again), so it becomes an item whose `error`,
 * `description` and ids read like the node's "Continue On Fail" items. (It is not set as the
 * item's own `error`: n8n would then replace the json with the message alone.)
 */
export async function deliveryItem(
	this: IWebhookFunctions,
	delivery: FalWebhookPayload,
	pending: PendingRequest | undefined,
	outputMedia: OutputMedia,
): Promise<INodeExecutionData> {
	const ids: IDataObject = { request_id: delivery.request_id };
	if (pending?.endpointId) ids.endpoint_id = pending.endpointId;

	if (delivery.status === 'ERROR' || delivery.payload === null) {
		const error = deliveryError(this.getNode(), delivery, pending);
		return { json: { ...errorItemJson(error), status: FAILED_STATUS, ...ids }, pairedItem: { item: 0 } };
	}

	const output = isRecord(delivery.payload) ? delivery.payload : { result: delivery.payload };
	const item: INodeExecutionData = { json: { ...(output as IDataObject), ...ids }, pairedItem: { item: 0 } };
	if (outputMedia !== 'binary') return item;
	// The request id was checked, so these are this node's own result files: any public host, and
	// private addresses only at the credential's hosts, for the URL and each redirect.
	const credential = await readReceiverCredential(this);
	const media = await downloadResultMedia.call(this, delivery.payload, resultMediaChecker(credential?.customHostUrls ?? []));
	if (Object.keys(media.binary).length > 0) item.binary = media.binary;
	if (media.errors.length > 0) item.json.download_errors = media.errors;
	return item;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
