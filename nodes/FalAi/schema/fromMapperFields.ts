/**
 * A stand-in input schema built from the fields the resource mapper stored with the node, used
 * when fal's platform API cannot be reached at execution time.
 *
 * The stored fields know types, options and required flags but not ranges or nested shapes, so
 * checks are looser than with the live schema; an options field also accepts a JSON object,
 * since fal offers presets next to objects (`image_size`: a preset or `{width, height}`). A field's
 * `defaultValue` is the schema default it came from.
 */
import type { ResourceMapperField } from 'n8n-workflow';

import type { InputSchemaNode } from './types';

export function schemaFromMapperFields(fields: ResourceMapperField[]): InputSchemaNode {
	const properties: Record<string, InputSchemaNode> = {};
	for (const field of fields) {
		if (field.removed) continue;
		const node = nodeOf(field);
		const fallback = defaultOf(field);
		// The field's prefill is the schema's default: an unchanged one is then left out too.
		properties[field.id] = fallback === undefined ? node : { ...node, default: fallback };
	}
	return {
		type: 'object',
		properties,
		required: fields.filter((field) => field.required && !field.removed).map((field) => field.id),
	};
}

function nodeOf(field: ResourceMapperField): InputSchemaNode {
	switch (field.type) {
		case 'number':
			return { type: 'number' };
		case 'boolean':
			return { type: 'boolean' };
		case 'object':
			return { type: 'object' };
		case 'array':
			return { type: 'array' };
		case 'options': {
			const values = (field.options ?? []).map((option) => option.value);
			return { anyOf: [{ enum: values }, { type: 'object' }] };
		}
		default:
			return {};
	}
}

/** The schema default a field was prefilled with (object and array fields hold it as JSON text). */
function defaultOf(field: ResourceMapperField): unknown {
	const value = field.defaultValue;
	if (value === undefined || value === null) return undefined;
	if ((field.type === 'object' || field.type === 'array') && typeof value === 'string') {
		try {
			return JSON.parse(value) as unknown;
		} catch {
			return undefined;
		}
	}
	return value;
}
