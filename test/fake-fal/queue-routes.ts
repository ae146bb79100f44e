/**
 * `/queue/...`: submit to the full endpoint id; status, status stream, result and cancel by
 * request id under `[namespace/]owner/alias` (the sub-path is tolerated too).
 */
import { acceptInput, isAccepted } from './accept-input';
import { endpointIdOf, parseEndpointId } from './endpoint-id';
import { detail, flag, headerValue, json, type Reply } from './http-util';
import type { Job } from './queue';
import type { FakeContext, RequestContext, Route } from './routes';
import { streamStatus } from './sse';
import { statusBody } from './status-body';

export function classifyQueue(context: FakeContext, method: string, segments: string[]): Route | undefined {
	const requestsAt = segments.findIndex((segment, index) => index >= 2 && segment === 'requests' && index + 1 < segments.length);
	if (requestsAt < 0) {
		if (method !== 'POST') return undefined;
		const endpointId = segments.join('/');
		return { kind: 'submit', endpointId, auth: 'required', handle: (request) => submit(context, endpointId, request) };
	}
	const appPath = segments.slice(0, requestsAt).join('/');
	const requestId = segments[requestsAt + 1];
	const action = segments.slice(requestsAt + 2).join('/');
	const job = context.queue.get(requestId);
	const endpointId = job?.endpointId ?? appPath;
	const base = { endpointId, requestId, auth: 'required' as const };
	const found = (): Job | undefined => (job && belongsTo(job, appPath) ? job : undefined);
	if (method === 'GET' && action === '') return { ...base, kind: 'result', handle: () => result(context, found()) };
	if (method === 'GET' && action === 'status') {
		return { ...base, kind: 'status', handle: ({ url }) => status(context, found(), flag(url.searchParams.get('logs'))) };
	}
	if (method === 'GET' && action === 'status/stream') {
		return { ...base, kind: 'status-stream', handle: (request) => streamStatus(context, found(), request) };
	}
	if (method === 'PUT' && action === 'cancel') return { ...base, kind: 'cancel', handle: () => cancel(context, found()) };
	return undefined;
}

/** The path must name the job's app (`owner/alias`), optionally followed by its sub-path. */
function belongsTo(job: Job, appPath: string): boolean {
	const parts = parseEndpointId(appPath);
	if (!parts) return false;
	const normalised = endpointIdOf(parts);
	return normalised === job.appId || normalised === job.endpointId;
}

function notFound(): Reply {
	return detail(404, 'Request not found');
}

function submit(context: FakeContext, rawId: string, { req, url, body, recorded }: RequestContext): Reply {
	const accepted = acceptInput(rawId, body);
	if (!isAccepted(accepted)) return accepted;
	const job = context.queue.submit({
		...accepted,
		priority: headerValue(req, 'x-fal-queue-priority'),
		runnerHint: headerValue(req, 'x-fal-runner-hint'),
		requestTimeoutSeconds: positiveNumber(headerValue(req, 'x-fal-request-timeout')),
		noRetry: flag(headerValue(req, 'x-fal-no-retry') ?? null),
		storeIo: headerValue(req, 'x-fal-store-io') !== '0',
		objectLifecycle: jsonHeader(headerValue(req, 'x-fal-object-lifecycle-preference')),
		webhookUrl: url.searchParams.get('fal_webhook') ?? undefined,
	});
	recorded.requestId = job.requestId;
	recorded.endpointId = accepted.endpointId;
	return json(200, {
		status: 'IN_QUEUE',
		request_id: job.requestId,
		...context.queue.urlsOf(job),
		queue_position: context.queue.positionOf(job) ?? 0,
	});
}

function status(context: FakeContext, job: Job | undefined, withLogs: boolean): Reply {
	if (!job) return notFound();
	const body = statusBody(context.queue, job, withLogs ? [...job.logs] : null);
	return json(job.state === 'COMPLETED' ? 200 : 202, body);
}

function result(context: FakeContext, job: Job | undefined): Reply {
	if (!job || context.queue.isExpired(job)) return notFound();
	if (!job.result) {
		return json(context.settings.resultStatusBeforeDone, { detail: 'Request is still in progress' }, { 'x-fal-request-id': job.requestId });
	}
	return json(job.result.status, job.result.body, job.result.headers);
}

function cancel(context: FakeContext, job: Job | undefined): Reply {
	const outcome = job ? context.queue.cancel(job.requestId) : 'NOT_FOUND';
	const style = context.settings.cancelAnswers;
	if (style === 'ok' && outcome === 'CANCELLATION_REQUESTED') return json(200, { status: 'OK' });
	if (style === 'detail-only' && outcome === 'ALREADY_COMPLETED') return detail(422, 'Request is already completed');
	if (style === 'detail-only' && outcome === 'NOT_FOUND') return detail(410, 'Request not found');
	const code = { CANCELLATION_REQUESTED: 202, ALREADY_COMPLETED: 400, NOT_FOUND: 404 }[outcome];
	return json(code, { status: outcome });
}

function positiveNumber(value: string | undefined): number | undefined {
	const number = value === undefined ? NaN : Number(value);
	return Number.isFinite(number) && number > 0 ? number : undefined;
}

function jsonHeader(value: string | undefined): unknown {
	if (value === undefined) return undefined;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}
