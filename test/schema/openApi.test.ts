/**
 * Reading an endpoint's input schema out of its OpenAPI document.
 */
import { extractInputSchema, normalizeSchema } from '../../nodes/FalAi/schema';
import { ALL_MODELS, documentOf, inputSchemaOf } from './documents';

describe('extractInputSchema', () => {
	it.each(ALL_MODELS.map((model) => [model.endpointId, model.inputName]))(
		'finds the input of %s (%s) through the POST request body',
		(endpointId, inputName) => {
			const schema = inputSchemaOf(endpointId);
			expect(schema.name).toBe(inputName);
			expect(schema.root.type).toBe('object');
			expect(Object.keys(schema.root.properties ?? {}).length).toBeGreaterThan(2);
		},
	);

	it('resolves nested $refs: arrays of objects holding objects (flux-lora)', () => {
		const loras = inputSchemaOf('fal-ai/flux-lora').root.properties?.loras;
		expect(loras?.type).toBe('array');
		expect(loras?.items).toMatchObject({
			type: 'object',
			required: ['path'],
			properties: {
				path: { type: 'string' },
				scale: { type: 'number', minimum: 0, maximum: 4, default: 1 },
				transformer: { type: 'object', properties: { blocks: { type: 'array', items: { type: 'integer' } } } },
			},
		});
	});

	it('keeps a preset-or-object field as two alternatives, with the title of the referring site', () => {
		const imageSize = inputSchemaOf('fal-ai/flux/dev').root.properties?.image_size;
		expect(imageSize?.title).toBe('Image Size');
		expect(imageSize?.default).toBe('landscape_4_3');
		expect(imageSize?.anyOf).toHaveLength(2);
		expect(imageSize?.anyOf?.[0]).toMatchObject({ type: 'object', properties: { width: { type: 'integer', minimum: 1 } } });
		expect(imageSize?.anyOf?.[1]).toMatchObject({ type: 'string', enum: expect.arrayContaining(['square_hd']) });
	});

	it('folds pydantic\'s anyOf-with-null into a nullable field and merges allOf wrappers', () => {
		const properties = inputSchemaOf('fal-ai/nano-banana/edit').root.properties ?? {};
		expect(properties.aspect_ratio).toMatchObject({ type: 'string', nullable: true, enum: expect.arrayContaining(['16:9']) });
		expect(properties.aspect_ratio.anyOf).toBeUndefined();
		expect(properties.output_format).toMatchObject({
			type: 'string',
			enum: ['jpeg', 'png', 'webp'],
			default: 'png',
			description: 'The format of the generated image.',
		});
	});

	it('reads nullable: true and type lists with null the same way', () => {
		expect(normalizeSchema({ type: 'integer', nullable: true }, {})).toEqual({ type: 'integer', nullable: true });
		expect(normalizeSchema({ type: ['string', 'null'] }, {})).toEqual({ type: 'string', nullable: true });
		expect(normalizeSchema({ enum: ['a', null] }, {})).toEqual({ type: 'string', enum: ['a'], nullable: true });
	});

	it('turns OpenAPI 3.0 boolean exclusive bounds into numbers', () => {
		expect(normalizeSchema({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1 }, {})).toEqual({
			type: 'number',
			exclusiveMinimum: 0,
			maximum: 1,
		});
	});

	it('stops at a recursive $ref instead of looping', () => {
		const schemas = {
			NodeInput: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/NodeInput' } } } },
		};
		const node = normalizeSchema({ $ref: '#/components/schemas/NodeInput' }, schemas);
		expect(node.properties?.children).toEqual({ type: 'array', items: {} });
	});

	it('falls back to the schema named after the endpoint when the request body is not a $ref', () => {
		const document = documentOf('fal-ai/flux/dev') as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
		delete document.paths['/fal-ai/flux/dev'];
		document.components.schemas.LoraInput = { type: 'object', properties: { path: { type: 'string' } } };
		expect(extractInputSchema(document, 'fal-ai/flux/dev')?.name).toBe('FluxDevInput');
	});

	it('returns undefined for a document without an input object', () => {
		expect(extractInputSchema({ openapi: '3.0.4', components: { schemas: { Output: { type: 'object' } } } }, 'a/b')).toBeUndefined();
		expect(extractInputSchema(undefined, 'a/b')).toBeUndefined();
		expect(extractInputSchema({ components: { schemas: { BrokenInput: { type: 'string' } } } }, 'a/b')).toBeUndefined();
	});
});
