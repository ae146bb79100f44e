/**
 * Wait for Completion: follows a submitted request until it ends, then returns its result.
 *
 * The request was usually started elsewhere (a "Submit Only" run, another workflow, an app), so
 * giving up on it is not a reason to cancel it: by default a timeout or a stopped execution only
 * ends the wait, and the request keeps running on fal, where its result can still be fetched.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FalTimeoutError } from '../../client/errors';
import type { FalClient, RequestRef } from '../../client/types';
import { timeoutOption } from '../../shared/descriptions';
import { toNodeError } from '../../shared/errors';
import { awaitResult } from '../../shared/execution';
import { resultItem } from '../../shared/output';
import { readOptions, type OutputMedia } from '../../shared/settings';
import { readRequestRef } from './common';

/**
 * Default "Timeout" of this operation, in seconds: longer than the model nodes' default, since a
 * request followed here may be a video job of many minutes, and giving up does not cancel it.
 */
export const QUEUE_WAIT_TIMEOUT_SECONDS = 1800;

/** Entries of the node's options collection that only this operation uses. */
export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Cancel on Timeout or Stop',
		name: 'cancelOnAbort',
		type: 'boolean',
		default: false,
		description:
			'Whether to cancel the fal request when the timeout passes or the execution is stopped. Off by default: the request was started elsewhere (e.g. by a "Submit Only" run) and someone may still want its result, so giving up only ends this wait.',
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
	{
		...timeoutOption,
		default: QUEUE_WAIT_TIMEOUT_SECONDS,
		description:
			'How long to wait for the request to end before this node fails. The request itself keeps running on fal unless "Cancel on Timeout or Stop" is on. 0 waits until the execution is stopped.',
		displayOptions: { show: { '/operation': ['waitForCompletion'] } },
	},
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
	const timeoutSeconds = options.timeout === undefined ? QUEUE_WAIT_TIMEOUT_SECONDS : Number(options.timeout);
	const cancelOnAbort = options.cancelOnAbort === true;
	let outcome: Awaited<ReturnType<typeof awaitResult>>;
	try {
		outcome = await awaitResult(client, ref, {
			timeoutMs: Math.max(0, timeoutSeconds || 0) * 1000,
			logs: options.includeLogs === true,
			cancelOnAbort,
			signal,
		});
	} catch (error) {
		throw error instanceof FalTimeoutError
			? timeoutError.call(this, error, ref, itemIndex, cancelOnAbort)
			: toNodeError(this.getNode(), error, itemIndex);
	}
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

/** Says what became of the request: still running on fal (the default) or cancelled. */
function timeoutError(
	this: IExecuteFunctions,
	error: FalTimeoutError,
	ref: RequestRef,
	itemIndex: number,
	cancelRequested: boolean,
): NodeOperationError {
	const seconds = Math.round(error.timeoutMs / 1000);
	const headline = `Item ${itemIndex}: fal request ${ref.requestId} did not complete within ${seconds} s`;
	if (error.cancelled) {
		return new NodeOperationError(this.getNode(), `${headline} and was cancelled on fal`, {
			description: 'Raise the "Timeout" option to wait longer.',
			itemIndex,
		});
	}
	if (cancelRequested) {
		return new NodeOperationError(this.getNode(), `${headline}; cancelling it failed, so it may continue on fal`, {
			description: 'Cancel it with the "Cancel" operation, or fetch its result later with "Get Result".',
			itemIndex,
		});
	}
	return new NodeOperationError(this.getNode(), `${headline}; it continues on fal`, {
		description:
			'Only this wait ended: the request was not cancelled. Fetch its result later with "Get Result" (or wait again), raise the "Timeout" option, or turn on "Cancel on Timeout or Stop" to cancel it instead.',
		itemIndex,
	});
}
