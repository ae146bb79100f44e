/**
 * fal's realtime WebSocket protocol: where to connect, how to authenticate, and what the frames
 * the server sends mean. What is known, and from where:
 *
 * - URL (fact, fal-js `libs/client/src/realtime.ts` `buildRealtimeUrl`, and fal's "Real-Time
 *   Inference" docs): `wss://fal.run/{endpoint id}/realtime?fal_jwt_token=…` (no second
 *   `/realtime` when the id ends with it), optionally
 *   `&max_buffering=N` (fal-js accepts 1..60). Here the host is the credential's fal.run host
 *   with `http(s)` turned into `ws(s)`, so gateways and the fake fal work the same way.
 * - Authentication (fact, fal-js `auth.ts` `getTemporaryAuthToken`): a short-lived JWT from
 *   `POST {rest host}/tokens/` with `{ allowed_apps: [alias], token_expiration: 120 }`, sent with
 *   the API key; the answer is the token as a JSON string (older proxies wrap it as
 *   `{ detail: token }`). fal-js refreshes it at 90% of its lifetime.
 * - Messages (fact, fal-js): the client sends each input as one msgpack-encoded binary frame.
 *   The server's frames are msgpack (binary) or JSON (text). A frame is
 *   - `{ status: 'error', error: 'Unauthorized' }`: the token was refused;
 *   - `{ type: 'x-fal-error', error, reason }`: an error; `error: 'TIMEOUT'` only means the
 *     connection was idle and is not an error of a request;
 *   - `{ type: 'x-fal-message', … }`: informational, not a result;
 *   - anything else: a result (the model's output).
 * - fal docs: realtime bypasses the queue; priority, start timeout and webhooks do not apply;
 *   "Automatic retries: Not available. Failed messages return errors on the connection."
 *
 * UNCONFIRMED (fal publishes no protocol definition; fal-js itself says "TODO: specify the fal
 * ws protocol format"):
 * - that a connection answers every input with exactly one frame (a result or an error), in the
 *   order the inputs were sent. fal-js never matches results to inputs (it is built for
 *   interactive use where only the latest result matters), so nothing proves it. The session
 *   relies on it to pair results with items, and keeps at most `max_buffering` inputs unanswered
 *   so that the server never has a reason to drop one;
 * - that an `Unauthorized` answer means the input was not run (so resending it is safe);
 * - whether an open connection survives its token's expiry (the session rotates the connection
 *   before that, see ./session.ts);
 * - how many inputs of one connection a runner works on at once;
 * - billing of an input whose answer was lost in a drop, and whether a runner stops working on
 *   inputs when their socket closes: fal documents neither (its synchronous-request docs say a
 *   direct run whose answer is lost is billed in full). Hence the session never resends such an
 *   input unless told to;
 * - a `request_id` in results: a third-party AsyncAPI description of fal says results echo it;
 *   fal-js does not read it. It is passed through when present.
 */
import type { ClientContext } from '../context';
import { dispatch } from '../dispatch';
import { parseEndpointId } from '../endpoint';
import { FalProtocolError } from '../errors';
import { decodeMsgpack, encodeMsgpack } from './msgpack';

/** fal-js `TOKEN_EXPIRATION_SECONDS`: what it asks for, and refreshes at 90% of. */
export const DEFAULT_TOKEN_EXPIRATION_SECONDS = 120;
/** fal-js rejects a `max_buffering` outside 1..60. */
export const MAX_BUFFERING_LIMIT = 60;

/** `wss://…/{endpoint id}/realtime?fal_jwt_token=…&max_buffering=…` on the credential's run host. */
export function realtimeUrl(runUrl: string, endpointId: string, token: string, maxBuffering?: number): string {
	const { id } = parseEndpointId(endpointId);
	// fal-js: the whole id, then `/realtime` unless the id already ends with it.
	const url = new URL(`${runUrl}/${id}${id.endsWith('/realtime') ? '' : '/realtime'}`);
	url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
	url.searchParams.set('fal_jwt_token', token);
	if (maxBuffering !== undefined) url.searchParams.set('max_buffering', String(clampBuffering(maxBuffering)));
	return url.toString();
}

export function clampBuffering(value: number): number {
	return Math.min(MAX_BUFFERING_LIMIT, Math.max(1, Math.floor(value)));
}

export interface RealtimeToken {
	token: string;
	/** When it was fetched (ms since epoch). */
	fetchedAt: number;
	expirationSeconds: number;
}

/** Fetches a short-lived token for `endpointId`, authenticated with the credential (through dispatch). */
export async function fetchRealtimeToken(
	ctx: ClientContext,
	endpointId: string,
	expirationSeconds: number,
	signal?: AbortSignal,
): Promise<RealtimeToken> {
	const { alias } = parseEndpointId(endpointId);
	const fetchedAt = Date.now();
	const response = await dispatch(ctx, {
		method: 'POST',
		url: `${ctx.hosts.restUrl}/tokens/`,
		// Asking for another token has no side effect worth guarding: retried like storage calls.
		kind: 'storage',
		json: { allowed_apps: [alias], token_expiration: expirationSeconds },
		signal,
	});
	const data = response.data as unknown;
	const token = typeof data === 'string' ? data : (data as { detail?: unknown } | undefined)?.detail;
	if (typeof token !== 'string' || !token) {
		throw new FalProtocolError('fal answered the realtime token request without a token');
	}
	return { token, fetchedAt, expirationSeconds };
}

/** What one server frame means for the session. */
export type ServerFrame =
	| { kind: 'result'; data: Record<string, unknown> }
	| { kind: 'error'; message: string; body: Record<string, unknown> }
	| { kind: 'unauthorized' }
	/** Idle timeouts and informational messages: not the answer to an input. */
	| { kind: 'ignored' };

/** Classifies a decoded frame (see the facts above). */
export function classifyFrame(decoded: unknown): ServerFrame {
	if (!decoded || typeof decoded !== 'object' || Array.isArray(decoded)) {
		throw new FalProtocolError('fal sent a realtime frame that is not an object');
	}
	const frame = decoded as Record<string, unknown>;
	if (frame.status === 'error' && frame.error === 'Unauthorized') return { kind: 'unauthorized' };
	if (frame.type === 'x-fal-message') return { kind: 'ignored' };
	if (frame.type === 'x-fal-error') {
		if (frame.error === 'TIMEOUT') return { kind: 'ignored' };
		return { kind: 'error', message: errorText(frame), body: frame };
	}
	if (frame.status === 'error') return { kind: 'error', message: errorText(frame), body: frame };
	return { kind: 'result', data: frame };
}

function errorText(frame: Record<string, unknown>): string {
	const parts = [frame.error, frame.reason ?? frame.detail].filter((part) => part !== undefined && part !== null);
	const text = parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(': ');
	return text || 'fal reported an error on the realtime connection';
}

/** Decodes a frame as a WebSocket hands it over: text is JSON, binary is msgpack. */
export async function decodeFrame(data: unknown): Promise<unknown> {
	if (typeof data === 'string') return JSON.parse(data);
	if (data instanceof ArrayBuffer) return decodeMsgpack(new Uint8Array(data));
	if (data instanceof Uint8Array) return decodeMsgpack(data);
	if (data && typeof (data as Blob).arrayBuffer === 'function') return decodeMsgpack(new Uint8Array(await (data as Blob).arrayBuffer()));
	throw new FalProtocolError('fal sent a realtime frame of an unknown kind');
}

export function encodeInput(input: unknown): Uint8Array {
	return encodeMsgpack(input);
}
