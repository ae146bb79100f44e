/**
 * Execution mode, webhook and media output parameters shared by the model nodes.
 */
import type { INodeProperties } from 'n8n-workflow';

import { REALTIME_MODE, realtimeModeOption } from '../realtime/descriptions';
import { waitForWebhookModeOption } from '../waitForWebhook/descriptions';
import { WEBHOOK_MODE } from '../waitForWebhook/enterWait';

/** Parameter `executionMode` (values of ExecutionMode). */
export const executionModeProperty: INodeProperties = {
	displayName: 'Execution Mode',
	name: 'executionMode',
	type: 'options',
	default: 'wait',
	options: [
		{
			name: 'Direct Run',
			value: 'run',
			description:
				'Call the model synchronously without the queue. Only for models that answer within seconds; not retried by fal.',
		},
		realtimeModeOption,
		{
			name: 'Submit Only',
			value: 'submit',
			description:
				'Queue the request and return its request ID and URLs at once. Follow it with the Fal.ai Queue Status node or a webhook.',
		},
		{
			name: 'Wait for Result',
			value: 'wait',
			description: 'Queue the request, wait until it completes and return the result',
		},
		waitForWebhookModeOption,
	],
	description: 'How to run the model',
};

/** Parameter `webhookUrl`, only in Submit Only mode. */
export const webhookUrlProperty: INodeProperties = {
	displayName: 'Webhook URL',
	name: 'webhookUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://n8n.example.com/webhook/fal-results',
	description:
		'Optional URL fal calls with the result when the request ends, such as the production URL of a Fal.ai Trigger node',
	displayOptions: { show: { executionMode: ['submit'] } },
};

/** Parameter `outputMedia`, for the modes that return a result. */
export const outputMediaProperty: INodeProperties = {
	displayName: 'Output Media',
	name: 'outputMedia',
	type: 'options',
	default: 'binary',
	options: [
		{
			name: 'Download as Binary Data',
			value: 'binary',
			description: 'Download each file into a binary field (image_0, image_1, video, audio…)',
		},
		{
			name: 'Keep as URLs',
			value: 'url',
			description:
				'Return only the URLs. Fal keeps results for a limited time (about an hour or less), so download or copy them soon.',
		},
	],
	description: 'Whether to download generated files into n8n or only return their fal URLs',
	displayOptions: { show: { executionMode: ['wait', 'run', WEBHOOK_MODE, REALTIME_MODE] } },
};
