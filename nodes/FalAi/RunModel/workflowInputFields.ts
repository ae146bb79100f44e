/**
 * Run Model's "Model Inputs" field list: for a fal Workflow (`workflows/<owner>/<name>`), the
 * inputs its definition declares (`contents.schema.input` of the workflows API), which the
 * model catalogue does not know; for any other endpoint, the shared schema-based list.
 *
 * At execution the catalogue has no schema for a workflow either, so its inputs are checked
 * against these stored fields (the Model Inputs machinery's fallback), and fal checks the rest.
 */
import type { FieldType, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { getModelInputFields } from '../methods/resourceMapping';
import { toNodeError } from '../shared/errors';
import { withFalClient } from '../transport';

/** `methods.resourceMapping.getRunModelInputFields`. */
export async function getRunModelInputFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const chosen = this.getCurrentNodeParameter('model', { extractValue: true });
	const id = typeof chosen === 'string' ? chosen.trim() : '';
	if (!/^workflows\/[^/\s]+\/[^/\s]+$/.test(id)) return await getModelInputFields.call(this);

	let workflow: Record<string, unknown>;
	try {
		workflow = await withFalClient(this, async (client) => await client.platform.getWorkflow(id));
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0);
	}
	const input = inputSchemaOf(workflow);
	const fields = Object.entries(input).map(([key, definition]) => fieldOf(key, definition));
	if (!fields.length) return { fields, emptyFieldsNotice: `The workflow "${id}" declares no inputs. Use "Input (JSON)" for its input.` };
	return { fields };
}

function inputSchemaOf(workflow: Record<string, unknown>): Record<string, Record<string, unknown>> {
	const contents = workflow.contents as { schema?: { input?: unknown } } | undefined;
	const input = contents?.schema?.input;
	return input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, Record<string, unknown>>) : {};
}

/**
 * A declared input as a mapper field. As in the shared list, "required" is said in the name
 * rather than set as the flag, so the editor never fills in a value the user did not give.
 */
function fieldOf(key: string, definition: Record<string, unknown>): ResourceMapperField {
	const label = typeof definition.label === 'string' && definition.label ? definition.label : key;
	const required = definition.required === true;
	return {
		id: key,
		displayName: required ? `${label} (required)` : label,
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: fieldType(definition.type),
	};
}

/** Workflow input types (`string`, `integer`, `File`, `{type: "array", items}`…) as n8n field types. */
function fieldType(type: unknown): FieldType {
	const name = typeof type === 'string' ? type : type && typeof type === 'object' ? String((type as { type?: unknown }).type ?? 'object') : 'string';
	switch (name.toLowerCase()) {
		case 'integer':
		case 'int':
		case 'float':
		case 'number':
			return 'number';
		case 'boolean':
		case 'bool':
			return 'boolean';
		case 'array':
		case 'list':
			return 'array';
		case 'object':
		case 'dict':
			return 'object';
		default:
			// Strings and files (a URL, or a binary field's name that Model Inputs uploads).
			return 'string';
	}
}
