/**
 * `/api/v1/...` account routes of the fake platform API, over ./request-history:
 * `GET models/requests/by-endpoint` (filtered, sorted, cursor-paged), `GET models/usage` and
 * `GET models/analytics` (time series in minute/hour/day/week/month buckets and summaries),
 * `GET workflows` (paged, `search`, `used_endpoint_ids`) and `GET workflows/{owner}/{name}`.
 */
import { CATALOG, findModel } from './catalog';
import { detail, json, type Reply } from './http-util';
import { requestHistory, type HistoricRequest } from './request-history';
import type { FakeContext, RequestContext, Route } from './routes';
import { FAKE_WORKFLOWS, workflowDetails } from './workflows';

const MAX_LIMIT = 100;

export function classifyAccount(context: FakeContext, method: string, path: string): Route | undefined {
	if (method !== 'GET') return undefined;
	// fal's docs list it under both paths (the newer one also takes several endpoint ids).
	if (path === 'models/requests/by-endpoint' || path === 'serverless/requests/by-endpoint') return { kind: 'requests', auth: 'required', handle: (request) => listRequests(context, request) };
	if (path === 'models/usage') return { kind: 'usage', auth: 'required', handle: (request) => usage(context, request) };
	if (path === 'models/analytics') return { kind: 'analytics', auth: 'required', handle: (request) => analytics(context, request) };
	if (path === 'workflows') return { kind: 'workflows', auth: 'required', handle: listWorkflows };
	const workflow = /^workflows\/([^/]+)\/([^/]+)$/.exec(path);
	if (workflow) return { kind: 'workflow', auth: 'required', handle: () => getWorkflow(workflow[1], workflow[2]) };
	return undefined;
}

interface Range {
	start: number;
	end: number;
}

/** `start`/`end` as ISO 8601 (default: the last 24 hours), or fal's 422. */
function rangeOf(url: URL): Range | Reply {
	const end = url.searchParams.has('end') ? Date.parse(url.searchParams.get('end') ?? '') : Date.now();
	const start = url.searchParams.has('start') ? Date.parse(url.searchParams.get('start') ?? '') : end - 24 * 3_600_000;
	for (const [name, value] of [['start', start], ['end', end]] as const) {
		if (!Number.isFinite(value)) return json(422, { detail: [{ loc: ['query', name], msg: 'invalid datetime format', type: 'value_error.datetime' }] });
	}
	if (start > end) return detail(422, 'start must be before end');
	return { start, end };
}

function isRange(value: Range | Reply): value is Range {
	return 'start' in value && 'end' in value;
}

function limitOf(url: URL, fallback: number, max = MAX_LIMIT): number | Reply {
	const limit = url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) : fallback;
	if (!Number.isInteger(limit) || limit < 1 || limit > max) return detail(422, `limit must be an integer from 1 to ${max}`);
	return limit;
}

/**
 * fal's cursor "encodes the page number" (`"Mg=="` is page 2): the page is counted in the
 * current `limit`, so a client that changes `limit` between pages skips or repeats entries,
 * as it would on fal.
 */
function pageOf(url: URL): number | undefined {
	const cursor = url.searchParams.get('cursor');
	if (!cursor) return 1;
	const page = Number(Buffer.from(cursor, 'base64').toString('utf8'));
	return Number.isInteger(page) && page >= 1 ? page : undefined;
}

function paged<T>(entries: T[], page: number, limit: number): { page: T[]; next_cursor: string | null; has_more: boolean } {
	const offset = (page - 1) * limit;
	const hasMore = offset + limit < entries.length;
	return { page: entries.slice(offset, offset + limit), next_cursor: hasMore ? Buffer.from(String(page + 1)).toString('base64') : null, has_more: hasMore };
}

function expandOf(url: URL): string[] {
	return url.searchParams.getAll('expand').flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
}

function inRange(request: HistoricRequest, range: Range): boolean {
	const ended = Date.parse(request.ended_at);
	return ended >= range.start && ended <= range.end;
}

function listRequests(context: FakeContext, { url }: RequestContext): Reply {
	const endpointId = url.searchParams.get('endpoint_id');
	if (!endpointId) return json(422, { detail: [{ loc: ['query', 'endpoint_id'], msg: 'field required', type: 'value_error.missing' }] });
	const range = rangeOf(url);
	if (!isRange(range)) return range;
	const limit = limitOf(url, 50);
	if (typeof limit !== 'number') return limit;
	const page = pageOf(url);
	if (page === undefined) return detail(400, 'Invalid cursor');
	const status = url.searchParams.get('status');
	if (status && !['success', 'error', 'user_error'].includes(status)) {
		return json(422, { detail: [{ loc: ['query', 'status'], msg: "value is not a valid enumeration member; permitted: 'success', 'error', 'user_error'", type: 'type_error.enum' }] });
	}
	const requestId = url.searchParams.get('request_id');
	const withPayloads = expandOf(url).includes('payloads');
	const matching = requestHistory(context, endpointId)
		.filter((request) => inRange(request, range) && (!status || request.status === status) && (!requestId || request.request_id === requestId))
		.sort((a, b) => (url.searchParams.get('sort_by') === 'duration' ? b.duration - a.duration : b.ended_at.localeCompare(a.ended_at)));
	const listed = paged(matching, page, limit);
	// The items of fal's docs: ids, times, status code and duration (the status name is only a filter).
	const items = listed.page.map(({ json_input, json_output, status: _status, ...request }) => (withPayloads ? { ...request, json_input, json_output } : request));
	const { next_cursor, has_more } = listed;
	return json(200, { items, next_cursor, has_more });
}

type Timeframe = 'minute' | 'hour' | 'day' | 'week' | 'month';
const TIMEFRAME_MS: Record<Timeframe, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 };

/** fal's automatic bucket size (as the official node documents it): minute < 2 h, hour < 2 days, day < 64 days… */
function timeframeOf(url: URL, range: Range): Timeframe | undefined {
	const asked = url.searchParams.get('timeframe');
	if (asked) return asked in TIMEFRAME_MS ? (asked as Timeframe) : undefined;
	const span = range.end - range.start;
	if (span < 2 * 3_600_000) return 'minute';
	if (span < 2 * 86_400_000) return 'hour';
	if (span < 64 * 86_400_000) return 'day';
	return span < 183 * 86_400_000 ? 'week' : 'month';
}

function buckets(range: Range, timeframe: Timeframe): Range[] {
	const size = TIMEFRAME_MS[timeframe];
	const first = Math.floor(range.start / size) * size;
	const result: Range[] = [];
	for (let start = first; start <= range.end; start += size) result.push({ start, end: start + size - 1 });
	return result;
}

function endpointsOf(url: URL): string[] {
	const asked = url.searchParams.getAll('endpoint_id').flatMap((value) => value.split(',')).filter(Boolean);
	return asked.length ? asked : CATALOG.map((model) => model.endpointId);
}

/** Usage: billed units of successful requests (one unit each on the fake), with their cost. */
function usage(context: FakeContext, { url }: RequestContext): Reply {
	const range = rangeOf(url);
	if (!isRange(range)) return range;
	const timeframe = timeframeOf(url, range);
	if (!timeframe) return detail(422, 'timeframe must be one of minute, hour, day, week, month');
	const expand = expandOf(url);
	const wanted = expand.length ? expand : ['time_series'];
	if (!wanted.includes('time_series') && !wanted.includes('summary')) return detail(422, "At least one of 'time_series' or 'summary' is required in expand");
	// Paged over time buckets (fal: "paginated usage records"); the summary comes with every page.
	const limit = limitOf(url, 100, 1000);
	if (typeof limit !== 'number') return limit;
	const page = pageOf(url);
	if (page === undefined) return detail(400, 'Invalid cursor');
	const billed = endpointsOf(url).flatMap((endpointId) =>
		requestHistory(context, endpointId).filter((request) => request.status === 'success' && inRange(request, range)),
	);
	const line = (endpointId: string, requests: HistoricRequest[]) => {
		const model = findModel(endpointId);
		const unitPrice = model?.unitPrice ?? 0;
		const entry: Record<string, unknown> = {
			endpoint_id: endpointId,
			unit: model?.unit ?? 'requests',
			quantity: requests.length,
			unit_price: unitPrice,
			cost: Math.round(unitPrice * requests.length * 1e6) / 1e6,
			currency: 'USD',
		};
		if (wanted.includes('auth_method')) entry.auth_method = 'Key';
		return entry;
	};
	const grouped = (requests: HistoricRequest[]) => {
		const byEndpoint = new Map<string, HistoricRequest[]>();
		for (const request of requests) byEndpoint.set(request.endpoint_id, [...(byEndpoint.get(request.endpoint_id) ?? []), request]);
		return [...byEndpoint].map(([endpointId, list]) => line(endpointId, list));
	};
	const body: Record<string, unknown> = { next_cursor: null, has_more: false };
	if (wanted.includes('time_series')) {
		const listed = paged(buckets(range, timeframe), page, limit);
		body.time_series = listed.page.map((bucket) => ({
			bucket: new Date(bucket.start).toISOString(),
			results: grouped(billed.filter((request) => inRange(request, bucket))),
		}));
		body.next_cursor = listed.next_cursor;
		body.has_more = listed.has_more;
	}
	if (wanted.includes('summary')) body.summary = grouped(billed);
	return json(200, body);
}

const METRICS = ['request_count', 'success_count', 'user_error_count', 'error_count', 'p50_duration', 'p75_duration', 'p90_duration', 'p50_prepare_duration', 'p75_prepare_duration', 'p90_prepare_duration'];

function percentile(values: number[], share: number): number | null {
	if (!values.length) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

function metricsOf(requests: HistoricRequest[], metrics: string[]): Record<string, unknown> {
	const durations = requests.map((request) => request.duration);
	const prepares = requests.map((request) => (Date.parse(request.started_at) - Date.parse(request.sent_at)) / 1000);
	const all: Record<string, unknown> = {
		request_count: requests.length,
		success_count: requests.filter((request) => request.status === 'success').length,
		user_error_count: requests.filter((request) => request.status === 'user_error').length,
		error_count: requests.filter((request) => request.status === 'error').length,
		p50_duration: percentile(durations, 0.5),
		p75_duration: percentile(durations, 0.75),
		p90_duration: percentile(durations, 0.9),
		p50_prepare_duration: percentile(prepares, 0.5),
		p75_prepare_duration: percentile(prepares, 0.75),
		p90_prepare_duration: percentile(prepares, 0.9),
	};
	return Object.fromEntries(metrics.map((metric) => [metric, all[metric]]));
}

function analytics(context: FakeContext, { url }: RequestContext): Reply {
	const endpointIds = url.searchParams.getAll('endpoint_id').flatMap((value) => value.split(',')).filter(Boolean);
	if (!endpointIds.length) return json(422, { detail: [{ loc: ['query', 'endpoint_id'], msg: 'field required', type: 'value_error.missing' }] });
	const range = rangeOf(url);
	if (!isRange(range)) return range;
	const timeframe = timeframeOf(url, range);
	if (!timeframe) return detail(422, 'timeframe must be one of minute, hour, day, week, month');
	const expand = expandOf(url);
	const metrics = expand.filter((name) => METRICS.includes(name));
	const chosen = metrics.length ? metrics : ['request_count', 'success_count', 'error_count'];
	const parts = expand.filter((name) => name === 'time_series' || name === 'summary');
	const wanted = parts.length ? parts : ['time_series'];
	const history = endpointIds.map((endpointId) => ({ endpointId, requests: requestHistory(context, endpointId).filter((request) => inRange(request, range)) }));
	const body: Record<string, unknown> = { next_cursor: null, has_more: false };
	if (wanted.includes('time_series')) {
		body.time_series = buckets(range, timeframe).map((bucket) => ({
			bucket: new Date(bucket.start).toISOString(),
			results: history.map(({ endpointId, requests }) => ({ endpoint_id: endpointId, ...metricsOf(requests.filter((request) => inRange(request, bucket)), chosen) })),
		}));
	}
	if (wanted.includes('summary')) body.summary = history.map(({ endpointId, requests }) => ({ endpoint_id: endpointId, ...metricsOf(requests, chosen) }));
	return json(200, body);
}

function listWorkflows({ url }: RequestContext): Reply {
	const limit = limitOf(url, 20);
	if (typeof limit !== 'number') return limit;
	const page = pageOf(url);
	if (page === undefined) return detail(400, 'Invalid cursor');
	const search = (url.searchParams.get('search') ?? '').toLowerCase();
	const used = url.searchParams.getAll('used_endpoint_ids').flatMap((value) => value.split(',')).filter(Boolean);
	const matching = FAKE_WORKFLOWS.filter(
		(workflow) =>
			(!search || `${workflow.name} ${workflow.title}`.toLowerCase().includes(search)) &&
			used.every((id) => workflow.endpoint_ids.includes(id)),
	);
	const listed = paged(matching, page, limit);
	return json(200, {
		workflows: listed.page.map(({ contents: _contents, is_public: _public, ...summary }) => summary),
		next_cursor: listed.next_cursor,
		has_more: listed.has_more,
		total: matching.length,
	});
}

function getWorkflow(owner: string, name: string): Reply {
	const workflow = workflowDetails(owner, name);
	return workflow ? json(200, { workflow }) : detail(404, `Workflow '${owner}/${name}' not found`);
}
