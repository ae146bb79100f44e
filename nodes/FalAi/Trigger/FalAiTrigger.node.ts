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

import { FAL_MEDIA_HOSTS, mediaUrlChecker, originsOf, parseHostList } from '../client/mediaHosts';
import {
	DEFAULT_FAL_JWKS_URL,
	FAL_WEBHOOK_HEADERS,
	isFinalStatus,
	parseFalWebhookPayload,
	sharedJwksCache,
	type FalWebhookPayload,
} from '../client/webhooks';
import {
	readToleranceSeconds,
	timestampToleranceOption,
	verifyDelivery,
} from '../shared/webhookDelivery';
import { readReceiverCredential } from '../shared/webhookDelivery/credential';
import { n8nTransportOf } from '../transport/n8nTransport';
import { downloadResultMedia } from './mediaBinary';
import { readRawBody } from './rawBody';
import type { WebhookRequest } from './webhookTypes';
import { respondJson } from './respond';
import { rememberDelivery, wasDelivered } from './seenRequests';
import { checkSender } from './senderCheck';

type Outcome = 'any' | 'OK' | 'ERROR';

interface TriggerOptions {
	jwksUrl?: string;
	timestampTolerance?: number;
	otherStatuses?: 'ignore' | 'emit';
	allowedMediaHosts?: string;
}

/**
 * Starts a workflow when fal calls this node's webhook URL at the end of a queued request.
 *
 * Every call must carry fal's Ed25519 signature over the raw body, made within the timestamp
 * tolerance (five minutes by default), verified with fal's published key set; anything else gets
 * a 401 and never starts the workflow. A signature only proves that fal sent the call, so
 * "Allowed fal User IDs" and "Only Requests Submitted by This n8n" decide whose requests may
 * start it (403 otherwise). A redelivery of a request id already seen is acknowledged without a
 * second run.
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
		// Optional: needed only by "Only Requests Submitted by This n8n", and its Custom Hosts are
		// allowed media hosts.
		credentials: [{ name: 'falAiApi', required: false }],
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
				displayName:
					'Any fal account can start this workflow: fal signs every delivery, also for requests other people submit with this URL, and the result may name media this node downloads. Enter your fal user ID below (it is the user_id output by any execution of this trigger) to accept only your own requests.',
				name: 'anyAccountWarning',
				type: 'notice',
				default: '',
				displayOptions: {
					show: {
						allowedUserIds: [''],
					},
				},
			},
			{
				displayName: 'Allowed Fal User IDs',
				name: 'allowedUserIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 0a1b2c3d-…',
				description:
					"The fal accounts whose requests may start the workflow, separated by commas. fal signs the account's ID into every delivery header, so it cannot be forged; other accounts' deliveries get 403. Empty: any account.",
			},
			{
				displayName: 'Only Requests Submitted by This N8n',
				name: 'onlyOwnSubmissions',
				type: 'boolean',
				default: false,
				description:
					"Whether to accept only requests submitted by this package's nodes with the credential selected above (Submit Only with this trigger's URL as Webhook URL). Those nodes add a tag made with the credential's key to the URL they give fal; a call without a valid tag gets 403.",
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
						displayName: 'Allowed Media Hosts',
						name: 'allowedMediaHosts',
						type: 'string',
						default: '',
						placeholder: 'e.g. cdn.example.com, *.example.org',
						description:
							"With Download Media: hosts to download from besides fal's media hosts (fal.media and its subdomains, *.fal.ai) and the credential's Custom Hosts, separated by commas: host, *.domain, host:port, or * for any public host. Loopback, private and link-local addresses are fetched only when listed by name (e.g. 127.0.0.1).",
					},
					{
						displayName: 'Other Statuses',
						name: 'otherStatuses',
						type: 'options',
						default: 'ignore',
						options: [
							{ name: 'Acknowledge and Ignore', value: 'ignore' },
							{ name: 'Start the Workflow', value: 'emit' },
						],
						description:
							'What to do with a signed delivery whose status is neither OK nor ERROR (such as progress events). It is always answered with 200, so fal does not retry it.',
					},
					{
						displayName: 'Public Key Set URL',
						name: 'jwksUrl',
						type: 'string',
						default: '',
						placeholder: DEFAULT_FAL_JWKS_URL,
						description:
							"Where fal's webhook signing keys (JWKS) are published; several URLs separated by commas are tried in order. Leave empty for fal's own (rest.fal.ai, then rest.alpha.fal.ai); change it only for a gateway or a test server.",
					},
					timestampToleranceOption,
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
				if (this.getNodeParameter('onlyOwnSubmissions', false) === true && !this.getNode().credentials?.falAiApi) {
					this.logger.warn(
						'Fal.ai Trigger: "Only Requests Submitted by This n8n" is on but no Fal.ai API credential is selected, so every delivery will be refused',
					);
				}
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

		let userId: string | undefined;
		const verified = !(acceptUnsigned && !carriesSignature(request.headers));
		if (verified) {
			const verdict = await verifyDelivery(this, response, {
				rawBody,
				headers: request.headers,
				jwksUrl: options.jwksUrl,
				toleranceSeconds: readToleranceSeconds(options as Record<string, unknown>),
				label: 'Fal.ai Trigger',
			});
			if (verdict.kind === 'answered') return { noWebhookResponse: true };
			userId = verdict.userId;
		}

		const credential = await readReceiverCredential(this);
		const sender = checkSender(this, { userId, apiKey: credential?.apiKey });
		if (!sender.allowed) {
			this.logger.warn(`Fal.ai Trigger: refused a delivery (${sender.reason}): ${sender.message}`);
			respondJson(response, 403, { error: 'sender_not_allowed', reason: sender.reason, message: sender.message });
			return { noWebhookResponse: true };
		}

		const parsed = parseFalWebhookPayload(rawBody.length > 0 ? rawBody : this.getBodyData());
		if (!parsed.ok) {
			respondJson(response, 400, { error: 'invalid_payload', message: parsed.message });
			return { noWebhookResponse: true };
		}
		const delivery = parsed.value;

		// fal retries anything but a 2xx for hours, so a status this node does not handle is
		// acknowledged like a filtered outcome.
		const final = isFinalStatus(delivery.status);
		if (!final && options.otherStatuses !== 'emit') {
			respondJson(response, 200, { received: true, started: false, reason: `status ${delivery.status} is not handled` });
			return { noWebhookResponse: true };
		}
		const outcome = this.getNodeParameter('outcome', 'any') as Outcome;
		if (final && outcome !== 'any' && delivery.status !== outcome) {
			respondJson(response, 200, { received: true, started: false, reason: `status ${delivery.status} is filtered out` });
			return { noWebhookResponse: true };
		}

		// Progress events share the request id with the final delivery, so they are told apart by status.
		const deliveryKey = final ? delivery.request_id : `${delivery.request_id}:${delivery.status}`;
		const staticData = this.getWorkflowStaticData('node');
		if (wasDelivered(staticData, deliveryKey)) {
			respondJson(response, 200, { received: true, started: false, reason: 'already delivered' });
			return { noWebhookResponse: true };
		}
		rememberDelivery(staticData, deliveryKey);

		// Acknowledge before any download, so a slow file never makes fal time out and redeliver.
		respondJson(response, 200, { received: true, started: true });

		const item: INodeExecutionData = { json: toOutputJson(delivery, verified, userId) };
		if (this.getNodeParameter('downloadMedia', false) as boolean) {
			const checkUrl = mediaUrlChecker({
				allowed: [...FAL_MEDIA_HOSTS, ...originsOf(credential?.customHostUrls ?? []), ...parseHostList(options.allowedMediaHosts)],
				howToAllow: 'To download from it, add "{host}" to the Fal.ai Trigger\'s "Allowed Media Hosts" option.',
			});
			const media = await downloadResultMedia.call(this, delivery.payload, checkUrl);
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

function toOutputJson(delivery: FalWebhookPayload, verified: boolean, userId: string | undefined): IDataObject {
	const json: IDataObject = {
		request_id: delivery.request_id,
		user_id: userId ?? null,
		gateway_request_id: delivery.gateway_request_id,
		status: delivery.status,
		payload: delivery.payload as IDataObject | null,
	};
	json.error = delivery.error ?? null;
	if (delivery.payload_error !== undefined) json.payload_error = delivery.payload_error;
	json.verified = verified;
	return json;
}
