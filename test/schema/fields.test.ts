/**
 * Resource mapper fields ("Model Inputs") built from endpoint input schemas.
 */
import type { ResourceMapperField } from 'n8n-workflow';

import { mediaFieldShape, toResourceMapperFields } from '../../nodes/FalAi/schema';
import { inputSchemaOf } from './documents';

function fieldsOf(endpointId: string): Record<string, ResourceMapperField> {
	return Object.fromEntries(toResourceMapperFields(inputSchemaOf(endpointId)).map((field) => [field.id, field]));
}

describe('toResourceMapperFields', () => {
	it('lists the fields in fal\'s x-fal-order-properties order', () => {
		const ids = toResourceMapperFields(inputSchemaOf('fal-ai/flux/dev')).map((field) => field.id);
		expect(ids).toEqual([
			'prompt',
			'image_size',
			'image_size__object',
			'num_inference_steps',
			'seed',
			'guidance_scale',
			'num_images',
			'enable_safety_checker',
			'output_format',
			'sync_mode',
		]);
	});

	it('types each field from the schema, with defaults, and says in the label which are required and their ranges', () => {
		const fields = fieldsOf('fal-ai/flux/dev');
		// Never required for n8n: a required field left out in the editor would stop every run.
		expect(fields.prompt).toEqual({
			id: 'prompt',
			displayName: 'Prompt (required)',
			required: false,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
		});
		expect(fields.num_inference_steps).toMatchObject({ type: 'number', required: false, defaultValue: 28, displayName: 'Num Inference Steps (1–50)' });
		expect(fields.enable_safety_checker).toMatchObject({ type: 'boolean', defaultValue: true });
		expect(fields.output_format).toMatchObject({
			type: 'options',
			defaultValue: 'jpeg',
			options: [
				{ name: 'JPEG', value: 'jpeg' },
				{ name: 'PNG', value: 'png' },
			],
		});
		// No schema default: a text field that starts empty (n8n would show and send 0 for a number).
		expect(fields.seed).toMatchObject({ type: 'string', displayName: 'Seed' });
		expect(fields.seed.defaultValue).toBeUndefined();
	});

	it('gives enum values readable names and keeps their values', () => {
		const { image_size: imageSize } = fieldsOf('fal-ai/flux/dev');
		expect(imageSize.options).toEqual(
			expect.arrayContaining([
				{ name: 'Landscape 4:3', value: 'landscape_4_3' },
				{ name: 'Square HD', value: 'square_hd' },
				{ name: 'Portrait 16:9', value: 'portrait_16_9' },
			]),
		);
		expect(fieldsOf('fal-ai/kling-video/v2/master/text-to-video').aspect_ratio.options?.map((option) => option.name)).toEqual(['16:9', '9:16', '1:1']);
	});

	it('starts a boolean without a schema default empty, as a True/False choice', () => {
		const fields = toResourceMapperFields({
			endpointId: 'x/y',
			name: 'YInput',
			root: { type: 'object', properties: { loop: { type: 'boolean' }, sharp: { type: 'boolean', default: true } } },
		});
		expect(fields[0]).toMatchObject({ id: 'loop', type: 'options', options: [{ name: 'True', value: true }, { name: 'False', value: false }] });
		expect(fields[0].defaultValue).toBeUndefined();
		expect(fields[1]).toMatchObject({ id: 'sharp', type: 'boolean', defaultValue: true });
	});

	it('lists fal-internal inputs hidden, and the ones it is told to hide', () => {
		const fields = toResourceMapperFields(inputSchemaOf('fal-ai/flux/dev'), { hidden: ['prompt'] });
		const hidden = fields.filter((field) => !field.display).map((field) => field.id);
		expect(hidden).toEqual(['prompt', 'sync_mode']);
	});

	it('offers the presets of a preset-or-object field and says it also takes JSON', () => {
		const { image_size: imageSize } = fieldsOf('fal-ai/flux/dev');
		expect(imageSize.type).toBe('options');
		expect(imageSize.options?.map((option) => option.value)).toEqual([
			'square_hd',
			'square',
			'portrait_4_3',
			'portrait_16_9',
			'landscape_4_3',
			'landscape_16_9',
		]);
		expect(imageSize.displayName).toBe('Image Size');
		expect(fieldsOf('fal-ai/flux/dev').image_size__object).toMatchObject({ type: 'object', displayName: 'Image Size (custom, JSON)' });
	});

	it('makes arrays and objects JSON fields (flux-lora loras)', () => {
		expect(fieldsOf('fal-ai/flux-lora').loras).toMatchObject({ type: 'array', displayName: 'Loras (JSON)' });
	});

	it('marks media fields as taking a URL or a binary field', () => {
		expect(fieldsOf('fal-ai/kling-video/v2/master/image-to-video').image_url).toMatchObject({
			type: 'string',
			displayName: 'Image Url (required, URL or binary)',
		});
		expect(fieldsOf('fal-ai/whisper').audio_url).toMatchObject({ type: 'string', displayName: 'Audio Url (required, URL or binary)' });
		expect(fieldsOf('fal-ai/nano-banana/edit').image_urls).toMatchObject({
			type: 'string',
			displayName: 'Image URLs (required, URLs or binary)',
		});
		expect(fieldsOf('fal-ai/nano-banana/edit').image_urls.required).toBe(false);
	});

	it('shows enums of nullable and allOf-wrapped fields as options (pydantic style)', () => {
		const fields = fieldsOf('fal-ai/nano-banana/edit');
		expect(fields.aspect_ratio).toMatchObject({ type: 'options', required: false });
		expect(fields.aspect_ratio.options).toHaveLength(10);
		expect(fields.output_format).toMatchObject({ type: 'options', defaultValue: 'png', displayName: 'Output Format' });
		expect(fields.num_images.displayName).toBe('Number of Images (1–4)');
	});

	it('covers video and speech-to-text endpoints', () => {
		expect(fieldsOf('fal-ai/kling-video/v2/master/text-to-video').duration).toMatchObject({
			type: 'options',
			options: [
				{ name: '5', value: '5' },
				{ name: '10', value: '10' },
			],
		});
		expect(fieldsOf('fal-ai/kling-video/v2/master/text-to-video').cfg_scale.displayName).toBe('Cfg Scale (0–1)');
		expect(fieldsOf('fal-ai/wizper').max_segment_len.displayName).toBe('Max Segment Len (10–29)');
		expect(fieldsOf('fal-ai/whisper').num_speakers.displayName).toBe('Num Speakers (≥ 1)');
	});
});

describe('mediaFieldShape', () => {
	it('recognises _url, _urls and URIs that speak of media', () => {
		expect(mediaFieldShape('image_url', { type: 'string' })).toBe('single');
		expect(mediaFieldShape('image_urls', { type: 'array', items: { type: 'string' } })).toBe('list');
		expect(mediaFieldShape('reference', { type: 'string', format: 'uri', description: 'A reference video.' })).toBe('single');
		expect(mediaFieldShape('frames', { type: 'array', items: { type: 'string', format: 'uri' }, title: 'Key images' })).toBe('list');
	});

	it('leaves other fields alone', () => {
		expect(mediaFieldShape('prompt', { type: 'string' })).toBeUndefined();
		expect(mediaFieldShape('homepage', { type: 'string', format: 'uri', description: 'Where to read more.' })).toBeUndefined();
	});
});
