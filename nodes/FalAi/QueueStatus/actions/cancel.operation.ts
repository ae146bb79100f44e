/**
 * Cancel: removes a queued request, or asks a running one to stop.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

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
			status: outcome,
			cancelled: outcome === 'CANCELLATION_REQUESTED',
		},
	};
}
