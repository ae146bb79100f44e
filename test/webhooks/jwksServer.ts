/**
 * A local key set server on 127.0.0.1 that counts its requests and can be told what to answer.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JwksServer {
	url: string;
	/** Requests received so far. */
	readonly hits: number;
	/** What the next requests get: a key set, or a raw status/body. */
	serve(answer: { keys: unknown[] } | { status: number; body: string }): void;
	/** Holds answers until `release()` is called (to make concurrent callers overlap). */
	hold(): void;
	release(): void;
	close(): Promise<void>;
}

export async function startJwksServer(): Promise<JwksServer> {
	let hits = 0;
	let answer: { status: number; body: string } = { status: 200, body: JSON.stringify({ keys: [] }) };
	let held: Array<() => void> | undefined;
	const server: Server = createServer((request, response) => {
		hits += 1;
		const send = (): void => {
			response.writeHead(answer.status, { 'content-type': 'application/json' });
			response.end(answer.body);
		};
		request.resume();
		if (held) held.push(send);
		else send();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
		get hits() {
			return hits;
		},
		serve(next) {
			answer = 'keys' in next ? { status: 200, body: JSON.stringify(next) } : next;
		},
		hold() {
			held = [];
		},
		release() {
			const waiting = held ?? [];
			held = undefined;
			waiting.forEach((send) => send());
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
