/**
 * Finds an endpoint's input schema in the OpenAPI 3 document fal's platform API returns
 * (`GET /v1/models?endpoint_id=…&expand=openapi-3.0`).
 *
 * The input is the request body of `POST /{endpoint_id}`; fal names it `<Something>Input` in
 * `components.schemas`. The request body is looked at first because a document may hold several
 * `…Input` schemas (nested models are named that way too); the naming rule is the fallback.
 */
import { normalizeSchema } from './normalize';
import type { ModelInputSchema } from './types';

type Raw = Record<string, unknown>;

/** The endpoint's input schema, or `undefined` when the document has none. */
export function extractInputSchema(document: unknown, endpointId: string): ModelInputSchema | undefined {
	const schemas = record(record(record(document).components).schemas);
	const name = requestBodySchemaName(document, endpointId) ?? inputSchemaByName(schemas, endpointId);
	if (!name) return undefined;
	const root = normalizeSchema({ $ref: `#/components/schemas/${name}` }, schemas);
	if (root.type !== 'object' && !root.properties) return undefined;
	return { endpointId, name, root: { ...root, type: 'object', properties: root.properties ?? {} } };
}

/** Name of the schema `POST /{endpointId}` takes as JSON body, when it is a component `$ref`. */
function requestBodySchemaName(document: unknown, endpointId: string): string | undefined {
	const paths = record(record(document).paths);
	const post = record(record(paths[`/${endpointId}`]).post);
	const schema = record(record(record(record(post.requestBody).content)['application/json']).schema);
	const ref = typeof schema.$ref === 'string' ? schema.$ref : undefined;
	const match = ref ? /^#\/components\/schemas\/(.+)$/.exec(ref) : null;
	return match ? decodeURIComponent(match[1]) : undefined;
}

/**
 * The component whose name ends in `Input`. With several, the one named after the endpoint
 * (`fal-ai/flux/dev` → `FluxDevInput`) wins, then the first.
 */
function inputSchemaByName(schemas: Raw, endpointId: string): string | undefined {
	const candidates = Object.keys(schemas).filter((name) => name.endsWith('Input'));
	if (candidates.length <= 1) return candidates[0];
	const expected = `${pascalCase(endpointId.split('/').slice(1).join(' '))}Input`;
	return candidates.find((name) => name === expected) ?? candidates[0];
}

function pascalCase(text: string): string {
	return text
		.split(/[^A-Za-z0-9]+/)
		.filter(Boolean)
		.map((word) => word[0].toUpperCase() + word.slice(1))
		.join('');
}

function record(value: unknown): Raw {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {};
}
