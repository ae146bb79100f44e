/**
 * Builds a model's input from typed fields and the free-form "Additional Input (Raw JSON, Applied Last)".
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

/** A field the model cannot run without, with the name the user sees. */
export interface RequiredField {
	/** Key in the model input, e.g. `prompt`. */
	key: string;
	/** Label of the node field, e.g. `Prompt`. */
	displayName: string;
}

/**
 * Parses "Additional Input (Raw JSON, Applied Last)": an object (or a JSON string of one), empty meaning none.
 * Anything else fails with a message naming the item and the field.
 */
export function parseAdditionalInput(node: INode, value: unknown, itemIndex: number): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (!value.trim()) return {};
		try {
			parsed = jsonParse(value);
		} catch (error) {
			throw new NodeOperationError(node, `Item ${itemIndex}: "Additional Input (Raw JSON, Applied Last)" is not valid JSON`, {
				description: (error as Error).message,
				itemIndex,
			});
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(node, `Item ${itemIndex}: "Additional Input (Raw JSON, Applied Last)" must be a JSON object`, {
			description: 'For example {"enable_safety_checker": false, "loras": [{"path": "...", "scale": 1}]}',
			itemIndex,
		});
	}
	return parsed as IDataObject;
}

/** Drops unset typed fields (empty strings, null, undefined) so the model's defaults apply. */
export function compactInput(fields: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined || value === null || value === '') continue;
		result[key] = value;
	}
	return result;
}

/**
 * Merges typed fields and additional JSON (the JSON wins, so any model-specific parameter can be
 * passed or overridden) and checks the required fields are present.
 */
export function buildModelInput(
	node: INode,
	itemIndex: number,
	typed: IDataObject,
	additional: IDataObject,
	required: RequiredField[] = [],
): IDataObject {
	const input = { ...compactInput(typed), ...additional };
	assertRequiredFields(node, itemIndex, input, required);
	return input;
}

/** Throws for the first required field that is missing or blank. */
export function assertRequiredFields(
	node: INode,
	itemIndex: number,
	input: IDataObject,
	required: RequiredField[],
): void {
	for (const field of required) {
		const value = input[field.key];
		const blank = value === undefined || value === null || (typeof value === 'string' && !value.trim());
		if (blank) {
			throw new NodeOperationError(node, `Item ${itemIndex}: "${field.displayName}" is required`, {
				description: `The model input needs "${field.key}". Set "${field.displayName}" or pass "${field.key}" in "Additional Input (Raw JSON, Applied Last)".`,
				itemIndex,
			});
		}
	}
}
