/**
 * Inputs every Queue Status operation shares: which request on which endpoint.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FalClient, RequestRef } from '../../client/types';
import { validateEndpointId } from '../../shared/modelId';

/** What an operation does for one item; `signal` fires when the execution is stopped. */
export type QueueOperation = (
	this: IExecuteFunctions,
	client: FalClient,
	itemIndex: number,
	signal: AbortSignal,
) => Promise<INodeExecutionData>;

export const requestProperties: INodeProperties[] = [
	{
		displayName: 'Endpoint ID',
		name: 'endpointId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. fal-ai/flux/dev',
		description:
			'Endpoint the request was submitted to, sub-path included: typically an expression reading "endpoint_id" from the output of a node in "Submit Only" mode',
	},
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 764cabcf-b745-4b3e-ae38-1200304cf45b',
		description: 'ID fal returned at submit: typically an expression reading "request_id" from the output of a node in "Submit Only" mode',
	},
];

/** Reads and validates the endpoint and request ids of one item. */
export function readRequestRef(this: IExecuteFunctions, itemIndex: number): RequestRef {
	const endpointId = validateEndpointId.call(this, this.getNodeParameter('endpointId', itemIndex, ''), itemIndex, 'Endpoint ID');
	const requestId = String(this.getNodeParameter('requestId', itemIndex, '') ?? '').trim();
	if (!requestId) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "Request ID" is required`, {
			description: 'Use the request_id returned by a "Submit Only" run, e.g. {{ $json.request_id }}.',
			itemIndex,
		});
	}
	return { endpointId, requestId };
}
