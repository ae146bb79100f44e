/**
 * The client's transport in the package: n8n's own HTTP helpers.
 *
 * Calls to fal's hosts go through `httpRequestWithAuthentication('falAiApi', …)`, so n8n attaches
 * the credential (the package never writes the key into a header); signed upload URLs, media and
 * the webhook key set go through plain `httpRequest`. Either way the instance's proxy settings
 * (`HTTP_PROXY`, `HTTPS_PROXY`, `NO_PROXY`) and request policy apply, as for any built-in node.
 *
 * Every request is made with:
 * - `encoding: 'stream'` + `returnFullResponse`: the body comes back unread (SSE, downloads) and
 *   the client parses JSON itself, so every answer takes one path;
 * - `ignoreHttpStatusErrors`: an HTTP status is an answer, never an exception (the client's retry
 *   policy reads it);
 * - `disableFollowRedirect`: with redirects on, n8n's HTTP library keeps a copy of every request
 *   body to replay it (a 10 MB upload part would sit in memory twice), and the client decides
 *   per hop where the key and the download may go.
 *
 * Aborting: n8n-core's `httpRequestWithAuthentication` replaces a request's `abortSignal` with the
 * execution's cancel signal whenever its `this` offers `getExecutionCancelSignal`. The client's
 * own signals (a wait's timeout, a stream's idle watchdog) would then be ignored, and worse, the
 * cancel the client sends to fal *because* the execution was stopped would be aborted by that
 * very stop, leaving the job running and billed. So the helper is called on a view of the context
 * that does not offer that method (see {@link withCallerSignals}); the node layer already passes
 * the execution's cancel signal into every client call, so a stop still ends them. As a second
 * line, the transport also honours the caller's signal itself: it stops waiting for an answer at
 * once (dropping a late answer unread) and destroys a body still being read.
 */
import type {
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';

import {
	TransportError,
	bytesAsStream,
	type ByteStream,
	type HttpTransport,
	type ResponseHeaders,
	type TransportRequest,
	type TransportResponse,
} from '../client/transport';
import { errorCodeOf, innermostMessageOf } from '../client/transportErrors';

/** The credential type n8n authenticates fal calls with. */
export const FAL_CREDENTIAL_TYPE = 'falAiApi';

/** The two helper calls the transport needs, already bound to an n8n execution context. */
export interface N8nHttpHelpers {
	/** `this.helpers.httpRequest(options)` */
	httpRequest(options: IHttpRequestOptions): Promise<unknown>;
	/** `this.helpers.httpRequestWithAuthentication.call(this, 'falAiApi', options)`; absent where no credential is set. */
	httpRequestWithAuthentication?(options: IHttpRequestOptions): Promise<unknown>;
}

type N8nContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions | IHookFunctions;

/** The transport of one n8n execution context (a node run, an editor method, a webhook call). */
export function n8nTransportOf(ctx: N8nContext, options: { authenticated?: boolean } = {}): HttpTransport {
	const helpers = ctx.helpers;
	const callerSignalsContext = withCallerSignals(ctx);
	return createN8nTransport({
		httpRequest: async (request) => await helpers.httpRequest(request),
		httpRequestWithAuthentication:
			options.authenticated === false
				? undefined
				: async (request) =>
						await helpers.httpRequestWithAuthentication.call(callerSignalsContext, FAL_CREDENTIAL_TYPE, request),
	});
}

/**
 * The context as `httpRequestWithAuthentication` should see it: everything it offers, bound to
 * the real context, except `getExecutionCancelSignal`, so that the request keeps the signal the
 * client gave it (see the module comment).
 */
function withCallerSignals<T extends object>(ctx: T): T {
	return new Proxy(ctx, {
		has: (target, property) => property !== 'getExecutionCancelSignal' && Reflect.has(target, property),
		get: (target, property) => {
			if (property === 'getExecutionCancelSignal') return undefined;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}

export function createN8nTransport(helpers: N8nHttpHelpers): HttpTransport {
	return {
		async send(request: TransportRequest): Promise<TransportResponse> {
			if (request.signal?.aborted) throw abortError();
			const call = request.authenticate ? helpers.httpRequestWithAuthentication : helpers.httpRequest;
			if (!call) {
				throw new TransportError('This call needs the Fal.ai API credential, which is not available here');
			}
			const pending = call(toN8nOptions(request)) as Promise<IN8nHttpFullResponse>;
			const response = await untilAborted(pending, request.signal);
			const body = asByteStream(response.body);
			if (request.signal) destroyOnAbort(body, request.signal);
			return { status: response.statusCode, headers: lowerCaseHeaders(response.headers), body };
		},
	};
}

function toN8nOptions(request: TransportRequest): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		headers: { ...request.headers },
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		// Honoured by httpRequest; httpRequestWithAuthentication swaps in the execution's cancel signal.
		abortSignal: request.signal,
	};
	// n8n's own default is 300 s (axios); a direct run may be allowed longer (0 = none).
	if (request.timeoutMs !== undefined) options.timeout = request.timeoutMs;
	if (request.body !== undefined) {
		options.body =
			typeof request.body === 'string' || Buffer.isBuffer(request.body)
				? request.body
				: Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
	}
	return options;
}

/** The answer, unless `signal` aborts first; an answer that comes after that is let go. */
async function untilAborted(pending: Promise<IN8nHttpFullResponse>, signal: AbortSignal | undefined): Promise<IN8nHttpFullResponse> {
	if (!signal) return await pending.catch(rethrowAsTransportError);
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(abortError());
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([pending.catch(rethrowAsTransportError), aborted]);
	} catch (error) {
		if (signal.aborted) {
			// The call goes on inside n8n's HTTP stack; its answer, if any, is dropped unread.
			pending.then((late) => destroyQuietly(asByteStream(late.body)), () => undefined);
			throw abortError();
		}
		throw asTransportError(error);
	} finally {
		if (onAbort) signal.removeEventListener('abort', onAbort);
	}
}

function rethrowAsTransportError(error: unknown): never {
	throw asTransportError(error);
}

/**
 * Only the code and the innermost message: n8n's and axios's errors carry the request's headers
 * (the key among them), which must never reach a message or an output.
 */
function asTransportError(error: unknown): TransportError {
	return error instanceof TransportError ? error : new TransportError(innermostMessageOf(error), errorCodeOf(error));
}

/** Destroys the body when `signal` aborts while it is still being read. */
function destroyOnAbort(body: ByteStream, signal: AbortSignal): void {
	if (signal.aborted) {
		destroyQuietly(body);
		return;
	}
	const onAbort = () => destroyQuietly(body);
	signal.addEventListener('abort', onAbort, { once: true });
	const events = body as ByteStream & { once?: (event: string, listener: () => void) => unknown };
	events.once?.('close', () => signal.removeEventListener('abort', onAbort));
}

function destroyQuietly(body: ByteStream): void {
	const events = body as ByteStream & { on?: (event: string, listener: () => void) => unknown };
	events.on?.('error', () => undefined);
	body.destroy();
}

/** `encoding: 'stream'` gives a Node stream; anything else (an empty answer) becomes an empty body. */
function asByteStream(body: unknown): ByteStream {
	if (body && typeof (body as Partial<ByteStream>)[Symbol.asyncIterator] === 'function' && typeof (body as Partial<ByteStream>).destroy === 'function') {
		return body as ByteStream;
	}
	return bytesAsStream(Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body) : Buffer.alloc(0));
}

function lowerCaseHeaders(headers: unknown): ResponseHeaders {
	const source =
		headers && typeof (headers as { toJSON?: unknown }).toJSON === 'function'
			? (headers as { toJSON: () => Record<string, unknown> }).toJSON()
			: ((headers ?? {}) as Record<string, unknown>);
	const result: ResponseHeaders = {};
	for (const [name, value] of Object.entries(source)) {
		if (typeof value === 'string') result[name.toLowerCase()] = value;
		else if (Array.isArray(value)) result[name.toLowerCase()] = value.map(String);
		else if (typeof value === 'number') result[name.toLowerCase()] = String(value);
	}
	return result;
}

function abortError(): TransportError {
	return new TransportError('The request was aborted', 'ABORT_ERR');
}
