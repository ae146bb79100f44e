import { crc32, inflateSync } from 'node:zlib';

import { startFakeFal, type FakeFal } from './index';
import { call } from './test-http';

let fal: FakeFal;

beforeAll(async () => {
	fal = await startFakeFal();
});
afterAll(() => fal.close());
beforeEach(() => fal.reset());

async function initiate(path: 'initiate' | 'initiate-multipart', body: unknown, headers: Record<string, string> = {}) {
	return call(fal, 'POST', `${fal.hosts.restUrl}/storage/upload/${path}?storage_type=fal-cdn-v3`, { body, headers });
}

/** `{upload_url path}/{suffix}{upload_url query}`, as fal's clients build part and complete URLs. */
function beside(uploadUrl: string, suffix: string): string {
	const url = new URL(uploadUrl);
	return `${url.origin}${url.pathname}/${suffix}${url.search}`;
}

describe('single upload', () => {
	it('initiates, takes the bytes with a PUT (no key needed) and serves them at file_url with the content type', async () => {
		const initiated = await initiate('initiate', { content_type: 'audio/wav', file_name: 'voice.wav' }, { 'x-fal-object-lifecycle': '{"expiration_duration_seconds":60}' });
		expect(initiated.status).toBe(200);
		const { upload_url: uploadUrl, file_url: fileUrl } = initiated.body;
		expect(fileUrl).toBe(`${fal.baseUrl}/media/files/${fileUrl.split('/')[5]}/voice.wav`);
		expect((await fetch(fileUrl)).status).toBe(404);

		const bytes = Buffer.from('RIFF....WAVE fake audio bytes');
		const put = await fetch(uploadUrl, { method: 'PUT', body: bytes, headers: { 'content-type': 'audio/wav' } });
		expect(put.status).toBe(200);

		const served = await fetch(fileUrl);
		expect(served.headers.get('content-type')).toBe('audio/wav');
		expect(served.headers.get('content-length')).toBe(String(bytes.length));
		expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
		expect(fal.requestsOf('upload-put')[0].bodySize).toBe(bytes.length);
	});

	it('requires the key to initiate, and content_type and file_name in the body', async () => {
		expect((await call(fal, 'POST', `${fal.hosts.restUrl}/storage/upload/initiate`, { body: { content_type: 'a/b', file_name: 'x' }, key: 'bad' })).status).toBe(401);
		const missing = await initiate('initiate', { file_name: 'x' });
		expect(missing.status).toBe(422);
		expect(missing.body.detail[0].loc).toEqual(['body', 'content_type']);
	});

	it('forgets stored uploads on reset', async () => {
		const { upload_url: uploadUrl, file_url: fileUrl } = (await initiate('initiate', { content_type: 'text/plain', file_name: 'kept.txt' })).body;
		expect((await fetch(uploadUrl, { method: 'PUT', body: 'stored bytes' })).status).toBe(200);
		expect((await fetch(fileUrl)).status).toBe(200);
		fal.reset();
		expect((await fetch(fileUrl)).status).toBe(404);
		expect((await fetch(uploadUrl, { method: 'PUT', body: 'again' })).status).toBe(403);
	});

	it('refuses a PUT whose upload token is wrong', async () => {
		const { upload_url: uploadUrl } = (await initiate('initiate', { content_type: 'text/plain', file_name: 'a.txt' })).body;
		const forged = uploadUrl.replace(/token=[^&]+/, 'token=forged');
		expect((await fetch(forged, { method: 'PUT', body: 'x' })).status).toBe(403);
	});
});

describe('multipart upload', () => {
	async function uploadParts(parts: Buffer[]) {
		const { upload_url: uploadUrl, file_url: fileUrl } = (await initiate('initiate-multipart', { content_type: 'video/mp4', file_name: 'big.mp4' })).body;
		const answers = [];
		for (const [index, part] of parts.entries()) {
			const response = await fetch(beside(uploadUrl, String(index + 1)), { method: 'PUT', body: part });
			answers.push((await response.json()) as { partNumber: number; etag: string });
		}
		return { uploadUrl, fileUrl, answers };
	}

	it('takes numbered parts ({partNumber, etag}), completes with the list and serves the parts back to back', async () => {
		const parts = [Buffer.alloc(3000, 1), Buffer.alloc(2000, 2), Buffer.from('tail')];
		const { uploadUrl, fileUrl, answers } = await uploadParts(parts);
		expect(answers.map((answer) => answer.partNumber)).toEqual([1, 2, 3]);
		expect(answers.every((answer) => /^[0-9a-f]{32}$/.test(answer.etag))).toBe(true);
		const completed = await call(fal, 'POST', beside(uploadUrl, 'complete'), { body: { parts: answers }, key: null });
		expect(completed.status).toBe(200);
		const served = await fetch(fileUrl);
		expect(served.headers.get('content-type')).toBe('video/mp4');
		expect(Buffer.from(await served.arrayBuffer())).toEqual(Buffer.concat(parts));
	});

	it('keeps the last try of a retried part', async () => {
		const { uploadUrl, fileUrl } = await uploadParts([Buffer.from('first try')]);
		const retried = (await (await fetch(beside(uploadUrl, '1'), { method: 'PUT', body: 'second' })).json()) as { partNumber: number; etag: string };
		await call(fal, 'POST', beside(uploadUrl, 'complete'), { body: { parts: [retried] } });
		expect(await (await fetch(fileUrl)).text()).toBe('second');
	});

	it.each([
		['a wrong etag', (answers: Array<{ partNumber: number; etag: string }>) => [answers[0], { ...answers[1], etag: 'nope' }]],
		['a part that was never uploaded', (answers: Array<{ partNumber: number; etag: string }>) => [...answers, { partNumber: 9, etag: 'x' }]],
		['parts out of order', (answers: Array<{ partNumber: number; etag: string }>) => [answers[1], answers[0]]],
		['an empty list', () => []],
	])('refuses to complete with %s', async (_label, listOf) => {
		const { uploadUrl, fileUrl, answers } = await uploadParts([Buffer.from('a'), Buffer.from('b')]);
		const completed = await call(fal, 'POST', beside(uploadUrl, 'complete'), { body: { parts: listOf(answers) } });
		expect(completed.status).toBe(400);
		expect((await fetch(fileUrl)).status).toBe(404);
	});
});

describe('media', () => {
	function chunks(png: Buffer): Array<{ type: string; data: Buffer; crcOk: boolean }> {
		const found = [];
		for (let at = 8; at < png.length; ) {
			const length = png.readUInt32BE(at);
			const type = png.toString('ascii', at + 4, at + 8);
			const data = png.subarray(at + 8, at + 8 + length);
			const crc = png.readUInt32BE(at + 8 + length);
			found.push({ type, data, crcOk: crc32(png.subarray(at + 4, at + 8 + length)) === crc });
			at += 12 + length;
		}
		return found;
	}

	it('serves generated images as real PNGs of the reported size, with valid CRCs', async () => {
		const run = await call(fal, 'POST', `${fal.hosts.runUrl}/fal-ai/flux/schnell`, { body: { prompt: 'x', output_format: 'png', image_size: { width: 40, height: 30 } } });
		const image = run.body.images[0];
		expect(image).toMatchObject({ width: 40, height: 30, content_type: 'image/png' });
		const response = await fetch(image.url);
		expect(response.headers.get('content-type')).toBe('image/png');
		const png = Buffer.from(await response.arrayBuffer());
		expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		const found = chunks(png);
		expect(found.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
		expect(found.every((chunk) => chunk.crcOk)).toBe(true);
		expect([found[0].data.readUInt32BE(0), found[0].data.readUInt32BE(4)]).toEqual([40, 30]);
		expect(inflateSync(found[1].data).length).toBe(30 * (1 + 40 * 3));
	});

	it.each([
		['sample.jpg', 'image/jpeg', [0xff, 0xd8, 0xff]],
		['sample.mp4', 'video/mp4', [0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70]],
		['sample.wav', 'audio/wav', [0x52, 0x49, 0x46, 0x46]],
	])('serves %s as %s with its real signature', async (name, contentType, signature) => {
		const response = await fetch(`${fal.hosts.mediaUrl}/samples/${name}`);
		expect(response.headers.get('content-type')).toBe(contentType);
		const bytes = Buffer.from(await response.arrayBuffer());
		expect([...bytes.subarray(0, signature.length)]).toEqual(signature);
	});

	it('reports the served size of a generated video as file_size', async () => {
		const run = await call(fal, 'POST', `${fal.hosts.runUrl}/fal-ai/veo3`, { body: { prompt: 'x' } });
		const response = await fetch(run.body.video.url, { method: 'HEAD' });
		expect(response.headers.get('content-length')).toBe(String(run.body.video.file_size));
	});

	it('returns media inline as data URIs with sync_mode', async () => {
		const run = await call(fal, 'POST', `${fal.hosts.runUrl}/fal-ai/flux/dev`, { body: { prompt: 'x', sync_mode: true, image_size: 'square' } });
		expect(run.body.images[0].url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
	});
});
