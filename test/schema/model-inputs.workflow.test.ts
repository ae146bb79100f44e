/**
 * "Model Inputs" in real workflows (n8n's engine in-process) against the fake fal: values typed
 * from the endpoint's published schema, converted and checked before submit, binary fields
 * uploaded for URL inputs, merged between the typed fields and "Additional Input (Raw JSON, Applied Last)".
 */
import { runWorkflow } from '../harness';
import { modelInputs, modelNode, binaryFile, falCredentials, submittedInputs, useFakeFal } from './support';

const fal = useFakeFal();

const IMAGE = 'falAiGenerateImage';
const VIDEO = 'falAiGenerateVideo';
const TRANSCRIBE = 'falAiTranscribe';

const FLUX = 'fal-ai/flux/dev';
const FLUX_LORA = 'fal-ai/flux-lora';
const KLING_I2V = 'fal-ai/kling-video/v2/master/image-to-video';
const NANO_EDIT = 'fal-ai/nano-banana/edit';
const WHISPER = 'fal-ai/whisper';

/** The storage URL the fake gives an uploaded file, whatever its id. */
const uploadedUrl = (fileName: string) => expect.stringMatching(new RegExp(`/media/files/[^/]+/${fileName.replace('.', '\\.')}$`));

describe('Model Inputs: values reach fal typed as the schema says', () => {
	it('submits enum, number-range, nested-object and boolean inputs converted from the mapper\'s text', async () => {
		const result = await runWorkflow({
			nodes: [
				modelNode('Image', IMAGE, FLUX, {
					prompt: 'a fox',
					modelInputs: modelInputs(FLUX, {
						output_format: 'png',
						num_inference_steps: '12',
						image_size: '={{ { width: 640, height: "480" } }}',
						enable_safety_checker: 'false',
						seed: null,
					}),
				}),
			],
			credentials: falCredentials(fal()),
		});

		expect(result.error).toBeUndefined();
		const [input] = submittedInputs(fal());
		expect(input).toMatchObject({
			prompt: 'a fox',
			output_format: 'png',
			num_inference_steps: 12,
			image_size: { width: 640, height: 480 },
			enable_safety_checker: false,
		});
		expect(input).not.toHaveProperty('seed');
		expect(result.output('Image')[0].json.images).toHaveLength(1);
	});

	it('merges typed fields, then Model Inputs, then Additional Input (Raw JSON, Applied Last) last', async () => {
		await runWorkflow({
			nodes: [
				modelNode('Image', IMAGE, FLUX, {
					prompt: 'typed prompt',
					numImages: 1,
					parameters: { outputFormat: 'jpeg', guidanceScale: 2 },
					modelInputs: modelInputs(FLUX, { num_images: '2', output_format: 'png', prompt: 'mapped prompt' }),
					additionalInput: '{"num_images": 3}',
				}),
			],
			credentials: falCredentials(fal()),
		});

		expect(submittedInputs(fal())[0]).toMatchObject({ prompt: 'mapped prompt', num_images: 3, output_format: 'png', guidance_scale: 2 });
	});

	it('sends nested arrays of objects given as JSON (flux-lora loras)', async () => {
		await runWorkflow({
			nodes: [
				modelNode('Image', IMAGE, FLUX_LORA, {
					prompt: 'a fox',
					modelInputs: modelInputs(FLUX_LORA, {
						loras: '[{"path": "https://example.com/style.safetensors", "scale": "0.6", "transformer": {"blocks": [1, "2"]}}]',
					}),
				}),
			],
			credentials: falCredentials(fal()),
		});

		expect(submittedInputs(fal())[0].loras).toEqual([
			{ path: 'https://example.com/style.safetensors', scale: 0.6, transformer: { blocks: [1, 2] } },
		]);
	});

	it('ignores values stored for fields marked removed', async () => {
		// n8n 2.8's editor drops them; older editors and hand-made workflows may still carry them.
		const inputs = modelInputs(FLUX, { num_images: 2 });
		inputs.value = { ...inputs.value, enable_safety_checker: false, sync_mode: false, seed: null };
		await runWorkflow({
			nodes: [modelNode('Image', IMAGE, FLUX, { prompt: 'a fox', modelInputs: inputs })],
			credentials: falCredentials(fal()),
		});

		const [input] = submittedInputs(fal());
		expect(input.num_images).toBe(2);
		expect(input).not.toHaveProperty('enable_safety_checker');
		expect(input).not.toHaveProperty('sync_mode');
	});

	it('takes values from expressions per item', async () => {
		await runWorkflow({
			nodes: [
				modelNode('Image', IMAGE, FLUX, {
					prompt: 'a fox',
					modelInputs: modelInputs(FLUX, { num_images: '={{ $json.count }}', output_format: '={{ $json.format }}' }),
					options: { maxConcurrency: 1 },
				}),
			],
			items: [{ json: { count: 1, format: 'png' } }, { json: { count: '2', format: 'jpeg' } }],
			credentials: falCredentials(fal()),
		});

		expect(submittedInputs(fal()).map(({ num_images, output_format }) => [num_images, output_format])).toEqual([
			[1, 'png'],
			// "jpeg" is the schema's default: the editor prefills it, so it is not sent.
			[2, undefined],
		]);
	});
});

describe('Model Inputs: nodes saved by the editor run', () => {
	it.each([
		['Generate Image', IMAGE, FLUX, { prompt: 'a fox' }, { num_images: 2 }, 'prompt'],
		['Generate Video', VIDEO, KLING_I2V, { prompt: 'walk', startImageSource: 'url', startImageUrl: 'https://example.com/cat.png' }, { cfg_scale: 0.7 }, 'image_url'],
		['Transcribe', TRANSCRIBE, WHISPER, { audioSource: 'url', audioUrl: 'https://example.com/talk.mp3' }, { batch_size: 8 }, 'audio_url'],
	])('%s: runs with a required input given by its typed field, not added to Model Inputs', async (_name, type, endpointId, typed, added, requiredInput) => {
		const inputs = modelInputs(endpointId, added);
		expect(inputs.value).not.toHaveProperty(requiredInput);
		const result = await runWorkflow({
			nodes: [modelNode('Node', type, endpointId, { ...typed, modelInputs: inputs })],
			credentials: falCredentials(fal()),
		});

		expect(result.status).toBe('success');
		expect(submittedInputs(fal())[0]).toMatchObject({ ...added, [requiredInput]: expect.any(String) });
	});
});

describe('Model Inputs: binary fields for URL inputs are uploaded', () => {
	it('animates an uploaded image with image-to-video, with enum and range inputs (Generate Video)', async () => {
		const result = await runWorkflow({
			nodes: [
				modelNode('Video', VIDEO, KLING_I2V, {
					prompt: 'the cat walks',
					modelInputs: modelInputs(KLING_I2V, { image_url: 'photo', duration: '={{ 10 }}', cfg_scale: '0.7' }),
				}),
			],
			items: [{ binary: { photo: binaryFile('cat.png', 'image/png') } }],
			credentials: falCredentials(fal()),
		});

		expect(result.error).toBeUndefined();
		expect(fal().requestsOf('upload-initiate')).toHaveLength(1);
		expect(submittedInputs(fal())[0]).toMatchObject({
			prompt: 'the cat walks',
			image_url: uploadedUrl('cat.png'),
			duration: '10',
			cfg_scale: 0.7,
		});
	});

	it('fills a list input from several binary fields and URLs, uploading each binary once', async () => {
		await runWorkflow({
			nodes: [
				modelNode('Image', IMAGE, NANO_EDIT, {
					prompt: 'put them together',
					modelInputs: modelInputs(NANO_EDIT, {
						image_urls: '["first", "https://example.com/b.png", "second", "first"]',
						aspect_ratio: '16:9',
					}),
				}),
			],
			items: [{ binary: { first: binaryFile('a.png', 'image/png'), second: binaryFile('c.jpg', 'image/jpeg') } }],
			credentials: falCredentials(fal()),
		});

		expect(fal().requestsOf('upload-initiate')).toHaveLength(2);
		const [input] = submittedInputs(fal());
		expect(input.image_urls).toEqual([uploadedUrl('a.png'), 'https://example.com/b.png', uploadedUrl('c.jpg'), uploadedUrl('a.png')]);
		expect(input.aspect_ratio).toBe('16:9');
	});

	it('transcribes audio named by Model Inputs instead of the typed audio field (Transcribe)', async () => {
		await runWorkflow({
			nodes: [
				modelNode('Transcribe', TRANSCRIBE, WHISPER, {
					audioSource: 'url',
					audioUrl: 'https://example.com/typed.mp3',
					modelInputs: modelInputs(WHISPER, { audio_url: 'recording', batch_size: '16', chunk_level: 'word' }),
				}),
			],
			items: [{ binary: { recording: binaryFile('talk.wav', 'audio/wav') } }],
			credentials: falCredentials(fal()),
		});

		expect(submittedInputs(fal())[0]).toMatchObject({ audio_url: uploadedUrl('talk.wav'), batch_size: 16, chunk_level: 'word' });
	});

	it('skips the upload when Additional Input (Raw JSON, Applied Last) sets the same input', async () => {
		await runWorkflow({
			nodes: [
				modelNode('Video', VIDEO, KLING_I2V, {
					prompt: 'the cat walks',
					modelInputs: modelInputs(KLING_I2V, { image_url: 'photo' }),
					additionalInput: '{"image_url": "https://example.com/override.png"}',
				}),
			],
			items: [{ binary: { photo: binaryFile('cat.png', 'image/png') } }],
			credentials: falCredentials(fal()),
		});

		expect(fal().requestsOf('upload-initiate')).toHaveLength(0);
		expect(submittedInputs(fal())[0].image_url).toBe('https://example.com/override.png');
	});
});

describe('Model Inputs: schema errors are caught before anything is sent', () => {
	it.each([
		[{ num_images: 9 }, 'Item 0: Model Inputs "Num Images" must be 1 to 4 (got 9)'],
		// n8n's own checks refuse a literal outside the options or of the wrong type; expressions get through.
		[{ output_format: '={{ "gif" }}' }, 'Item 0: Model Inputs "Output Format" must be one of "jpeg", "png" (got "gif")'],
		[{ image_size: '={{ { width: 0, height: 10 } }}' }, 'Item 0: Model Inputs "Image Size" (image_size.width) must be 1 to 14142 (got 0)'],
		[{ enable_safety_checker: '={{ "maybe" }}' }, 'Item 0: Model Inputs "Enable Safety Checker" must be true or false (got "maybe")'],
	])('rejects %j', async (value, message) => {
		const result = await runWorkflow({
			nodes: [modelNode('Image', IMAGE, FLUX, { prompt: 'a fox', modelInputs: modelInputs(FLUX, value) })],
			credentials: falCredentials(fal()),
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});

	it('names the failing item and field, and goes on with the others under Continue On Fail', async () => {
		const result = await runWorkflow({
			nodes: [
				{
					...modelNode('Image', IMAGE, FLUX_LORA, {
						prompt: 'a fox',
						modelInputs: modelInputs(FLUX_LORA, { loras: '={{ $json.loras }}' }),
					}),
					onError: 'continueRegularOutput',
				},
			],
			items: [{ json: { loras: [{ path: 'https://example.com/a.safetensors' }] } }, { json: { loras: [{ path: 'p', scale: 9 }] } }],
			credentials: falCredentials(fal()),
		});

		const [ok, failed] = result.output('Image');
		expect(ok.json.images).toHaveLength(1);
		expect(failed.json.error).toBe('Item 1: Model Inputs "Loras" (loras[0].scale) must be 0 to 4 (got 9)');
		expect(submittedInputs(fal())).toHaveLength(1);
	});

	it('fails when an input the schema requires is missing from the whole input, before submitting', async () => {
		const result = await runWorkflow({
			nodes: [modelNode('Image', IMAGE, NANO_EDIT, { prompt: 'edit it', modelInputs: modelInputs(NANO_EDIT, { num_images: 2 }) })],
			credentials: falCredentials(fal()),
		});

		expect(result.error?.message).toBe('Item 0: the model requires "image_urls"');
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});

	it('fails for a URL input that is neither a URL nor a binary field of the item', async () => {
		const result = await runWorkflow({
			nodes: [modelNode('Video', VIDEO, KLING_I2V, { prompt: 'walk', modelInputs: modelInputs(KLING_I2V, { image_url: 'picture' }) })],
			items: [{ binary: { photo: binaryFile('cat.png', 'image/png') } }],
			credentials: falCredentials(fal()),
		});

		expect(result.error?.message).toBe(
			'Item 0: Model Inputs "Image Url" is neither an http(s) or data: URL nor the name of a binary field of the item (got "picture")',
		);
		expect(fal().requestsOf('upload-initiate')).toHaveLength(0);
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});
});

describe('Model Inputs: schema loading', () => {
	it('reads the schema once for all items of a run, and not at all without Model Inputs', async () => {
		await runWorkflow({
			nodes: [modelNode('Image', IMAGE, FLUX, { prompt: 'a fox', modelInputs: modelInputs(FLUX, { num_images: 1 }) })],
			items: [{ json: {} }, { json: {} }, { json: {} }],
			credentials: falCredentials(fal()),
		});
		expect(fal().requestsOf('models')).toHaveLength(1);
		expect(submittedInputs(fal())).toHaveLength(3);

		fal().reset();
		await runWorkflow({ nodes: [modelNode('Image', IMAGE, FLUX, { prompt: 'a fox' })], credentials: falCredentials(fal()) });
		expect(fal().requestsOf('models')).toHaveLength(0);
	});

	it('tries an unreachable platform API once per run, not once per item', async () => {
		fal().inject({ match: { kind: 'models' }, times: Infinity, action: { type: 'status', status: 503 } });
		const result = await runWorkflow({
			nodes: [
				modelNode('Image', IMAGE, FLUX, {
					prompt: 'a fox',
					modelInputs: modelInputs(FLUX, { num_images: '2' }),
					options: { maxConcurrency: 1 },
				}),
			],
			items: [{ json: {} }, { json: {} }, { json: {} }],
			credentials: falCredentials(fal()),
		});

		expect(result.error).toBeUndefined();
		expect(submittedInputs(fal()).map((input) => input.num_images)).toEqual([2, 2, 2]);
		// Items run one after the other: the first one's (retried) load is the only one.
		const kinds = fal().requests.map((request) => request.kind);
		expect(kinds.lastIndexOf('models')).toBeLessThan(kinds.indexOf('submit'));
	});

	it('checks against the fields stored with the node when the platform API is unreachable', async () => {
		fal().inject({ match: { kind: 'models' }, times: Infinity, action: { type: 'status', status: 503 } });
		const converted = await runWorkflow({
			nodes: [modelNode('Image', IMAGE, FLUX, { prompt: 'a fox', modelInputs: modelInputs(FLUX, { num_images: '2', output_format: 'png' }) })],
			credentials: falCredentials(fal()),
		});
		expect(converted.error).toBeUndefined();
		expect(submittedInputs(fal())[0]).toMatchObject({ num_images: 2, output_format: 'png' });

		const rejected = await runWorkflow({
			nodes: [modelNode('Image', IMAGE, FLUX, { prompt: 'a fox', modelInputs: modelInputs(FLUX, { num_images: '={{ "many" }}' }) })],
			credentials: falCredentials(fal()),
		});
		expect(rejected.error?.message).toBe('Item 0: Model Inputs "Num Images" must be a number (got "many")');
	});
});
