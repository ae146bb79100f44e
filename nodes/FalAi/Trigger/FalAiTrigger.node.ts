import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	DEFAULT_FAL_JWKS_URL,
	FAL_WEBHOOK_HEADERS,
	JwksUnavailableError,
	parseFalWebhookPayload,
	sharedJwksCache,
	verifyFalWebhookWithJwks,
	type FalWebhookPayload,
} from '../client/webhooks';
import { n8nTransportOf } from '../transport/n8nTransport';
import { downloadResultMedia } from './mediaBinary';
import { readRawBody } from './rawBody';
import type { WebhookRequest } from './webhookTypes';
import { respondJson } from './respond';
import { rememberDelivery, wasDelivered } from './seenRequests';

type Outcome = 'any' | 'OK' | 'ERROR';

interface TriggerOptions {
	jwksUrl?: string;
}

/** After a key set outage, fal's own redelivery schedule is the retry; this only hints at it. */
const JWKS_RETRY_AFTER_SECONDS = '60';

/**
 * Starts a workflow when fal calls this node's webhook URL at the end of a queued request.
 *
 * Every call must carry fal's Ed25519 signature over the raw body, made within the last five
 * minutes, verified with fal's published key set; anything else gets a 401 and never starts the
 * workflow. A redelivery of a request id already seen is acknowledged without a second run.
 */
export class FalAiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fal.ai Trigger',
		name: 'falAiTrigger',
		icon: { light: 'file:../../../icons/fal.svg', dark: 'file:../../../icons/fal.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ {"any": "On any outcome", "OK": "On success", "ERROR": "On failure"}[$parameter["outcome"]] }}',
		description: 'Starts the workflow when a fal.ai request ends and fal calls this webhook',
		defaults: {
			name: 'Fal.ai Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					"Give this node's webhook URL to fal as the Webhook URL of a Fal.ai generation run in Submit Only mode, or of a Queue Status flow. fal calls it once when the request ends, with the result or the error. Use the Test URL while listening for a test event and the Production URL once the workflow is active.",
				name: 'usageNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Trigger On',
				name: 'outcome',
				type: 'options',
				options: [
					{
						name: 'Any Outcome',
						value: 'any',
						description: 'Start for successful and failed requests',
					},
					{
						name: 'Failure',
						value: 'ERROR',
						description: 'Start only when the request failed (status ERROR)',
					},
					{
						name: 'Success',
						value: 'OK',
						description: 'Start only when the model returned a result (status OK)',
					},
				],
				default: 'any',
				description: 'Which request outcomes start the workflow; the others are acknowledged and ignored',
			},
			{
				displayName: 'Download Media',
				name: 'downloadMedia',
				type: 'boolean',
				default: false,
				description:
					'Whether to download the images, videos and audio in the result into binary data, one field per file named after where it sits (image_0, image_1, video, audio)',
			},
			{
				displayName: 'Accept Unsigned Calls',
				name: 'acceptUnsignedCalls',
				type: 'boolean',
				default: false,
				description:
					"Whether to also start the workflow for calls that carry no fal signature. Signed calls are still verified.",
			},
			{
				displayName:
					'Anyone who knows this URL can start the workflow with any content, including media URLs it will download. Only turn this on behind a proxy that authenticates callers, or for local tests.',
				name: 'unsignedWarning',
				type: 'notice',
				default: '',
				displayOptions: {
					show: {
						acceptUnsignedCalls: [true],
					},
				},
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Public Key Set URL',
						name: 'jwksUrl',
						type: 'string',
						default: '',
						placeholder: DEFAULT_FAL_JWKS_URL,
						description:
							"Where fal's webhook signing keys (JWKS) are published. Leave empty for fal's own; change it only for a gateway or a test server.",
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			/**
			 * Nothing is registered at fal (the URL travels with each request), so there is never an
			 * existing registration; returning false makes n8n call `create` on every activation.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			/**
			 * Loads fal's key set ahead of the first delivery. An unreachable key set does not block
			 * activation: deliveries fetch the keys themselves and fal redelivers while they cannot.
			 */
			async create(this: IHookFunctions): Promise<boolean> {
				const options = this.getNodeParameter('options', {}) as TriggerOptions;
				try {
					await sharedJwksCache(options.jwksUrl).getKeys(n8nTransportOf(this, { authenticated: false }));
				} catch (error) {
					this.logger.warn(`Fal.ai Trigger: could not load fal's public keys yet: ${(error as Error).message}`);
				}
				return true;
			},
			/** Nothing to remove at fal. */
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const rawBody = await readRawBody(request);
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const acceptUnsigned = this.getNodeParameter('acceptUnsignedCalls', false) as boolean;

		const verified = !(acceptUnsigned && !carriesSignature(request.headers));
		if (verified) {
			const verdict = await verifyFalWebhookWithJwks({
				rawBody,
				headers: request.headers,
				jwks: sharedJwksCache(options.jwksUrl),
				transport: n8nTransportOf(this, { authenticated: false }),
			}).catch((error: unknown) => {
				if (error instanceof JwksUnavailableError) return error;
				throw error;
			});
			if (verdict instanceof JwksUnavailableError) {
				// Not the caller's fault: a 503 makes fal redeliver later, when the keys may be back.
				this.logger.warn(`Fal.ai Trigger: cannot verify a delivery: ${verdict.message}`);
				respondJson(
					response,
					503,
					{ error: 'keys_unavailable', message: 'The webhook signing keys cannot be loaded right now' },
					{ 'retry-after': JWKS_RETRY_AFTER_SECONDS },
				);
				return { noWebhookResponse: true };
			}
			if (!verdict.ok) {
				this.logger.warn(`Fal.ai Trigger: rejected a call (${verdict.reason}): ${verdict.message}`);
				respondJson(response, 401, { error: 'invalid_signature', reason: verdict.reason, message: verdict.message });
				return { noWebhookResponse: true };
			}
		}

		const parsed = parseFalWebhookPayload(rawBody.length > 0 ? rawBody : this.getBodyData());
		if (!parsed.ok) {
			respondJson(response, 400, { error: 'invalid_payload', message: parsed.message });
			return { noWebhookResponse: true };
		}
		const delivery = parsed.value;

		const outcome = this.getNodeParameter('outcome', 'any') as Outcome;
		if (outcome !== 'any' && delivery.status !== outcome) {
			respondJson(response, 200, { received: true, started: false, reason: `status ${delivery.status} is filtered out` });
			return { noWebhookResponse: true };
		}

		const staticData = this.getWorkflowStaticData('node');
		if (wasDelivered(staticData, delivery.request_id)) {
			respondJson(response, 200, { received: true, started: false, reason: 'already delivered' });
			return { noWebhookResponse: true };
		}
		rememberDelivery(staticData, delivery.request_id);

		// Acknowledge before any download, so a slow file never makes fal time out and redeliver.
		respondJson(response, 200, { received: true, started: true });

		const item: INodeExecutionData = { json: toOutputJson(delivery, verified) };
		if (this.getNodeParameter('downloadMedia', false) as boolean) {
			const media = await downloadResultMedia.call(this, delivery.payload);
			if (Object.keys(media.binary).length > 0) item.binary = media.binary;
			if (media.errors.length > 0) item.json.download_errors = media.errors;
		}
		return { noWebhookResponse: true, workflowData: [[item]] };
	}
}

/** True when the call carries any of fal's signature headers (then it must verify in full). */
function carriesSignature(headers: WebhookRequest['headers']): boolean {
	return Object.values(FAL_WEBHOOK_HEADERS).some((name) => headers[name] !== undefined);
}

function toOutputJson(delivery: FalWebhookPayload, verified: boolean): IDataObject {
	const json: IDataObject = {
		request_id: delivery.request_id,
		gateway_request_id: delivery.gateway_request_id,
		status: delivery.status,
		payload: delivery.payload as IDataObject | null,
	};
	json.error = delivery.error ?? null;
	if (delivery.payload_error !== undefined) json.payload_error = delivery.payload_error;
	json.verified = verified;
	return json;
}
