import { startFakeFal, type FakeFal } from './index';
import { call, submit, waitFor } from './test-http';

let fal: FakeFal;

beforeAll(async () => {
	fal = await startFakeFal({ queueMs: 20, runMs: 80, concurrency: 1 });
});
afterAll(() => fal.close());
beforeEach(() => fal.reset());

describe('queue lifecycle', () => {
	it('answers a submit with the request id, full URLs on the fake without the sub-path, and a 0-based position', async () => {
		const body = await submit(fal, 'fal-ai/flux/dev', { prompt: 'a cat' });
		const base = `${fal.hosts.queueUrl}/fal-ai/flux/requests/${body.request_id}`;
		expect(body).toEqual({
			status: 'IN_QUEUE',
			request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			response_url: base,
			status_url: `${base}/status`,
			cancel_url: `${base}/cancel`,
			queue_position: 0,
		});
	});

	it('moves IN_QUEUE (202) → IN_PROGRESS (202, logs) → COMPLETED (200, metrics) and serves the result', async () => {
		const { status_url: statusUrl, response_url: responseUrl, request_id: requestId } = await submit(fal, 'fal-ai/flux/dev', {
			prompt: 'a cat',
			fake: { queueMs: 100, runMs: 150 },
		});
		const queued = await call(fal, 'GET', `${statusUrl}?logs=1`);
		expect(queued.status).toBe(202);
		expect(queued.body).toMatchObject({ status: 'IN_QUEUE', queue_position: 0 });

		const running = await waitFor(async () => {
			const answer = await call(fal, 'GET', `${statusUrl}?logs=1`);
			return answer.body.status === 'IN_PROGRESS' ? answer : undefined;
		});
		expect(running.status).toBe(202);
		expect(running.body.logs[0]).toEqual({
			message: expect.any(String),
			level: 'INFO',
			source: 'user',
			timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
		});

		const done = await waitFor(async () => {
			const answer = await call(fal, 'GET', `${statusUrl}?logs=true`);
			return answer.body.status === 'COMPLETED' ? answer : undefined;
		});
		expect(done.status).toBe(200);
		expect(done.body.metrics.inference_time).toBeGreaterThan(0);
		expect(done.body.logs.map((log: { level: string }) => log.level)).toEqual(['INFO', 'STDOUT', 'STDOUT', 'STDOUT', 'INFO']);
		expect(done.body.error).toBeUndefined();

		const result = await call(fal, 'GET', responseUrl);
		expect(result.status).toBe(200);
		expect(result.headers.get('x-fal-request-id')).toBe(requestId);
		expect(result.body).toMatchObject({ prompt: 'a cat', has_nsfw_concepts: [false], images: [{ width: 1024, height: 768, content_type: 'image/jpeg' }] });
	});

	it('leaves logs out (null) unless logs=1 or logs=true is asked for', async () => {
		const { status_url: statusUrl } = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 0, runMs: 0 } });
		const done = await waitFor(async () => {
			const answer = await call(fal, 'GET', statusUrl);
			return answer.body.status === 'COMPLETED' ? answer : undefined;
		});
		expect(done.body.logs).toBeNull();
		expect((await call(fal, 'GET', `${statusUrl}?logs=0`)).body.logs).toBeNull();
	});

	it('answers a result fetched before completion with the configured status (400)', async () => {
		const { response_url: responseUrl } = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 5000 } });
		const early = await call(fal, 'GET', responseUrl);
		expect(early.status).toBe(400);
		expect(early.body.detail).toMatch(/in progress/);
	});

	it('runs one job at a time with concurrency 1 and gives the waiting ones 0-based positions, low priority last', async () => {
		const first = await submit(fal, 'fal-ai/flux/dev', { prompt: '1', fake: { queueMs: 0, runMs: 5000 } });
		await waitFor(() => fal.job(first.request_id)?.state === 'IN_PROGRESS');
		const low = await submit(fal, 'fal-ai/flux/dev', { prompt: 'low' }, { 'x-fal-queue-priority': 'low' });
		const second = await submit(fal, 'fal-ai/flux/dev', { prompt: '2' });
		const third = await submit(fal, 'fal-ai/flux/dev', { prompt: '3' });
		expect(low.queue_position).toBe(0);
		expect(third.queue_position).toBe(1);
		const positionOf = async (job: { status_url: string }): Promise<number> => (await call(fal, 'GET', job.status_url)).body.queue_position;
		expect(await positionOf(second)).toBe(0);
		expect(await positionOf(third)).toBe(1);
		expect(await positionOf(low)).toBe(2);
		expect((await call(fal, 'GET', first.status_url)).body.status).toBe('IN_PROGRESS');
	});

	it('answers status, result and cancel under owner/alias, under the full id, and under a namespace', async () => {
		const job = await submit(fal, 'workflows/acme/flow/render', { prompt: 'x' });
		expect(job.status_url).toBe(`${fal.hosts.queueUrl}/workflows/acme/flow/requests/${job.request_id}/status`);
		expect((await call(fal, 'GET', job.status_url)).status).toBe(202);
		expect((await call(fal, 'GET', `${fal.hosts.queueUrl}/workflows/acme/flow/render/requests/${job.request_id}/status`)).status).toBe(202);
		expect((await call(fal, 'GET', `${fal.hosts.queueUrl}/other/app/requests/${job.request_id}/status`)).status).toBe(404);
		expect(fal.requestsOf('status')[0].endpointId).toBe('workflows/acme/flow/render');
	});

	it('answers 404 for an unknown request id', async () => {
		const answer = await call(fal, 'GET', `${fal.hosts.queueUrl}/fal-ai/flux/requests/nope/status`);
		expect(answer.status).toBe(404);
	});

	it('records priority, runner hint, request timeout, no-retry, store-io, lifecycle and webhook on the job', async () => {
		const job = await submit(
			fal,
			'fal-ai/flux/dev',
			{ prompt: 'x', fake: { queueMs: 5000 } },
			{
				'x-fal-queue-priority': 'low',
				'x-fal-runner-hint': 'session-42',
				'x-fal-request-timeout': '30',
				'x-fal-no-retry': '1',
				'x-fal-store-io': '0',
				'x-fal-object-lifecycle-preference': '{"expiration_duration_seconds": 3600}',
			},
			`?fal_webhook=${encodeURIComponent('http://127.0.0.1:1/hook')}`,
		);
		expect(fal.job(job.request_id)).toMatchObject({
			priority: 'low',
			runnerHint: 'session-42',
			requestTimeoutSeconds: 30,
			noRetry: true,
			storeIo: false,
			objectLifecycle: { expiration_duration_seconds: 3600 },
			webhookUrl: 'http://127.0.0.1:1/hook',
			input: { prompt: 'x' },
		});
	});

	it('ends a request whose X-Fal-Request-Timeout expires in the queue as a 504 of type user', async () => {
		const job = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 10_000 } }, { 'x-fal-request-timeout': '0.1' });
		const done = await waitFor(async () => {
			const answer = await call(fal, 'GET', job.status_url);
			return answer.body.status === 'COMPLETED' ? answer : undefined;
		});
		expect(done.body).toMatchObject({ error_type: 'request_timeout' });
		const result = await call(fal, 'GET', job.response_url);
		expect(result.status).toBe(504);
		expect(result.headers.get('x-fal-request-timeout-type')).toBe('user');
		expect(result.body).toEqual({ detail: 'Request timed out', error_type: 'request_timeout' });
	});
});

describe('model failures and validation', () => {
	it('completes a failing model with error and error_type, and its result answers the model status', async () => {
		const job = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 0, runMs: 0, fail: 'model_error' } });
		const done = await waitFor(async () => {
			const answer = await call(fal, 'GET', job.status_url);
			return answer.body.status === 'COMPLETED' ? answer : undefined;
		});
		expect(done.body).toMatchObject({ error: 'Invalid status code: 500', error_type: 'internal_server_error' });
		const result = await call(fal, 'GET', job.response_url);
		expect(result.status).toBe(500);
		expect(result.headers.get('x-fal-request-id')).toBe(job.request_id);
	});

	it('answers a validation failure of the model as 422 with a detail list on the result', async () => {
		const job = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 0, runMs: 0, fail: 'validation' } });
		await waitFor(() => fal.job(job.request_id)?.state === 'COMPLETED');
		const result = await call(fal, 'GET', job.response_url);
		expect(result.status).toBe(422);
		expect(result.body.detail[0]).toMatchObject({ loc: ['body', 'prompt'], type: 'value_error' });
	});

	it.each([
		['fal-ai/flux/dev', 'prompt'],
		['fal-ai/kling-video/v2/master/text-to-video', 'prompt'],
		['fal-ai/whisper', 'audio_url'],
	])('rejects a submit to %s without %s with fal\'s 422 shape', async (endpointId, field) => {
		const answer = await call(fal, 'POST', `${fal.hosts.queueUrl}/${endpointId}`, { body: { seed: 1 } });
		expect(answer.status).toBe(422);
		expect(answer.body).toEqual({ detail: [{ loc: ['body', field], msg: 'field required', type: 'value_error.missing' }] });
		expect(fal.jobs).toHaveLength(0);
	});

	it('rejects a body that is not JSON with a 422', async () => {
		const answer = await call(fal, 'POST', `${fal.hosts.queueUrl}/fal-ai/flux/dev`, { body: '{not json' });
		expect(answer.status).toBe(422);
		expect(answer.body.detail[0].type).toBe('value_error.jsondecode');
	});
});

describe('auth', () => {
	it.each([
		['a wrong key', 'wrong:key'],
		['no key', null],
	])('answers 401 with fal\'s detail for %s', async (_label, key) => {
		const answer = await call(fal, 'POST', `${fal.hosts.queueUrl}/fal-ai/flux/dev`, { body: { prompt: 'x' }, key });
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({ detail: 'No user found for Key ID and Secret' });
	});

	it('keeps the authorization header as sent in the request log', async () => {
		await submit(fal, 'fal-ai/flux/dev', { prompt: 'x' });
		expect(fal.requestsOf('submit')[0].headers.authorization).toBe(`Key ${fal.key}`);
	});
});

describe('cancel', () => {
	it('removes a queued request: 202 CANCELLATION_REQUESTED, then the job is COMPLETED and cancelled', async () => {
		const job = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 5000 } });
		const answer = await call(fal, 'PUT', job.cancel_url);
		expect(answer.status).toBe(202);
		expect(answer.body).toEqual({ status: 'CANCELLATION_REQUESTED' });
		expect(fal.job(job.request_id)).toMatchObject({ state: 'COMPLETED', cancelled: true });
		expect((await call(fal, 'GET', job.status_url)).body).toMatchObject({ status: 'COMPLETED', error_type: 'request_cancelled' });
	});

	it('signals a running request, which then stops', async () => {
		const job = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 0, runMs: 5000 } });
		await waitFor(() => fal.job(job.request_id)?.state === 'IN_PROGRESS');
		expect((await call(fal, 'PUT', job.cancel_url)).status).toBe(202);
		await waitFor(() => fal.job(job.request_id)?.state === 'COMPLETED');
		expect(fal.job(job.request_id)?.cancelled).toBe(true);
	});

	it('answers 400 ALREADY_COMPLETED for a finished request and 404 NOT_FOUND for an unknown one', async () => {
		const job = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 0, runMs: 0 } });
		await waitFor(() => fal.job(job.request_id)?.state === 'COMPLETED');
		const done = await call(fal, 'PUT', job.cancel_url);
		expect(done.status).toBe(400);
		expect(done.body).toEqual({ status: 'ALREADY_COMPLETED' });
		const unknown = await call(fal, 'PUT', `${fal.hosts.queueUrl}/fal-ai/flux/requests/unknown-id/cancel`);
		expect(unknown.status).toBe(404);
		expect(unknown.body).toEqual({ status: 'NOT_FOUND' });
	});
});
