/**
 * A local HTTP server standing in for n8n's webhook endpoint, the base of the webhook harnesses:
 * it hands every call to the harness's `handle` and keeps track of the calls still being
 * handled, so a test can wait until everything received so far is done.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export abstract class LocalWebhookEndpoint {
	private server?: Server;
	private readonly inFlight = new Set<Promise<void>>();

	/** `path` is the endpoint URL's path, e.g. `/webhook/fal`. */
	protected constructor(private readonly path: string) {}

	/** Handles one call completely (the node's work included), answering `response`. */
	protected abstract handle(request: IncomingMessage, response: ServerResponse): Promise<void>;

	/** Starts listening on 127.0.0.1, on a free port. */
	protected async listen(): Promise<void> {
		const server = createServer((request, response) => {
			const handling = this.handle(request, response);
			this.inFlight.add(handling);
			void handling.finally(() => this.inFlight.delete(handling));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		this.server = server;
	}

	/** Where to send the calls. */
	get url(): string {
		if (!this.server) throw new Error('the webhook endpoint is not listening yet');
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${this.path}`;
	}

	/**
	 * Waits until every call received so far is fully handled: a node may answer the caller
	 * first and finish its work (downloads, the run it starts) afterwards.
	 */
	async settled(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
	}

	async close(): Promise<void> {
		const server = this.server;
		if (!server) return;
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
}
