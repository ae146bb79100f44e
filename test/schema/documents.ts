/**
 * OpenAPI documents of the fake's catalogue, for tests that read schemas without a server.
 */
import { CATALOG } from '../fake-fal/catalog';
import { openApiDocument } from '../fake-fal/openapi';
import { extractInputSchema, type ModelInputSchema } from '../../nodes/FalAi/schema';

/** Every catalogue endpoint the fake serves, plain and pydantic-style. */
export const ALL_MODELS = CATALOG;

/** The OpenAPI document fal's platform API returns for `endpointId`. */
export function documentOf(endpointId: string): Record<string, unknown> {
	const model = ALL_MODELS.find((entry) => entry.endpointId === endpointId);
	if (!model) throw new Error(`no catalogue model ${endpointId}`);
	return openApiDocument(model);
}

/** The input schema of a catalogue endpoint, as the nodes read it. */
export function inputSchemaOf(endpointId: string): ModelInputSchema {
	const schema = extractInputSchema(documentOf(endpointId), endpointId);
	if (!schema) throw new Error(`no input schema for ${endpointId}`);
	return schema;
}
