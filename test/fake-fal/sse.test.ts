import { startFakeFal, type FakeFal } from './index';
import { call, readEvents, submit, waitFor } from './test-http';

let fal: FakeFal;

beforeAll(async () => {
	fal = await startFakeFal({ queueMs: 30, runMs: 120, keepAliveMs: 25 });
});
afterAll(() => fal.close());
beforeEach(() => fal.reset());

const authorised = (): RequestInit => ({ headers: { authorization: `Key ${fal.key}`, accept: 'text/event-stream' } });

describe('status stream', () => {
	it('sends one data event per change, only new logs in each, and closes after COMPLETED', async () => {
		// Queued long enough that the stream surely opens before the job starts, however busy the machine.
		const job = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 400 } });
		const response = await fetch(`${job.status_url}/stream?logs=1`, authorised());
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/event-stream');
		const { events } = await readEvents(response);
		const statuses = events.map((event) => event.status);
		expect(statuses[0]).toBe('IN_QUEUE');
		expect(statuses).toContain('IN_PROGRESS');
		expect(statuses[statuses.length - 1]).toBe('COMPLETED');
		expect(statuses.filter((status) => status === 'COMPLETED')).toHaveLength(1);
		const streamedLogs = events.flatMap((event) => event.logs ?? []);
		expect(streamedLogs).toEqual(fal.job(job.request_id)?.logs);
	});

	it('sends `: ping` comments while nothing changes', async () => {
		const job = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x', fake: { queueMs: 200 } });
		const { comments } = await readEvents(await fetch(`${job.status_url}/stream`, authorised()));
		expect(comments.length).toBeGreaterThan(0);
		expect(new Set(comments)).toEqual(new Set([': ping']));
	});

	it('answers 404 for an unknown request and 401 without the key', async () => {
		expect((await fetch(`${fal.hosts.queueUrl}/fal-ai/flux/requests/nope/status/stream`, authorised())).status).toBe(404);
		const job = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x' });
		expect((await fetch(`${job.status_url}/stream`)).status).toBe(401);
	});

	it('is cut after N events without COMPLETED by a cut-stream fault', async () => {
		fal.inject({ match: { kind: 'status-stream' }, action: { type: 'cut-stream', afterEvents: 1 } });
		const job = await submit(fal, 'fal-ai/flux/dev', { prompt: 'x' });
		const { events } = await readEvents(await fetch(`${job.status_url}/stream?logs=1`, authorised()));
		expect(events).toHaveLength(1);
		expect(events[0].status).not.toBe('COMPLETED');
		await waitFor(() => fal.job(job.request_id)?.state === 'COMPLETED');
	});
});

describe('direct run', () => {
	it('answers the model output itself with x-fal-request-id', async () => {
		const answer = await call(fal, 'POST', `${fal.hosts.runUrl}/fal-ai/kling-video/v2/master/text-to-video`, { body: { prompt: 'x', seed: 7 } });
		expect(answer.status).toBe(200);
		expect(answer.headers.get('x-fal-request-id')).toBe(fal.requestsOf('run')[0].requestId);
		expect(answer.body).toEqual({
			video: { url: expect.stringContaining('/media/generated/'), content_type: 'video/mp4', file_name: 'output.mp4', file_size: expect.any(Number) },
			seed: 7,
		});
	});

	it('validates like the queue and relays model failures', async () => {
		expect((await call(fal, 'POST', `${fal.hosts.runUrl}/fal-ai/wizper`, { body: {} })).status).toBe(422);
		const failed = await call(fal, 'POST', `${fal.hosts.runUrl}/fal-ai/wizper`, { body: { audio_url: 'x', fake: { fail: 'model_error' } } });
		expect(failed.status).toBe(500);
	});

	it('streams partial results on /stream, the last one being the final result', async () => {
		const response = await fetch(`${fal.hosts.runUrl}/fal-ai/whisper/stream`, {
			method: 'POST',
			headers: { authorization: `Key ${fal.key}`, accept: 'text/event-stream', 'content-type': 'application/json' },
			body: JSON.stringify({ audio_url: 'http://127.0.0.1/a.wav', chunk_level: 'word' }),
		});
		expect(response.headers.get('content-type')).toBe('text/event-stream');
		const { events } = await readEvents(response);
		expect(events.length).toBeGreaterThan(2);
		const texts = events.map((event) => event.text as string);
		expect(texts[0].length).toBeLessThan(texts[texts.length - 1].length);
		expect(events[events.length - 1].chunks.length).toBe(texts[texts.length - 1].split(' ').length);
	});

	it('cuts a run stream before the final result with a cut-stream fault', async () => {
		fal.inject({ match: { kind: 'run-stream' }, action: { type: 'cut-stream', afterEvents: 2 } });
		const response = await fetch(`${fal.hosts.runUrl}/fal-ai/flux/dev/stream`, {
			method: 'POST',
			headers: { authorization: `Key ${fal.key}`, 'content-type': 'application/json' },
			body: JSON.stringify({ prompt: 'x' }),
		});
		const { events } = await readEvents(response);
		expect(events).toHaveLength(2);
		expect(events.every((event) => event.partial === true)).toBe(true);
	});
});
