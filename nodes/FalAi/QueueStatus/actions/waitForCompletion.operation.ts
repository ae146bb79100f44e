/**
 * Wait for Completion: follows a submitted request until it ends, then returns its result.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FalClient } from '../../client/types';
import { timeoutOption } from '../../shared/descriptions';
import { awaitResult } from '../../shared/execution';
import { resultItem } from '../../shared/output';
import { readOptions, type OutputMedia } from '../../shared/settings';
import { readRequestRef } from './common';

/** Entries of the node's options collection that only this operation uses. */
export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Cancel on Timeout or Stop',
		name: 'cancelOnAbort',
		type: 'boolean',
		default: true,
		description: 'Whether to cancel the fal request when the timeout passes or the execution is stopped',
		displayOptions: { show: { '/operation': ['waitForCompletion'] } },
	},
	{
		displayName: 'Include Inference Time',
		name: 'includeMetrics',
		type: 'boolean',
		default: false,
		description: 'Whether to add the time the model spent, in seconds (field "inference_time")',
		displayOptions: { show: { '/operation': ['waitForCompletion'] } },
	},
	{
		displayName: 'Include Logs',
		name: 'includeLogs',
		type: 'boolean',
		default: false,
		description: 'Whether to add the model\'s logs to the output (field "logs")',
		displayOptions: { show: { '/operation': ['waitForCompletion'] } },
	},
	{
		displayName: 'Include Queue Position History',
		name: 'includeQueueHistory',
		type: 'boolean',
		default: false,
		description: 'Whether to add each queue status and position seen while waiting (field "queue_history")',
		displayOptions: { show: { '/operation': ['waitForCompletion'] } },
	},
	{ ...timeoutOption, displayOptions: { show: { '/operation': ['waitForCompletion'] } } },
];

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	client: FalClient,
	itemIndex: number,
	signal: AbortSignal,
): Promise<INodeExecutionData> {
	const ref = readRequestRef.call(this, itemIndex);
	const options = readOptions(this, itemIndex);
	const outputMedia = this.getNodeParameter('outputMedia', itemIndex, 'binary') as OutputMedia;
	const timeoutSeconds = options.timeout === undefined ? Number(timeoutOption.default) : Number(options.timeout);
	const outcome = await awaitResult(client, ref, {
		timeoutMs: Math.max(0, timeoutSeconds || 0) * 1000,
		logs: options.includeLogs === true,
		cancelOnAbort: options.cancelOnAbort !== false,
		signal,
	});
	return await resultItem.call(
		this,
		client,
		ref.endpointId,
		outcome.requestId,
		outcome.data,
		{
			outputMedia,
			includeLogs: options.includeLogs === true,
			includeMetrics: options.includeMetrics === true,
			includeQueueHistory: options.includeQueueHistory === true,
		},
		outcome.progress,
		signal,
	);
}
