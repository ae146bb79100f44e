/**
 * Large outputs on demand (`fake.mediaBytes`): the media a job returns is served padded to the
 * asked size, streamed, still a valid file of its type.
 */
import { startFakeFal, type FakeFal, MP4_BYTES } from './index';
import { call, submit, waitFor } from './test-http';

let fal: FakeFal;

beforeAll(async () => {
	fal = await startFakeFal({ queueMs: 0, runMs: 0 });
});
afterAll(() => fal.close());
beforeEach(() => fal.reset());

const MiB = 1024 * 1024;

/** Every byte of a streamed answer, counted without keeping them; the first and last few kept. */
async function readAll(response: Response): Promise<{ size: number; head: Buffer; tail: Buffer }> {
	let size = 0;
	let head = Buffer.alloc(0);
	let tail = Buffer.alloc(0);
	for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
		size += chunk.length;
		if (head.length < 4096) head = Buffer.concat([head, Buffer.from(chunk)]).subarray(0, 4096);
		tail = Buffer.concat([tail, Buffer.from(chunk)]).subarray(-16);
	}
	return { size, head, tail };
}

describe('padded media (fake.mediaBytes)', () => {
	it('serves a queued video result as an MP4 of exactly the asked size, ending in one free box', async () => {
		const size = 3 * MiB + 5;
		const submitted = await submit(fal, 'fal-ai/veo3', { prompt: 'x', fake: { mediaBytes: size } });
		const result = await waitFor(async () => {
			const answer = await call(fal, 'GET', submitted.response_url);
			return answer.status === 200 ? answer.body : undefined;
		});
		expect(result.video.file_size).toBe(size);
		expect(fal.job(submitted.request_id)?.input).toEqual({ prompt: 'x' });

		const head = await fetch(result.video.url, { method: 'HEAD' });
		expect(head.headers.get('content-length')).toBe(String(size));
		const served = await readAll(await fetch(result.video.url));
		expect(served.size).toBe(size);
		expect(served.head.subarray(0, MP4_BYTES.length)).toEqual(MP4_BYTES);
		const box = served.head.subarray(MP4_BYTES.length, MP4_BYTES.length + 8);
		expect(box.readUInt32BE(0)).toBe(size - MP4_BYTES.length);
		expect(box.subarray(4).toString('ascii')).toBe('free');
	});

	it('pads images of a direct run with zero bytes after the real file', async () => {
		const run = await call(fal, 'POST', `${fal.hosts.runUrl}/fal-ai/flux/dev`, { body: { prompt: 'x', fake: { mediaBytes: MiB } } });
		const served = await readAll(await fetch(run.body.images[0].url));
		expect(served.size).toBe(MiB);
		expect([...served.head.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
		expect(served.tail).toEqual(Buffer.alloc(16));
	});

	it('refuses a size smaller than the file itself, and ignores a size that is not a positive integer', async () => {
		const run = await call(fal, 'POST', `${fal.hosts.runUrl}/fal-ai/veo3`, { body: { prompt: 'x' } });
		const url = run.body.video.url as string;
		expect(url).not.toContain('size=');
		expect((await fetch(`${url}?size=10`)).status).toBe(400);
		const ignored = await fetch(`${url}?size=-3`);
		expect(Buffer.from(await ignored.arrayBuffer())).toEqual(MP4_BYTES);
		const notPadded = await call(fal, 'POST', `${fal.hosts.runUrl}/fal-ai/veo3`, { body: { prompt: 'x', fake: { mediaBytes: 'big' } } });
		expect(notPadded.body.video.url).not.toContain('size=');
	});
});
