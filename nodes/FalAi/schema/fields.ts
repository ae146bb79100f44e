/**
 * The "Model Inputs" fields n8n's resource mapper shows for an endpoint, built from its input
 * schema: one field per input property, in fal's display order (`x-fal-order-properties`).
 *
 * n8n 2.8's `ResourceMapperField` has no description or hint, so what a user needs to fill a
 * field right (that the model requires it, its range, that it takes JSON, that a binary field can
 * stand for a URL) is added to its display name.
 *
 * No field is marked `required` for n8n: in the "add" mode the editor leaves fields out until the
 * user adds them, and n8n reports a required field without a value as a parameter issue, which
 * stops every run of the workflow, even when the value comes from a typed field or the JSON.
 * The model's required inputs are checked on the merged input before submit instead.
 */
import type { FieldType, INodePropertyOptions, ResourceMapperField } from 'n8n-workflow';

import { mediaFieldShape } from './media';
import type { InputSchemaNode, ModelInputSchema } from './types';

/** The resource mapper fields of an endpoint's input. */
export function toResourceMapperFields(schema: ModelInputSchema): ResourceMapperField[] {
	const required = new Set(schema.root.required ?? []);
	return orderedProperties(schema.root).map(([name, node]) => toField(name, node, required.has(name)));
}

/** An object's properties: the names of `x-fal-order-properties` first, then the others. */
export function orderedProperties(node: InputSchemaNode): Array<[string, InputSchemaNode]> {
	const properties = node.properties ?? {};
	const names = [...(node.order ?? []).filter((name) => name in properties), ...Object.keys(properties)];
	return [...new Set(names)].map((name) => [name, properties[name]]);
}

function toField(name: string, node: InputSchemaNode, required: boolean): ResourceMapperField {
	const media = mediaFieldShape(name, node);
	const choices = enumValues(node);
	const type: FieldType = media ? 'string' : choices.length ? 'options' : valueFieldType(node);
	const field: ResourceMapperField = {
		id: name,
		displayName: displayName(name, node, type, media !== undefined, required),
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type,
	};
	if (type === 'options') field.options = choices.map(toOption);
	const fallback = defaultValue(node.default);
	if (fallback !== undefined) field.defaultValue = fallback;
	return field;
}

/** Values a field offers: its enum, or the enums of its alternatives (a preset or an object). */
function enumValues(node: InputSchemaNode): Array<string | number | boolean> {
	const values = node.enum ?? node.anyOf?.flatMap((branch) => branch.enum ?? []) ?? [];
	return [...new Set(values)];
}

function valueFieldType(node: InputSchemaNode): FieldType {
	const types = new Set(node.type ? [node.type] : (node.anyOf ?? []).map((branch) => branch.type));
	if (types.size !== 1) return 'string';
	switch ([...types][0]) {
		case 'integer':
		case 'number':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'object':
			return 'object';
		case 'array':
			return 'array';
		default:
			return 'string';
	}
}

function displayName(name: string, node: InputSchemaNode, type: FieldType, media: boolean, required: boolean): string {
	const label = node.title?.trim() || humanize(name);
	const notes: string[] = required ? ['required'] : [];
	const range = rangeText(node);
	if (range) notes.push(range);
	if (media) notes.push(mediaFieldShape(name, node) === 'list' ? 'URLs or binary fields' : 'URL or binary field');
	else if (type === 'object' || type === 'array') notes.push('JSON');
	else if (type === 'options' && node.anyOf?.some((branch) => branch.type === 'object')) notes.push('or JSON object');
	return notes.length ? `${label} (${notes.join(', ')})` : label;
}

/** "1 to 50", "at least 1", "at most 4", "above 0", "below 1"; undefined without bounds. */
export function rangeText(node: InputSchemaNode): string | undefined {
	const low = node.minimum ?? node.exclusiveMinimum;
	const high = node.maximum ?? node.exclusiveMaximum;
	if (node.minimum !== undefined && node.maximum !== undefined) return `${node.minimum} to ${node.maximum}`;
	const parts: string[] = [];
	if (low !== undefined) parts.push(node.minimum !== undefined ? `at least ${low}` : `above ${low}`);
	if (high !== undefined) parts.push(node.maximum !== undefined ? `at most ${high}` : `below ${high}`);
	return parts.length ? parts.join(', ') : undefined;
}

/** `output_format` → `Output Format`, as fal titles its fields. */
function humanize(name: string): string {
	const words = name.split('_').filter(Boolean);
	return words.length ? words.map((word) => word[0].toUpperCase() + word.slice(1)).join(' ') : name;
}

function toOption(value: string | number | boolean): INodePropertyOptions {
	return { name: String(value), value };
}

/** A default the mapper can prefill: primitives as they are, non-empty objects/arrays as JSON. */
function defaultValue(value: unknown): string | number | boolean | undefined {
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (typeof value === 'object' && value !== null && Object.keys(value).length > 0) return JSON.stringify(value);
	return undefined;
}
