/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON answers field by field. */
/**
 * Small helpers for the fake's own tests: plain `fetch` calls with the fake's key.
 */
import type { FakeFal } from './index';

export interface Answer<T = any> {
	status: number;
	headers: Headers;
	body: T;
}

/** Calls the fake with its key (unless `key: null`) and parses a JSON answer. */
export async function call<T = any>(
	fal: FakeFal,
	method: string,
	url: string,
	options: { body?: unknown; key?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
	const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };
	const key = options.key === undefined ? fal.key : options.key;
	if (key !== null) headers.authorization = `Key ${key}`;
	let body: string | undefined;
	if (options.body !== undefined) {
		headers['content-type'] ??= 'application/json';
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
	}
	const response = await fetch(url, { method, headers, body });
	const text = await response.text();
	let parsed: unknown = text;
	if ((response.headers.get('content-type') ?? '').includes('json') && text.length > 0) parsed = JSON.parse(text);
	return { status: response.status, headers: response.headers, body: parsed as T };
}

/** Submits to the queue and returns the submit answer's body. */
export async function submit(fal: FakeFal, endpointId: string, input: unknown, headers: Record<string, string> = {}, query = ''): Promise<any> {
	const answer = await call(fal, 'POST', `${fal.hosts.queueUrl}/${endpointId}${query}`, { body: input, headers });
	if (answer.status !== 200) throw new Error(`submit answered ${answer.status}: ${JSON.stringify(answer.body)}`);
	return answer.body;
}

/** Polls `check` until it returns a truthy value (or throws after `limitMs`). */
export async function waitFor<T>(check: () => T | Promise<T>, limitMs = 5000): Promise<Exclude<T, undefined | null | false>> {
	const deadline = Date.now() + limitMs;
	for (;;) {
		const value = await check();
		if (value) return value as Exclude<T, undefined | null | false>;
		if (Date.now() > deadline) throw new Error('condition not reached in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** Reads a whole SSE response and returns its `data:` events parsed, plus comment lines. */
export async function readEvents(response: Response): Promise<{ events: any[]; comments: string[] }> {
	const text = await response.text();
	const events: any[] = [];
	const comments: string[] = [];
	for (const block of text.split('\n\n')) {
		for (const line of block.split('\n')) {
			if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
			else if (line.startsWith(':')) comments.push(line);
		}
	}
	return { events, comments };
}
