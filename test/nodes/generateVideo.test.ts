/**
 * Fal.ai Generate Video in real workflows (n8n's engine in-process) against the fake fal.
 */
import type { HarnessNode, WorkflowResult } from '../harness';
import { checkSubmissionTag, SUBMISSION_TAG_PARAMETER } from '../../nodes/FalAi/shared/webhookDelivery';
import { makePng, MP4_BYTES } from '../fake-fal';
import {
	bytesAt,
	expectRequestToFollow,
	expectTimedOutAndCancelled,
	jobInputOf,
	modelNode,
	pickerModelIds,
	rejectNextSubmit,
	runSingleNode,
	useFakeFal,
} from './support';

const fal = useFakeFal();
const NODE = 'Generate Video';
const KLING_TEXT = 'fal-ai/kling-video/v2.1/master/text-to-video';
const KLING_IMAGE = 'fal-ai/kling-video/v2.1/pro/image-to-video';

/** A Generate Video node running `model` (by id) with the parameters given. */
function videoNode(parameters: Record<string, unknown>, model = KLING_TEXT): HarnessNode {
	return modelNode({ name: NODE, type: 'falAiGenerateVideo', model }, parameters);
}

/** The model input fal recorded for the request of output item `index`. */
function inputOf(result: WorkflowResult, index = 0): Record<string, unknown> {
	return jobInputOf(fal(), result.output(NODE)[index]);
}

describe('Fal.ai Generate Video: text to video', () => {
	it('waits for the video and streams it into the binary field "video"', async () => {
		const result = await runSingleNode(fal(), videoNode({ prompt: 'a fox in the snow' }));

		const [item] = result.output(NODE);
		expect(item.json.video).toMatchObject({ content_type: 'video/mp4', file_name: 'output.mp4' });
		expect(item.json.endpoint_id).toBe(KLING_TEXT);
		expect(item.pairedItem).toEqual({ item: 0 });
		const binary = result.binaryData(NODE, 0, 'video');
		expect(binary.mimeType).toBe('video/mp4');
		expect(binary.fileName).toBe('output.mp4');
		expect(await result.binary(NODE, 0, 'video')).toEqual(MP4_BYTES);
	});

	it('keeps the video in filesystem binary data without loading it into the item', async () => {
		const result = await runSingleNode(fal(), videoNode({ prompt: 'a fox' }), { binaryDataMode: 'filesystem' });
		expect(result.binaryData(NODE, 0, 'video').id).toEqual(expect.any(String));
		expect(await result.binary(NODE, 0, 'video')).toEqual(MP4_BYTES);
	});

	it('returns only the URL when asked, without downloading', async () => {
		const result = await runSingleNode(fal(), videoNode({ prompt: 'a fox', outputMedia: 'url' }));
		const [item] = result.output(NODE);
		expect(item.binary).toBeUndefined();
		expect((item.json.video as { url: string }).url).toContain('/media/generated/');
		expect(fal().requestsOf('media')).toHaveLength(0);
	});

	it('sends the typed fields under fal\'s names, the duration as Kling expects it', async () => {
		const result = await runSingleNode(
			fal(),
			videoNode({
				prompt: 'a fox',
				duration: 10,
				aspectRatio: '9:16',
				resolution: '1080p',
				parameters: { negativePrompt: 'blur', seed: 42, generateAudio: false },
				outputMedia: 'url',
			}),
		);
		expect(inputOf(result)).toEqual({
			prompt: 'a fox',
			duration: '10',
			aspect_ratio: '9:16',
			resolution: '1080p',
			negative_prompt: 'blur',
			seed: 42,
			generate_audio: false,
		});
	});

	it.each([
		['fal-ai/veo3/fast', 8, { duration: '8s' }],
		['fal-ai/minimax/hailuo-02/standard/text-to-video', 6, { duration: '6' }],
		['fal-ai/wan/v2.2-a14b/text-to-video', 5, { num_frames: 81 }],
		['fal-ai/ltx-2/text-to-video/fast', 8, { duration: 8 }],
	])('maps the duration for %s', async (model, duration, expected) => {
		const result = await runSingleNode(fal(), videoNode({ prompt: 'a fox', duration, outputMedia: 'url' }, model));
		expect(inputOf(result)).toEqual({ prompt: 'a fox', ...expected });
	});

	it('writes MiniMax resolutions the MiniMax way', async () => {
		const result = await runSingleNode(
			fal(),
			videoNode({ prompt: 'a fox', resolution: '768p', outputMedia: 'url' }, 'fal-ai/minimax/hailuo-02/standard/text-to-video'),
		);
		expect(inputOf(result).resolution).toBe('768P');
	});

	it('lets the additional JSON override the duration, even one the family does not offer', async () => {
		const result = await runSingleNode(
			fal(),
			videoNode({ prompt: 'a fox', duration: 7, additionalInput: '{"duration": "5", "cfg_scale": 0.7}', outputMedia: 'url' }),
		);
		expect(inputOf(result)).toEqual({ prompt: 'a fox', duration: '5', cfg_scale: 0.7 });
	});

	it('refuses a duration the model family does not offer, naming the item, field and choices', async () => {
		const result = await runSingleNode(fal(), videoNode({ prompt: 'a fox', duration: 7 }));
		expect(result.error?.message).toBe('Item 0: "Duration (Seconds)" of 7 is not offered by Kling models (5 or 10 seconds)');
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});
});

describe('Fal.ai Generate Video: image to video', () => {
	const start = makePng(16, 9, 1);
	const end = makePng(16, 9, 2);

	it.each(['memory', 'filesystem'] as const)(
		'uploads the start and end images from binary fields as image_url and tail_image_url (%s mode)',
		async (binaryDataMode) => {
			const result = await runSingleNode(
				fal(),
				videoNode(
					{
						prompt: 'the fox turns its head',
						startImageSource: 'binary',
						startImageBinaryProperty: 'first',
						endImageSource: 'binary',
						endImageBinaryProperty: 'last',
					},
					KLING_IMAGE,
				),
				{
					items: [
						{
							json: {},
							binary: {
								first: { buffer: start, fileName: 'first.png', mimeType: 'image/png' },
								last: { buffer: end, fileName: 'last.png', mimeType: 'image/png' },
							},
						},
					],
					binaryDataMode,
				},
			);

			const input = inputOf(result) as { image_url: string; tail_image_url: string };
			expect(await bytesAt(input.image_url)).toEqual(start);
			expect(await bytesAt(input.tail_image_url)).toEqual(end);
			expect(fal().requestsOf('upload-initiate').map((request) => (request.body as { file_name: string }).file_name)).toEqual([
				'first.png',
				'last.png',
			]);
			expect(await result.binary(NODE, 0, 'video')).toEqual(MP4_BYTES);
		},
	);

	it('passes image URLs through, under the end image field the family expects', async () => {
		const result = await runSingleNode(
			fal(),
			videoNode(
				{
					prompt: 'zoom out',
					startImageSource: 'url',
					startImageUrl: 'https://example.com/a.png',
					endImageSource: 'url',
					endImageUrl: 'https://example.com/b.png',
					outputMedia: 'url',
				},
				'fal-ai/minimax/hailuo-02/standard/image-to-video',
			),
		);
		expect(inputOf(result)).toEqual({
			prompt: 'zoom out',
			image_url: 'https://example.com/a.png',
			end_image_url: 'https://example.com/b.png',
		});
		expect(fal().requestsOf('upload-initiate')).toHaveLength(0);
	});

	it('uses the field names set on the node', async () => {
		const result = await runSingleNode(
			fal(),
			videoNode({
				prompt: 'p',
				startImageSource: 'url',
				startImageUrl: 'https://example.com/a.png',
				startImageField: 'start_image_url',
				endImageSource: 'url',
				endImageUrl: 'https://example.com/b.png',
				endImageField: 'end_image_url',
				outputMedia: 'url',
			}),
		);
		expect(inputOf(result)).toMatchObject({ start_image_url: 'https://example.com/a.png', end_image_url: 'https://example.com/b.png' });
	});

	it('fails before submitting when an image-to-video model gets no start image', async () => {
		const result = await runSingleNode(fal(), videoNode({ prompt: 'p' }, KLING_IMAGE));
		expect(result.error?.message).toBe('Item 0: "Start Image" is required by image-to-video models');
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});
});

describe('Fal.ai Generate Video: no silent fallbacks', () => {
	it('fails naming the item and field when the duration expression gives no number', async () => {
		const result = await runSingleNode(
			fal(),
			videoNode({ prompt: 'a fox', duration: '={{ Number($json.seconds) }}' }),
			{ items: [{ json: { seconds: 'five' } }] },
		);
		expect(result.error?.message).toBe('Item 0: "Duration (Seconds)" must be a positive number of seconds (got NaN)');
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});

	it('takes a duration given as text by an expression', async () => {
		const result = await runSingleNode(
			fal(),
			videoNode({ prompt: 'a fox', duration: '={{ $json.seconds }}', outputMedia: 'url' }),
			{ items: [{ json: { seconds: '10' } }] },
		);
		expect(inputOf(result).duration).toBe('10');
	});

	it('refuses several start images instead of sending the first, before uploading anything', async () => {
		const result = await runSingleNode(
			fal(),
			videoNode({ prompt: 'p', startImageSource: 'binary', startImageBinaryProperty: 'a, b' }, KLING_IMAGE),
			{
				items: [{ json: {}, binary: { a: { buffer: makePng(4, 4), fileName: 'a.png' }, b: { buffer: makePng(4, 4), fileName: 'b.png' } } }],
			},
		);
		expect(result.error?.message).toBe('Item 0: "Start Image" takes one file, but 2 binary fields were given');
		expect(fal().requestsOf('upload-initiate')).toHaveLength(0);
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});

	it('refuses several end image URLs', async () => {
		const result = await runSingleNode(
			fal(),
			videoNode(
				{
					prompt: 'p',
					startImageSource: 'url',
					startImageUrl: 'https://example.com/a.png',
					endImageSource: 'url',
					endImageUrl: 'https://example.com/b.png\nhttps://example.com/c.png',
				},
				KLING_IMAGE,
			),
		);
		expect(result.error?.message).toBe('Item 0: "End Image" takes one file, but 2 URLs were given');
	});
});

describe('Fal.ai Generate Video: frame image fields from the endpoint\'s schema', () => {
	const ENDPOINT = 'someone/frames-to-video';
	/** fal's platform API answering with a schema whose frame fields are `first_frame_url` / `last_frame_url`. */
	const publishFrameSchema = () =>
		fal().inject({
			match: { kind: 'models' },
			times: Infinity,
			action: {
				type: 'status',
				status: 200,
				body: {
					models: [
						{
							endpoint_id: ENDPOINT,
							openapi: {
								openapi: '3.0.4',
								components: {
									schemas: {
										FramesToVideoInput: {
											type: 'object',
											properties: {
												prompt: { type: 'string' },
												first_frame_url: { type: 'string' },
												last_frame_url: { type: 'string' },
											},
											required: ['prompt', 'first_frame_url'],
										},
									},
								},
							},
						},
					],
					next_cursor: null,
					has_more: false,
				},
			},
		});

	it('sends the start and end images under the fields the schema has when the node leaves them empty', async () => {
		publishFrameSchema();
		const result = await runSingleNode(
			fal(),
			videoNode(
				{
					prompt: 'p',
					startImageSource: 'url',
					startImageUrl: 'https://example.com/a.png',
					endImageSource: 'url',
					endImageUrl: 'https://example.com/b.png',
					outputMedia: 'url',
				},
				ENDPOINT,
			),
		);
		expect(inputOf(result)).toEqual({
			prompt: 'p',
			first_frame_url: 'https://example.com/a.png',
			last_frame_url: 'https://example.com/b.png',
		});
	});

	it('does not ask for the schema of a text-to-video run', async () => {
		await runSingleNode(fal(), videoNode({ prompt: 'a fox', outputMedia: 'url' }));
		expect(fal().requestsOf('models')).toHaveLength(0);
	});
});

describe('Fal.ai Generate Video: execution modes', () => {
	it('Submit Only returns the request to follow and registers the webhook', async () => {
		const result = await runSingleNode(
			fal(),
			videoNode({ prompt: 'p', executionMode: 'submit', webhookUrl: 'https://n8n.example.com/webhook/fal' }),
		);
		const [item] = result.output(NODE);
		expectRequestToFollow(fal(), item, KLING_TEXT);
		// The URL fal gets carries the submission tag a Fal.ai Trigger can check, made with the credential's key.
		const webhookUrl = new URL(String(item.json.webhook_url));
		expect(webhookUrl.origin + webhookUrl.pathname).toBe('https://n8n.example.com/webhook/fal');
		expect(checkSubmissionTag(webhookUrl.searchParams.get(SUBMISSION_TAG_PARAMETER), fal().key)).toEqual({ ok: true });
		expect(fal().job(item.json.request_id as string)?.webhookUrl).toBe(item.json.webhook_url);
	});

	it('Direct Run calls fal.run and downloads the video', async () => {
		const result = await runSingleNode(fal(), videoNode({ prompt: 'p', executionMode: 'run' }));
		expect(fal().requestsOf('run')).toHaveLength(1);
		expect(fal().requestsOf('submit')).toHaveLength(0);
		expect(await result.binary(NODE, 0, 'video')).toEqual(MP4_BYTES);
	});
});

describe('Fal.ai Generate Video: failures', () => {
	it('shows fal\'s 422 as field: message lines', async () => {
		rejectNextSubmit(fal(), [
			{ loc: ['body', 'duration'], msg: "value is not a valid enumeration member; permitted: '5', '10'", type: 'type_error.enum' },
			{ loc: ['body', 'aspect_ratio'], msg: 'unexpected value', type: 'value_error' },
		]);
		const result = await runSingleNode(fal(), videoNode({ prompt: 'p' }));
		expect(result.error?.message).toBe(
			"Item 0: fal rejected 2 inputs:\n\"duration\": Value is not a valid enumeration member; permitted: '5', '10'.\n\"aspect_ratio\": Unexpected value.",
		);
	});

	it('with Continue On Fail turns a bad item into an error item and still runs the others', async () => {
		const result = await runSingleNode(
			fal(),
			{ ...videoNode({ prompt: '={{ $json.prompt }}', outputMedia: 'url' }), onError: 'continueRegularOutput' },
			{ items: [{ json: { prompt: 'one' } }, { json: { prompt: ' ' } }, { json: { prompt: 'three' } }] },
		);

		const output = result.output(NODE);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.video).toBeDefined();
		expect(output[1].json.error).toBe('Item 1: "Prompt" is required');
		expect(output[2].json.video).toBeDefined();
		expect(fal().requestsOf('submit')).toHaveLength(2);
	});

	it('cancels the fal job when the timeout passes, and says so', async () => {
		const result = await runSingleNode(
			fal(),
			videoNode({ prompt: 'slow', additionalInput: '{"fake": {"runMs": 60000}}', options: { timeout: 1 } }),
		);
		expectTimedOutAndCancelled(fal(), result, 1);
	});
});

describe('Fal.ai Generate Video: model picker', () => {
	it('lists the curated video models first, then video models from fal\'s catalogue', async () => {
		const ids = await pickerModelIds(fal(), 'falAiGenerateVideo', 'searchVideoModels');
		expect(ids[0]).toBe(KLING_TEXT);
		expect(ids).toEqual(expect.arrayContaining(['fal-ai/veo3', 'fal-ai/kling-video/v2/master/text-to-video']));
		expect(ids).not.toContain('fal-ai/flux/dev');
	});
});
