/**
 * The retry policies of the calls not covered by retries.test.ts, end to end against the fake:
 * cancel, result, storage and catalogue calls after a dropped connection or a gateway error,
 * and a submit that keeps being told to slow down.
 */
import { FalApiError } from '../../nodes/FalAi/client';
import { bytesOf, caught, useHarness } from './helpers';

const flux = 'fal-ai/flux/dev';

describe('recovering from transient failures', () => {
	const h = useHarness();

	it.each([
		['a 502', { type: 'status', status: 502 }],
		['a 503', { type: 'status', status: 503 }],
		['a dropped connection', { type: 'drop' }],
	] as const)('retries a cancel after %s and cancels the job', async (_, action) => {
		const submission = await h.client.queue.submit(flux, { prompt: 'x', fake: { queueMs: 10_000 } });
		h.fal.inject({ match: { kind: 'cancel' }, action });
		expect(await h.client.queue.cancel(submission)).toBe('CANCELLATION_REQUESTED');
		expect(h.fal.requestsOf('cancel')).toHaveLength(2);
		expect(h.fal.job(submission.requestId)?.cancelled).toBe(true);
	});

	it('fetches a result after a dropped connection', async () => {
		const submission = await h.client.queue.submit(flux, { prompt: 'a fox', fake: { queueMs: 0, runMs: 0 } });
		await h.client.queue.waitForCompletion(submission, { mode: 'poll', pollIntervalMs: 5 });
		h.fal.inject({ match: { kind: 'result' }, action: { type: 'drop' } });
		const { data } = await h.client.queue.result<{ images: unknown[]; prompt: string }>(submission);
		expect(data.prompt).toBe('a fox');
		expect(h.fal.requestsOf('result')).toHaveLength(2);
	});

	it.each(['upload-initiate', 'upload-put'] as const)('uploads after a dropped connection on %s', async (kind) => {
		h.fal.inject({ match: { kind }, action: { type: 'drop' } });
		const file = await h.client.storage.upload(Buffer.from('bytes'), { contentType: 'text/plain' });
		expect(file.size).toBe(5);
		expect(h.fal.requestsOf(kind)).toHaveLength(2);
		const downloaded = await h.client.download(file.url);
		expect(await bytesOf(downloaded.body)).toEqual(Buffer.from('bytes'));
	});

	it('uploads a multipart part after a dropped connection', async () => {
		h.fal.inject({ match: { kind: 'upload-part' }, skip: 1, action: { type: 'drop' } });
		const file = await h.client.storage.upload(Buffer.alloc(3000, 3), { multipartThreshold: 1000, partSize: 1024 });
		expect(file.size).toBe(3000);
		expect(h.fal.requestsOf('upload-part')).toHaveLength(4);
	});

	it('searches the catalogue after a dropped connection', async () => {
		h.fal.inject({ match: { kind: 'models' }, action: { type: 'drop' } });
		const page = await h.client.platform.searchModels({ query: 'flux' });
		expect(page.models.length).toBeGreaterThan(0);
		expect(h.fal.requestsOf('models')).toHaveLength(2);
	});

	it('fails a submit that is still told 429 after every retry, having started no job', async () => {
		h.fal.inject({ match: { kind: 'submit' }, times: Infinity, action: { type: 'status', status: 429, headers: { 'retry-after': '0' } } });
		const error = await caught(() => h.client.queue.submit(flux, { prompt: 'x' }));
		expect(error).toBeInstanceOf(FalApiError);
		expect(error).toMatchObject({ status: 429, retryAfterMs: 0 });
		expect(error.message).toMatch(/429 Too Many Requests/);
		// The first attempt and the policy's three retries.
		expect(h.fal.requestsOf('submit')).toHaveLength(4);
		expect(h.fal.jobs).toHaveLength(0);
	});
});
