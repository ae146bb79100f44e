/**
 * The "Model Inputs" fields n8n's resource mapper shows for an endpoint, built from its input
 * schema: one field per input property, in fal's display order (`x-fal-order-properties`).
 *
 * What the editor does with a field decides what it sends, so each field is shaped for that:
 * - n8n 2.8 prefills an added field with `defaultValue` (a boolean without one with `false`,
 *   and a number input may settle on 0), and executions leave out a value equal to the schema's
 *   default (see coerce.ts). So a field gets `defaultValue` only when the schema has a default;
 *   a number or boolean without one becomes a text field or a True/False choice that starts
 *   empty, so nothing is sent until the user fills it.
 * - `ResourceMapperField` has no description or hint in n8n 2.8, so the few notes a user needs
 *   (required, range, JSON, URL or binary field) are added to the label, kept short.
 * - Inputs the node's own typed fields already set, and fal-internal ones (`sync_mode`), are
 *   kept in the list with `display: false`: the editor neither shows them nor offers them.
 * - An input that takes a preset or an object (`image_size`) gets the presets as options plus a
 *   second JSON field for the object form (./objectAlternative.ts).
 *
 * No field is marked `required` for n8n: in the "add" mode the editor leaves fields out until the
 * user adds them, and n8n reports a required field without a value as a parameter issue, which
 * stops every run of the workflow, even when the value comes from a typed field or the JSON.
 * The model's required inputs are checked on the merged input before submit instead.
 */
import type { FieldType, INodePropertyOptions, ResourceMapperField } from 'n8n-workflow';

import { inputLabel, optionLabel } from './labels';
import { mediaFieldShape } from './media';
import { hasObjectAlternative, objectAlternativeId } from './objectAlternative';
import type { InputSchemaNode, ModelInputSchema } from './types';

/** Inputs that steer fal's delivery rather than the model: never offered. */
export const FAL_INTERNAL_INPUTS: ReadonlySet<string> = new Set(['sync_mode']);

export interface ResourceMapperFieldOptions {
	/** Inputs the node's typed fields set: listed with `display: false`. */
	hidden?: Iterable<string>;
}

/** The resource mapper fields of an endpoint's input. */
export function toResourceMapperFields(schema: ModelInputSchema, options: ResourceMapperFieldOptions = {}): ResourceMapperField[] {
	const required = new Set(schema.root.required ?? []);
	const hidden = new Set([...FAL_INTERNAL_INPUTS, ...(options.hidden ?? [])]);
	return orderedProperties(schema.root).flatMap(([name, node]) => {
		const field = toField(name, node, required.has(name));
		if (hidden.has(name)) field.display = false;
		if (!hasObjectAlternative(node)) return [field];
		return [field, { ...objectField(name, node), display: field.display }];
	});
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
	const schemaType = valueFieldType(node);
	const fallback = defaultValue(node.default);
	let type: FieldType = media ? 'string' : choices.length ? 'options' : schemaType;
	let options: INodePropertyOptions[] | undefined = choices.length && !media ? choices.map(toOption) : undefined;
	// Without a default, n8n would show (and send) false or 0: start empty instead.
	if (type === 'boolean' && fallback === undefined) {
		type = 'options';
		options = [
			{ name: 'True', value: true },
			{ name: 'False', value: false },
		];
	}
	if (type === 'number' && fallback === undefined) type = 'string';
	const field: ResourceMapperField = {
		id: name,
		displayName: displayName(name, node, schemaType, media !== undefined, required),
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type,
	};
	if (options) field.options = options;
	if (fallback !== undefined && fitsField(fallback, type, options)) field.defaultValue = fallback;
	return field;
}

/** The JSON field standing for the object form of a preset-or-object input. */
function objectField(name: string, node: InputSchemaNode): ResourceMapperField {
	return {
		id: objectAlternativeId(name),
		displayName: `${inputLabel(name, node)} (custom, JSON)`,
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: 'object',
	};
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
	const notes: string[] = required ? ['required'] : [];
	const range = shortRange(node);
	if (range) notes.push(range);
	if (media) notes.push(mediaFieldShape(name, node) === 'list' ? 'URLs or binary' : 'URL or binary');
	else if (type === 'object' || type === 'array') notes.push('JSON');
	const label = inputLabel(name, node);
	return notes.length ? `${label} (${notes.join(', ')})` : label;
}

/** "1–50", "≥ 1", "≤ 4", "> 0", "< 1": the range in few characters, for labels. */
function shortRange(node: InputSchemaNode): string | undefined {
	if (node.minimum !== undefined && node.maximum !== undefined) return `${node.minimum}–${node.maximum}`;
	const parts: string[] = [];
	if (node.minimum !== undefined) parts.push(`≥ ${node.minimum}`);
	else if (node.exclusiveMinimum !== undefined) parts.push(`> ${node.exclusiveMinimum}`);
	if (node.maximum !== undefined) parts.push(`≤ ${node.maximum}`);
	else if (node.exclusiveMaximum !== undefined) parts.push(`< ${node.exclusiveMaximum}`);
	return parts.length ? parts.join(', ') : undefined;
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

function toOption(value: string | number | boolean): INodePropertyOptions {
	return { name: optionLabel(value), value };
}

/** Whether n8n can show `value` in a field of that type (an enum default must be one of its options). */
function fitsField(value: string | number | boolean, type: FieldType, options: INodePropertyOptions[] | undefined): boolean {
	if (type === 'options') return (options ?? []).some((option) => option.value === value);
	if (type === 'number') return typeof value === 'number';
	if (type === 'boolean') return typeof value === 'boolean';
	return typeof value === 'string';
}

/** A default the mapper can prefill: primitives as they are, non-empty objects/arrays as JSON. */
function defaultValue(value: unknown): string | number | boolean | undefined {
	if (typeof value === 'string') return value === '' ? undefined : value;
	if (typeof value === 'number' || typeof value === 'boolean') return value;
	if (typeof value === 'object' && value !== null && Object.keys(value).length > 0) return JSON.stringify(value);
	return undefined;
}
