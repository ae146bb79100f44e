/**
 * The bench's TCP proxy: it must count every accepted connection and pass bytes through intact
 * and in order, delayed or not. (Timings are never asserted: only what the numbers rely on.)
 */
import { createServer, type Server } from 'node:http';

import { hostsVia } from './clients';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

let server: Server;
let port: number;

beforeAll(async () => {
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => res.end(`${req.method} ${req.url} ${Buffer.concat(chunks).toString()}`));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(proxy: TcpProxy, path: string, body: string): Promise<string> {
	// A fresh connection per call: `Connection: close`.
	const response = await fetch(`${proxy.baseUrl}${path}`, { method: 'POST', body, headers: { connection: 'close' } });
	return await response.text();
}

describe('startTcpProxy', () => {
	it.each([
		['without delay', {}],
		['with a delay and a set-up hold', { oneWayDelayMs: 5, setupRoundTrips: 2 }],
	])('passes requests and answers through intact %s, counting each connection', async (_, options) => {
		const proxy = await startTcpProxy({ targetPort: port, ...options });
		try {
			const body = 'x'.repeat(200_000);
			expect(await post(proxy, '/a', body)).toBe(`POST /a ${body}`);
			expect(await post(proxy, '/b', 'second')).toBe('POST /b second');
			expect(proxy.acceptedConnections).toBe(2);
		} finally {
			await proxy.close();
		}
	});

	it('counts one connection for calls that reuse a keep-alive connection', async () => {
		const proxy = await startTcpProxy({ targetPort: port, oneWayDelayMs: 1 });
		try {
			const { Agent, request } = await import('undici');
			const agent = new Agent({ connections: 1 });
			for (const path of ['/1', '/2', '/3']) {
				const response = await request(`${proxy.baseUrl}${path}`, { method: 'POST', body: path, dispatcher: agent });
				expect(await response.body.text()).toBe(`POST ${path} ${path}`);
			}
			await agent.close();
			expect(proxy.acceptedConnections).toBe(1);
		} finally {
			await proxy.close();
		}
	});
});

describe('hostsVia', () => {
	it('moves every host onto the proxy, keeping the paths', () => {
		const hosts = { queueUrl: 'http://127.0.0.1:1/queue', runUrl: 'http://127.0.0.1:1/run', restUrl: 'http://127.0.0.1:1/rest', platformUrl: 'http://127.0.0.1:1/api/v1' };
		expect(hostsVia(hosts, 'http://127.0.0.1:1', 'http://127.0.0.1:2')).toEqual({
			queueUrl: 'http://127.0.0.1:2/queue',
			runUrl: 'http://127.0.0.1:2/run',
			restUrl: 'http://127.0.0.1:2/rest',
			platformUrl: 'http://127.0.0.1:2/api/v1',
		});
		expect(() => hostsVia({ ...hosts, runUrl: 'http://elsewhere/run' }, 'http://127.0.0.1:1', 'http://127.0.0.1:2')).toThrow('not on the fake');
	});
});
