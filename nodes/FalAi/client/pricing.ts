/**
 * fal's prices (platform API): the unit price of endpoints, and a cost estimate for a planned
 * number of units or calls.
 *
 * - `GET {platformUrl}/models/pricing?endpoint_id=a&endpoint_id=b` → `{prices: [{endpoint_id,
 *   unit_price, unit, currency}], next_cursor, has_more}` (as fal's docs and the official fal n8n
 *   node read it). An endpoint fal has no price for is simply missing from `prices`.
 * - `POST {platformUrl}/models/pricing/estimate` `{estimate_type: "unit_price" |
 *   "historical_api_price", endpoints: {id: {unit_quantity} | {call_quantity}}}` →
 *   `{estimate_type, total_cost, currency}`. UNCONFIRMED: whether fal also answers per-endpoint
 *   costs; only `total_cost` is relied on.
 */
import type { ClientContext } from './context';
import { dispatch } from './dispatch';
import type { CallOptions, CostEstimate, CostEstimateRequest, EndpointPrice } from './types';

export async function getPricing(ctx: ClientContext, endpointIds: string[], options: CallOptions = {}): Promise<EndpointPrice[]> {
	const url = new URL(`${ctx.hosts.platformUrl}/models/pricing`);
	for (const id of endpointIds) url.searchParams.append('endpoint_id', id);
	const response = await dispatch(ctx, { method: 'GET', url: url.toString(), kind: 'platform', signal: options.signal });
	const body = asRecord(response.data);
	const prices = Array.isArray(body.prices) ? body.prices : [];
	return prices.map(asRecord).filter((price) => typeof price.endpoint_id === 'string').map((price) => ({
		endpoint_id: String(price.endpoint_id),
		unit_price: Number(price.unit_price),
		unit: typeof price.unit === 'string' ? price.unit : '',
		currency: typeof price.currency === 'string' ? price.currency : 'USD',
	}));
}

export async function estimateCost(ctx: ClientContext, request: CostEstimateRequest, options: CallOptions = {}): Promise<CostEstimate> {
	const endpoints: Record<string, Record<string, number>> = {};
	for (const entry of request.endpoints) {
		endpoints[entry.endpointId] = request.estimateType === 'historical_api_price' ? { call_quantity: entry.quantity } : { unit_quantity: entry.quantity };
	}
	const response = await dispatch(ctx, {
		method: 'POST',
		url: `${ctx.hosts.platformUrl}/models/pricing/estimate`,
		kind: 'platform',
		json: { estimate_type: request.estimateType, endpoints },
		signal: options.signal,
	});
	const body = asRecord(response.data);
	return {
		...body,
		estimate_type: typeof body.estimate_type === 'string' ? body.estimate_type : request.estimateType,
		total_cost: Number(body.total_cost),
		currency: typeof body.currency === 'string' ? body.currency : 'USD',
	};
}

function asRecord(value: unknown): Record<string, unknown> {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
