/**
 * Fal.ai Run Model in real workflows (n8n's engine in-process) against the fake fal: any
 * endpoint's result JSON plus every file in it, in each execution mode.
 */
import type { StructuredChunk } from 'n8n-workflow';

import { HARNESS_INSTANCE_URL, resourceMapping, type HarnessNode } from '../harness';
import { falCredentials, jobInputOf, modelNode, pickerModelIds, runSingleNode, runWorkflowWith, useFakeFal } from './support';

const fal = useFakeFal();
const NODE = 'Run Model';

function runModelNode(model: string, parameters: Record<string, unknown>): HarnessNode {
	return modelNode({ name: NODE, type: 'falAiRunModel', model }, parameters);
}

describe('Fal.ai Run Model: files anywhere in the result', () => {
	it('text to speech returns the audio as a real WAV binary named after its key', async () => {
		const result = await runSingleNode(
			fal(),
			runModelNode('fal-ai/kokoro/american-english', { additionalInput: '{"text": "Hello from n8n", "voice": "af_bella"}' }),
		);
		const [item] = result.output(NODE);
		expect(jobInputOf(fal(), item)).toEqual({ text: 'Hello from n8n', voice: 'af_bella' });
		expect(item.json.audio).toMatchObject({ content_type: 'audio/wav', file_name: 'speech.wav' });
		const audio = result.binaryData(NODE, 0, 'audio');
		expect(audio.mimeType).toBe('audio/wav');
		expect(audio.fileName).toBe('speech.wav');
		const bytes = await result.binary(NODE, 0, 'audio');
		expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
		expect(bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
		expect(bytes.length).toBe((item.json.audio as { file_size: number }).file_size);
	});

	it('ElevenLabs speech comes back as MP3 frames with the audio/mpeg type', async () => {
		const result = await runSingleNode(fal(), runModelNode('fal-ai/elevenlabs/tts/multilingual-v2', { additionalInput: '{"text": "Hi"}' }));
		const audio = result.binaryData(NODE, 0, 'audio');
		expect(audio.mimeType).toBe('audio/mpeg');
		const bytes = await result.binary(NODE, 0, 'audio');
		// MPEG audio frame sync: eleven set bits.
		expect(bytes[0]).toBe(0xff);
		expect(bytes[1] & 0xe0).toBe(0xe0);
	});

	it('a 3D endpoint returns its mesh as a .glb binary (glTF 2.0) in "model_mesh"', async () => {
		const result = await runSingleNode(
			fal(),
			runModelNode('fal-ai/trellis', { additionalInput: '{"image_url": "https://example.com/chair.png"}' }),
		);
		const mesh = result.binaryData(NODE, 0, 'model_mesh');
		expect(mesh.fileName).toBe('model_mesh.glb');
		expect(mesh.mimeType).toBe('model/gltf-binary');
		const bytes = await result.binary(NODE, 0, 'model_mesh');
		expect(bytes.subarray(0, 4).toString('ascii')).toBe('glTF');
		expect(bytes.readUInt32LE(4)).toBe(2);
		expect(bytes.readUInt32LE(8)).toBe(bytes.length);
		expect(result.output(NODE)[0].json.timings).toEqual(expect.objectContaining({ prepare: expect.any(Number) }));
	});

	it('music under "audio_file" becomes the binary "audio_file"', async () => {
		const result = await runSingleNode(fal(), runModelNode('fal-ai/stable-audio', { additionalInput: '{"prompt": "calm piano", "seconds_total": 5}' }));
		expect(result.binaryData(NODE, 0, 'audio_file').mimeType).toBe('audio/wav');
	});

	it('an LLM endpoint returns its text as JSON and no binary', async () => {
		const result = await runSingleNode(fal(), runModelNode('fal-ai/any-llm', { additionalInput: '{"prompt": "Say hi in three words"}' }));
		const [item] = result.output(NODE);
		expect(item.json.output).toBe('The fake model read 5 words and answers: Say hi in three words');
		expect(item.json).toMatchObject({ partial: false, error: null, endpoint_id: 'fal-ai/any-llm' });
		expect(item.binary).toBeUndefined();
	});

	it('runs a fal Workflow by its workflows/owner/name id and downloads its output files', async () => {
		const result = await runSingleNode(
			fal(),
			runModelNode('workflows/fake-user/script-to-speech', { additionalInput: '{"prompt": "A short story about a fox"}' }),
		);
		const [item] = result.output(NODE);
		expect(fal().requestsOf('submit')[0].path).toContain('/workflows/fake-user/script-to-speech');
		expect(item.json.endpoint_id).toBe('workflows/fake-user/script-to-speech');
		expect(item.json.script).toContain('A short story about a fox');
		expect(result.binaryData(NODE, 0, 'audio').fileName).toBe('narration.wav');
	});

	it('every image of a list is its own binary (images_0, images_1), and Keep as URLs downloads nothing', async () => {
		const binary = await runSingleNode(fal(), runModelNode('fal-ai/flux/dev', { additionalInput: '{"prompt": "two cats", "num_images": 2}' }));
		expect(Object.keys(binary.output(NODE)[0].binary ?? {})).toEqual(['images_0', 'images_1']);

		fal().reset();
		const urls = await runSingleNode(
			fal(),
			runModelNode('fal-ai/flux/dev', { additionalInput: '{"prompt": "two cats", "num_images": 2}', outputMedia: 'url' }),
		);
		expect(urls.output(NODE)[0].binary).toBeUndefined();
		expect(fal().requestsOf('media')).toHaveLength(0);
	});

	it('takes the inputs from Model Inputs, the JSON overriding them', async () => {
		const result = await runSingleNode(
			fal(),
			runModelNode('fal-ai/kokoro/american-english', {
				modelInputs: { mappingMode: 'defineBelow', value: { text: 'From the form', speed: 1.5 } },
				additionalInput: '{"speed": 2}',
			}),
		);
		expect(jobInputOf(fal(), result.output(NODE)[0])).toEqual({ text: 'From the form', speed: 2 });
	});
});

describe('Fal.ai Run Model: execution modes', () => {
	it('Stream returns the final result of the stream, not a partial one', async () => {
		const result = await runSingleNode(
			fal(),
			runModelNode('fal-ai/any-llm', { executionMode: 'stream', additionalInput: '{"prompt": "Stream me a short answer please"}' }),
		);
		expect(fal().requestsOf('run-stream')).toHaveLength(1);
		expect(fal().requestsOf('submit')).toHaveLength(0);
		const [item] = result.output(NODE);
		expect(item.json.partial).toBe(false);
		expect(item.json.output).toBe('The fake model read 6 words and answers: Stream me a short answer please');
	});

	it('Stream sends each partial on through n8n\'s sendChunk when the execution streams its response', async () => {
		const chunks: StructuredChunk[] = [];
		const result = await runWorkflowWith(
			fal(),
			[runModelNode('fal-ai/any-llm', { executionMode: 'stream', additionalInput: '{"prompt": "Stream me a short answer please"}' })],
			{ onChunk: (chunk) => chunks.push(chunk) },
		);
		const final = String(result.output(NODE)[0].json.output);
		expect(chunks.map((chunk) => chunk.type)).toEqual(['begin', 'item', 'item', 'item', 'end']);
		expect(chunks.every((chunk) => chunk.metadata.nodeName === NODE && chunk.metadata.itemIndex === 0)).toBe(true);
		// Each chunk is the text a partial added, so together they spell the answer as it grew.
		const pieces = chunks.filter((chunk) => chunk.type === 'item').map((chunk) => String(chunk.content));
		expect(pieces.every((piece) => piece.length > 0)).toBe(true);
		expect(pieces[0]).not.toBe(final);
		expect(pieces.join('')).toBe(final);
	});

	it('Stream reports a model failing mid-stream as fal\'s readable field errors', async () => {
		const result = await runSingleNode(
			fal(),
			runModelNode('fal-ai/any-llm', { executionMode: 'stream', additionalInput: '{"prompt": "Hi", "fake": {"fail": "validation"}}' }),
		);
		expect(result.error?.message).toBe('Item 0: fal rejected "prompt": The prompt was rejected by the model (fake validation failure).');
	});

	it('Stream fails clearly when the stream ends before any result', async () => {
		fal().inject({ match: { kind: 'run-stream' }, action: { type: 'cut-stream', afterEvents: 0 } });
		const result = await runSingleNode(fal(), runModelNode('fal-ai/any-llm', { executionMode: 'stream', additionalInput: '{"prompt": "Hi"}' }));
		expect(result.error?.message).toBe('fal\'s output stream of "fal-ai/any-llm" ended without a result; run it again or use "Wait for Result"');
	});

	it('Stream downloads the files of the final result', async () => {
		const result = await runSingleNode(
			fal(),
			runModelNode('fal-ai/kokoro/american-english', { executionMode: 'stream', additionalInput: '{"text": "Streaming speech"}' }),
		);
		expect(result.binaryData(NODE, 0, 'audio').mimeType).toBe('audio/wav');
	});

	it('Direct Run and Submit Only work like on the other model nodes', async () => {
		const run = await runSingleNode(fal(), runModelNode('fal-ai/any-llm', { executionMode: 'run', additionalInput: '{"prompt": "Hi"}' }));
		expect(fal().requestsOf('run')).toHaveLength(1);
		expect(run.output(NODE)[0].json.output).toContain('Hi');

		const submitted = await runSingleNode(fal(), runModelNode('fal-ai/trellis', { executionMode: 'submit', additionalInput: '{"image_url": "https://example.com/a.png"}' }));
		expect(submitted.output(NODE)[0].json).toMatchObject({ status: 'IN_QUEUE', endpoint_id: 'fal-ai/trellis' });
	});

	it('Wait for Webhook submits with the execution\'s resume URL and leaves the execution waiting', async () => {
		const run = runSingleNode(fal(), runModelNode('fal-ai/trellis', { executionMode: 'webhook', additionalInput: '{"image_url": "https://example.com/a.png"}' }));
		const result = await run;
		expect(result.status).toBe('waiting');
		const [job] = fal().jobs;
		expect(job.webhookUrl).toBe(`${HARNESS_INSTANCE_URL}/webhook-waiting/${run.executionId}`);
		expect(job.endpointId).toBe('fal-ai/trellis');
	});

	it('Continue On Fail: a rejected item becomes an error item and the others still run', async () => {
		const result = await runSingleNode(
			fal(),
			{ ...runModelNode('fal-ai/kokoro/american-english', { additionalInput: '={{ JSON.stringify($json.input) }}' }), continueOnFail: true },
			{ items: [{ json: { input: { text: 'one' } } }, { json: { input: { voice: 'am_adam' } } }, { json: { input: { text: 'three' } } }] },
		);
		const output = result.output(NODE);
		expect(output).toHaveLength(3);
		expect(output[1].json.error).toMatch(/text/);
		expect(output[0].binary?.audio).toBeDefined();
		expect(output[2].binary?.audio).toBeDefined();
	});
});

describe('Fal.ai Run Model: model picker', () => {
	it('lists speech, music, 3D and LLM endpoints first and searches every category', async () => {
		const ids = await pickerModelIds(fal(), 'falAiRunModel', 'searchAnyModels');
		expect(ids.slice(0, 3)).toEqual(['fal-ai/kokoro/american-english', 'fal-ai/elevenlabs/tts/multilingual-v2', 'fal-ai/minimax/speech-02-hd']);
		expect(ids).toEqual(expect.arrayContaining(['fal-ai/whisper', 'fal-ai/veo3', 'fal-ai/trellis']));
	});
});

describe('Fal.ai Run Model: Model Inputs', () => {
	const fieldsFor = async (model: string) =>
		(
			await resourceMapping({
				nodeType: 'falAiRunModel',
				method: 'getRunModelInputFields',
				parameters: { model: { __rl: true, mode: 'id', value: model } },
				credentials: falCredentials(fal()),
			})
		).fields;

	it('lists an endpoint\'s inputs from its schema in the catalogue', async () => {
		expect((await fieldsFor('fal-ai/kokoro/american-english')).map((field) => field.id)).toEqual(['text', 'voice', 'speed']);
	});

	it('lists a fal Workflow\'s declared inputs from the workflows API, and runs with them', async () => {
		const fields = await fieldsFor('workflows/fake-user/script-to-speech');
		expect(fields).toEqual([expect.objectContaining({ id: 'prompt', displayName: 'Prompt (required)', type: 'string' })]);
		expect(fal().requestsOf('workflow')).toHaveLength(1);

		const result = await runSingleNode(
			fal(),
			runModelNode('workflows/fake-user/script-to-speech', { modelInputs: { mappingMode: 'defineBelow', value: { prompt: 'A fox at dawn' }, schema: fields } }),
		);
		expect(jobInputOf(fal(), result.output(NODE)[0])).toEqual({ prompt: 'A fox at dawn' });
		expect(result.binaryData(NODE, 0, 'audio').mimeType).toBe('audio/wav');
	});
});
