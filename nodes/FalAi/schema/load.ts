/**
 * Loads an endpoint's input schema from fal's platform API, through a process-wide cache.
 *
 * Entries are keyed by platform host and endpoint id: schemas are public and the same for every
 * key, but a credential with custom hosts (a gateway, the fake fal in tests) has its own catalogue.
 *
 * A failed load can also be remembered for a minute. Executions use the schema only to check
 * values early and fall back to the fields stored with the node without it; when the platform
 * API is down, retrying it with backoff for every item would slow each one by seconds for nothing.
 */
import { FalAbortError } from '../client/errors';
import type { FalClient } from '../client/types';
import { TtlCache } from './cache';
import { extractInputSchema } from './openApi';
import type { ModelInputSchema } from './types';

/** Endpoints whose schema is kept, and for how long. */
export const SCHEMA_CACHE_MAX_ENTRIES = 200;
export const SCHEMA_CACHE_TTL_MS = 10 * 60 * 1000;

/** How long a failed load is remembered for callers that accept it (see {@link LoadSchemaOptions}). */
export const SCHEMA_FAILURE_TTL_MS = 60 * 1000;

/** `null` records that fal has no schema for the endpoint (unknown id, no `…Input`). */
const schemaCache = new TtlCache<ModelInputSchema | null>({
	maxEntries: SCHEMA_CACHE_MAX_ENTRIES,
	ttlMs: SCHEMA_CACHE_TTL_MS,
});

/** The error of the last failed load per key, while it is remembered. */
const recentFailures = new TtlCache<{ error: unknown }>({
	maxEntries: SCHEMA_CACHE_MAX_ENTRIES,
	ttlMs: SCHEMA_FAILURE_TTL_MS,
});

export interface LoadSchemaOptions {
	/**
	 * Fail at once with the error of a load that failed less than {@link SCHEMA_FAILURE_TTL_MS}
	 * ago, instead of asking (and retrying) again. For executions, which have a fallback; the
	 * editor leaves it off so that reopening the node tries again.
	 */
	reuseRecentFailure?: boolean;
}

/**
 * The input schema of `endpointId`, or undefined when fal's catalogue has none for it.
 * Errors of the platform call (network, 401, …) are thrown; they are never cached as a result,
 * only remembered for {@link LoadSchemaOptions.reuseRecentFailure} callers (a cancelled load is not).
 */
export async function loadInputSchema(
	client: FalClient,
	endpointId: string,
	signal?: AbortSignal,
	options: LoadSchemaOptions = {},
): Promise<ModelInputSchema | undefined> {
	const key = `${client.hosts.platformUrl}\n${endpointId}`;
	const failure = options.reuseRecentFailure ? recentFailures.get(key) : undefined;
	if (failure) throw failure.error;
	const loading = schemaCache.getOrLoad(key, async () => {
		const page = await client.platform.searchModels({ endpointIds: [endpointId], expandOpenApi: true, signal });
		const model = page.models.find((entry) => entry.endpoint_id === endpointId);
		return (model?.openapi && extractInputSchema(model.openapi, endpointId)) || null;
	});
	// Noted on the side; the caller still gets the rejection from the await below.
	loading.catch((error: unknown) => {
		if (!(error instanceof FalAbortError) && !signal?.aborted) recentFailures.set(key, { error });
	});
	const schema = await loading;
	recentFailures.delete(key);
	return schema ?? undefined;
}

/** Forgets every cached schema and remembered failure (tests; a user never needs it). */
export function clearInputSchemaCache(): void {
	schemaCache.clear();
	recentFailures.clear();
}
