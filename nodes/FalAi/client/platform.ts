/**
 * The platform API (`{platformUrl}`): the model catalogue (`GET /models`, used to search models
 * and to read an endpoint's OpenAPI input schema), prices (./pricing) and the account's usage,
 * analytics, requests and workflows (./account).
 */
import { deletePayloads, getJson, toPage as toListPage, unwrapWorkflow, workflowPath } from './account';
import type { ClientContext } from './context';
import { dispatch } from './dispatch';
import { estimateCost, getPricing } from './pricing';
import type { ModelInfo, ModelSearchOptions, ModelSearchPage, PlatformClient } from './types';

export function createPlatformClient(ctx: ClientContext): PlatformClient {
	return {
		async searchModels(options: ModelSearchOptions = {}): Promise<ModelSearchPage> {
			const url = new URL(`${ctx.hosts.platformUrl}/models`);
			const params = url.searchParams;
			if (options.query) params.set('q', options.query);
			if (options.category) params.set('category', options.category);
			if (options.limit !== undefined) params.set('limit', String(options.limit));
			if (options.cursor) params.set('cursor', options.cursor);
			const ids = options.endpointIds ?? [];
			for (const id of ids) params.append('endpoint_id', id);
			// fal's catalogue lists deprecated models too unless asked for the active ones.
			if (ids.length === 0 && options.includeDeprecated !== true) params.set('status', 'active');
			if (options.expandOpenApi) params.set('expand', 'openapi-3.0');
			const response = await dispatch(ctx, { method: 'GET', url: url.toString(), kind: 'platform', signal: options.signal });
			return toPage(response.data);
		},
		pricing: async (endpointIds, options) => await getPricing(ctx, endpointIds, options),
		estimateCost: async (request, options) => await estimateCost(ctx, request, options),
		usage: async (query, options) => await getJson(ctx, 'models/usage', query, options),
		analytics: async (query, options) => await getJson(ctx, 'models/analytics', query, options),
		async listRequests(query, options) {
			const raw = await getJson(ctx, 'models/requests/by-endpoint', query, options);
			return { ...toListPage(raw, ['items', 'requests']), raw };
		},
		deletePayloads: async (requestId, options) => await deletePayloads(ctx, requestId, options),
		async listWorkflows(query, options) {
			const raw = await getJson(ctx, 'workflows', query, options);
			return { ...toListPage(raw, ['workflows', 'items']), raw };
		},
		getWorkflow: async (workflowId, options) => unwrapWorkflow(await getJson(ctx, `workflows/${workflowPath(workflowId)}`, {}, options)),
	};
}

/** Tolerates missing paging fields: no cursor means the last page. */
function toPage(data: unknown): ModelSearchPage {
	const body = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
	const models = Array.isArray(body.models) ? (body.models as ModelInfo[]) : [];
	const nextCursor = typeof body.next_cursor === 'string' && body.next_cursor ? body.next_cursor : null;
	const hasMore = typeof body.has_more === 'boolean' ? body.has_more : nextCursor !== null;
	return { models, next_cursor: nextCursor, has_more: hasMore };
}
