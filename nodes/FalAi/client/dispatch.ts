/**
 * The one function that sends HTTP requests to fal.
 *
 * Every call of the client goes through {@link dispatch}, so authentication, retry policy, abort
 * handling, error typing and redaction are decided in one place. The bytes travel through the
 * client's {@link HttpTransport} (n8n's HTTP stack in the package), which only carries them.
 */
import type { ClientContext } from './context';
import { FalAbortError, FalError, FalNetworkError, apiErrorFor, type FalApiError } from './errors';
import { parseJsonExact } from './exactIntegers';
import { isUnderConfiguredHost } from './hosts';
import {
	type AttemptFailure,
	type CallKind,
	headerOf,
	isRetryable,
	isUnsentError,
	retryAfterMs,
	retryAfterTooLong,
	retryDelayMs,
	retryPolicy,
} from './retry';
import { sleep } from './sleep';
import type { ByteStream, HttpMethod, ResponseHeaders } from './transport';
import { errorCodeOf, innermostMessageOf } from './transportErrors';

export type { HttpMethod, ResponseHeaders } from './transport';

export interface DispatchRequest {
	method: HttpMethod;
	url: string;
	/** Chooses the retry policy. */
	kind: CallKind;
	headers?: Record<string, string>;
	/** A JSON body, serialised once and resent as is on retries. */
	json?: unknown;
	/** A raw body (an upload part), resent as is on retries. */
	body?: Buffer | Uint8Array;
	/** Default `application/json`. */
	accept?: string;
	/**
	 * Whether the transport attaches the fal credential. Default: only when the URL lies under a
	 * configured fal host, so the key never travels to media hosts or pre-signed upload URLs.
	 */
	auth?: boolean;
	/** Statuses the caller interprets itself (e.g. cancel's 400/404). By default only 2xx succeed. */
	acceptStatus?: (status: number) => boolean;
	/**
	 * Fewer retries than the kind's policy allows, e.g. 0 for a status stream: the wait falls back
	 * to polling at once, and polling is itself retried.
	 */
	maxRetries?: number;
	/** The transport's time limit for this call (see TransportRequest.timeoutMs); its default when unset. */
	responseTimeoutMs?: number;
	signal?: AbortSignal;
}

export interface JsonResponse<T = unknown> {
	status: number;
	headers: ResponseHeaders;
	/** Parsed JSON; the text when the body is not JSON; undefined when empty. */
	data: T;
}

export interface StreamResponse {
	status: number;
	headers: ResponseHeaders;
	/** The open body: the caller must consume or destroy it. */
	body: ByteStream;
}

/** Error bodies are read up to this size; the rest is dropped (they are only for messages). */
const MAX_ERROR_BODY = 1024 * 1024;

/** Sends a request and parses its JSON answer. */
export async function dispatch<T = unknown>(ctx: ClientContext, req: DispatchRequest): Promise<JsonResponse<T>>;
/** Sends a request and hands over the open response body (SSE, downloads). */
export async function dispatch(ctx: ClientContext, req: DispatchRequest, stream: 'stream'): Promise<StreamResponse>;
export async function dispatch(
	ctx: ClientContext,
	req: DispatchRequest,
	stream?: 'stream',
): Promise<JsonResponse | StreamResponse> {
	const policy = retryPolicy(req.kind, ctx.retry);
	const maxRetries = Math.min(policy.maxRetries, req.maxRetries ?? Infinity);
	const prepared: PreparedRequest = {
		...req,
		headers: requestHeaders(req),
		authenticate: req.auth ?? isUnderConfiguredHost(req.url, ctx.hosts),
		payload: req.json !== undefined ? JSON.stringify(req.json) : req.body,
		wantsStream: stream === 'stream',
	};

	for (let attempt = 0; ; attempt++) {
		if (req.signal?.aborted) throw new FalAbortError();
		const outcome = await attemptOnce(ctx, prepared, attempt);
		if ('response' in outcome) return outcome.response;
		const { failure, error } = outcome;
		if (error instanceof FalAbortError || attempt >= maxRetries || !isRetryable(policy, failure)) throw error;
		if (retryAfterTooLong(policy, failure)) {
			// The error's message says when fal will take the call again.
			ctx.log({
				level: 'warn',
				message: `fal asked to wait longer than the ${policy.maxRetryAfterMs} ms the client waits before a retry; failing now`,
				method: req.method,
				url: req.url,
				status: failure.type === 'response' ? failure.status : undefined,
				attempt: attempt + 1,
			});
			throw error;
		}

		const delayMs = retryDelayMs(policy, attempt, failure);
		ctx.log({
			level: 'warn',
			message: `fal call failed (${failure.type === 'response' ? failure.status : (failure.code ?? 'network')}), retrying`,
			method: req.method,
			url: req.url,
			status: failure.type === 'response' ? failure.status : undefined,
			attempt: attempt + 1,
			delayMs,
		});
		const waited = await sleep(delayMs, req.signal).then(
			() => true,
			() => false,
		);
		if (!waited) throw new FalAbortError();
	}
}

interface PreparedRequest extends DispatchRequest {
	headers: Record<string, string>;
	authenticate: boolean;
	payload: string | Buffer | Uint8Array | undefined;
	wantsStream: boolean;
}

type AttemptOutcome = { response: JsonResponse | StreamResponse } | { failure: AttemptFailure; error: Error };

/** One HTTP exchange; never throws: a failure comes back typed, for the retry decision. */
async function attemptOnce(ctx: ClientContext, req: PreparedRequest, attempt: number): Promise<AttemptOutcome> {
	try {
		const response = await ctx.transport.send({
			method: req.method,
			url: req.url,
			headers: req.headers,
			body: req.payload,
			authenticate: req.authenticate,
			signal: req.signal,
			timeoutMs: req.responseTimeoutMs,
		});
		const { status, headers } = response;
		ctx.log({ level: 'debug', message: 'fal response', method: req.method, url: req.url, status, attempt });
		const ok = req.acceptStatus ? req.acceptStatus(status) : status < 300;
		if (ok && req.wantsStream) return { response: { status, headers, body: response.body } };
		if (ok) return { response: { status, headers, data: parseBody(await readAll(response.body)) } };
		const errorBody = ctx.redactor.deep(parseBody(await readLimited(response.body, MAX_ERROR_BODY)));
		const failure: AttemptFailure = { type: 'response', status, headers, body: errorBody };
		return { failure, error: apiError(ctx, req, failure, headers, errorBody) };
	} catch (caught) {
		const code = errorCodeOf(caught);
		return {
			failure: { type: 'network', code },
			error: req.signal?.aborted ? new FalAbortError() : networkError(ctx, req, caught, code, ctx.redactor.url(req.url)),
		};
	}
}

/**
 * Types an error thrown while reading a streamed body that {@link dispatch} handed over: an abort
 * when the caller's signal fired, otherwise a redacted {@link FalNetworkError}.
 */
export function streamBodyError(ctx: ClientContext, req: DispatchRequest, caught: unknown): Error {
	if (req.signal?.aborted) return new FalAbortError();
	if (caught instanceof FalError) return caught;
	return networkError(ctx, req, caught, errorCodeOf(caught), ctx.redactor.url(req.url));
}

/**
 * Drops a response body that will not be read. Node streams report the destruction of an unread body
 * as an 'error' event, which must not surface as an unhandled error.
 */
export function discardBody(body: ByteStream): void {
	const emitter = body as ByteStream & { on?: (event: string, listener: () => void) => unknown };
	emitter.on?.('error', () => undefined);
	body.destroy();
}

function requestHeaders(req: DispatchRequest): Record<string, string> {
	const headers: Record<string, string> = {
		accept: req.accept ?? 'application/json',
		'user-agent': 'n8n-nodes-falai',
	};
	if (req.json !== undefined) headers['content-type'] = 'application/json';
	for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
	// The key is the transport's to attach (see DispatchRequest.auth), never a header of ours.
	delete headers.authorization;
	return headers;
}

function apiError(
	ctx: ClientContext,
	req: DispatchRequest,
	failure: AttemptFailure & { type: 'response' },
	headers: ResponseHeaders,
	body: unknown,
): FalApiError {
	const { status } = failure;
	const receivedAt = Date.now();
	const record = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
	const retryable = headerOf(headers, 'x-fal-retryable')?.toLowerCase();
	return apiErrorFor({
		status,
		method: req.method,
		url: ctx.redactor.url(req.url),
		requestId: headerOf(headers, 'x-fal-request-id') ?? stringOf(record?.request_id),
		detail: record && 'detail' in record ? record.detail : body,
		errorType: headerOf(headers, 'x-fal-error-type') ?? stringOf(record?.error_type),
		retryable: retryable === 'true' ? true : retryable === 'false' ? false : undefined,
		retryAfterMs: retryAfterMs(failure, receivedAt),
		receivedAt,
		body,
	});
}

/**
 * Rebuilds a transport error from its code and redacted message only: HTTP library errors (and
 * n8n's wrappers of them) can carry request headers (and so the key), sockets and buffers, none
 * of which may leak into outputs.
 */
function networkError(ctx: ClientContext, req: DispatchRequest, caught: unknown, code: string | undefined, safeUrl: string): FalNetworkError {
	const unsent = isUnsentError(code);
	const reason = ctx.redactor.text(innermostMessageOf(caught));
	const ambiguous =
		!unsent && (req.kind === 'submit' || req.kind === 'run')
			? '; the request may have reached fal, so it was not resent (a resend could start a second job)'
			: '';
	return new FalNetworkError(
		`Could not complete ${req.method} ${safeUrl}: ${reason}${code ? ` (${code})` : ''}${ambiguous}`,
		req.method,
		safeUrl,
		code,
		!unsent,
	);
}

function parseBody(text: string): unknown {
	if (!text) return undefined;
	try {
		// Seeds above 2^53 also come back exact, as `<key>_exact` strings (see ./exactIntegers).
		return parseJsonExact(text);
	} catch {
		return text;
	}
}

/** The whole body as text (JSON answers: small, and needed whole to be parsed). */
async function readAll(body: ByteStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(toBuffer(chunk));
	return Buffer.concat(chunks).toString('utf8');
}

async function readLimited(body: ByteStream, limit: number): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		const buffer = toBuffer(chunk);
		chunks.push(buffer);
		size += buffer.length;
		if (size >= limit) {
			discardBody(body);
			break;
		}
	}
	return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function toBuffer(chunk: Uint8Array): Buffer {
	return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function stringOf(value: unknown): string | undefined {
	return typeof value === 'string' && value ? value : undefined;
}
