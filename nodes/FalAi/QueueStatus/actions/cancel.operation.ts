/**
 * Cancel: removes a queued request, or asks a running one to stop, and reports fal's answer.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { cancelAccepted } from '../../client/cancelOutcome';
import type { FalClient } from '../../client/types';
import { readRequestRef } from './common';

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	client: FalClient,
	itemIndex: number,
	signal: AbortSignal,
): Promise<INodeExecutionData> {
	const ref = readRequestRef.call(this, itemIndex);
	const outcome = await client.queue.cancel(ref, { signal });
	return {
		json: {
			request_id: ref.requestId,
			endpoint_id: ref.endpointId,
			// fal's own word: OK, CANCELLATION_REQUESTED, ALREADY_COMPLETED or NOT_FOUND.
			status: outcome,
			cancelled: cancelAccepted(outcome),
		},
	};
}
