/**
 * Fidelity: the OFFICIAL `@fal-ai/client` (1.10.1) driven against the fake fal server. Every
 * disagreement between the two is a bug in the fake (unless fal-protocol.md says otherwise).
 * The client reaches the fake through its `requestMiddleware`, which rewrites fal's hosts to the
 * fake's prefixes; URLs the fake hands out (upload URLs) are already local.
 */
import { createHash } from 'node:crypto';

import { ApiError, createFalClient, ValidationError, type FalClient } from '@fal-ai/client';

import { startFakeFal, type FakeFal } from '../fake-fal';

let fal: FakeFal;
let client: FalClient;

/**
 * Endpoint ids typed as plain strings: the client's generated input types do not know the
 * fake's `fake` steering key nor allow leaving out a required field on purpose.
 */
const FLUX_DEV: string = 'fal-ai/flux/dev';
const KLING_T2V: string = 'fal-ai/kling-video/v2/master/text-to-video';

function clientFor(fake: FakeFal, credentials = fake.key): FalClient {
	const targets: Record<string, string> = {
		'queue.fal.run': fake.hosts.queueUrl,
		'fal.run': fake.hosts.runUrl,
		'rest.fal.ai': fake.hosts.restUrl,
		'api.fal.ai': fake.baseUrl + '/api',
	};
	return createFalClient({
		credentials,
		requestMiddleware: async (request) => {
			const url = new URL(request.url);
			const target = targets[url.host];
			return target ? { ...request, url: `${target}${url.pathname}${url.search}` } : request;
		},
	});
}

beforeAll(async () => {
	fal = await startFakeFal({ queueMs: 20, runMs: 60 });
	client = clientFor(fal);
});

afterAll(() => fal.close());

beforeEach(() => fal.reset());

describe('the official client against the fake', () => {
	it('subscribes in polling mode, sees queue updates with logs, and gets the result', async () => {
		const updates: Array<{ status: string; logs?: unknown }> = [];
		const result = await client.subscribe('fal-ai/flux/dev', {
			input: { prompt: 'a lighthouse', image_size: 'square', num_images: 2 },
			logs: true,
			pollInterval: 15,
			onQueueUpdate: (update) => updates.push(update as { status: string; logs?: unknown }),
		});
		const data = result.data as { images: Array<{ url: string; width: number; height: number }> };
		expect(data.images).toHaveLength(2);
		expect(data.images[0]).toMatchObject({ width: 512, height: 512 });
		expect(result.requestId).toBe(fal.requestsOf('submit')[0].requestId);
		expect(updates[updates.length - 1].status).toBe('COMPLETED');
		expect(updates.some((update) => Array.isArray(update.logs) && update.logs.length > 0)).toBe(true);
		expect(fal.requestsOf('status').every((request) => request.query.logs === '1')).toBe(true);
		expect(fal.requestsOf('status')[0].path).toBe(`/queue/fal-ai/flux/requests/${result.requestId}/status`);
	});

	it('subscribes in streaming mode over the SSE status stream', async () => {
		const statuses: string[] = [];
		const result = await client.subscribe('fal-ai/whisper', {
			input: { audio_url: `${fal.baseUrl}/media/samples/speech.wav`, diarize: true },
			mode: 'streaming',
			logs: true,
			onQueueUpdate: (update) => statuses.push(update.status),
		});
		expect((result.data as { text: string }).text).toContain('fake fal server');
		expect(statuses[statuses.length - 1]).toBe('COMPLETED');
		expect(fal.requestsOf('status-stream')).toHaveLength(1);
		expect(fal.requestsOf('status')).toHaveLength(0);
	});

	it('submits with priority, runner hint, start timeout, webhook and lifecycle, then reads status', async () => {
		const submitted = await client.queue.submit(KLING_T2V, {
			input: { prompt: 'waves', fake: { queueMs: 5000 } },
			priority: 'low',
			hint: 'runner-7',
			startTimeout: 30,
			webhookUrl: 'http://127.0.0.1:9/hook',
			storageSettings: { expiresIn: '1d' },
		});
		expect(submitted.status).toBe('IN_QUEUE');
		expect(submitted.queue_position).toBe(0);
		const job = fal.job(submitted.request_id);
		expect(job).toMatchObject({
			priority: 'low',
			runnerHint: 'runner-7',
			requestTimeoutSeconds: 30,
			webhookUrl: 'http://127.0.0.1:9/hook',
			objectLifecycle: { expiration_duration_seconds: 86400 },
			input: { prompt: 'waves' },
		});
		const status = await client.queue.status(KLING_T2V, { requestId: submitted.request_id, logs: true });
		expect(status).toMatchObject({ status: 'IN_QUEUE', queue_position: 0 });
	});

	it('cancels a queued request, and gets ALREADY_COMPLETED as an ApiError once it is done', async () => {
		const endpoint: string = 'fal-ai/flux/schnell';
		const { request_id: requestId } = await client.queue.submit(endpoint, { input: { prompt: 'x', fake: { queueMs: 5000 } } });
		await client.queue.cancel(endpoint, { requestId });
		expect(fal.job(requestId)).toMatchObject({ cancelled: true, state: 'COMPLETED' });
		const status = await client.queue.status(endpoint, { requestId, logs: false });
		expect(status.status).toBe('COMPLETED');

		const error = await client.queue.cancel(endpoint, { requestId }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ApiError);
		expect(error).toMatchObject({ status: 400, body: { status: 'ALREADY_COMPLETED' } });
	});

	it('follows the workflows namespace (status and result without the sub-path)', async () => {
		const result = await client.subscribe('workflows/acme/poster-flow/v2', { input: { prompt: 'poster' }, pollInterval: 15 });
		expect((result.data as { images: unknown[] }).images).toHaveLength(1);
		expect(fal.requestsOf('submit')[0].path).toBe('/queue/workflows/acme/poster-flow/v2');
		expect(fal.requestsOf('result')[0].path).toBe(`/queue/workflows/acme/poster-flow/requests/${result.requestId}`);
	});

	it('uploads a small file with a single PUT and serves it back', async () => {
		const bytes = Buffer.from('not really a png, but bytes all the same');
		const url = await client.storage.upload(new Blob([bytes], { type: 'image/png' }));
		const served = await fetch(url);
		expect(served.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
		expect(fal.requestsOf('upload-initiate')[0].query.storage_type).toBe('fal-cdn-v3');
		expect(fal.requestsOf('upload-put')).toHaveLength(1);
	});

	it('uploads a file over the 90 MB threshold in 10 MB parts and serves the same bytes', async () => {
		const size = 90 * 1024 * 1024 + 12345;
		const bytes = Buffer.alloc(size);
		for (let offset = 0; offset < size; offset += 4096) bytes.writeUInt32LE(offset, offset);
		const url = await client.storage.upload(new Blob([bytes], { type: 'video/mp4' }));
		expect(fal.requestsOf('upload-initiate-multipart')).toHaveLength(1);
		expect(fal.requestsOf('upload-part')).toHaveLength(10);
		expect(fal.requestsOf('upload-complete')).toHaveLength(1);
		const served = await fetch(url);
		expect(served.headers.get('content-type')).toBe('video/mp4');
		const digest = createHash('sha256').update(Buffer.from(await served.arrayBuffer())).digest('hex');
		expect(digest).toBe(createHash('sha256').update(bytes).digest('hex'));
	});

	it('runs directly and returns the output with the request id header', async () => {
		const result = await client.run('fal-ai/flux/schnell', { input: { prompt: 'quick', output_format: 'png' } });
		expect((result.data as { images: Array<{ content_type: string }> }).images[0].content_type).toBe('image/png');
		expect(result.requestId).toBe(fal.requestsOf('run')[0].requestId);
	});

	it('streams partial results and ends with the final one', async () => {
		const stream = await client.stream('fal-ai/flux/dev', { input: { prompt: 'progressive' } });
		const events: unknown[] = [];
		for await (const event of stream) events.push(event);
		const final = (await stream.done()) as { images: unknown[]; prompt: string };
		expect(events.length).toBeGreaterThan(1);
		expect(final.prompt).toBe('progressive');
		expect(events[events.length - 1]).toEqual(final);
		expect(fal.requestsOf('run-stream')[0].path).toBe('/run/fal-ai/flux/dev/stream');
	});

	it('surfaces a missing required input as a ValidationError naming the field', async () => {
		const error = await client.queue.submit(FLUX_DEV, { input: { image_size: 'square' } }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).getFieldErrors('prompt')).toEqual([
			{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' },
		]);
	});

	it('surfaces a model failure from the result as an ApiError with the model status', async () => {
		const error = await client
			.subscribe(FLUX_DEV, { input: { prompt: 'boom', fake: { fail: 'model_error' } }, pollInterval: 15 })
			.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError<unknown>).status).toBe(500);
	});

	it('sees a start timeout as a user timeout (504, X-Fal-Request-Timeout-Type: user)', async () => {
		const error = await client
			.subscribe(FLUX_DEV, { input: { prompt: 'late', fake: { queueMs: 10_000 } }, startTimeout: 1.2, pollInterval: 50 })
			.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError<unknown>).isUserTimeout).toBe(true);
		expect(fal.requestsOf('result')).toHaveLength(1);
	});

	it('gets fal\'s 401 body for a wrong key', async () => {
		const error = await clientFor(fal, 'wrong:key')
			.queue.submit('fal-ai/flux/dev', { input: { prompt: 'x' } })
			.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ApiError);
		expect(error).toMatchObject({ status: 401, body: { detail: 'No user found for Key ID and Secret' } });
	});

	it('retries an injected 503 on status and still completes', async () => {
		fal.inject({ match: { kind: 'status' }, action: { type: 'status', status: 503 } });
		const result = await client.subscribe('fal-ai/flux/dev', { input: { prompt: 'retry me' }, pollInterval: 15 });
		expect((result.data as { prompt: string }).prompt).toBe('retry me');
		expect(fal.requestsOf('status').length).toBeGreaterThan(1);
	});
});
