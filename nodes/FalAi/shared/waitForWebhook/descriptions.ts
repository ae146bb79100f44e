/**
 * What "Wait for Webhook" adds to a generation node's description: the mode itself, its options,
 * and the resume webhook n8n routes the execution's resume URL to.
 */
import type { INodeProperties, INodePropertyOptions, IWebhookDescription } from 'n8n-workflow';

import { DEFAULT_FAL_JWKS_URL } from '../../client/webhooks';
import { timestampToleranceOption } from '../webhookDelivery/descriptions';
import { DEFAULT_WAIT_LIMIT_MINUTES, WEBHOOK_MODE } from './enterWait';

const inWebhookMode = { show: { '/executionMode': [WEBHOOK_MODE] } };

/** The `executionMode` option. */
export const waitForWebhookModeOption: INodePropertyOptions = {
	name: 'Wait for Webhook',
	value: WEBHOOK_MODE,
	description:
		'Queue the request with this execution\'s resume URL as fal\'s webhook and pause the execution until fal calls it. Nothing polls meanwhile. One item per execution; fal must be able to reach this n8n instance.',
};

/**
 * The resume webhook (as n8n's Wait node declares it): no path of its own, so it answers at the
 * execution's `$execution.resumeUrl`; n8n never registers it on activation.
 */
export const waitForWebhookWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		path: '',
		isFullPath: true,
		restartWebhook: true,
		responseMode: 'onReceived',
		ndvHideUrl: true,
		ndvHideMethod: true,
	},
];

/** "Wait Limit (Minutes)" (`waitLimit`), an entry of the `options` collection. */
export const waitLimitOption: INodeProperties = {
	displayName: 'Wait Limit (Minutes)',
	name: 'waitLimit',
	type: 'number',
	default: DEFAULT_WAIT_LIMIT_MINUTES,
	typeOptions: { minValue: 0, numberPrecision: 2 },
	description:
		'How long the execution waits for fal to call back. When it passes, the node outputs an item with "error" and the request_id (the fal request may still complete). 0 waits without limit.',
	displayOptions: inWebhookMode,
};

/** "Public Key Set URL" (`jwksUrl`), as on the Fal.ai Trigger, an entry of the `options` collection. */
export const jwksUrlOption: INodeProperties = {
	displayName: 'Public Key Set URL',
	name: 'jwksUrl',
	type: 'string',
	default: '',
	placeholder: DEFAULT_FAL_JWKS_URL,
	description:
		"Where fal's webhook signing keys (JWKS) are published; several URLs separated by commas are tried in order. Leave empty for fal's own (rest.fal.ai, then rest.alpha.fal.ai); change it only for a gateway or a test server.",
	displayOptions: inWebhookMode,
};

/** The `options` entries of this mode. */
export const waitForWebhookOptions: INodeProperties[] = [
	jwksUrlOption,
	{ ...timestampToleranceOption, displayOptions: inWebhookMode },
	waitLimitOption,
];
