/**
 * Model → Get Pricing: the unit price of one or more endpoints, one output item each; an
 * endpoint fal publishes no price for says so instead of disappearing.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FalClient } from '../../../client/types';
import { validateEndpointId } from '../../../shared/modelId';
import { showFor, splitList } from '../common';

export const description: INodeProperties[] = [
	{
		displayName: 'Endpoint IDs',
		name: 'endpointIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. fal-ai/flux/dev, fal-ai/kokoro/american-english',
		description: 'One or more endpoint IDs, separated by commas or new lines',
		displayOptions: showFor('model', ['getPricing']),
	},
];

export async function execute(this: IExecuteFunctions, client: FalClient, itemIndex: number, signal: AbortSignal): Promise<INodeExecutionData[]> {
	const ids = splitList(this.getNodeParameter('endpointIds', itemIndex, '')).map((id) => validateEndpointId.call(this, id, itemIndex));
	const prices = await client.platform.pricing(ids, { signal });
	return ids.map((endpointId) => {
		const price = prices.find((entry) => entry.endpoint_id === endpointId);
		if (price) return { json: { ...price, priced: true } };
		return { json: { endpoint_id: endpointId, unit_price: null, unit: null, currency: null, priced: false, note: `fal publishes no price for "${endpointId}"` } };
	});
}
