/**
 * The account side of fal's platform API: usage, analytics, the account's requests, deleting a
 * request's stored payloads, and fal Workflows. Paths and parameters as fal's platform API docs
 * and the official fal n8n node use them:
 *
 * - `GET /models/usage?start&end[&endpoint_id][&expand=time_series,summary,auth_method][&limit][&cursor]`
 * - `GET /models/analytics?endpoint_id&start&end&expand=time_series,summary,<metric>,…[&timeframe][&limit]`
 * - `GET /models/requests/by-endpoint?endpoint_id&start&end[&status][&sort_by][&expand=payloads][&request_id][&limit][&cursor]`
 * - `DELETE /models/requests/{request_id}/payloads` → `{cdn_delete_results: [{link, exception}]}`
 * - `GET /workflows[?limit][&cursor][&search][&used_endpoint_ids]` → `{workflows, next_cursor,
 *   has_more, total}`, `GET /workflows/{owner}/{name}` → `{workflow: {…, contents}}` (fal's docs)
 *
 * fal's docs show the request list as `{items: [{request_id, endpoint_id, sent_at, started_at,
 * ended_at, status_code, duration, json_input?, json_output?}], next_cursor, has_more}`, the
 * analytics as `{time_series: [{bucket, results: [{endpoint_id, <metric>…}]}], next_cursor,
 * has_more}`, and a cursor that "encodes the page number" (so every page must be asked for with
 * the same `limit`); they also list the request list under `/serverless/requests/by-endpoint`.
 * UNCONFIRMED (answers are returned as fal sends them, only paging is read): the usage answer's
 * shape; and whether workflow details may also come as a one-element array (the official fal
 * n8n node reads both), so both are accepted.
 */
import type { ClientContext } from './context';
import { dispatch } from './dispatch';
import type { CallOptions, Page, PlatformQuery } from './types';

export async function getJson(ctx: ClientContext, path: string, query: PlatformQuery = {}, options: CallOptions = {}): Promise<unknown> {
	const url = new URL(`${ctx.hosts.platformUrl}/${path}`);
	for (const [name, value] of Object.entries(query)) {
		if (value === undefined || value === '') continue;
		for (const entry of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(entry));
	}
	return (await dispatch(ctx, { method: 'GET', url: url.toString(), kind: 'platform', signal: options.signal })).data;
}

/** A page of a list answer: its entries under the first of `listKeys` present, and its cursor. */
export function toPage(data: unknown, listKeys: string[]): Page {
	const body = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
	const key = listKeys.find((name) => Array.isArray(body[name]));
	const entries = Array.isArray(data) ? data : key ? (body[key] as unknown[]) : [];
	const nextCursor = typeof body.next_cursor === 'string' && body.next_cursor ? body.next_cursor : null;
	const hasMore = typeof body.has_more === 'boolean' ? body.has_more && nextCursor !== null : nextCursor !== null;
	return { entries: entries as Array<Record<string, unknown>>, next_cursor: nextCursor, has_more: hasMore };
}

export async function deletePayloads(ctx: ClientContext, requestId: string, options: CallOptions = {}): Promise<unknown> {
	const response = await dispatch(ctx, {
		method: 'DELETE',
		url: `${ctx.hosts.platformUrl}/models/requests/${encodeURIComponent(requestId)}/payloads`,
		kind: 'platform',
		signal: options.signal,
	});
	return response.data;
}

/** `workflows/owner/name` or `owner/name` → the `owner/name` path of the workflows API. */
export function workflowPath(id: string): string {
	const segments = id.split('/').filter(Boolean);
	const rest = segments[0] === 'workflows' ? segments.slice(1) : segments;
	return rest.map(encodeURIComponent).join('/');
}

/**
 * The workflow object of a `GET /workflows/{owner}/{name}` answer: fal sends `{workflow}`, or
 * (as the official fal n8n node also reads it) a list holding one; anything else is taken as
 * the workflow itself.
 */
export function unwrapWorkflow(answer: unknown): Record<string, unknown> {
	const first = Array.isArray(answer) ? answer[0] : answer;
	if (!first || typeof first !== 'object') return {};
	const wrapped = (first as Record<string, unknown>).workflow;
	return (wrapped && typeof wrapped === 'object' ? wrapped : first) as Record<string, unknown>;
}
