import { FalApiError, FalNetworkError } from '../../nodes/FalAi/client';
import { createTestFalClient } from '../support/testClient';
import { FAST_RETRY, caught, useHarness } from './helpers';

const flux = 'fal-ai/flux/dev';

describe('retry policies against the fake fal', () => {
	const h = useHarness();
	const retries = () => h.logs.filter((event) => event.level === 'warn' && /retrying/.test(event.message));

	it('waits out a 429 with Retry-After, then succeeds', async () => {
		h.fal.inject({ match: { kind: 'submit' }, action: { type: 'status', status: 429, headers: { 'retry-after': '0' } } });
		const submission = await h.client.queue.submit(flux, { prompt: 'x' });
		expect(submission.requestId).toEqual(expect.any(String));
		expect(h.fal.requestsOf('submit')).toHaveLength(2);
		expect(retries()).toHaveLength(1);
		expect(retries()[0]).toMatchObject({ status: 429, attempt: 1, delayMs: 0 });
	});

	it('honours a Retry-After longer than the backoff cap', async () => {
		h.fal.inject({ match: { kind: 'status' }, action: { type: 'status', status: 429, headers: { 'retry-after': '0.05' } } });
		const { requestId } = await h.client.queue.submit(flux, { prompt: 'x' });
		await h.client.queue.status({ endpointId: flux, requestId });
		expect(FAST_RETRY.maxDelayMs).toBeLessThan(50);
		expect(retries()[0].delayMs).toBe(50);
	});

	it('fails at once, saying when to retry, when fal asks to wait longer than the client will', async () => {
		h.fal.inject({ match: { kind: 'submit' }, times: Infinity, action: { type: 'status', status: 429, headers: { 'retry-after': '3600' } } });
		const before = Date.now();
		const error = await caught(() => h.client.queue.submit(flux, { prompt: 'x' }));
		expect(error).toBeInstanceOf(FalApiError);
		const apiError = error as FalApiError;
		expect(apiError).toMatchObject({ status: 429, retryAfterMs: 3_600_000 });
		expect(apiError.retryAt?.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
		expect(error.message).toContain('retry after 3600 s');
		expect(error.message).toContain(apiError.retryAt?.toISOString());
		expect(h.fal.requestsOf('submit')).toHaveLength(1);
		expect(retries()).toHaveLength(0);
		expect(h.logs.some((event) => /failing now/.test(event.message))).toBe(true);
	});

	it('waits up to a configured maxRetryAfterMs and no further', async () => {
		const patient = h.makeClient({ retry: { ...FAST_RETRY, maxRetryAfterMs: 30 } });
		h.fal.inject({ match: { kind: 'models' }, action: { type: 'status', status: 503, headers: { 'retry-after': '0.03' } } });
		await patient.platform.searchModels();
		expect(h.fal.requestsOf('models')).toHaveLength(2);

		h.fal.inject({ match: { kind: 'models' }, action: { type: 'status', status: 503, headers: { 'retry-after': '0.031' } } });
		const error = await caught(() => patient.platform.searchModels());
		expect(error).toMatchObject({ status: 503, retryAfterMs: 31 });
		expect(h.fal.requestsOf('models')).toHaveLength(3);
	});

	it('retries a submit answered 503: fal did not take the job', async () => {
		h.fal.inject({ match: { kind: 'submit' }, times: 2, action: { type: 'status', status: 503 } });
		await h.client.queue.submit(flux, { prompt: 'x' });
		expect(h.fal.requestsOf('submit')).toHaveLength(3);
	});

	it.each([500, 502, 504])('does not retry a submit answered %i: the job may exist', async (status) => {
		h.fal.inject({ match: { kind: 'submit' }, action: { type: 'status', status } });
		const error = await caught(() => h.client.queue.submit(flux, { prompt: 'x' }));
		expect(error).toBeInstanceOf(FalApiError);
		expect((error as FalApiError).status).toBe(status);
		expect(h.fal.requestsOf('submit')).toHaveLength(1);
	});

	it('does not resend a submit whose connection dropped after fal processed it: exactly one job', async () => {
		h.fal.inject({ match: { kind: 'submit' }, action: { type: 'drop-after-processing' } });
		const error = await caught(() => h.client.queue.submit(flux, { prompt: 'x' }));
		expect(error).toBeInstanceOf(FalNetworkError);
		expect((error as FalNetworkError).mayHaveReachedServer).toBe(true);
		expect(error.message).toMatch(/may have reached fal/);
		expect(h.fal.requestsOf('submit')).toHaveLength(1);
		const { requestId } = h.fal.requestsOf('submit')[0];
		expect(requestId).toEqual(expect.any(String));
		expect(h.fal.job(requestId as string)).toBeDefined();
	});

	it('does not resend a submit whose socket dropped once sent, since the client cannot tell it was unprocessed', async () => {
		h.fal.inject({ match: { kind: 'submit' }, action: { type: 'drop' } });
		const error = await caught(() => h.client.queue.submit(flux, { prompt: 'x' }));
		expect(error).toBeInstanceOf(FalNetworkError);
		expect(h.fal.requestsOf('submit')).toHaveLength(1);
	});

	it('retries a submit whose connection was refused, as nothing was sent', async () => {
		const unreachable = `http://127.0.0.1:${await closedPort()}/queue`;
		const client = h.makeClient({ hosts: { ...h.fal.hosts, queueUrl: unreachable }, retry: { ...FAST_RETRY, maxRetries: 2 } });
		const error = await caught(() => client.queue.submit(flux, { prompt: 'x' }));
		expect(error).toBeInstanceOf(FalNetworkError);
		expect((error as FalNetworkError).code).toBe('ECONNREFUSED');
		expect((error as FalNetworkError).mayHaveReachedServer).toBe(false);
		expect(retries()).toHaveLength(2);
	});

	it.each([500, 502, 503, 504])('retries a status answered %i', async (status) => {
		const { requestId } = await h.client.queue.submit(flux, { prompt: 'x' });
		h.fal.inject({ match: { kind: 'status' }, times: 2, action: { type: 'status', status } });
		const current = await h.client.queue.status({ endpointId: flux, requestId });
		expect(current.request_id).toBe(requestId);
		expect(h.fal.requestsOf('status')).toHaveLength(3);
	});

	it('retries a status whose connection dropped (reading is safe to repeat)', async () => {
		const { requestId } = await h.client.queue.submit(flux, { prompt: 'x' });
		h.fal.inject({ match: { kind: 'status' }, action: { type: 'drop' } });
		await h.client.queue.status({ endpointId: flux, requestId });
		expect(h.fal.requestsOf('status')).toHaveLength(2);
	});

	it('gives up on status after five retries', async () => {
		const { requestId } = await h.client.queue.submit(flux, { prompt: 'x' });
		h.fal.inject({ match: { kind: 'status' }, times: Infinity, action: { type: 'status', status: 502 } });
		const error = await caught(() => h.client.queue.status({ endpointId: flux, requestId }));
		expect((error as FalApiError).status).toBe(502);
		expect(h.fal.requestsOf('status')).toHaveLength(6);
	});

	it('retries a result answered 502/503/504 but not 500', async () => {
		const submission = await h.client.queue.submit(flux, { prompt: 'x', fake: { queueMs: 0, runMs: 0 } });
		await h.client.queue.waitForCompletion(submission, { mode: 'poll', pollIntervalMs: 5 });
		h.fal.inject({ match: { kind: 'result' }, times: 3, action: { type: 'status', status: 503 } });
		await h.client.queue.result(submission);
		expect(h.fal.requestsOf('result')).toHaveLength(4);

		h.fal.inject({ match: { kind: 'result' }, action: { type: 'status', status: 500 } });
		const error = await caught(() => h.client.queue.result(submission));
		expect((error as FalApiError).status).toBe(500);
		expect(h.fal.requestsOf('result')).toHaveLength(5);
	});

	it('never retries a 504 caused by the caller\'s own X-Fal-Request-Timeout', async () => {
		const { requestId } = await h.client.queue.submit(flux, { prompt: 'x' });
		h.fal.inject({
			match: { kind: 'status' },
			action: {
				type: 'status',
				status: 504,
				headers: { 'x-fal-request-timeout-type': 'user', 'x-fal-error-type': 'request_timeout' },
				body: { detail: 'Request timed out', error_type: 'request_timeout' },
			},
		});
		const error = await caught(() => h.client.queue.status({ endpointId: flux, requestId }));
		expect(error).toMatchObject({ status: 504, errorType: 'request_timeout' });
		expect(h.fal.requestsOf('status')).toHaveLength(1);
	});

	it('stops retrying when fal says X-Fal-Retryable: false', async () => {
		const { requestId } = await h.client.queue.submit(flux, { prompt: 'x' });
		h.fal.inject({
			match: { kind: 'status' },
			action: { type: 'status', status: 503, headers: { 'x-fal-retryable': 'false', 'x-fal-error-type': 'runner_disconnected' }, body: { detail: 'runner gone' } },
		});
		const error = await caught(() => h.client.queue.status({ endpointId: flux, requestId }));
		expect(error).toMatchObject({ status: 503, retryable: false, errorType: 'runner_disconnected' });
		expect(h.fal.requestsOf('status')).toHaveLength(1);
	});

	it('does not retry after the caller aborts during a backoff', async () => {
		const controller = new AbortController();
		const slow = h.makeClient({ retry: { baseDelayMs: 10_000, maxDelayMs: 10_000, jitter: 0 } });
		h.fal.inject({ match: { kind: 'models' }, times: Infinity, action: { type: 'status', status: 503, headers: { 'retry-after': '60' } } });
		const pending = slow.platform.searchModels({ signal: controller.signal });
		await waitFor(() => h.fal.requestsOf('models').length === 1);
		controller.abort();
		const error = await caught(() => pending);
		expect(error.name).toBe('FalAbortError');
		expect(h.fal.requestsOf('models')).toHaveLength(1);
	});

	it('keeps a client without fake hosts pointing at fal itself', () => {
		const client = createTestFalClient({ credentials: 'k' });
		expect(client.hosts.queueUrl).toBe('https://queue.fal.run');
		return client.close();
	});
});

/** A local port nobody listens on (bound then released). */
async function closedPort(): Promise<number> {
	const net = await import('node:net');
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

async function waitFor(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
	if (!condition()) throw new Error('condition not reached');
}
