/**
 * `/api/v1/...`, fal's platform API: model search and lookup (key optional), OpenAPI expansion,
 * pricing and cost estimates, deleting a request's stored payloads, and (./platform-account)
 * the account's requests, usage, analytics and fal Workflows.
 */
import { fakeJson } from './http-util';
import { CATALOG, findModel, type CatalogModel } from './catalog';
import { detail, json, type Reply } from './http-util';
import { openApiDocument } from './openapi';
import { classifyAccount } from './platform-account';
import type { FakeContext, RequestContext, Route } from './routes';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

export function classifyPlatform(context: FakeContext, method: string, segments: string[]): Route | undefined {
	const path = segments.join('/');
	if (method === 'GET' && path === 'models') return { kind: 'models', auth: 'optional', handle: searchModels };
	if (method === 'GET' && path === 'models/pricing') return { kind: 'pricing', auth: 'required', handle: pricing };
	if (method === 'POST' && path === 'models/pricing/estimate') return { kind: 'pricing-estimate', auth: 'required', handle: estimate };
	const payloads = /^models\/requests\/([^/]+)\/payloads$/.exec(path);
	if (method === 'DELETE' && payloads) {
		const requestId = payloads[1];
		return { kind: 'delete-payloads', requestId, auth: 'required', handle: () => deletePayloads(context, requestId) };
	}
	return classifyAccount(context, method, path);
}

function listParam(url: URL, name: string): string[] {
	return url.searchParams.getAll(name).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
}

function modelInfo(model: CatalogModel, withOpenApi: boolean): Record<string, unknown> {
	const info: Record<string, unknown> = {
		endpoint_id: model.endpointId,
		metadata: {
			display_name: model.displayName,
			category: model.category,
			description: model.description,
			status: model.status ?? 'active',
			tags: model.tags,
			updated_at: '2025-06-01T00:00:00Z',
			is_favorited: null,
			thumbnail_url: `https://fal.media/files/thumbnails/${model.endpointId.replace(/\//g, '-')}.jpg`,
			model_url: `https://fal.run/${model.endpointId}`,
			date: '2025-01-01T00:00:00Z',
			highlighted: false,
			pinned: false,
		},
	};
	if (withOpenApi) info.openapi = openApiDocument(model);
	return info;
}

function searchModels({ url }: RequestContext): Reply {
	const expand = listParam(url, 'expand');
	const withOpenApi = expand.includes('openapi-3.0');
	const ids = listParam(url, 'endpoint_id');
	if (ids.length > 0) {
		const found = ids.map(findModel).filter((model): model is CatalogModel => model !== undefined);
		return json(200, { models: found.map((model) => modelInfo(model, withOpenApi)), next_cursor: null, has_more: false });
	}
	const limit = url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) : DEFAULT_LIMIT;
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return detail(422, `limit must be an integer from 1 to ${MAX_LIMIT}`);
	const offset = decodeCursor(url.searchParams.get('cursor'));
	if (offset === undefined) return detail(400, 'Invalid cursor');
	const words = (url.searchParams.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	const category = url.searchParams.get('category');
	// Without `status`, fal lists deprecated models too.
	const status = url.searchParams.get('status');
	const matching = CATALOG.filter((model) => {
		if (category && model.category !== category) return false;
		if (status && (model.status ?? 'active') !== status) return false;
		const haystack = [model.endpointId, model.displayName, model.description, ...model.tags].join(' ').toLowerCase();
		return words.every((word) => haystack.includes(word));
	});
	const page = matching.slice(offset, offset + limit);
	const hasMore = offset + limit < matching.length;
	return json(200, {
		models: page.map((model) => modelInfo(model, withOpenApi)),
		next_cursor: hasMore ? encodeCursor(offset + limit) : null,
		has_more: hasMore,
	});
}

function encodeCursor(offset: number): string {
	return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string | null): number | undefined {
	if (!cursor) return 0;
	const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
	return match ? Number(match[1]) : undefined;
}

function pricing({ url }: RequestContext): Reply {
	const ids = listParam(url, 'endpoint_id');
	if (ids.length === 0) return json(422, { detail: [{ loc: ['query', 'endpoint_id'], msg: 'field required', type: 'value_error.missing' }] });
	const prices = ids
		.map(findModel)
		.filter((model): model is CatalogModel => model !== undefined)
		.map((model) => ({ endpoint_id: model.endpointId, unit_price: model.unitPrice, unit: model.unit, currency: 'USD' }));
	return json(200, { prices, next_cursor: null, has_more: false });
}

function estimate({ body }: RequestContext): Reply {
	const { estimate_type: estimateType, endpoints } = (body ?? {}) as { estimate_type?: unknown; endpoints?: unknown };
	if (estimateType !== 'unit_price' && estimateType !== 'historical_api_price') {
		return json(422, { detail: [{ loc: ['body', 'estimate_type'], msg: "value is not a valid enumeration member; permitted: 'historical_api_price', 'unit_price'", type: 'type_error.enum' }] });
	}
	if (!endpoints || typeof endpoints !== 'object') {
		return json(422, { detail: [{ loc: ['body', 'endpoints'], msg: 'field required', type: 'value_error.missing' }] });
	}
	let total = 0;
	for (const [endpointId, quantities] of Object.entries(endpoints as Record<string, Record<string, unknown>>)) {
		const model = findModel(endpointId);
		if (!model) return detail(404, `Endpoint '${endpointId}' not found`);
		const quantity = Number(quantities?.unit_quantity ?? quantities?.call_quantity ?? 1);
		total += model.unitPrice * quantity;
	}
	return json(200, { estimate_type: estimateType, total_cost: Math.round(total * 1e6) / 1e6, currency: 'USD' });
}

function deletePayloads(context: FakeContext, requestId: string): Reply {
	const job = context.queue.get(requestId);
	if (!job) return detail(404, 'Request not found');
	const links = fakeJson(job.result?.body ?? {}).match(/https?:\/\/[^"]+\/media\/generated\/[^"]+/g) ?? [];
	return json(200, { cdn_delete_results: links.map((link) => ({ link, exception: null })) });
}
