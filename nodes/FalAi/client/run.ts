/**
 * Direct runs on `fal.run`: the answer is the model output itself, with no queue in between.
 *
 * fal never retries these server-side, and a resend after the request may have reached fal could
 * run (and bill) the model twice, so the `run` retry policy only resends what fal certainly did
 * not accept (429, 503, connection never made).
 */
import type { ClientContext } from './context';
import { discardBody, dispatch, streamBodyError, type DispatchRequest } from './dispatch';
import { parseEndpointId } from './endpoint';
import { apiErrorFor } from './errors';
import { falRequestHeaders } from './headers';
import { headerOf } from './retry';
import { parseEventJson, parseSse } from './sse';
import type { FalResult, RunOptions } from './types';

/**
 * A streamed output event can carry whole media as data URIs (`sync_mode`), so its bound is far
 * above the status stream's; it still stops a server that never ends a line.
 */
const MAX_OUTPUT_EVENT_LENGTH = 256 * 1024 * 1024;

/** `POST fal.run/{id}`: resolves with the model output. */
export async function runDirect<T>(ctx: ClientContext, endpointId: string, input: unknown, options: RunOptions = {}): Promise<FalResult<T>> {
	const response = await dispatch<T>(ctx, {
		method: 'POST',
		url: `${ctx.hosts.runUrl}/${parseEndpointId(endpointId).id}`,
		kind: 'run',
		json: input ?? {},
		headers: falRequestHeaders(options),
		responseTimeoutMs: options.responseTimeoutMs,
		signal: options.signal,
	});
	return { requestId: headerOf(response.headers, 'x-fal-request-id') ?? '', data: response.data };
}

/** `POST fal.run/{id}/stream`: yields each partial output; the last one is the final output. */
export async function* streamOutput<T>(ctx: ClientContext, endpointId: string, input: unknown, options: RunOptions = {}): AsyncGenerator<T> {
	const req: DispatchRequest = {
		method: 'POST',
		url: `${ctx.hosts.runUrl}/${parseEndpointId(endpointId).id}/stream`,
		kind: 'run',
		json: input ?? {},
		accept: 'text/event-stream',
		headers: falRequestHeaders(options),
		signal: options.signal,
	};
	const response = await dispatch(ctx, req, 'stream');
	try {
		for await (const event of parseSse(response.body, { maxLineLength: MAX_OUTPUT_EVENT_LENGTH })) {
			const data = parseEventJson(event);
			if (isErrorEvent(event.event, data)) throw streamedError(ctx, req, data);
			yield data as T;
		}
	} catch (error) {
		throw streamBodyError(ctx, req, error);
	} finally {
		discardBody(response.body);
	}
}

/**
 * How a model failing mid-stream shows up (not documented by fal, so both forms are accepted):
 * an `event: error`, or a last `data:` whose `status` is `ERROR` with a `detail`/`error`.
 */
function isErrorEvent(name: string, data: unknown): boolean {
	if (name === 'error') return true;
	const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
	return record?.status === 'ERROR' && ('detail' in record || 'error' in record);
}

/** A streamed error, typed like the same error as an HTTP answer (422 when it lists fields). */
function streamedError(ctx: ClientContext, req: DispatchRequest, data: unknown): Error {
	const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
	const safe = ctx.redactor.deep(record);
	const status = typeof record.status_code === 'number' ? record.status_code : Array.isArray(record.detail) ? 422 : 500;
	return apiErrorFor({
		status,
		method: req.method,
		url: ctx.redactor.url(req.url),
		detail: 'detail' in safe ? safe.detail : (safe.error ?? safe),
		errorType: typeof record.error_type === 'string' ? record.error_type : undefined,
		body: safe,
	});
}
