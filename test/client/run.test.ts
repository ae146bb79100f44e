import { FalApiError, FalNetworkError, FalValidationError } from '../../nodes/FalAi/client';
import { caught, useHarness } from './helpers';

const flux = 'fal-ai/flux/dev';

describe('direct runs and streaming output', () => {
	const h = useHarness();

	it('runs on fal.run and returns the model output', async () => {
		const { data, requestId } = await h.client.run<{ images: unknown[] }>(flux, { prompt: 'x', num_images: 3 }, { storeIo: false });
		expect(data.images).toHaveLength(3);
		expect(requestId).toEqual(expect.any(String));
		const [run] = h.fal.requestsOf('run');
		expect(run.path).toBe('/run/fal-ai/flux/dev');
		expect(run.headers).toMatchObject({ authorization: `Key ${h.fal.key}`, 'x-fal-store-io': '0' });
	});

	it('retries a run answered 429 or 503', async () => {
		h.fal.inject({ match: { kind: 'run' }, action: { type: 'status', status: 503 } });
		h.fal.inject({ match: { kind: 'run' }, action: { type: 'status', status: 429, headers: { 'retry-after': '0' } } });
		await h.client.run(flux, { prompt: 'x' });
		expect(h.fal.requestsOf('run')).toHaveLength(3);
	});

	it('never resends a run that may have reached fal', async () => {
		h.fal.inject({ match: { kind: 'run' }, action: { type: 'drop-after-processing' } });
		expect(await caught(() => h.client.run(flux, { prompt: 'x' }))).toBeInstanceOf(FalNetworkError);
		h.fal.inject({ match: { kind: 'run' }, action: { type: 'status', status: 502 } });
		expect(await caught(() => h.client.run(flux, { prompt: 'x' }))).toBeInstanceOf(FalApiError);
		expect(h.fal.requestsOf('run')).toHaveLength(2);
	});

	it('streams partial outputs; the last one is the final output', async () => {
		const outputs: Array<Record<string, unknown>> = [];
		for await (const partial of h.client.stream<Record<string, unknown>>(flux, { prompt: 'x' })) outputs.push(partial);
		expect(outputs.length).toBeGreaterThan(1);
		expect(outputs.at(-1)).toHaveProperty('images');
		const [stream] = h.fal.requestsOf('run-stream');
		expect(stream.path).toBe('/run/fal-ai/flux/dev/stream');
		expect(stream.headers.accept).toBe('text/event-stream');
	});

	it('throws the model\'s error when it fails mid-stream', async () => {
		const seen: unknown[] = [];
		const error = await caught(async () => {
			for await (const partial of h.client.stream(flux, { prompt: 'x', fake: { fail: 'validation' } })) seen.push(partial);
		});
		expect(error).toBeInstanceOf(FalValidationError);
		expect((error as FalValidationError).fieldErrors.length).toBeGreaterThan(0);
		expect(seen.length).toBeGreaterThan(0);
	});

	it('stops a stream when the caller aborts', async () => {
		const controller = new AbortController();
		const error = await caught(async () => {
			for await (const partial of h.client.stream(flux, { prompt: 'x', fake: { runMs: 5000 } }, { signal: controller.signal })) {
				void partial;
				controller.abort();
			}
		});
		expect(error.name).toBe('FalAbortError');
	});
});
