/**
 * The shared layer's pure pieces, without n8n's engine or the fake server.
 */
import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { FalApiError, FalTimeoutError, FalValidationError } from '../../nodes/FalAi/client/errors';
import { matchingCurated } from '../../nodes/FalAi/methods/listSearch';
import { IMAGE_TASK } from '../../nodes/FalAi/methods/curatedModels';
import {
	buildModelInput,
	decodeDataUri,
	downloadMediaOutputs,
	errorItemJson,
	fileNameFromUrl,
	findMediaOutputs,
	isMediaUrl,
	parseAdditionalInput,
	ProgressTracker,
	runWithConcurrency,
	splitPropertyNames,
	splitUrlList,
	toNodeError,
	uploadBinaryProperty,
	withDataUrisMarked,
} from '../../nodes/FalAi/shared';
import { clientConfigFromCredential } from '../../nodes/FalAi/transport';

const node: INode = {
	id: '1',
	name: 'Fal',
	type: 'falAiGenerateImage',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A promise and the function settling it, so tests decide when tasks finish. */
function gate(): { promise: Promise<void>; open: () => void } {
	let open!: () => void;
	const promise = new Promise<void>((resolve) => (open = resolve));
	return { promise, open };
}

describe('runWithConcurrency', () => {
	it('never has more than the limit in flight and keeps results in input order', async () => {
		let inFlight = 0;
		let mostInFlight = 0;
		const gates = Array.from({ length: 10 }, gate);
		const run = runWithConcurrency(
			10,
			async (index) => {
				inFlight++;
				mostInFlight = Math.max(mostInFlight, inFlight);
				await gates[index].promise;
				inFlight--;
				return `item ${index}`;
			},
			{ limit: 4, stopOnError: true },
		);
		// Finish in reverse order of start, as far as the lanes allow.
		for (const index of [3, 2, 1, 0, 7, 6, 5, 4, 9, 8]) {
			await Promise.resolve();
			gates[index].open();
			await new Promise((resolve) => setImmediate(resolve));
		}
		const report = await run;
		expect(mostInFlight).toBe(4);
		expect(report.outcomes.map((outcome) => (outcome?.ok ? outcome.value : 'failed'))).toEqual(
			Array.from({ length: 10 }, (_, index) => `item ${index}`),
		);
		expect(report.firstFailure).toBeUndefined();
	});

	it('on the first failure aborts the tasks in flight and starts no more when stopOnError', async () => {
		const aborted: number[] = [];
		const started: number[] = [];
		const report = await runWithConcurrency(
			6,
			async (index, signal) => {
				started.push(index);
				if (index === 1) throw new Error('bad item');
				await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
				aborted.push(index);
				throw new Error('aborted');
			},
			{ limit: 2, stopOnError: true },
		);
		expect(report.firstFailure).toBe(1);
		expect(started).toEqual([0, 1]);
		expect(aborted).toEqual([0]);
		expect(report.outcomes.slice(2)).toEqual([undefined, undefined, undefined, undefined]);
	});

	it('runs every item despite failures when stopOnError is off', async () => {
		const report = await runWithConcurrency(
			5,
			async (index) => {
				if (index === 2) throw new Error('bad');
				return index;
			},
			{ limit: 3, stopOnError: false },
		);
		expect(report.outcomes.map((outcome) => outcome?.ok)).toEqual([true, true, false, true, true]);
		expect(report.firstFailure).toBe(2);
	});

	it('forwards an outer abort to every task and reports the run as cancelled', async () => {
		const outer = new AbortController();
		const seen: boolean[] = [];
		const run = runWithConcurrency(
			3,
			async (_index, signal) => {
				await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
				seen.push(signal.aborted);
				throw new Error('stopped');
			},
			{ limit: 3, stopOnError: false, signal: outer.signal },
		);
		outer.abort();
		const report = await run;
		expect(seen).toEqual([true, true, true]);
		expect(report.cancelled).toBe(true);
	});
});

describe('model input', () => {
	it('merges the additional JSON last, so it overrides typed fields, and drops unset fields', () => {
		const input = buildModelInput(
			node,
			0,
			{ prompt: 'a fox', seed: undefined, negative_prompt: '', num_images: 1 },
			{ num_images: 3, loras: [{ path: 'x' }] },
			[{ key: 'prompt', displayName: 'Prompt' }],
		);
		expect(input).toEqual({ prompt: 'a fox', num_images: 3, loras: [{ path: 'x' }] });
	});

	it('names the item and the field when a required field is missing', () => {
		expect(() => buildModelInput(node, 3, { prompt: '  ' }, {}, [{ key: 'prompt', displayName: 'Prompt' }])).toThrow(
			'Item 3: "Prompt" is required',
		);
	});

	it('accepts a required field given only in the additional JSON', () => {
		const input = buildModelInput(node, 0, {}, { prompt: 'from JSON' }, [{ key: 'prompt', displayName: 'Prompt' }]);
		expect(input.prompt).toBe('from JSON');
	});

	it('parses the additional JSON from text or object and rejects anything but an object', () => {
		expect(parseAdditionalInput(node, '{"a": 1}', 0)).toEqual({ a: 1 });
		expect(parseAdditionalInput(node, { b: 2 }, 0)).toEqual({ b: 2 });
		expect(parseAdditionalInput(node, '  ', 0)).toEqual({});
		expect(() => parseAdditionalInput(node, '{oops', 2)).toThrow('Item 2: "Additional Input (Raw JSON, Applied Last)" is not valid JSON');
		expect(() => parseAdditionalInput(node, '[1, 2]', 1)).toThrow('must be a JSON object');
	});
});

describe('media helpers', () => {
	it('finds result files and names their binary properties image_0, image_1, video, audio', () => {
		const media = findMediaOutputs({
			images: [
				{ url: 'https://fal.media/a.png', content_type: 'image/png' },
				{ url: 'https://fal.media/b.png' },
			],
			video: { url: 'https://fal.media/v.mp4', file_name: 'clip.mp4' },
			audio: { url: 'https://fal.media/s.wav' },
			seed: 4,
			timings: { inference: 1 },
		});
		expect(media.map((file) => file.property)).toEqual(['image_0', 'image_1', 'video', 'audio']);
		expect(media[0].contentType).toBe('image/png');
		expect(media[2].fileName).toBe('clip.mp4');
	});

	it('replaces data URIs that went into binary data by a marker, without changing the result', () => {
		const dataUri = `data:image/png;base64,${Buffer.from('png bytes').toString('base64')}`;
		const result = {
			images: [{ url: dataUri, width: 8 }, { url: 'https://fal.media/b.png' }],
			mask: { url: dataUri },
			seed: 1,
		};
		const marked = withDataUrisMarked(result, findMediaOutputs(result));
		expect(marked).toEqual({
			images: [{ url: '[binary image_0]', width: 8 }, { url: 'https://fal.media/b.png' }],
			mask: { url: '[binary mask]' },
			seed: 1,
		});
		expect(result.images[0].url).toBe(dataUri);
		expect(result.mask.url).toBe(dataUri);
	});

	it('decodes data URIs returned in sync mode', () => {
		const decoded = decodeDataUri(`data:image/png;base64,${Buffer.from('png bytes').toString('base64')}`);
		expect(decoded.contentType).toBe('image/png');
		expect(decoded.buffer.toString()).toBe('png bytes');
	});

	it('splits URL lists by line or comma without breaking data URIs', () => {
		expect(splitUrlList('https://a.com/1.png, https://b.com/2.png\nhttps://c.com/3.png')).toEqual([
			'https://a.com/1.png',
			'https://b.com/2.png',
			'https://c.com/3.png',
		]);
		expect(splitUrlList('data:image/png;base64,AAAA')).toEqual(['data:image/png;base64,AAAA']);
		expect(splitUrlList(['https://a.com/x', ' '])).toEqual(['https://a.com/x']);
		expect(splitPropertyNames('data, data_1,')).toEqual(['data', 'data_1']);
	});

	it('accepts only http(s) and data: URLs as media', () => {
		expect(isMediaUrl('https://a.com/x.png')).toBe(true);
		expect(isMediaUrl('data:image/png;base64,AA')).toBe(true);
		expect(isMediaUrl('file:///etc/passwd')).toBe(false);
		expect(isMediaUrl('not a url')).toBe(false);
		expect(fileNameFromUrl('https://fal.media/files/x/my%20image.png')).toBe('my image.png');
	});
});

describe('ProgressTracker', () => {
	it('keeps queue changes only and each log line once', () => {
		const tracker = new ProgressTracker(() => new Date('2025-01-01T00:00:00Z'));
		const log = { message: 'step 1', level: 'INFO', timestamp: '2025-01-01T00:00:01Z' };
		tracker.record({ status: 'IN_QUEUE', queue_position: 2 });
		tracker.record({ status: 'IN_QUEUE', queue_position: 2 });
		tracker.record({ status: 'IN_QUEUE', queue_position: 0 });
		tracker.record({ status: 'IN_PROGRESS', logs: [log] });
		tracker.record({ status: 'COMPLETED', logs: [log, { message: 'done' }], metrics: { inference_time: 1.5 } });
		const report = tracker.report();
		expect(report.queueHistory.map((entry) => [entry.status, entry.queue_position])).toEqual([
			['IN_QUEUE', 2],
			['IN_QUEUE', 0],
			['IN_PROGRESS', undefined],
			['COMPLETED', undefined],
		]);
		expect(report.logs.map((entry) => entry.message)).toEqual(['step 1', 'done']);
		expect(report.inferenceTime).toBe(1.5);
	});
});

describe('error mapping', () => {
	const init = { method: 'POST', url: 'https://queue.fal.run/fal-ai/flux/dev' };

	it('shows a 422 as readable field: message lines', () => {
		const error = toNodeError(
			node,
			new FalValidationError({
				...init,
				status: 422,
				detail: [
					{ loc: ['body', 'prompt'], msg: 'field required', type: 'missing' },
					{ loc: ['body', 'image_size', 'width'], msg: 'must be at most 14142', type: 'value_error' },
				],
			}),
			2,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('"prompt": Field required.');
		expect(error.message).toContain('"image_size.width": Must be at most 14142');
		expect(error.context.itemIndex).toBe(2);
		expect(errorItemJson(error).field_errors).toEqual([
			{ field: 'prompt', message: 'field required' },
			{ field: 'image_size.width', message: 'must be at most 14142' },
		]);
	});

	it('starts fal\'s rejection with the item when asked (the item loop), and only then', () => {
		const rejection = () =>
			new FalValidationError({ ...init, status: 422, detail: [{ loc: ['body', 'prompt'], msg: 'field required', type: 'missing' }] });
		expect(toNodeError(node, rejection(), 2, { nameItem: true }).message).toBe('Item 2: fal rejected "prompt": Field required.');
		expect(toNodeError(node, rejection(), 0).message).toBe('fal rejected "prompt": Field required.');
	});

	it('tells the user to check the key on a 401, and to lower concurrency on a 429', () => {
		const unauthorized = toNodeError(node, new FalApiError({ ...init, status: 401, detail: 'No user found' }), 0);
		expect(unauthorized.message).toContain('check your fal key');
		expect((unauthorized as NodeApiError).httpCode).toBe('401');
		const limited = toNodeError(node, new FalApiError({ ...init, status: 429 }), 0);
		expect(limited.message).toContain('Max Concurrent Requests');
	});

	it('says a timed-out request was cancelled', () => {
		const error = toNodeError(node, new FalTimeoutError(30000, 'req-1', true), 1);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('The fal request (request req-1) did not finish within 30 s and was cancelled');
	});
});

describe('credential to client config', () => {
	const hosts = { queueUrl: 'http://q', runUrl: 'http://r', restUrl: 'http://s', platformUrl: 'http://p' };

	it('uses custom hosts only when "Custom Hosts" is on, and trims the key', () => {
		expect(clientConfigFromCredential({ apiKey: ' key ', customHosts: false, ...hosts })).toEqual({
			credentials: 'key',
		});
		expect(clientConfigFromCredential({ apiKey: 'key', customHosts: true, ...hosts, runUrl: ' ' })).toEqual({
			credentials: 'key',
			hosts: { queueUrl: 'http://q', restUrl: 'http://s', platformUrl: 'http://p' },
		});
	});
});

describe('curated models', () => {
	it('filters by id, name or description, case-insensitively', () => {
		expect(matchingCurated(IMAGE_TASK.curated, '').length).toBe(IMAGE_TASK.curated.length);
		expect(matchingCurated(IMAGE_TASK.curated, 'KONTEXT').map((model) => model.id)).toEqual(['fal-ai/flux-pro/kontext']);
	});
});

describe('binary streaming', () => {
	const { Readable } = jest.requireActual<typeof import('node:stream')>('node:stream');

	it('uploads stored binary data (filesystem / S3 mode) as a stream with its size', async () => {
		const stream = Readable.from([Buffer.from('abc')]);
		const upload = jest.fn(async () => ({ url: 'https://fal.media/x', contentType: 'image/png', fileName: 'a.png', size: 3 }));
		const ctx = {
			helpers: {
				assertBinaryData: () => ({ id: 'filesystem-v2:abc', mimeType: 'image/png', fileName: 'a.png', data: '' }),
				getBinaryStream: jest.fn(async () => stream),
				getBinaryMetadata: async () => ({ fileSize: 3 }),
				getBinaryDataBuffer: jest.fn(),
			},
		};
		const client = { storage: { upload } };
		await uploadBinaryProperty.call(ctx as never, client as never, 0, 'data');
		expect(ctx.helpers.getBinaryDataBuffer).not.toHaveBeenCalled();
		expect(upload).toHaveBeenCalledWith(stream, expect.objectContaining({ size: 3, contentType: 'image/png', fileName: 'a.png' }));
	});

	it('names a download after fal\'s file_name, else the served name', async () => {
		const prepareBinaryData = jest.fn(async () => ({ data: '', mimeType: 'video/mp4' }));
		const client = { download: async () => ({ body: Readable.from([Buffer.from('mp4')]), contentType: 'video/mp4', fileName: 'a1b2c3.mp4' }) };
		await downloadMediaOutputs.call({ helpers: { prepareBinaryData } } as never, client as never, [
			{ property: 'video', url: 'https://fal.media/files/x/a1b2c3.mp4', fileName: 'fox-walks.mp4' },
			{ property: 'audio', url: 'https://fal.media/files/x/a1b2c3.mp4' },
		]);
		expect(prepareBinaryData.mock.calls.map((call: unknown[]) => call[1])).toEqual(['fox-walks.mp4', 'a1b2c3.mp4']);
	});

	it('hands downloads to n8n as a stream with the served type', async () => {
		const body = Readable.from([Buffer.from('png')]);
		const prepareBinaryData = jest.fn(async () => ({ data: '', mimeType: 'image/png' }));
		const client = { download: async () => ({ body, contentType: 'image/png', fileName: 'out.png' }) };
		const binary = await downloadMediaOutputs.call(
			{ helpers: { prepareBinaryData } } as never,
			client as never,
			[{ property: 'image_0', url: 'https://fal.media/out.png', contentType: 'image/jpeg' }],
		);
		expect(prepareBinaryData).toHaveBeenCalledWith(body, 'out.png', 'image/png');
		expect(Object.keys(binary)).toEqual(['image_0']);
	});
});
