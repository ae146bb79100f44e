/**
 * A TCP proxy in front of the fake, for two things the fake cannot see by itself:
 * - how many TCP connections a client opens (every accepted socket is counted);
 * - what a client's connection habits cost when fal is far away: each chunk is held
 *   `oneWayDelayMs` in each direction, and a NEW connection's first bytes are held a further
 *   `setupRoundTrips` round trips, the handshakes a connection to https://queue.fal.run costs
 *   before its first request can leave (TCP, then TLS 1.3: two round trips). On 127.0.0.1 the
 *   kernel completes the TCP handshake at once, so without that hold a new connection would look
 *   free; with it, a reused keep-alive connection and a fresh one differ as they do on the
 *   internet. (TLS's CPU cost is not simulated: the fake speaks plain HTTP.)
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxyOptions {
	targetPort: number;
	targetHost?: string;
	/** Added to every chunk, in each direction. 0: bytes pass at once (counting only). */
	oneWayDelayMs?: number;
	/** Round trips (2 × oneWayDelayMs each) a new connection waits before its first bytes go through. */
	setupRoundTrips?: number;
}

export interface TcpProxy {
	/** `http://127.0.0.1:PORT` */
	baseUrl: string;
	/** TCP connections accepted since the proxy started. */
	readonly acceptedConnections: number;
	close(): Promise<void>;
}

/**
 * Forwards `from` to `to`, each chunk no earlier than `notBefore` and `delayMs` after it arrived,
 * in order; `from`'s end (or close) reaches `to` as an end after the data before it, so an answer
 * followed by `Connection: close` arrives whole. Only small queue traffic goes through a delaying
 * proxy, so there is no backpressure.
 */
function forwardDelayed(from: Socket, to: Socket, delayMs: number, notBefore: number): void {
	const queue: Array<{ at: number; chunk?: Buffer }> = [];
	let timer: NodeJS.Timeout | undefined;
	let ended = false;
	const pump = (): void => {
		timer = undefined;
		while (queue.length > 0 && queue[0].at <= Date.now()) {
			const { chunk } = queue.shift() as { chunk?: Buffer };
			if (to.destroyed) return;
			if (chunk) to.write(chunk);
			else to.end();
		}
		if (queue.length > 0) timer = setTimeout(pump, queue[0].at - Date.now());
	};
	const enqueue = (chunk?: Buffer): void => {
		queue.push({ at: Math.max(Date.now(), notBefore) + delayMs, chunk });
		timer ??= setTimeout(pump, Math.max(0, queue[0].at - Date.now()));
	};
	const end = (): void => {
		if (ended) return;
		ended = true;
		enqueue();
	};
	from.on('data', (chunk: Buffer) => enqueue(chunk));
	from.on('end', end);
	from.on('close', end);
	to.on('close', () => {
		if (timer) clearTimeout(timer);
		queue.length = 0;
	});
}

export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
	const delayMs = options.oneWayDelayMs ?? 0;
	const setupMs = (options.setupRoundTrips ?? 0) * 2 * delayMs;
	const sockets = new Set<Socket>();
	let accepted = 0;
	const track = (socket: Socket) => {
		sockets.add(socket);
		socket.setNoDelay(true);
		socket.on('close', () => sockets.delete(socket));
	};
	const server: Server = createServer({ allowHalfOpen: true }, (client) => {
		accepted++;
		track(client);
		const upstream = createConnection({ port: options.targetPort, host: options.targetHost ?? '127.0.0.1', allowHalfOpen: true });
		track(upstream);
		// An error on either side ends both; a side that closes normally lets the other finish
		// sending what it still holds (pipe and forwardDelayed end it after the data).
		const destroyBoth = () => {
			client.destroy();
			upstream.destroy();
		};
		client.on('error', destroyBoth);
		upstream.on('error', destroyBoth);
		if (delayMs === 0) {
			client.pipe(upstream);
			upstream.pipe(client);
			client.on('close', () => upstream.end());
			upstream.on('close', () => client.end());
			return;
		}
		forwardDelayed(client, upstream, delayMs, Date.now() + setupMs);
		forwardDelayed(upstream, client, delayMs, 0);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('the TCP proxy has no port');
	return {
		baseUrl: `http://127.0.0.1:${address.port}`,
		get acceptedConnections() {
			return accepted;
		},
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
