import { useHarness } from './helpers';
import type { QueueStatus } from '../../nodes/FalAi/client';

describe('queue client against the fake fal', () => {
	const h = useHarness();

	it('submits to the full endpoint id with the key, JSON body and every option as header/query', async () => {
		const submission = await h.client.queue.submit(
			'fal-ai/flux/dev',
			{ prompt: 'a fox' },
			{
				webhookUrl: 'https://example.test/hook?x=1',
				priority: 'low',
				runnerHint: 'session-7',
				requestTimeoutSeconds: 30,
				noRetry: true,
				storeIo: false,
				mediaExpirationSeconds: 3600,
			},
		);
		const [submit] = h.fal.requestsOf('submit');
		expect(submit.method).toBe('POST');
		expect(submit.path).toBe('/queue/fal-ai/flux/dev');
		expect(submit.query.fal_webhook).toBe('https://example.test/hook?x=1');
		expect(submit.body).toEqual({ prompt: 'a fox' });
		expect(submit.headers).toMatchObject({
			authorization: `Key ${h.fal.key}`,
			accept: 'application/json',
			'content-type': 'application/json',
			'x-fal-queue-priority': 'low',
			'x-fal-runner-hint': 'session-7',
			'x-fal-request-timeout': '30',
			'x-fal-no-retry': '1',
			'x-fal-store-io': '0',
			'x-fal-object-lifecycle-preference': '{"expiration_duration_seconds":3600}',
		});
		expect(submission.requestId).toEqual(expect.any(String));
		expect(submission.statusUrl).toContain(`/queue/fal-ai/flux/requests/${submission.requestId}/status`);
		expect(h.fal.job(submission.requestId)?.webhookUrl).toBe('https://example.test/hook?x=1');
	});

	it('sends no optional header when no option is given', async () => {
		await h.client.queue.submit('fal-ai/flux/dev', { prompt: 'x' });
		const headers = Object.keys(h.fal.requestsOf('submit')[0].headers);
		expect(headers.filter((name) => name.startsWith('x-fal-'))).toEqual([]);
	});

	it('subscribes: submit, follow the status stream, fetch the result', async () => {
		const updates: QueueStatus[] = [];
		const outcome = await h.client.queue.subscribe<{ images: Array<{ url: string }> }>(
			'fal-ai/flux/dev',
			{ prompt: 'a fox', num_images: 2 },
			{ logs: true, onUpdate: (status) => updates.push(status) },
		);
		expect(outcome.status.status).toBe('COMPLETED');
		expect(outcome.data.images).toHaveLength(2);
		expect(outcome.requestId).toBe(outcome.submission.requestId);
		expect(updates.at(-1)?.status).toBe('COMPLETED');
		expect(updates.map((update) => update.status)).toContain('IN_QUEUE');
		const [stream] = h.fal.requestsOf('status-stream');
		expect(stream.path).toBe(`/queue/fal-ai/flux/requests/${outcome.requestId}/status/stream`);
		expect(stream.query.logs).toBe('1');
		expect(stream.headers.accept).toBe('text/event-stream');
		expect(h.fal.requestsOf('status')).toHaveLength(0);
		expect(h.fal.requestsOf('result')[0].path).toBe(`/queue/fal-ai/flux/requests/${outcome.requestId}`);
	});

	it('reads status and result by endpoint id and request id alone (URLs built without sub-path)', async () => {
		const { requestId } = await h.client.queue.submit('fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 0, runMs: 0 } });
		const ref = { endpointId: 'fal-ai/flux/dev', requestId };
		const done = await h.client.queue.waitForCompletion(ref, { mode: 'poll', pollIntervalMs: 5 });
		expect(done.status).toBe('COMPLETED');
		const status = await h.client.queue.status(ref, { logs: true });
		expect(status).toMatchObject({ status: 'COMPLETED', request_id: requestId });
		expect(h.fal.requestsOf('status').at(-1)?.path).toBe(`/queue/fal-ai/flux/requests/${requestId}/status`);
		const result = await h.client.queue.result<{ images: unknown[] }>(ref);
		expect(result.requestId).toBe(requestId);
		expect(result.data.images).toHaveLength(1);
	});

	it('reports IN_QUEUE with a queue position while others run', async () => {
		h.fal.configure({ concurrency: 1 });
		await h.client.queue.submit('fal-ai/flux/dev', { prompt: 'first', fake: { runMs: 2000 } });
		const second = await h.client.queue.submit('fal-ai/flux/dev', { prompt: 'second' });
		const status = await h.client.queue.status(second);
		expect(status.status).toBe('IN_QUEUE');
		expect(status.queue_position).toBeGreaterThanOrEqual(0);
	});

	it('cancels a queued request and reports the outcomes fal gives later', async () => {
		const submission = await h.client.queue.submit('fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 5000 } });
		expect(await h.client.queue.cancel(submission)).toBe('CANCELLATION_REQUESTED');
		expect(h.fal.requestsOf('cancel')[0].method).toBe('PUT');

		const finished = await h.client.queue.submit('fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 0, runMs: 0 } });
		await h.client.queue.waitForCompletion(finished, { mode: 'poll', pollIntervalMs: 5 });
		expect(await h.client.queue.cancel(finished)).toBe('ALREADY_COMPLETED');

		expect(await h.client.queue.cancel({ endpointId: 'fal-ai/flux/dev', requestId: 'no-such-request' })).toBe('NOT_FOUND');
	});

	describe("cancel reports fal's own status, whatever the answer's shape", () => {
		afterEach(() => h.fal.configure({ cancelAnswers: 'documented' }));

		it('OK, when fal answers a successful cancel with it', async () => {
			h.fal.configure({ cancelAnswers: 'ok' });
			const submission = await h.client.queue.submit('fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 5000 } });
			expect(await h.client.queue.cancel(submission)).toBe('OK');
			expect(h.fal.job(submission.requestId)?.cancelled).toBe(true);
		});

		it('ALREADY_COMPLETED and NOT_FOUND from other 4xx codes whose detail says so', async () => {
			h.fal.configure({ cancelAnswers: 'detail-only' });
			const finished = await h.client.queue.submit('fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 0, runMs: 0 } });
			await h.client.queue.waitForCompletion(finished, { mode: 'poll', pollIntervalMs: 5 });
			expect(await h.client.queue.cancel(finished)).toBe('ALREADY_COMPLETED');
			expect(await h.client.queue.cancel({ endpointId: 'fal-ai/flux/dev', requestId: 'no-such-request' })).toBe('NOT_FOUND');
			expect(h.fal.requestsOf('cancel').map((recorded) => recorded.requestId ?? 'unknown')).toHaveLength(2);
		});

		it('still fails on a 4xx that says neither, and on a key problem', async () => {
			const ref = { endpointId: 'fal-ai/flux/dev', requestId: 'r-1' };
			h.fal.inject({ match: { kind: 'cancel' }, action: { type: 'status', status: 422, body: { detail: 'request_id is malformed' } } });
			await expect(h.client.queue.cancel(ref)).rejects.toThrow(/422/);
			h.fal.inject({ match: { kind: 'cancel' }, action: { type: 'status', status: 401 } });
			await expect(h.client.queue.cancel(ref)).rejects.toThrow(/401/);
		});
	});

	it('tolerates cancel answers that only carry an HTTP status', async () => {
		const ref = { endpointId: 'fal-ai/flux/dev', requestId: 'r-1' };
		h.fal.inject({ match: { kind: 'cancel' }, action: { type: 'status', status: 404, body: {} } });
		expect(await h.client.queue.cancel(ref)).toBe('NOT_FOUND');
		h.fal.inject({ match: { kind: 'cancel' }, action: { type: 'status', status: 400, body: { detail: 'done' } } });
		expect(await h.client.queue.cancel(ref)).toBe('ALREADY_COMPLETED');
		h.fal.inject({ match: { kind: 'cancel' }, action: { type: 'status', status: 202, body: {} } });
		expect(await h.client.queue.cancel(ref)).toBe('CANCELLATION_REQUESTED');
	});
});

describe('model catalogue', () => {
	const h = useHarness();

	it('searches active models unless asked for all, and never filters a lookup by endpoint id', async () => {
		await h.client.platform.searchModels({ query: 'flux' });
		await h.client.platform.searchModels({ query: 'flux', includeDeprecated: true });
		const lookup = await h.client.platform.searchModels({ endpointIds: ['fal-ai/stable-diffusion-v15'] });
		expect(h.fal.requestsOf('models').map((recorded) => recorded.query.status)).toEqual(['active', undefined, undefined]);
		expect(lookup.models.map((model) => model.endpoint_id)).toEqual(['fal-ai/stable-diffusion-v15']);
	});
});
