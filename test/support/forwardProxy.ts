/**
 * A small HTTP forward proxy on 127.0.0.1, standing for a corporate proxy: it relays plain-HTTP
 * requests given in absolute form (`GET http://host:port/path`), streaming both ways, and records
 * what went through it. Enough to prove that calls honour `HTTP_PROXY` as n8n documents it.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
	method: string;
	url: string;
	/** Whether the request carried an Authorization header (its value is never recorded). */
	authorized: boolean;
}

export interface ForwardProxy {
	url: string;
	requests: ProxiedRequest[];
	close(): Promise<void>;
}

export async function startForwardProxy(): Promise<ForwardProxy> {
	const requests: ProxiedRequest[] = [];
	const server: Server = createServer((incoming, outgoing) => {
		const target = URL.canParse(incoming.url ?? '') ? new URL(incoming.url as string) : undefined;
		if (!target || target.protocol !== 'http:') {
			outgoing.writeHead(400).end('this proxy relays absolute http:// URLs only');
			return;
		}
		requests.push({ method: incoming.method ?? 'GET', url: target.toString(), authorized: Boolean(incoming.headers.authorization) });
		// Hop-by-hop headers stay here; each relayed request gets a connection of its own.
		const headers = { ...incoming.headers };
		for (const name of ['proxy-connection', 'connection', 'keep-alive', 'proxy-authorization']) delete headers[name];
		const upstream = httpRequest(
			{ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: incoming.method, headers, agent: false },
			(answer) => {
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			},
		);
		upstream.on('error', () => outgoing.destroy());
		outgoing.on('close', () => upstream.destroy());
		incoming.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}
