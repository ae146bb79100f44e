import { FalAbortError, FalModelError, FalTimeoutError, FalValidationError, type QueueStatus } from '../../nodes/FalAi/client';
import { caught, useHarness } from './helpers';

const flux = 'fal-ai/flux/dev';

describe('waiting for completion', () => {
	const h = useHarness();

	it('falls back to polling when the status stream is cut, and completes', async () => {
		h.fal.inject({ match: { kind: 'status-stream' }, action: { type: 'cut-stream', afterEvents: 1 } });
		const updates: QueueStatus[] = [];
		const outcome = await h.client.queue.subscribe(flux, { prompt: 'x', fake: { runMs: 150 } }, {
			pollIntervalMs: 5,
			onUpdate: (status) => updates.push(status),
		});
		expect(outcome.status.status).toBe('COMPLETED');
		expect(h.fal.requestsOf('status-stream')).toHaveLength(1);
		expect(h.fal.requestsOf('status').length).toBeGreaterThan(0);
		expect(updates.at(-1)?.status).toBe('COMPLETED');
		expect(h.logs.some((event) => /ended before COMPLETED; polling/.test(event.message))).toBe(true);
	});

	it('falls back to polling when the status stream cannot be opened', async () => {
		h.fal.inject({ match: { kind: 'status-stream' }, times: Infinity, action: { type: 'status', status: 404 } });
		const outcome = await h.client.queue.subscribe(flux, { prompt: 'x' }, { pollIntervalMs: 5 });
		expect(outcome.status.status).toBe('COMPLETED');
		expect(h.logs.some((event) => event.level === 'warn' && /status stream .* failed/.test(event.message))).toBe(true);
	});

	it('polls only, when asked to, with a growing interval up to the maximum', async () => {
		const { requestId } = await h.client.queue.submit(flux, { prompt: 'x', fake: { runMs: 300 } });
		await h.client.queue.waitForCompletion({ endpointId: flux, requestId }, { mode: 'poll', pollIntervalMs: 10, maxPollIntervalMs: 40 });
		expect(h.fal.requestsOf('status-stream')).toHaveLength(0);
		expect(h.fal.requestsOf('status').length).toBeGreaterThan(1);
	});

	it('on timeout cancels the fal request, then throws FalTimeoutError', async () => {
		const submission = await h.client.queue.submit(flux, { prompt: 'x', fake: { queueMs: 10_000 } });
		const error = await caught(() => h.client.queue.waitForCompletion(submission, { timeoutMs: 100 }));
		expect(error).toBeInstanceOf(FalTimeoutError);
		expect(error).toMatchObject({ requestId: submission.requestId, cancelled: true, timeoutMs: 100 });
		const cancels = h.fal.requestsOf('cancel');
		expect(cancels).toHaveLength(1);
		expect(cancels[0].requestId).toBe(submission.requestId);
		expect(h.fal.job(submission.requestId)?.cancelled).toBe(true);
	});

	it('on the caller\'s abort cancels the fal request, then throws FalAbortError', async () => {
		const controller = new AbortController();
		const pending = h.client.queue.subscribe(flux, { prompt: 'x', fake: { queueMs: 10_000 } }, { signal: controller.signal });
		const waitForStream = async () => {
			while (h.fal.requestsOf('status-stream').length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		};
		await waitForStream();
		controller.abort();
		const error = await caught(() => pending);
		expect(error).toBeInstanceOf(FalAbortError);
		expect(error).toMatchObject({ cancelled: true });
		expect(h.fal.requestsOf('cancel')).toHaveLength(1);
	});

	it('leaves the fal request running when cancelOnAbort is false', async () => {
		const submission = await h.client.queue.submit(flux, { prompt: 'x', fake: { queueMs: 10_000 } });
		const error = await caught(() =>
			h.client.queue.waitForCompletion(submission, { timeoutMs: 50, cancelOnAbort: false, mode: 'poll', pollIntervalMs: 10 }),
		);
		expect(error).toMatchObject({ name: 'FalTimeoutError', cancelled: false });
		expect(h.fal.requestsOf('cancel')).toHaveLength(0);
	});

	it('still throws the timeout when the cancel itself fails', async () => {
		h.fal.inject({ match: { kind: 'cancel' }, times: Infinity, action: { type: 'status', status: 500 } });
		const submission = await h.client.queue.submit(flux, { prompt: 'x', fake: { queueMs: 10_000 } });
		const error = await caught(() => h.client.queue.waitForCompletion(submission, { timeoutMs: 50 }));
		expect(error).toMatchObject({ name: 'FalTimeoutError', cancelled: false });
		expect(h.logs.some((event) => /cancelling .* failed/.test(event.message))).toBe(true);
	});

	it('turns a COMPLETED status with an error into FalModelError', async () => {
		const error = await caught(() => h.client.queue.subscribe(flux, { prompt: 'x', fake: { fail: 'model_error' } }));
		expect(error).toBeInstanceOf(FalModelError);
		const modelError = error as FalModelError;
		expect(modelError.requestId).toEqual(expect.any(String));
		expect(modelError.message).toMatch(/^fal model failed/);
		expect(modelError.message).toContain(modelError.requestId);
	});

	it('turns a 422 from the model\'s result into FalValidationError with fields', async () => {
		const error = await caught(() => h.client.queue.subscribe(flux, { prompt: 'x', fake: { fail: 'validation' } }));
		expect(error).toBeInstanceOf(FalValidationError);
		expect((error as FalValidationError).fieldErrors.length).toBeGreaterThan(0);
		expect(error.message.split('\n').length).toBeGreaterThan(1);
	});
});
