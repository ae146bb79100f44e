/**
 * The client's transport over undici, for use outside n8n: the benchmark's "undici client" and
 * the transport contract test. One keep-alive pool per transport (undici's Agent), the Key header
 * added by the transport itself, nothing followed (undici never follows redirects unless told).
 *
 * It is not part of the package: n8n verifies only packages without runtime dependencies, so the
 * shipped client speaks through n8n's helpers (nodes/FalAi/transport/n8nTransport.ts).
 */
import { Agent, request } from 'undici';

import { TransportError, type HttpTransport } from '../../nodes/FalAi/client/transport';
import { errorCodeOf, innermostMessageOf } from '../../nodes/FalAi/client/transportErrors';

export interface UndiciTransportOptions {
	/** `KEY` or `KEY_ID:KEY_SECRET`, sent as `Authorization: Key …` when a request asks for it. */
	credentials: string;
	/** Max open connections per origin (keep-alive is always on). */
	connections?: number;
}

export function createUndiciTransport(options: UndiciTransportOptions): HttpTransport & { readonly agent: Agent } {
	const agent = new Agent({
		connections: options.connections ?? 16,
		keepAliveTimeout: 10_000,
		keepAliveMaxTimeout: 60_000,
		// Waiting is bounded by the client's own timeouts and signals.
		headersTimeout: 0,
		bodyTimeout: 0,
	});
	const key = options.credentials.trim();
	return {
		agent,
		async send(req) {
			const headers = { ...req.headers };
			if (req.authenticate) headers.authorization = `Key ${key}`;
			try {
				const response = await request(req.url, {
					dispatcher: agent,
					method: req.method,
					headers,
					body: req.body,
					signal: req.signal,
					...(req.timeoutMs !== undefined ? { headersTimeout: req.timeoutMs, bodyTimeout: req.timeoutMs } : {}),
				});
				// Destroying an unread undici body emits 'error'; readers still see real errors
				// through their iterator, so a listener here only keeps a drop from crashing.
				response.body.on('error', () => undefined);
				return { status: response.statusCode, headers: response.headers, body: response.body };
			} catch (error) {
				throw new TransportError(innermostMessageOf(error), errorCodeOf(error));
			}
		},
		close: () => agent.close(),
	};
}
