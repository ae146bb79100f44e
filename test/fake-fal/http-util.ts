/**
 * The small HTTP vocabulary shared by the route handlers: a handler returns a Reply, and the
 * server decides whether to write it (a fault may drop the socket instead).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A complete answer: JSON (`json`), or raw bytes/text (`raw`) with its own Content-Type. */
export interface BodyReply {
	status: number;
	headers?: Record<string, string>;
	json?: unknown;
	raw?: Buffer | string;
}

/** An answer written progressively (SSE, files); the handler owns the response from here on. */
export interface StreamReply {
	stream: (res: ServerResponse) => void;
}

export type Reply = BodyReply | StreamReply;

export function isStreamReply(reply: Reply): reply is StreamReply {
	return 'stream' in reply;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): BodyReply {
	return { status, json: body, headers };
}

/** fal's plain-string error shape. */
export function detail(status: number, message: string, headers: Record<string, string> = {}): BodyReply {
	return json(status, { detail: message }, headers);
}

/**
 * JSON.stringify that writes a BigInt as a plain JSON integer, as fal's Python servers write
 * integers of any size (a seed above 2^53 then reaches the client exactly as fal sends it).
 */
export function fakeJson(value: unknown): string {
	// The holder's own value is checked: a `BigInt.prototype.toJSON` (n8n installs one) has already
	// turned `item` into a string by the time the replacer sees it.
	const marked = JSON.stringify(value, function (this: Record<string, unknown>, key: string, item: unknown) {
		const original = this[key];
		return typeof original === 'bigint' ? `__fake_bigint__${original}` : item;
	});
	return marked.replace(/"__fake_bigint__(-?\d+)"/g, '$1');
}

export function writeReply(res: ServerResponse, reply: Reply, method: string): void {
	if (isStreamReply(reply)) {
		reply.stream(res);
		return;
	}
	const headers: Record<string, string> = { ...(reply.headers ?? {}) };
	let payload: Buffer | undefined;
	if (reply.json !== undefined) {
		payload = Buffer.from(fakeJson(reply.json));
		headers['content-type'] ??= 'application/json';
	} else if (reply.raw !== undefined) {
		payload = Buffer.isBuffer(reply.raw) ? reply.raw : Buffer.from(reply.raw);
	}
	headers['content-length'] = String(payload?.length ?? 0);
	res.writeHead(reply.status, headers);
	res.end(method === 'HEAD' ? undefined : payload);
}

/** Reads the whole request body (only used for the JSON routes, never for uploads). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses a JSON body; an empty body is `undefined`, a non-JSON content type is kept as text. */
export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
	if (raw.length === 0) return { ok: true, value: undefined };
	const text = raw.toString('utf8');
	if (contentType && !contentType.includes('json')) return { ok: true, value: text };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		return { ok: false, error: (error as Error).message };
	}
}

/** A request header's value (the first one when repeated), undefined when absent. */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** Query parameters, repeated ones as arrays (`endpoint_id=a&endpoint_id=b`). */
export function queryOf(url: URL): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const key of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(key);
		query[key] = values.length === 1 ? values[0] : values;
	}
	return query;
}

/** A flag query value as fal reads it: `1` and `true` are on (`logs=1`, Python's `logs=true`). */
export function flag(value: string | null): boolean {
	return value !== null && ['1', 'true', 'yes'].includes(value.toLowerCase());
}

/** Starts an SSE response with the headers fal uses. */
export function startEventStream(res: ServerResponse, headers: Record<string, string> = {}): void {
	res.writeHead(200, {
		'content-type': 'text/event-stream',
		'cache-control': 'no-cache',
		connection: 'keep-alive',
		...headers,
	});
	res.flushHeaders();
}

export function sendEvent(res: ServerResponse, data: unknown): void {
	res.write(`data: ${fakeJson(data)}\n\n`);
}
