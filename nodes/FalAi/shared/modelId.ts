/**
 * Reads and validates the endpoint id an item runs against.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseEndpointId } from '../client/endpoint';
import { FalEndpointIdError } from '../client/errors';

/** Shape accepted in the "By ID" mode of the model picker (the full check is `parseEndpointId`). */
export const ENDPOINT_ID_PATTERN = '^\\s*[^/\\s]+/[^/\\s]+(/[^\\s]+)?\\s*$';

/**
 * Checks an endpoint id (`owner/alias[/path]`) and returns its normalised form, or throws an
 * error naming the item and the field.
 */
export function validateEndpointId(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	fieldName = 'Model',
): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "${fieldName}" is required`, {
			description: 'Pick a model from the list or enter an endpoint id such as "fal-ai/flux/dev".',
			itemIndex,
		});
	}
	try {
		return parseEndpointId(text).id;
	} catch (error) {
		const reason = error instanceof FalEndpointIdError ? error.message : String(error);
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "${fieldName}" is not a valid endpoint id`, {
			description: `${reason}. Endpoint ids look like "owner/alias" or "owner/alias/path", e.g. "fal-ai/flux/dev".`,
			itemIndex,
		});
	}
}

/** Reads the model resource locator (parameter `model`) of one item and validates it. */
export function readModelId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('model', itemIndex, '', { extractValue: true });
	return validateEndpointId.call(this, value, itemIndex);
}
