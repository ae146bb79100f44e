/**
 * The one narrow door through which the client reaches HTTP.
 *
 * The client decides everything about a call (URL, headers, body, retries, timeouts, how to
 * read the answer); a transport only carries one request and hands back the answer as it
 * arrives. In the package the transport is n8n's own HTTP stack (`this.helpers.httpRequest…`,
 * see `../transport/n8nTransport.ts`), so the instance's proxy settings and request policy apply
 * and the package needs no HTTP library of its own. Tests and the benchmark also plug in a
 * transport over undici (`test/support/undiciTransport.ts`), outside n8n.
 *
 * What every transport must do, because the client relies on it:
 * - never follow a redirect: a 3xx comes back as it is (the client decides per hop whether the
 *   next host may get the key or be fetched at all);
 * - never throw for an HTTP status: any answer is a {@link TransportResponse};
 * - hand the body over unread, as a stream, so large results and SSE never sit in memory;
 * - attach fal's credential (`Authorization: Key …`) when, and only when, `authenticate` is set:
 *   the client never writes the key into a header itself;
 * - stop as soon as `signal` aborts (before the answer, or by destroying the body after it);
 * - throw a {@link TransportError} carrying the system error code (`ECONNREFUSED`, …) when no
 *   answer came: the code is how the client knows a submit certainly never reached fal.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Response headers with lower-case names. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** A body being received: read it to its end, or destroy it to let the connection go. */
export interface ByteStream extends AsyncIterable<Uint8Array> {
	destroy(error?: Error): unknown;
}

export interface TransportRequest {
	method: HttpMethod;
	url: string;
	/** Lower-case names; never contains `authorization` (see `authenticate`). */
	headers: Record<string, string>;
	/** Sent as is; retried requests resend the same bytes. */
	body?: string | Uint8Array;
	/** Whether the transport attaches fal's credential. */
	authenticate: boolean;
	/**
	 * How long the transport may wait on the answer, replacing its own default (n8n's HTTP stack:
	 * 300 s); 0 = no limit, the signal bounds the call. Set by direct runs, which last as long as
	 * the node's timeout.
	 */
	timeoutMs?: number;
	signal?: AbortSignal;
}

export interface TransportResponse {
	status: number;
	headers: ResponseHeaders;
	/** The unread body: the caller consumes or destroys it. */
	body: ByteStream;
}

export interface HttpTransport {
	send(request: TransportRequest): Promise<TransportResponse>;
	/** Releases pooled connections, for transports that keep any. */
	close?(): Promise<void>;
}

/** No answer came: the connection failed, was reset, or the call was aborted. */
export class TransportError extends Error {
	constructor(
		message: string,
		/** The system or library error code, e.g. `ECONNREFUSED`, `ECONNRESET`, `ERR_CANCELED`. */
		readonly code?: string,
	) {
		super(message);
		this.name = 'TransportError';
	}
}

/** A body that holds bytes already in memory (a decoded `data:` URI, a test double). */
export function bytesAsStream(bytes: Uint8Array): ByteStream {
	let destroyed = false;
	return {
		async *[Symbol.asyncIterator]() {
			if (!destroyed) yield bytes;
		},
		destroy() {
			destroyed = true;
		},
	};
}
