/**
 * The queue API: submit, status (polled or streamed), result, cancel, and subscribe, which
 * chains them. Request URLs come from submit's answer when possible (see ./endpoint.ts).
 */
import { refusedCancelOutcome, statedCancelOutcome } from './cancelOutcome';
import type { ClientContext } from './context';
import { discardBody, dispatch, streamBodyError, type DispatchRequest } from './dispatch';
import { requestUrl, submitUrl, buildRequestUrl } from './endpoint';
import { FalApiError, FalError, FalModelError, FalNetworkError, FalProtocolError, FalValidationError } from './errors';
import { falRequestHeaders } from './headers';
import { IdleWatchdog } from './idle';
import { headerOf } from './retry';
import { parseEventJson, parseSse } from './sse';
import { waitForCompletion } from './wait';
import type {
	CallOptions,
	CancelOutcome,
	FalResult,
	QueueClient,
	QueueStatus,
	QueueStatusName,
	QueueSubmission,
	RequestRef,
	StatusOptions,
	SubmitOptions,
	WaitOptions,
} from './types';

const STATUSES: readonly QueueStatusName[] = ['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED'];
/** Three missed pings (fal pings about every 15 s): the connection is gone. */
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 45_000;

export function createQueueClient(ctx: ClientContext): QueueClient {
	const status = async (ref: RequestRef, options: StatusOptions = {}): Promise<QueueStatus> => {
		const url = withLogs(requestUrl(ctx.hosts, ref, 'status'), options.logs);
		const response = await dispatch(ctx, { method: 'GET', url, kind: 'status', signal: options.signal });
		return toQueueStatus(response.data, ref);
	};

	/**
	 * Follows the SSE status stream. Opening it is never retried, and a stream silent for
	 * `idleTimeoutMs` is dropped: a waiter falls back to polling at once, and polling is retried.
	 */
	async function* streamStatus(ref: RequestRef, options: StatusOptions = {}): AsyncGenerator<QueueStatus> {
		const idle = new IdleWatchdog(options.idleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS);
		const url = withLogs(requestUrl(ctx.hosts, ref, 'statusStream'), options.logs);
		const req: DispatchRequest = {
			method: 'GET',
			url,
			kind: 'status',
			accept: 'text/event-stream',
			maxRetries: 0,
			signal: options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal,
		};
		try {
			const response = await dispatch(ctx, req, 'stream');
			try {
				for await (const event of parseSse(idle.watch(response.body))) {
					const update = toQueueStatus(parseEventJson(event), ref);
					yield update;
					if (update.status === 'COMPLETED') return;
				}
			} finally {
				discardBody(response.body);
			}
		} catch (error) {
			if (idle.fired && !options.signal?.aborted) throw silentStreamError(ctx.redactor.url(url), ref, idle.timeoutMs);
			throw streamBodyError(ctx, { ...req, signal: options.signal }, error);
		} finally {
			idle.stop();
		}
	}

	const cancel = async (ref: RequestRef, options: CallOptions = {}): Promise<CancelOutcome> => {
		// fal's codes for "too late" and "unknown" vary; any 4xx whose body says which is that outcome.
		return await dispatch(ctx, { method: 'PUT', url: requestUrl(ctx.hosts, ref, 'cancel'), kind: 'cancel', signal: options.signal }).then(
			(response) => statedCancelOutcome(response.data) ?? 'CANCELLATION_REQUESTED',
			(error: unknown) => {
				const refused = isRefusal(error) ? refusedCancelOutcome(error.status, error.body) : undefined;
				if (refused === undefined) throw error;
				return refused;
			},
		);
	};

	const result = async <T>(ref: RequestRef, options: CallOptions = {}): Promise<FalResult<T>> => {
		const response = await dispatch<T>(ctx, {
			method: 'GET',
			url: requestUrl(ctx.hosts, ref, 'result'),
			kind: 'result',
			signal: options.signal,
		});
		return { requestId: headerOf(response.headers, 'x-fal-request-id') ?? ref.requestId, data: response.data };
	};

	const submit = async (endpointId: string, input: unknown, options: SubmitOptions = {}): Promise<QueueSubmission> => {
		const url = new URL(submitUrl(ctx.hosts, endpointId));
		if (options.webhookUrl) url.searchParams.set('fal_webhook', options.webhookUrl);
		const response = await dispatch(ctx, {
			method: 'POST',
			url: url.toString(),
			kind: 'submit',
			json: input ?? {},
			headers: falRequestHeaders(options),
			signal: options.signal,
		});
		return toSubmission(ctx, endpointId, response.data);
	};

	const wait = (ref: RequestRef, options?: WaitOptions) =>
		waitForCompletion({ status, streamStatus, cancel, log: (event) => ctx.log(event) }, ref, options);

	const subscribe = async <T>(
		endpointId: string,
		input: unknown,
		options: SubmitOptions & Omit<WaitOptions, 'signal'> = {},
	) => {
		const submission = await submit(endpointId, input, options);
		options.onUpdate?.({
			status: 'IN_QUEUE',
			request_id: submission.requestId,
			queue_position: submission.queuePosition,
			status_url: submission.statusUrl,
			response_url: submission.responseUrl,
			cancel_url: submission.cancelUrl,
		});
		const finalStatus = await wait(submission, options);
		if (finalStatus.error) throw await modelError(finalStatus, () => result(submission, { signal: options.signal }));
		const output = await result<T>(submission, { signal: options.signal });
		return { ...output, submission, status: finalStatus };
	};

	return { submit, status, streamStatus, waitForCompletion: wait, result, cancel, subscribe };
}

/**
 * The error for a request that COMPLETED with `error`. The result call carries the model's own
 * answer: a 422 there means the input was refused, and its field list is what the user needs,
 * so that FalValidationError is returned as is; any other failure becomes a FalModelError
 * enriched with the result's details.
 */
async function modelError(status: QueueStatus, fetchResult: () => Promise<unknown>): Promise<FalError> {
	try {
		await fetchResult();
		return new FalModelError(status);
	} catch (error) {
		if (error instanceof FalValidationError) return error;
		return new FalModelError(status, error instanceof FalApiError ? error : undefined);
	}
}

/** A status stream that went silent: the connection is presumed dead (code `FAL_STREAM_IDLE`). */
function silentStreamError(safeUrl: string, ref: RequestRef, timeoutMs: number): FalNetworkError {
	return new FalNetworkError(
		`fal's status stream of request ${ref.requestId} sent nothing for ${timeoutMs} ms (GET ${safeUrl})`,
		'GET',
		safeUrl,
		'FAL_STREAM_IDLE',
		true,
	);
}

function toSubmission(ctx: ClientContext, endpointId: string, data: unknown): QueueSubmission {
	const body = asRecord(data);
	const requestId = typeof body?.request_id === 'string' ? body.request_id : undefined;
	if (!requestId) {
		throw new FalProtocolError(`fal accepted the submit to ${endpointId} but returned no request_id`);
	}
	const given = (key: string) => (typeof body?.[key] === 'string' && body[key] ? (body[key] as string) : undefined);
	return {
		endpointId,
		requestId,
		statusUrl: given('status_url') ?? buildRequestUrl(ctx.hosts, endpointId, requestId, 'status'),
		responseUrl: given('response_url') ?? buildRequestUrl(ctx.hosts, endpointId, requestId, 'result'),
		cancelUrl: given('cancel_url') ?? buildRequestUrl(ctx.hosts, endpointId, requestId, 'cancel'),
		queuePosition: typeof body?.queue_position === 'number' ? body.queue_position : undefined,
	};
}

function toQueueStatus(data: unknown, ref: RequestRef): QueueStatus {
	const body = asRecord(data);
	const name = body?.status;
	if (!body || typeof name !== 'string' || !STATUSES.includes(name as QueueStatusName)) {
		throw new FalProtocolError(
			`fal returned an unknown queue status for request ${ref.requestId}: ${JSON.stringify(name ?? null)}`,
		);
	}
	return { ...body, request_id: typeof body.request_id === 'string' ? body.request_id : ref.requestId } as QueueStatus;
}


/** A 4xx that is about the request (not the key, the scope or the rate: those stay failures). */
function isRefusal(error: unknown): error is FalApiError {
	return error instanceof FalApiError && error.status >= 400 && error.status < 500 && ![401, 403, 429].includes(error.status);
}

function withLogs(url: string, logs: boolean | undefined): string {
	if (!logs) return url;
	const parsed = new URL(url);
	parsed.searchParams.set('logs', '1');
	return parsed.toString();
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
