/**
 * Loads an endpoint's input schema from fal's platform API, through a process-wide cache.
 *
 * Entries are keyed by platform host and endpoint id: schemas are public and the same for every
 * key, but a credential with custom hosts (a gateway, the fake fal in tests) has its own catalogue.
 */
import type { FalClient } from '../client/types';
import { TtlCache } from './cache';
import { extractInputSchema } from './openApi';
import type { ModelInputSchema } from './types';

/** Endpoints whose schema is kept, and for how long. */
export const SCHEMA_CACHE_MAX_ENTRIES = 200;
export const SCHEMA_CACHE_TTL_MS = 10 * 60 * 1000;

/** `null` records that fal has no schema for the endpoint (unknown id, no `…Input`). */
const schemaCache = new TtlCache<ModelInputSchema | null>({
	maxEntries: SCHEMA_CACHE_MAX_ENTRIES,
	ttlMs: SCHEMA_CACHE_TTL_MS,
});

/**
 * The input schema of `endpointId`, or undefined when fal's catalogue has none for it.
 * Errors of the platform call (network, 401, …) are thrown and not cached.
 */
export async function loadInputSchema(
	client: FalClient,
	endpointId: string,
	signal?: AbortSignal,
): Promise<ModelInputSchema | undefined> {
	const key = `${client.hosts.platformUrl}\n${endpointId}`;
	const schema = await schemaCache.getOrLoad(key, async () => {
		const page = await client.platform.searchModels({ endpointIds: [endpointId], expandOpenApi: true, signal });
		const model = page.models.find((entry) => entry.endpoint_id === endpointId);
		return (model?.openapi && extractInputSchema(model.openapi, endpointId)) || null;
	});
	return schema ?? undefined;
}

/** Forgets every cached schema (tests; a user never needs it). */
export function clearInputSchemaCache(): void {
	schemaCache.clear();
}
