/**
 * The input and output schemas of an endpoint's OpenAPI document: the request body and the
 * result response of its queue paths (falling back to the `…Input` / `…Output` component names
 * fal uses), with `#/components/schemas` references replaced by what they point at.
 */

type Json = Record<string, unknown>;

const MAX_DEPTH = 12;

export function inputAndOutputSchemas(openapi: unknown): { input?: Json; output?: Json } {
	if (!isRecord(openapi)) return {};
	const schemas = isRecord(openapi.components) && isRecord(openapi.components.schemas) ? (openapi.components.schemas as Record<string, Json>) : {};
	const names = Object.keys(schemas).filter((name) => !/queue/i.test(name));
	const input = requestBodySchema(openapi) ?? schemas[names.find((name) => name.endsWith('Input')) ?? ''];
	const output = resultSchema(openapi) ?? schemas[names.find((name) => name.endsWith('Output')) ?? ''];
	return { input: input && resolve(input, schemas, 0), output: output && resolve(output, schemas, 0) };
}

/** The JSON schema of the first POST request body. */
function requestBodySchema(openapi: Json): Json | undefined {
	for (const path of Object.values(isRecord(openapi.paths) ? openapi.paths : {})) {
		const schema = dig(path, ['post', 'requestBody', 'content', 'application/json', 'schema']);
		if (isRecord(schema)) return schema;
	}
	return undefined;
}

/** The 200 schema of the GET path ending in `/requests/{request_id}` (the result). */
function resultSchema(openapi: Json): Json | undefined {
	for (const [name, path] of Object.entries(isRecord(openapi.paths) ? openapi.paths : {})) {
		if (!/\/requests\/\{request_id\}$/.test(name)) continue;
		const schema = dig(path, ['get', 'responses', '200', 'content', 'application/json', 'schema']);
		if (isRecord(schema)) return schema;
	}
	return undefined;
}

function resolve(value: unknown, schemas: Record<string, Json>, depth: number): Json {
	return resolveAny(value, schemas, depth) as Json;
}

function resolveAny(value: unknown, schemas: Record<string, Json>, depth: number): unknown {
	if (Array.isArray(value)) return value.map((entry) => resolveAny(entry, schemas, depth + 1));
	if (!isRecord(value)) return value;
	if (typeof value.$ref === 'string' && depth < MAX_DEPTH) {
		const target = schemas[value.$ref.replace('#/components/schemas/', '')];
		if (target) {
			const rest: Json = { ...value };
			delete rest.$ref;
			return { ...(resolveAny(target, schemas, depth + 1) as Json), ...rest };
		}
	}
	return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, resolveAny(entry, schemas, depth + 1)]));
}

function dig(value: unknown, path: string[]): unknown {
	return path.reduce<unknown>((current, key) => (isRecord(current) ? current[key] : undefined), value);
}

function isRecord(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
