/**
 * Options shared by every node that runs a model; a node adds them to its "Options" collection.
 */
import type { INodeProperties } from 'n8n-workflow';

import { REALTIME_MODE, realtimeOptions } from '../realtime/descriptions';
import { DEFAULT_MAX_CONCURRENCY, DEFAULT_TIMEOUT_SECONDS } from '../settings';
import { waitForWebhookOptions } from '../waitForWebhook/descriptions';
import { spendingLimitOptions } from './spendingLimit';

/** "Max Concurrent Requests" (`maxConcurrency`), used by every fal node. */
export const maxConcurrencyOption: INodeProperties = {
	displayName: 'Max Concurrent Requests',
	name: 'maxConcurrency',
	type: 'number',
	default: DEFAULT_MAX_CONCURRENCY,
	typeOptions: { minValue: 1, maxValue: 100 },
	description:
		'How many items are sent to fal at the same time. Output order always follows the input. Keep it at or below your fal account\'s concurrency limit.',
};

/** "Timeout" (`timeout`) of waiting modes, in seconds. */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	default: DEFAULT_TIMEOUT_SECONDS,
	typeOptions: { minValue: 0 },
	description:
		'How long to wait for a result before giving up; the fal request is then cancelled. 0 waits until the execution is stopped. In Direct Run the connection stays open that long (beyond 5 minutes too); fal cancels a direct run whose connection drops, so a run cut off by a proxy or restart is lost and must be sent again.',
};

/** "Include Logs" (`includeLogs`). */
export const includeLogsOption: INodeProperties = {
	displayName: 'Include Logs',
	name: 'includeLogs',
	type: 'boolean',
	default: false,
	description: 'Whether to add the model\'s logs to the output (field "logs")',
};

/** The request options of model nodes (options collection entries, sorted by display name). */
export const modelRunOptions: INodeProperties[] = [
	{
		displayName: 'Include Inference Time',
		name: 'includeMetrics',
		type: 'boolean',
		default: false,
		description: 'Whether to add the time the model spent, in seconds, to the output (field "inference_time")',
		displayOptions: { show: { '/executionMode': ['wait'] } },
	},
	{ ...includeLogsOption, displayOptions: { show: { '/executionMode': ['wait'] } } },
	{
		displayName: 'Include Queue Position History',
		name: 'includeQueueHistory',
		type: 'boolean',
		default: false,
		description: 'Whether to add each queue status and position seen while waiting (field "queue_history")',
		displayOptions: { show: { '/executionMode': ['wait'] } },
	},
	maxConcurrencyOption,
	{
		displayName: 'Queue Priority',
		name: 'priority',
		type: 'options',
		default: 'normal',
		options: [
			{ name: 'Normal', value: 'normal' },
			{ name: 'Low', value: 'low', description: 'Let other requests of the account go first' },
		],
		description: 'Priority of the request in the fal queue',
	},
	{
		displayName: 'Request Timeout (Seconds)',
		name: 'requestTimeout',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description:
			'Server-side limit on how long fal may take before processing starts (fal then gives up with an error). 0 means no limit.',
	},
	{ ...timeoutOption, displayOptions: { show: { '/executionMode': ['wait', 'run', 'stream', REALTIME_MODE] } } },
	...waitForWebhookOptions,
	...spendingLimitOptions,
	...realtimeOptions,
];

/** Parameter `options`: the shared request options plus the node's own. */
export function optionsCollection(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...modelRunOptions, ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
