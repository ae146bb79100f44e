/**
 * What fal receives from the three input sections of a task node as the editor leaves them
 * (issue 10): a Model Input the user added but did not change sends nothing, the typed fields
 * are the one place for what they cover, the raw JSON is applied last, and a schema that cannot
 * be loaded at run time does not stop the run.
 */
import { runWorkflow } from '../harness';
import { IMAGE_TYPED_INPUTS } from '../../nodes/FalAi/GenerateImage/typedInputs';
import { modelInputs, modelNode, falCredentials, submittedInputs, useFakeFal } from './support';

const fal = useFakeFal();

const IMAGE = 'falAiGenerateImage';
const FLUX = 'fal-ai/flux/dev';
const FLUX_LORA = 'fal-ai/flux-lora';
const hidden = [...IMAGE_TYPED_INPUTS];

describe('Model Inputs added in the editor but left as shown', () => {
	it('sends no value for an input shown with the schema default, nor for one left empty', async () => {
		// What n8n 2.8 stores after "Add input" for each: the field's defaultValue, or nothing.
		const result = await runWorkflow({
			nodes: [
				modelNode('Image', IMAGE, FLUX, {
					prompt: 'a fox',
					modelInputs: modelInputs(FLUX, { num_inference_steps: 28, output_format: 'jpeg', enable_safety_checker: true, sync_mode: false, seed: null }),
				}),
			],
			credentials: falCredentials(fal()),
		});

		expect(result.error).toBeUndefined();
		const [input] = submittedInputs(fal());
		for (const key of ['num_inference_steps', 'output_format', 'enable_safety_checker', 'sync_mode', 'seed']) expect(input).not.toHaveProperty(key);
	});

	it('sends a value the user changed', async () => {
		await runWorkflow({
			nodes: [modelNode('Image', IMAGE, FLUX, { prompt: 'a fox', modelInputs: modelInputs(FLUX, { num_inference_steps: 12, seed: '42' }) })],
			credentials: falCredentials(fal()),
		});
		expect(submittedInputs(fal())[0]).toMatchObject({ num_inference_steps: 12, seed: 42 });
	});

	it('sends the object form of a preset-or-object input given in its JSON field', async () => {
		await runWorkflow({
			nodes: [
				modelNode('Image', IMAGE, FLUX, {
					prompt: 'a fox',
					imageSize: 'default',
					modelInputs: modelInputs(FLUX, { image_size__object: '{"width": 640, "height": 480}' }),
				}),
			],
			credentials: falCredentials(fal()),
		});
		const [input] = submittedInputs(fal());
		expect(input.image_size).toEqual({ width: 640, height: 480 });
		expect(input).not.toHaveProperty('image_size__object');
	});

	it('fails, naming the input, when both forms of a preset-or-object input are set', async () => {
		const result = await runWorkflow({
			nodes: [
				modelNode('Image', IMAGE, FLUX, {
					prompt: 'a fox',
					modelInputs: modelInputs(FLUX, { image_size: 'square', image_size__object: '{"width": 640, "height": 480}' }),
				}),
			],
			credentials: falCredentials(fal()),
		});
		expect(result.error?.message).toBe('Item 0: Model Inputs "Image Size" is set twice: as a preset and as "Image Size (custom, JSON)"; keep one of them');
		expect(submittedInputs(fal())).toHaveLength(0);
	});
});

describe('one place per setting', () => {
	it('takes Image Size from the typed field: a value stored for a Model Input the editor now hides is not sent', async () => {
		// Saved before Model Inputs left out the inputs the typed fields set; reopening the node
		// marks the field display:false, and what the user can no longer see must not win.
		await runWorkflow({
			nodes: [
				modelNode('Image', IMAGE, FLUX, {
					prompt: 'a fox',
					imageSize: 'square_hd',
					modelInputs: modelInputs(FLUX, { image_size: 'landscape_16_9', seed: '7' }, { hidden }),
				}),
			],
			credentials: falCredentials(fal()),
		});
		const [input] = submittedInputs(fal());
		expect(input.image_size).toBe('square_hd');
		expect(input).not.toHaveProperty('seed');
	});

	it('applies the sections in the order the notice states: typed fields, then Model Inputs, then the raw JSON', async () => {
		await runWorkflow({
			nodes: [
				modelNode('Image', IMAGE, FLUX_LORA, {
					prompt: 'a fox',
					parameters: { seed: 1 },
					modelInputs: modelInputs(FLUX_LORA, { loras: '[{"path": "https://example.com/a.safetensors"}]' }, { hidden }),
					additionalInput: '{"seed": 3, "loras": [{"path": "https://example.com/b.safetensors", "scale": 0.5}]}',
				}),
			],
			credentials: falCredentials(fal()),
		});
		const [input] = submittedInputs(fal());
		expect(input.seed).toBe(3);
		expect(input.loras).toEqual([{ path: 'https://example.com/b.safetensors', scale: 0.5 }]);
	});
});

describe('Model Inputs when the schema cannot be loaded at run time', () => {
	it('still submits, checked against the fields stored with the node, when fal rejects the key on the platform API', async () => {
		fal().inject({ match: { kind: 'models' }, times: Infinity, action: { type: 'status', status: 401 } });
		const result = await runWorkflow({
			nodes: [modelNode('Image', IMAGE, FLUX_LORA, { prompt: 'a fox', modelInputs: modelInputs(FLUX_LORA, { loras: '[{"path": "https://example.com/a.safetensors"}]', sync_mode: false }) })],
			credentials: falCredentials(fal()),
		});
		expect(result.error).toBeUndefined();
		const [input] = submittedInputs(fal());
		expect(input.loras).toEqual([{ path: 'https://example.com/a.safetensors' }]);
		// The stored field's prefill was the default: left out as with the live schema.
		expect(input).not.toHaveProperty('sync_mode');
	});
});
