/**
 * A status stream that cannot be opened, breaks, goes silent or speaks nonsense must cost one
 * attempt only: the wait moves on to polling at once (polling is itself retried).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FalTimeoutError } from '../../nodes/FalAi/client';
import { caught, useHarness } from './helpers';

const flux = 'fal-ai/flux/dev';

describe('status stream fallback to polling (fake fal)', () => {
	const h = useHarness({ keepAliveMs: 60_000 });
	const warned = (pattern: RegExp) => h.logs.some((event) => event.level === 'warn' && pattern.test(event.message));

	it.each([
		['a 503', { type: 'status', status: 503 }],
		['a dropped connection', { type: 'drop' }],
	] as const)('completes by polling after %s on the stream, with exactly one stream attempt', async (_, action) => {
		h.fal.inject({ match: { kind: 'status-stream' }, times: Infinity, action });
		const outcome = await h.client.queue.subscribe(flux, { prompt: 'x' }, { pollIntervalMs: 5 });
		expect(outcome.status.status).toBe('COMPLETED');
		expect(h.fal.requestsOf('status-stream')).toHaveLength(1);
		expect(h.fal.requestsOf('status').length).toBeGreaterThan(0);
		expect(warned(/status stream .* failed/)).toBe(true);
	});

	it('drops a stream that stays silent longer than the idle timeout, and completes by polling', async () => {
		// The fake pings only every 60 s: between its status events the stream is silent.
		const outcome = await h.client.queue.subscribe(flux, { prompt: 'x', fake: { runMs: 1500 } }, {
			pollIntervalMs: 5,
			maxPollIntervalMs: 50,
			streamIdleTimeoutMs: 100,
		});
		expect(outcome.status.status).toBe('COMPLETED');
		expect(h.fal.requestsOf('status-stream')).toHaveLength(1);
		expect(h.fal.requestsOf('status').length).toBeGreaterThan(0);
		expect(warned(/sent nothing for 100 ms/)).toBe(true);
	});

	it('counts waiting for the stream\'s headers as silence too', async () => {
		h.fal.inject({ match: { kind: 'status-stream' }, action: { type: 'delay', ms: 10_000 } });
		const outcome = await h.client.queue.subscribe(flux, { prompt: 'x' }, { pollIntervalMs: 5, streamIdleTimeoutMs: 100 });
		expect(outcome.status.status).toBe('COMPLETED');
		expect(h.fal.requestsOf('status-stream')).toHaveLength(1);
		expect(warned(/sent nothing for 100 ms/)).toBe(true);
	});

	it('keeps a stream whose pings come more often than the idle timeout', async () => {
		h.fal.configure({ keepAliveMs: 20 });
		const outcome = await h.client.queue.subscribe(flux, { prompt: 'x', fake: { runMs: 600 } }, { streamIdleTimeoutMs: 300 });
		expect(outcome.status.status).toBe('COMPLETED');
		expect(h.fal.requestsOf('status')).toHaveLength(0);
	});

	it('on timeout while the stream and polls are delayed, cancels the fal request', async () => {
		h.fal.inject({ match: { kind: ['status-stream', 'status'] }, times: Infinity, action: { type: 'delay', ms: 5_000 } });
		const submission = await h.client.queue.submit(flux, { prompt: 'x', fake: { queueMs: 10_000 } });
		const error = await caught(() => h.client.queue.waitForCompletion(submission, { timeoutMs: 100, pollIntervalMs: 5 }));
		expect(error).toBeInstanceOf(FalTimeoutError);
		expect(error).toMatchObject({ cancelled: true, requestId: submission.requestId });
		expect(h.fal.requestsOf('cancel')).toHaveLength(1);
		expect(h.fal.job(submission.requestId)?.cancelled).toBe(true);
	});
});

/**
 * Stream contents the fake cannot produce (it only speaks fal's protocol correctly): a tiny
 * server that answers the status stream with `streamBody` (left open) and every status poll
 * with COMPLETED.
 */
describe('status stream fallback to polling (malformed streams)', () => {
	const h = useHarness();
	let server: Server;
	let queueUrl: string;
	let streamBody: string;
	const hits = { stream: 0, status: 0 };

	beforeEach(async () => {
		hits.stream = 0;
		hits.status = 0;
		server = createServer((request: IncomingMessage, response: ServerResponse) => {
			if (request.url?.includes('/status/stream')) {
				hits.stream++;
				response.writeHead(200, { 'content-type': 'text/event-stream' });
				response.write(streamBody);
				return;
			}
			hits.status++;
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ status: 'COMPLETED', request_id: 'r-1' }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		queueUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterEach(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});

	const waitThroughMalformedStream = async (body: string) => {
		streamBody = body;
		const client = h.makeClient({ hosts: { ...h.fal.hosts, queueUrl } });
		const status = await client.queue.waitForCompletion({ endpointId: flux, requestId: 'r-1' }, { pollIntervalMs: 5 });
		expect(status.status).toBe('COMPLETED');
		expect(hits).toEqual({ stream: 1, status: 1 });
	};

	it('polls after an event that is not JSON', async () => {
		await waitThroughMalformedStream('data: <html>gateway</html>\n\n');
		expect(h.logs.some((event) => /not JSON/.test(event.message))).toBe(true);
	});

	it('polls after an event with an unknown status', async () => {
		await waitThroughMalformedStream('data: {"status": "FAILED", "request_id": "r-1"}\n\n');
		expect(h.logs.some((event) => /unknown queue status .*FAILED/.test(event.message))).toBe(true);
	});

	it('polls after a line that never ends', async () => {
		await waitThroughMalformedStream(`: ${'x'.repeat(1024 * 1024 + 10)}`);
		expect(h.logs.some((event) => /longer than \d+ characters/.test(event.message))).toBe(true);
	});

	it('accepts a stream that starts with a byte order mark', async () => {
		streamBody = '\uFEFFdata: {"status": "COMPLETED", "request_id": "r-1"}\n\n';
		const client = h.makeClient({ hosts: { ...h.fal.hosts, queueUrl } });
		const status = await client.queue.waitForCompletion({ endpointId: flux, requestId: 'r-1' });
		expect(status.status).toBe('COMPLETED');
		expect(hits).toEqual({ stream: 1, status: 0 });
	});
});
