/**
 * The "Model Inputs" resource mapper's field list: the chosen endpoint's input schema, read
 * from fal's platform API (cached), as typed n8n fields.
 */
import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { parseEndpointId } from '../client/endpoint';
import { toNodeError } from '../shared/errors';
import { loadInputSchema, toResourceMapperFields } from '../schema';
import { withFalClient } from '../transport';

/** `methods.resourceMapping.getModelInputFields`, for a node whose model picker is `model`. */
export async function getModelInputFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const chosen = this.getCurrentNodeParameter('model', { extractValue: true });
	const text = typeof chosen === 'string' ? chosen.trim() : '';
	if (!text || text.startsWith('=')) {
		return {
			fields: [],
			emptyFieldsNotice:
				'Pick a model (a fixed endpoint ID, not an expression) to see its inputs, or use "Additional Input (JSON)".',
		};
	}
	let endpointId: string;
	try {
		endpointId = parseEndpointId(text).id;
	} catch (error) {
		return { fields: [], emptyFieldsNotice: `"${text}" is not a valid endpoint ID: ${(error as Error).message}` };
	}

	let schema;
	try {
		schema = await withFalClient(this, async (client) => await loadInputSchema(client, endpointId));
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0);
	}
	if (!schema) {
		return {
			fields: [],
			emptyFieldsNotice: `fal publishes no input schema for "${endpointId}". Use "Additional Input (JSON)" for its inputs.`,
		};
	}
	return { fields: toResourceMapperFields(schema) };
}
