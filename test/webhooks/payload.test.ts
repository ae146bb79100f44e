import { findMediaReferences, isFinalStatus, parseFalWebhookPayload } from '../../nodes/FalAi/client/webhooks';

describe('parseFalWebhookPayload', () => {
	it('reads a success delivery from raw bytes', () => {
		const body = { request_id: 'r1', gateway_request_id: 'g1', status: 'OK', payload: { seed: 1 } };
		expect(parseFalWebhookPayload(Buffer.from(JSON.stringify(body)))).toEqual({ ok: true, value: body });
	});

	it('keeps the error and the error body of a failed request', () => {
		const body = {
			request_id: 'r1',
			gateway_request_id: 'r1',
			status: 'ERROR',
			error: 'Invalid status code: 422',
			payload: { detail: [{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' }] },
		};
		expect(parseFalWebhookPayload(body)).toEqual({ ok: true, value: body });
	});

	it('keeps payload_error when the output could not be serialised', () => {
		const parsed = parseFalWebhookPayload({ request_id: 'r1', status: 'OK', payload: null, payload_error: 'too big' });
		expect(parsed).toEqual({
			ok: true,
			value: { request_id: 'r1', gateway_request_id: 'r1', status: 'OK', payload: null, payload_error: 'too big' },
		});
	});

	it.each([
		['not JSON', Buffer.from('{"request_id":'), /not valid JSON/],
		['an array', [], /not a JSON object/],
		['without request_id', { status: 'OK', payload: {} }, /no request_id/],
		['without a status', { request_id: 'r1', payload: {} }, /no status/],
	])('rejects a body that is %s', (_label, body, message) => {
		const parsed = parseFalWebhookPayload(body);
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && parsed.message).toMatch(message);
	});

	it('passes on a status other than OK and ERROR (an event kind fal may send), marked as not final', () => {
		const parsed = parseFalWebhookPayload({ request_id: 'r1', status: 'IN_PROGRESS', payload: null });
		expect(parsed).toEqual({ ok: true, value: { request_id: 'r1', gateway_request_id: 'r1', status: 'IN_PROGRESS', payload: null } });
		expect(isFinalStatus('IN_PROGRESS')).toBe(false);
		expect(isFinalStatus('OK') && isFinalStatus('ERROR')).toBe(true);
	});
});

describe('findMediaReferences', () => {
	it('finds image lists and single files under their usual keys, named by position', () => {
		const result = {
			images: [
				{ url: 'https://fal.media/a.png', content_type: 'image/png', width: 1, height: 1 },
				{ url: 'https://fal.media/b.png', width: 1, height: 1 },
			],
			video: { url: 'https://fal.media/v.mp4', file_name: 'clip.mp4' },
			seed: 7,
		};
		expect(findMediaReferences(result)).toEqual([
			{ url: 'https://fal.media/a.png', contentType: 'image/png', fileName: undefined, path: 'images[0]', name: 'image_0' },
			{ url: 'https://fal.media/b.png', contentType: undefined, fileName: undefined, path: 'images[1]', name: 'image_1' },
			{ url: 'https://fal.media/v.mp4', contentType: undefined, fileName: 'clip.mp4', path: 'video', name: 'video' },
		]);
	});

	it('finds nested files that declare a content type, and ignores plain URLs', () => {
		const result = {
			prompt: 'https://example.com/not-a-file',
			output: { mesh: { url: 'https://fal.media/m.glb', content_type: 'model/gltf-binary' } },
			thumbnail_link: { url: 'https://example.com/page' },
		};
		expect(findMediaReferences(result).map(({ path, name }) => ({ path, name }))).toEqual([
			{ path: 'output.mesh', name: 'mesh' },
		]);
	});

	it('accepts inline data URIs and lists each URL once', () => {
		const png = 'data:image/png;base64,iVBORw0KGgo=';
		const result = { image: { url: png }, images: [{ url: png, content_type: 'image/png' }] };
		expect(findMediaReferences(result)).toHaveLength(1);
	});

	it('keeps names unique when two places give the same one', () => {
		const result = {
			a: { video: { url: 'https://fal.media/1.mp4' } },
			b: { video: { url: 'https://fal.media/2.mp4' } },
		};
		expect(findMediaReferences(result).map((reference) => reference.name)).toEqual(['video', 'video_2']);
	});

	it('stops at the limit', () => {
		const images = Array.from({ length: 10 }, (_, index) => ({ url: `https://fal.media/${index}.png`, content_type: 'image/png' }));
		expect(findMediaReferences({ images }, 3)).toHaveLength(3);
	});

	it('finds nothing in results without files', () => {
		expect(findMediaReferences({ text: 'hello', chunks: [{ text: 'hello', timestamp: [0, 1] }] })).toEqual([]);
		expect(findMediaReferences(null)).toEqual([]);
	});
});
