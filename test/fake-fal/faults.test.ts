import { startFakeFal, type FakeFal } from './index';
import { call, submit, waitFor } from './test-http';

let fal: FakeFal;

beforeAll(async () => {
	fal = await startFakeFal({ queueMs: 0, runMs: 10 });
});
afterAll(() => fal.close());
beforeEach(() => fal.reset());

const submitUrl = (): string => `${fal.hosts.queueUrl}/fal-ai/flux/dev`;

describe('fault injection', () => {
	it('answers an injected status with fal\'s body shape and headers when no body is given', async () => {
		fal.inject({ match: { kind: 'submit' }, action: { type: 'status', status: 429 } });
		fal.inject({ match: { kind: 'submit' }, action: { type: 'status', status: 503 } });
		fal.inject({ match: { kind: 'submit' }, action: { type: 'status', status: 504, headers: { 'X-Fal-Request-Timeout-Type': 'user' } } });
		fal.inject({ match: { kind: 'submit' }, action: { type: 'status', status: 401 } });

		const tooMany = await call(fal, 'POST', submitUrl(), { body: { prompt: 'x' } });
		expect(tooMany.status).toBe(429);
		expect(tooMany.headers.get('retry-after')).toBe('1');
		expect(tooMany.body).toMatchObject({ detail: expect.any(String), retry_after: 1 });

		const unavailable = await call(fal, 'POST', submitUrl(), { body: { prompt: 'x' } });
		expect(unavailable.status).toBe(503);
		expect(unavailable.headers.get('x-fal-error-type')).toBe('runner_scheduling_failure');
		expect(unavailable.body.error_type).toBe('runner_scheduling_failure');

		const userTimeout = await call(fal, 'POST', submitUrl(), { body: { prompt: 'x' } });
		expect(userTimeout.status).toBe(504);
		expect(userTimeout.headers.get('x-fal-request-timeout-type')).toBe('user');
		expect(userTimeout.headers.get('x-fal-retryable')).toBe('false');

		const unauthorised = await call(fal, 'POST', submitUrl(), { body: { prompt: 'x' } });
		expect(unauthorised.body).toEqual({ detail: 'No user found for Key ID and Secret' });

		expect((await call(fal, 'POST', submitUrl(), { body: { prompt: 'x' } })).status).toBe(200);
		expect(fal.jobs).toHaveLength(1);
	});

	it('answers an injected status with the given body', async () => {
		fal.inject({ match: { kind: 'status' }, action: { type: 'status', status: 500, body: { detail: 'custom' } } });
		const job = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x' });
		const answer = await call(fal, 'GET', job.status_url);
		expect(answer).toMatchObject({ status: 500, body: { detail: 'custom' } });
	});

	it('drops the socket before processing: the call fails and no job exists', async () => {
		fal.inject({ match: { kind: 'submit' }, action: { type: 'drop' } });
		await expect(call(fal, 'POST', submitUrl(), { body: { prompt: 'x' } })).rejects.toThrow();
		expect(fal.jobs).toHaveLength(0);
		expect(fal.requestsOf('submit')).toHaveLength(1);
	});

	it('drops the socket after processing: the call fails but the job was created', async () => {
		fal.inject({ match: { kind: 'submit' }, action: { type: 'drop-after-processing' } });
		await expect(call(fal, 'POST', submitUrl(), { body: { prompt: 'x' } })).rejects.toThrow();
		expect(fal.jobs).toHaveLength(1);
		expect(fal.requestsOf('submit')[0].requestId).toBe(fal.jobs[0].requestId);
	});

	it('delays an answer and then answers normally', async () => {
		fal.inject({ match: { kind: 'run' }, action: { type: 'delay', ms: 50 } });
		const answer = await call(fal, 'POST', `${fal.hosts.runUrl}/fal-ai/flux/dev`, { body: { prompt: 'x' } });
		expect(answer.status).toBe(200);
		expect(answer.body.prompt).toBe('x');
	});

	it('applies `times` matching requests after letting `skip` through', async () => {
		fal.inject({ match: { kind: 'submit' }, skip: 1, times: 2, action: { type: 'status', status: 502 } });
		const statuses = [];
		for (let attempt = 0; attempt < 4; attempt++) statuses.push((await call(fal, 'POST', submitUrl(), { body: { prompt: 'x' } })).status);
		expect(statuses).toEqual([200, 502, 502, 200]);
	});

	it('applies to every match with times Infinity until cleared', async () => {
		fal.inject({ match: { kind: 'models' }, times: Infinity, action: { type: 'status', status: 503 } });
		for (let attempt = 0; attempt < 3; attempt++) expect((await call(fal, 'GET', `${fal.hosts.platformUrl}/models`)).status).toBe(503);
		fal.clearFaults();
		expect((await call(fal, 'GET', `${fal.hosts.platformUrl}/models`)).status).toBe(200);
	});

	it('matches on endpoint id (also for status calls by request id), method and path pattern', async () => {
		const schnell = await submit(fal, 'fal-ai/flux/schnell', { prompt: 'x' });
		const dev = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x' });
		fal.inject({ match: { endpointId: 'fal-ai/flux/schnell', method: 'GET', path: /\/status$/ }, times: Infinity, action: { type: 'status', status: 500 } });
		expect((await call(fal, 'GET', dev.status_url)).status).not.toBe(500);
		expect((await call(fal, 'GET', schnell.status_url)).status).toBe(500);
		await waitFor(() => fal.job(schnell.request_id)?.state === 'COMPLETED');
		expect((await call(fal, 'GET', schnell.response_url)).status).toBe(200);
	});

	it('stops applying a rule once it is removed', async () => {
		const id = fal.inject({ match: { kind: 'run' }, times: Infinity, action: { type: 'status', status: 500 } });
		fal.removeFault(id);
		expect((await call(fal, 'POST', `${fal.hosts.runUrl}/fal-ai/flux/dev`, { body: { prompt: 'x' } })).status).toBe(200);
	});
});
