/**
 * Get Result: the output of a completed request, media optionally downloaded into binary data.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FalClient } from '../../client/types';
import { outputMediaProperty as sharedOutputMediaProperty } from '../../shared/descriptions';
import { completedResult } from '../../shared/execution';
import { resultItem } from '../../shared/output';
import type { OutputMedia } from '../../shared/settings';
import { readRequestRef } from './common';

/** `outputMedia` of Get Result and Wait for Completion: the model nodes' choice, shown for these operations. */
export const outputMediaProperty: INodeProperties = {
	...sharedOutputMediaProperty,
	description: "Whether to download the result's files into n8n or only return their fal URLs",
	displayOptions: { show: { operation: ['getResult', 'waitForCompletion'] } },
};

export const description: INodeProperties[] = [outputMediaProperty];

export async function execute(
	this: IExecuteFunctions,
	client: FalClient,
	itemIndex: number,
	signal: AbortSignal,
): Promise<INodeExecutionData> {
	const ref = readRequestRef.call(this, itemIndex);
	const outputMedia = this.getNodeParameter('outputMedia', itemIndex, 'binary') as OutputMedia;
	// Asking the status first gives a clear message for unfinished requests, whatever fal's
	// result endpoint answers before completion.
	const status = await client.queue.status(ref, { signal });
	if (status.status !== 'COMPLETED') {
		const position = typeof status.queue_position === 'number' ? ` at queue position ${status.queue_position}` : '';
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: request ${ref.requestId} is not completed yet (${status.status}${position})`, {
			description: 'Use the "Wait for Completion" operation, or try again later.',
			itemIndex,
		});
	}
	const result = await completedResult(client, ref, status, signal);
	return await resultItem.call(
		this,
		client,
		ref.endpointId,
		result.requestId || ref.requestId,
		result.data,
		{ outputMedia, includeLogs: false, includeMetrics: false, includeQueueHistory: false },
		undefined,
		signal,
	);
}
