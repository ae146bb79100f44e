/**
 * Model → Estimate Cost: what a planned batch would cost, from fal's estimate API. Each item
 * names endpoints and quantities; "Estimate For: All Items Together" adds up the whole input
 * (e.g. one row per planned request) into one estimate.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CostEstimateRequest, FalClient } from '../../../client/types';
import { validateEndpointId } from '../../../shared/modelId';
import { showFor } from '../common';

const show = showFor('model', ['estimateCost']);

export const description: INodeProperties[] = [
	{
		displayName: 'Estimate Type',
		name: 'estimateType',
		type: 'options',
		default: 'unit_price',
		options: [
			{ name: 'Unit Price', value: 'unit_price', description: 'Quantity in the endpoint\'s billing units (images, megapixels, seconds…) times its unit price' },
			{ name: 'Historical Price per Call', value: 'historical_api_price', description: 'Quantity in calls, priced from what such calls have cost' },
		],
		description: 'How fal computes the estimate',
		displayOptions: show,
	},
	{
		displayName: 'Planned Requests',
		name: 'plannedRequests',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: { requests: [{ endpointId: 'fal-ai/flux/dev', quantity: 1 }] },
		placeholder: 'Add Endpoint',
		options: [
			{
				displayName: 'Request',
				name: 'requests',
				values: [
					{ displayName: 'Endpoint ID', name: 'endpointId', type: 'string', default: '', placeholder: 'e.g. fal-ai/flux/dev', description: 'The endpoint to price' },
					{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1, typeOptions: { minValue: 0 }, description: 'Units (Unit Price) or calls (Historical Price per Call)' },
				],
			},
		],
		displayOptions: show,
	},
	{
		displayName: 'Estimate For',
		name: 'estimateFor',
		type: 'options',
		default: 'each',
		options: [
			{ name: 'Each Item', value: 'each', description: 'One estimate per input item' },
			{ name: 'All Items Together', value: 'batch', description: 'One estimate for the whole input: quantities of the same endpoint add up' },
		],
		displayOptions: show,
	},
];

/** Whether the whole input makes one estimate (read once, from the first item). */
export function isBatch(ctx: IExecuteFunctions): boolean {
	return ctx.getNodeParameter('estimateFor', 0, 'each') === 'batch';
}

export async function execute(this: IExecuteFunctions, client: FalClient, itemIndex: number, signal: AbortSignal): Promise<INodeExecutionData[]> {
	return [{ json: await estimate(this, client, [itemIndex], signal) }];
}

/** One estimate for every input item, paired with all of them. */
export async function executeBatch(this: IExecuteFunctions, client: FalClient, signal: AbortSignal): Promise<INodeExecutionData[]> {
	const indexes = this.getInputData().map((_, index) => index);
	return [{ json: await estimate(this, client, indexes, signal), pairedItem: indexes.map((item) => ({ item })) }];
}

async function estimate(ctx: IExecuteFunctions, client: FalClient, itemIndexes: number[], signal: AbortSignal): Promise<IDataObject> {
	const estimateType = ctx.getNodeParameter('estimateType', itemIndexes[0], 'unit_price') as CostEstimateRequest['estimateType'];
	const quantities = new Map<string, number>();
	for (const itemIndex of itemIndexes) {
		const planned = (ctx.getNodeParameter('plannedRequests.requests', itemIndex, []) as IDataObject[]) ?? [];
		for (const [position, request] of planned.entries()) {
			const endpointId = validateEndpointId.call(ctx, request.endpointId, itemIndex);
			const quantity = Number(request.quantity);
			if (!Number.isFinite(quantity) || quantity < 0) {
				throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: "Quantity" of planned request ${position + 1} must be a number of 0 or more (got "${String(request.quantity)}")`, { itemIndex });
			}
			quantities.set(endpointId, (quantities.get(endpointId) ?? 0) + quantity);
		}
	}
	if (!quantities.size) throw new NodeOperationError(ctx.getNode(), `Item ${itemIndexes[0]}: add at least one planned request to estimate`, { itemIndex: itemIndexes[0] });
	const endpoints = [...quantities].map(([endpointId, quantity]) => ({ endpointId, quantity }));
	const result = await client.platform.estimateCost({ estimateType, endpoints }, { signal });
	return {
		...result,
		endpoints: endpoints.map(({ endpointId, quantity }) => ({ endpoint_id: endpointId, quantity })),
		items: itemIndexes.length,
	};
}
