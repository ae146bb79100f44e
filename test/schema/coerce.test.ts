/**
 * Converting and checking "Model Inputs" values against endpoint input schemas.
 */
import type { ResourceMapperField } from 'n8n-workflow';

import {
	coerceModelInputs,
	findMissingRequired,
	ModelInputError,
	schemaFromMapperFields,
	type InputSchemaNode,
} from '../../nodes/FalAi/schema';
import { inputSchemaOf } from './documents';

const noBinary = { itemIndex: 0, hasBinary: () => false };
const root = (endpointId: string): InputSchemaNode => inputSchemaOf(endpointId).root;

function errorOf(action: () => unknown): ModelInputError {
	try {
		action();
	} catch (error) {
		if (error instanceof ModelInputError) return error;
		throw error;
	}
	throw new Error('expected a ModelInputError');
}

describe('coerceModelInputs: conversions', () => {
	it('converts text from the mapper to numbers, booleans and enum values', () => {
		const { values } = coerceModelInputs(
			{ num_images: '2', guidance_scale: '4.5', enable_safety_checker: 'false', output_format: 'png', prompt: 'a fox' },
			root('fal-ai/flux/dev'),
			noBinary,
		);
		expect(values).toEqual({ num_images: 2, guidance_scale: 4.5, enable_safety_checker: false, output_format: 'png', prompt: 'a fox' });
	});

	it('turns a number given to a text enum into its text ("5" seconds for Kling)', () => {
		const { values } = coerceModelInputs({ duration: 10 }, root('fal-ai/kling-video/v2/master/text-to-video'), noBinary);
		expect(values).toEqual({ duration: '10' });
	});

	it('leaves out unset values so fal\'s defaults apply', () => {
		const { values } = coerceModelInputs({ seed: null, prompt: '', num_images: '  ', sync_mode: undefined }, root('fal-ai/flux/dev'), noBinary);
		expect(values).toEqual({});
	});

	it('accepts a preset or a {width, height} object (also as JSON text) for image_size', () => {
		const schema = root('fal-ai/flux/dev');
		expect(coerceModelInputs({ image_size: 'square_hd' }, schema, noBinary).values.image_size).toBe('square_hd');
		expect(coerceModelInputs({ image_size: '{"width": "640", "height": 480}' }, schema, noBinary).values.image_size).toEqual({ width: 640, height: 480 });
		expect(coerceModelInputs({ image_size: { width: 512, height: 512 } }, schema, noBinary).values.image_size).toEqual({ width: 512, height: 512 });
	});

	it('parses nested arrays of objects from JSON and converts inside them (flux-lora loras)', () => {
		const { values } = coerceModelInputs(
			{ loras: '[{"path": "https://example.com/a.safetensors", "scale": "0.8", "transformer": {"blocks": [1, "2"]}}]' },
			root('fal-ai/flux-lora'),
			noBinary,
		);
		expect(values.loras).toEqual([{ path: 'https://example.com/a.safetensors', scale: 0.8, transformer: { blocks: [1, 2] } }]);
	});

	it('passes fields the schema does not know through unchanged', () => {
		const { values } = coerceModelInputs({ brand_new_option: 'x' }, root('fal-ai/flux/dev'), noBinary);
		expect(values).toEqual({ brand_new_option: 'x' });
	});
});

describe('coerceModelInputs: errors name the item and the field', () => {
	it('rejects a number out of range', () => {
		const error = errorOf(() => coerceModelInputs({ num_images: 9 }, root('fal-ai/flux/dev'), { ...noBinary, itemIndex: 3 }));
		expect(error.message).toBe('Item 3: Model Inputs "Num Images" must be 1 to 4 (got 9)');
		expect(error).toMatchObject({ itemIndex: 3, field: 'num_images' });
	});

	it('rejects text that is not a number, and fractions for whole numbers', () => {
		expect(errorOf(() => coerceModelInputs({ num_images: 'two' }, root('fal-ai/flux/dev'), noBinary)).problem).toBe('must be a number (got "two")');
		expect(errorOf(() => coerceModelInputs({ num_images: 1.5 }, root('fal-ai/flux/dev'), noBinary)).problem).toBe('must be a whole number (got 1.5)');
	});

	it('rejects a value outside the enum, listing the allowed ones', () => {
		const error = errorOf(() => coerceModelInputs({ output_format: 'gif' }, root('fal-ai/flux/dev'), noBinary));
		expect(error.problem).toBe('must be one of "jpeg", "png" (got "gif")');
	});

	it('rejects a value that fits no alternative, describing each', () => {
		const error = errorOf(() => coerceModelInputs({ image_size: 'huge' }, root('fal-ai/flux/dev'), noBinary));
		expect(error.field).toBe('image_size');
		expect(error.problem).toMatch(/^must be a JSON object \{width, height\} or one of "square_hd", .* \(got "huge"\)$/);
	});

	it('points into nested objects and arrays', () => {
		expect(errorOf(() => coerceModelInputs({ image_size: '{"width": 0, "height": 10}' }, root('fal-ai/flux/dev'), noBinary)).message).toBe(
			'Item 0: Model Inputs "Image Size" (image_size.width) must be 1 to 14142 (got 0)',
		);
		expect(errorOf(() => coerceModelInputs({ loras: [{ path: 'p', scale: 9 }] }, root('fal-ai/flux-lora'), noBinary)).field).toBe('loras[0].scale');
		expect(errorOf(() => coerceModelInputs({ loras: [{ scale: 1 }] }, root('fal-ai/flux-lora'), noBinary)).message).toBe(
			'Item 0: Model Inputs "Loras" (loras[0].path) is required',
		);
	});

	it('rejects invalid JSON and the wrong JSON shape', () => {
		expect(errorOf(() => coerceModelInputs({ loras: '[{' }, root('fal-ai/flux-lora'), noBinary)).problem).toMatch(/^must be a JSON array, but the text is not valid JSON/);
		expect(errorOf(() => coerceModelInputs({ loras: '{"path": "p"}' }, root('fal-ai/flux-lora'), noBinary)).problem).toBe('must be a JSON array (got {"path":"p"})');
	});

	it('rejects booleans that are not true or false, and over-long text', () => {
		expect(errorOf(() => coerceModelInputs({ sync_mode: 'yes' }, root('fal-ai/flux/dev'), noBinary)).problem).toBe('must be true or false (got "yes")');
		expect(errorOf(() => coerceModelInputs({ prompt: 'x'.repeat(2501) }, root('fal-ai/kling-video/v2/master/text-to-video'), noBinary)).problem).toBe(
			'must be at most 2500 characters long (got 2501)',
		);
	});
});

describe('coerceModelInputs: media fields', () => {
	const withBinaries = (...names: string[]) => ({ itemIndex: 1, hasBinary: (name: string) => names.includes(name) });

	it('keeps URLs and marks binary field names for upload', () => {
		const schema = root('fal-ai/kling-video/v2/master/image-to-video');
		const byUrl = coerceModelInputs({ image_url: 'https://example.com/cat.png' }, schema, withBinaries());
		expect(byUrl).toEqual({ values: { image_url: 'https://example.com/cat.png' }, uploads: [] });
		const byBinary = coerceModelInputs({ image_url: 'photo' }, schema, withBinaries('photo'));
		expect(byBinary.uploads).toEqual([{ key: 'image_url', shape: 'single', entries: [{ binaryProperty: 'photo' }] }]);
	});

	it('reads a list field from comma-separated names, URL lines, JSON arrays and arrays', () => {
		const schema = root('fal-ai/nano-banana/edit');
		expect(coerceModelInputs({ image_urls: 'data, data_1' }, schema, withBinaries('data', 'data_1')).uploads[0].entries).toEqual([
			{ binaryProperty: 'data' },
			{ binaryProperty: 'data_1' },
		]);
		expect(coerceModelInputs({ image_urls: 'https://a.example/1.png\nhttps://a.example/2.png' }, schema, withBinaries()).values.image_urls).toEqual([
			'https://a.example/1.png',
			'https://a.example/2.png',
		]);
		const mixed = coerceModelInputs({ image_urls: '["https://a.example/1.png", "data"]' }, schema, withBinaries('data'));
		expect(mixed.uploads[0].entries).toEqual([{ url: 'https://a.example/1.png' }, { binaryProperty: 'data' }]);
		expect(coerceModelInputs({ image_urls: ['data:image/png;base64,AAAA'] }, schema, withBinaries()).values.image_urls).toEqual([
			'data:image/png;base64,AAAA',
		]);
	});

	it('rejects a value that is neither a URL nor a binary field of the item', () => {
		const error = errorOf(() => coerceModelInputs({ audio_url: 'recording' }, root('fal-ai/whisper'), withBinaries('data')));
		expect(error.message).toBe(
			'Item 1: Model Inputs "Audio Url" is neither an http(s) or data: URL nor the name of a binary field of the item (got "recording")',
		);
	});

	it('checks the number of entries of a list field', () => {
		const error = errorOf(() => coerceModelInputs({ image_urls: '[]' }, root('fal-ai/nano-banana/edit'), withBinaries()));
		expect(error.problem).toBe('needs at least 1 entry (got 0)');
	});
});

describe('findMissingRequired', () => {
	it('names the first required field that is missing or blank', () => {
		const schema = root('fal-ai/nano-banana/edit');
		expect(findMissingRequired({ prompt: 'x' }, schema)).toBe('image_urls');
		expect(findMissingRequired({ prompt: ' ', image_urls: ['u'] }, schema)).toBe('prompt');
		expect(findMissingRequired({ prompt: 'x', image_urls: ['u'] }, schema)).toBeUndefined();
	});
});

describe('schemaFromMapperFields (when the platform API is unreachable)', () => {
	const field = (id: string, type: ResourceMapperField['type'], extra: Partial<ResourceMapperField> = {}): ResourceMapperField => ({
		id,
		displayName: id,
		type,
		required: false,
		defaultMatch: false,
		display: true,
		...extra,
	});

	it('checks types, options and required flags of the stored fields', () => {
		const schema = schemaFromMapperFields([
			field('steps', 'number'),
			field('format', 'options', { options: [{ name: 'png', value: 'png' }] }),
			field('prompt', 'string', { required: true }),
			field('gone', 'string', { required: true, removed: true }),
		]);
		expect(coerceModelInputs({ steps: '3', format: 'png' }, schema, noBinary).values).toEqual({ steps: 3, format: 'png' });
		expect(coerceModelInputs({ format: { width: 1 } }, schema, noBinary).values).toEqual({ format: { width: 1 } });
		expect(errorOf(() => coerceModelInputs({ steps: 'x' }, schema, noBinary)).field).toBe('steps');
		expect(errorOf(() => coerceModelInputs({ format: 'gif' }, schema, noBinary)).field).toBe('format');
		expect(findMissingRequired({}, schema)).toBe('prompt');
	});
});
