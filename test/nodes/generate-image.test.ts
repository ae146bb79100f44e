/**
 * Fal.ai Generate Image in real workflows (n8n's engine in-process) against the fake fal.
 */
import { requiresPrompt } from '../../nodes/FalAi/GenerateImage/promptRequirement';
import { autoSourceImageField } from '../../nodes/FalAi/GenerateImage/sourceImageField';
import type { ModelInputSchema } from '../../nodes/FalAi/schema';
import { runWorkflow } from '../harness';
import { checkSubmissionTag, SUBMISSION_TAG_PARAMETER } from '../../nodes/FalAi/shared/webhookDelivery';
import { makePng } from '../fake-fal';
import {
	bytesAt,
	eventually,
	expectRequestToFollow,
	expectTimedOutAndCancelled,
	falCredentials,
	imageNode,
	jobInputOf,
	PNG_SIGNATURE,
	rejectNextSubmit,
	runSingleNode,
	useFakeFal,
} from './support';

const fal = useFakeFal();
const NODE = 'Generate Image';

describe('Fal.ai Generate Image: results', () => {
	it('downloads every generated image into binary image_0, image_1 with its real type and name', async () => {
		const result = await runSingleNode(fal(), imageNode({ prompt: 'a fox', numImages: 2, parameters: { outputFormat: 'png' } }));

		const [item] = result.output(NODE);
		expect(item.json.images).toHaveLength(2);
		expect(item.json.endpoint_id).toBe('fal-ai/flux/dev');
		expect(item.json.request_id).toEqual(expect.any(String));
		for (const property of ['image_0', 'image_1']) {
			const binary = result.binaryData(NODE, 0, property);
			expect(binary.mimeType).toBe('image/png');
			expect(binary.fileName).toMatch(/\.png$/);
			expect((await result.binary(NODE, 0, property)).subarray(0, 8)).toEqual(PNG_SIGNATURE);
		}
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('streams downloads into filesystem binary data', async () => {
		const result = await runSingleNode(
			fal(),
			imageNode({ prompt: 'a fox', parameters: { outputFormat: 'png' } }),
			{ binaryDataMode: 'filesystem' },
		);
		expect(result.binaryData(NODE, 0, 'image_0').id).toEqual(expect.any(String));
		expect((await result.binary(NODE, 0, 'image_0')).subarray(0, 8)).toEqual(PNG_SIGNATURE);
	});

	it('decodes sync_mode data URIs into binary and leaves a short marker in the JSON', async () => {
		const result = await runSingleNode(fal(), imageNode({ prompt: 'a fox', numImages: 2, additionalInput: '{"sync_mode": true}' }));

		const [item] = result.output(NODE);
		expect((item.json.images as Array<{ url: string }>).map((image) => image.url)).toEqual(['[binary image_0]', '[binary image_1]']);
		expect((await result.binary(NODE, 0, 'image_1')).subarray(0, 8)).toEqual(PNG_SIGNATURE);
		expect(fal().requestsOf('media')).toHaveLength(0);
	});

	it('leaves media as URLs when asked, without downloading', async () => {
		const result = await runSingleNode(fal(), imageNode({ prompt: 'a fox', outputMedia: 'url' }));
		expect(result.output(NODE)[0].binary).toBeUndefined();
		expect(fal().requestsOf('media')).toHaveLength(0);
	});

	it('sends the typed fields under fal\'s names and lets the additional JSON override them', async () => {
		const result = await runSingleNode(
			fal(),
			imageNode({
				prompt: 'a fox',
				imageSize: 'custom',
				width: 640,
				height: 480,
				numImages: 1,
				parameters: { negativePrompt: 'blur', seed: 42, numInferenceSteps: 12, guidanceScale: 4, enableSafetyChecker: false },
				additionalInput: '{"seed": 7, "loras": [{"path": "https://example.com/l.safetensors"}]}',
				outputMedia: 'url',
			}),
		);
		expect(jobInputOf(fal(), result.output(NODE)[0])).toEqual({
			prompt: 'a fox',
			image_size: { width: 640, height: 480 },
			num_images: 1,
			negative_prompt: 'blur',
			seed: 7,
			num_inference_steps: 12,
			guidance_scale: 4,
			enable_safety_checker: false,
			loras: [{ path: 'https://example.com/l.safetensors' }],
		});
	});

	it('adds queue position history, logs and inference time when asked', async () => {
		const result = await runSingleNode(
			fal(),
			imageNode({
				prompt: 'a fox',
				outputMedia: 'url',
				options: { includeQueueHistory: true, includeLogs: true, includeMetrics: true },
			}),
		);
		const { json } = result.output(NODE)[0];
		const history = json.queue_history as Array<{ status: string }>;
		expect(history[0].status).toBe('IN_QUEUE');
		expect(history[history.length - 1].status).toBe('COMPLETED');
		expect(Array.isArray(json.logs)).toBe(true);
		expect(json.inference_time).toEqual(expect.any(Number));
	});
});

describe('Fal.ai Generate Image: source images', () => {
	const png = makePng(8, 8);

	it.each(['memory', 'filesystem'] as const)(
		'uploads a binary source image to fal storage and sends its URL as image_url (%s mode)',
		async (binaryDataMode) => {
			const result = await runSingleNode(
				fal(),
				imageNode({ prompt: 'make it blue', sourceImageSource: 'binary', sourceImageBinaryProperty: 'photo', outputMedia: 'url' }),
				{ items: [{ json: {}, binary: { photo: { buffer: png, fileName: 'photo.png', mimeType: 'image/png' } } }], binaryDataMode },
			);
			const input = jobInputOf(fal(), result.output(NODE)[0]) as { image_url: string };
			expect(input.image_url).toContain(fal().baseUrl);
			expect(await bytesAt(input.image_url)).toEqual(png);
			expect(fal().requestsOf('upload-initiate')[0].body).toMatchObject({ file_name: 'photo.png', content_type: 'image/png' });
		},
	);

	it('sends several binaries as image_urls', async () => {
		const result = await runSingleNode(
			fal(),
			imageNode({
				prompt: 'merge',
				sourceImageSource: 'binary',
				sourceImageBinaryProperty: 'a, b',
				sourceImageField: 'image_urls',
				outputMedia: 'url',
			}),
			{ items: [{ json: {}, binary: { a: { buffer: png, fileName: 'a.png' }, b: { buffer: png, fileName: 'b.png' } } }] },
		);
		expect(jobInputOf(fal(), result.output(NODE)[0]).image_urls).toHaveLength(2);
	});

	it('passes a source image URL through without uploading', async () => {
		const result = await runSingleNode(
			fal(),
			imageNode({ prompt: 'edit', sourceImageSource: 'url', sourceImageUrl: 'https://example.com/cat.png', outputMedia: 'url' }),
		);
		expect(jobInputOf(fal(), result.output(NODE)[0]).image_url).toBe('https://example.com/cat.png');
		expect(fal().requestsOf('upload-initiate')).toHaveLength(0);
	});
});

describe('Fal.ai Generate Image: many items', () => {
	it('runs 10 items at most 4 at a time, keeping output order and pairing', async () => {
		const items = Array.from({ length: 10 }, (_, index) => ({ json: { prompt: `picture ${index}` } }));
		const result = await runSingleNode(
			fal(),
			imageNode({
				prompt: '={{ $json.prompt }}',
				outputMedia: 'url',
				// Later items finish first, so completion order differs from input order.
				additionalInput: '={{ JSON.stringify({ fake: { queueMs: 0, runMs: 200 - $json.prompt.split(" ")[1] * 15 } }) }}',
				options: { maxConcurrency: 4 },
			}),
			{ items },
		);

		const output = result.output(NODE);
		expect(output.map((item) => item.json.prompt)).toEqual(items.map((item) => item.json.prompt));
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));

		// Requests open from submit until their result is fetched: never more than 4 at once.
		let open = 0;
		let mostOpen = 0;
		for (const request of fal().requests) {
			if (request.kind === 'submit') mostOpen = Math.max(mostOpen, ++open);
			if (request.kind === 'result') open--;
		}
		expect(mostOpen).toBe(4);
	});

	it('with Continue On Fail turns a bad item into an error item and still runs the others', async () => {
		const items = [{ json: { prompt: 'one' } }, { json: { prompt: '' } }, { json: { prompt: 'three' } }];
		const result = await runSingleNode(
			fal(),
			{ ...imageNode({ prompt: '={{ $json.prompt }}', outputMedia: 'url' }), onError: 'continueRegularOutput' },
			{ items },
		);

		const output = result.output(NODE);
		expect(output).toHaveLength(3);
		expect(output[0].json.prompt).toBe('one');
		expect(output[1].json.error).toBe('Item 1: "Prompt" is required');
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[2].json.prompt).toBe('three');
		expect(fal().requestsOf('submit')).toHaveLength(2);
	});

	it('without Continue On Fail fails naming the item and the field, before submitting it', async () => {
		// An expression, as when the prompt comes from a previous node (a literal empty required
		// field would already stop n8n from starting the run).
		const result = await runSingleNode(fal(), imageNode({ prompt: '={{ $json.missing ?? "" }}' }));
		expect(result.error?.message).toBe('Item 0: "Prompt" is required');
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});

	it('rejects a malformed endpoint id before calling fal', async () => {
		const result = await runSingleNode(
			fal(),
			imageNode({ prompt: 'x', model: { __rl: true, mode: 'id', value: '={{ "just-one-segment" }}' } }),
		);
		expect(result.error?.message).toBe('Item 0: "Model" is not a valid endpoint id');
		expect(fal().requests.filter((request) => request.kind !== 'media')).toHaveLength(0);
	});
});

describe('Fal.ai Generate Image: failures', () => {
	it('cancels the fal job when the timeout passes, and says so', async () => {
		const result = await runSingleNode(
			fal(),
			imageNode({ prompt: 'slow', additionalInput: '{"fake": {"runMs": 60000}}', options: { timeout: 1 } }),
		);
		expectTimedOutAndCancelled(fal(), result, 1);
	});

	it('shows fal\'s 422 as field: message lines', async () => {
		rejectNextSubmit(fal(), [{ loc: ['body', 'image_size'], msg: 'unsupported size', type: 'value_error' }]);
		const result = await runSingleNode(fal(), imageNode({ prompt: 'x' }));
		expect(result.error?.message).toBe('Item 0: fal rejected "image_size": Unsupported size.');
	});

	it('asks to check the fal key on a 401 and never shows the key', async () => {
		const wrongKey = 'wrong-key-id:wrong-key-secret';
		const result = await runWorkflow({
			nodes: [imageNode({ prompt: 'x' })],
			credentials: falCredentials(fal(), wrongKey),
		});
		expect(result.error?.message).toContain('check your fal key');
		expect(JSON.stringify(result.run)).not.toContain('wrong-key-secret');
	});

	it('gets through a 429 by retrying', async () => {
		fal().inject({ match: { kind: 'submit' }, action: { type: 'status', status: 429, headers: { 'Retry-After': '0' } } });
		const result = await runSingleNode(fal(), imageNode({ prompt: 'x', outputMedia: 'url' }));
		expect(result.error).toBeUndefined();
		expect(result.output(NODE)[0].json.images).toHaveLength(1);
		expect(fal().requestsOf('submit')).toHaveLength(2);
	});

	it('reports a failed model with fal\'s message', async () => {
		const result = await runSingleNode(fal(), imageNode({ prompt: 'x', additionalInput: '{"fake": {"fail": "model_error"}}' }));
		expect(result.error?.message).toBe('The fal model failed to process the request');
		expect(result.error?.description).toContain('fal model failed');
	});

	it('cancels the fal jobs in flight when the execution is stopped', async () => {
		const run = runSingleNode(
			fal(),
			imageNode({ prompt: '={{ $json.prompt }}', additionalInput: '{"fake": {"runMs": 60000}}', options: { maxConcurrency: 3 } }),
			{ items: Array.from({ length: 5 }, (_, index) => ({ json: { prompt: `p${index}` } })) },
		);
		await eventually(() => fal().jobs.length === 3);
		run.cancel();
		const result = await run;

		expect(result.status).toBe('canceled');
		await eventually(() => fal().requestsOf('cancel').length === 3);
		expect(fal().jobs.every((job) => job.cancelled)).toBe(true);
		expect(fal().requestsOf('submit')).toHaveLength(3);
	});
});

describe('Fal.ai Generate Image: other execution modes', () => {
	it('Submit Only returns the request id and URLs at once and registers the webhook', async () => {
		const result = await runSingleNode(
			fal(),
			imageNode({ prompt: 'x', executionMode: 'submit', webhookUrl: 'https://n8n.example.com/webhook/fal' }),
		);
		const [item] = result.output(NODE);
		expectRequestToFollow(fal(), item, 'fal-ai/flux/dev');
		// The URL fal gets carries the submission tag a Fal.ai Trigger can check, made with the credential's key.
		const webhookUrl = new URL(String(item.json.webhook_url));
		expect(webhookUrl.origin + webhookUrl.pathname).toBe('https://n8n.example.com/webhook/fal');
		expect(checkSubmissionTag(webhookUrl.searchParams.get(SUBMISSION_TAG_PARAMETER), fal().key)).toEqual({ ok: true });
		expect(fal().job(item.json.request_id as string)?.webhookUrl).toBe(item.json.webhook_url);
	});

	it.each(['wait', 'run'])('keeps a seed above 2^53 exact in seed_exact (%s)', async (executionMode) => {
		const result = await runSingleNode(
			fal(),
			imageNode({ prompt: 'x', executionMode, outputMedia: 'url', additionalInput: '{"fake": {"bigSeed": "17454220438242315174"}}' }),
		);
		const [item] = result.output(NODE);
		expect(item.json.seed_exact).toBe('17454220438242315174');
		expect(item.json.seed).toBe(17454220438242315174);
	});

	it('Direct Run calls fal.run and returns the result', async () => {
		const result = await runSingleNode(fal(), imageNode({ prompt: 'x', executionMode: 'run' }));
		expect(fal().requestsOf('run')).toHaveLength(1);
		expect(fal().requestsOf('submit')).toHaveLength(0);
		expect(result.output(NODE)[0].json.images).toHaveLength(1);
		expect(result.binaryData(NODE, 0, 'image_0').mimeType).toMatch(/^image\//);
	});
});

describe('Fal.ai Generate Image: failed items with "On Error" set to continue', () => {
	// Item 1 gets fal's 422 (from the fake's `fail` directive), the others succeed.
	const items = [{ json: { prompt: 'one' } }, { json: { prompt: 'two', fail: true } }, { json: { prompt: 'three' } }];
	const failingNode = imageNode({
		prompt: '={{ $json.prompt }}',
		outputMedia: 'url',
		additionalInput: '={{ $json.fail ? JSON.stringify({ fake: { fail: "validation" } }) : "" }}',
	});

	it('"Continue (using error output)" sends failed items to the error output and the others to the success output, paired', async () => {
		const result = await runSingleNode(fal(), { ...failingNode, onError: 'continueErrorOutput' }, { items });

		expect(result.status).toBe('success');
		const success = result.output(NODE, 0);
		expect(success.map((item) => item.json.prompt)).toEqual(['one', 'three']);
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		const [failed, ...more] = result.output(NODE, 1);
		expect(more).toHaveLength(0);
		expect(failed.pairedItem).toEqual({ item: 1 });
		expect(failed.json.error).toMatch(/^Item 1: fal rejected "prompt": /);
		// n8n adds the input item's fields to an error output item.
		expect(failed.json).toMatchObject({ prompt: 'two', fail: true });
	});

	it('"Continue" keeps every item on the one output, in order, the failed one with readable error fields', async () => {
		const result = await runSingleNode(fal(), { ...failingNode, onError: 'continueRegularOutput' }, { items });

		const output = result.output(NODE);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.images).toHaveLength(1);
		expect(output[1].json).toMatchObject({
			error: expect.stringMatching(/^Item 1: fal rejected "prompt": /),
			description: expect.stringContaining('422'),
			http_code: '422',
			field_errors: [expect.objectContaining({ field: expect.any(String), message: expect.any(String) })],
		});
		expect(output[2].json.images).toHaveLength(1);
		expect(result.output(NODE, 1)).toEqual([]);
	});
});

describe('Fal.ai Generate Image: "Send Source Image As" Auto', () => {
	const sourceUrl = 'https://example.com/cat.png';
	const editNode = (endpointId: string, parameters: Record<string, unknown> = {}) =>
		imageNode({
			model: { __rl: true, mode: 'id', value: endpointId },
			prompt: 'make it blue',
			sourceImageSource: 'url',
			sourceImageUrl: sourceUrl,
			outputMedia: 'url',
			...parameters,
		});
	const submitted = () => fal().requestsOf('submit')[0].body as Record<string, unknown>;

	it('sends image_urls to an endpoint whose schema takes a list (Nano Banana edit)', async () => {
		const result = await runSingleNode(fal(), editNode('fal-ai/nano-banana/edit'));
		expect(result.error).toBeUndefined();
		expect(submitted().image_urls).toEqual([sourceUrl]);
		expect(submitted()).not.toHaveProperty('image_url');
	});

	it('knows the curated list endpoints when fal\'s platform API is down', async () => {
		fal().inject({ match: { kind: 'models' }, times: Infinity, action: { type: 'status', status: 503 } });
		await runSingleNode(fal(), editNode('fal-ai/nano-banana/edit'));
		expect(submitted().image_urls).toEqual([sourceUrl]);
	});

	it('sends image_url to an endpoint fal has no schema for', async () => {
		await runSingleNode(fal(), editNode('someone/image-editor'));
		expect(submitted().image_url).toBe(sourceUrl);
	});

	it('sends several images as image_urls even without a schema', async () => {
		await runSingleNode(fal(), editNode('someone/image-editor', { sourceImageUrl: `${sourceUrl}\nhttps://example.com/dog.png` }));
		expect(submitted().image_urls).toEqual([sourceUrl, 'https://example.com/dog.png']);
	});

	it('keeps the field chosen on the node', async () => {
		await runSingleNode(fal(), editNode('fal-ai/nano-banana/edit', { sourceImageField: 'image_url' }));
		expect(submitted().image_url).toBe(sourceUrl);
	});
});

describe('Fal.ai Generate Image: prompt only where the model needs one', () => {
	/** Lets a submit through without the fake's own check (it wants a prompt for every image model). */
	const acceptSubmit = () =>
		fal().inject({
			match: { kind: 'submit' },
			action: {
				type: 'status',
				status: 200,
				body: {
					request_id: 'req-no-prompt',
					status_url: `${fal().hosts.queueUrl}/fal-ai/birefnet/requests/req-no-prompt/status`,
					response_url: `${fal().hosts.queueUrl}/fal-ai/birefnet/requests/req-no-prompt`,
					cancel_url: `${fal().hosts.queueUrl}/fal-ai/birefnet/requests/req-no-prompt/cancel`,
				},
			},
		});

	it('leaves an empty prompt out for an endpoint that is neither curated nor known to need one', async () => {
		acceptSubmit();
		const result = await runSingleNode(
			fal(),
			imageNode({
				model: { __rl: true, mode: 'id', value: 'fal-ai/birefnet' },
				prompt: '',
				sourceImageSource: 'url',
				sourceImageUrl: 'https://example.com/cat.png',
				executionMode: 'submit',
			}),
		);

		expect(result.error).toBeUndefined();
		expect(result.output(NODE)[0].json.request_id).toBe('req-no-prompt');
		const input = fal().requestsOf('submit')[0].body as Record<string, unknown>;
		expect(input.image_url).toBe('https://example.com/cat.png');
		expect(input).not.toHaveProperty('prompt');
	});

	it('still requires it for a curated text-to-image model when the schema cannot be loaded', async () => {
		fal().inject({ match: { kind: 'models' }, times: Infinity, action: { type: 'status', status: 503 } });
		const result = await runSingleNode(fal(), imageNode({ model: { __rl: true, mode: 'id', value: 'fal-ai/flux/schnell' }, prompt: '' }));
		expect(result.error?.message).toBe('Item 0: "Prompt" is required');
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});

	it('does not ask fal\'s platform API when a prompt is given', async () => {
		await runSingleNode(fal(), imageNode({ prompt: 'a fox', outputMedia: 'url' }));
		expect(fal().requestsOf('models')).toHaveLength(0);
	});
});

describe('requiresPrompt and autoSourceImageField', () => {
	const schemaWith = (properties: string[], required: string[]): ModelInputSchema => ({
		endpointId: 'x/y',
		name: 'Input',
		root: { type: 'object', properties: Object.fromEntries(properties.map((name) => [name, { type: 'string' }])), required },
	});

	it('follows the schema\'s required list, else the curated models', () => {
		expect(requiresPrompt('fal-ai/birefnet', schemaWith(['image_url'], ['image_url']))).toBe(false);
		expect(requiresPrompt('someone/model', schemaWith(['prompt'], ['prompt']))).toBe(true);
		expect(requiresPrompt('fal-ai/flux/dev', schemaWith(['prompt', 'image_url'], ['image_url']))).toBe(false);
		expect(requiresPrompt('fal-ai/flux/dev', undefined)).toBe(true);
		expect(requiresPrompt('fal-ai/clarity-upscaler', undefined)).toBe(false);
	});

	it('picks the field the schema has, the list one for several images when it has both', () => {
		expect(autoSourceImageField('a/b', schemaWith(['image_urls'], []), 1)).toBe('image_urls');
		expect(autoSourceImageField('a/b', schemaWith(['image_url'], []), 1)).toBe('image_url');
		expect(autoSourceImageField('a/b', schemaWith(['image_url', 'image_urls'], []), 1)).toBe('image_url');
		expect(autoSourceImageField('a/b', schemaWith(['image_url', 'image_urls'], []), 2)).toBe('image_urls');
		expect(autoSourceImageField('fal-ai/bytedance/seedream/v4/edit', undefined, 1)).toBe('image_urls');
		expect(autoSourceImageField('fal-ai/flux-pro/kontext', undefined, 1)).toBe('image_url');
	});
});
