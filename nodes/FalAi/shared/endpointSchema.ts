/**
 * The endpoint's input schema as executions use it: a help for decisions and early checks,
 * never a reason to fail. fal's platform API being down (or a gateway not offering it) must not
 * stop a run that fal's queue would accept, so a failed load gives `undefined`, and a load that
 * failed moments ago is not retried for every item (see `reuseRecentFailure`).
 */
import type { FalClient } from '../client/types';
import { loadInputSchema, type ModelInputSchema } from '../schema';

/** The cached input schema of `endpointId`, or undefined when fal has none or it cannot be loaded. */
export async function endpointSchemaIfAvailable(
	client: FalClient,
	endpointId: string,
	signal?: AbortSignal,
): Promise<ModelInputSchema | undefined> {
	try {
		return await loadInputSchema(client, endpointId, signal, { reuseRecentFailure: true });
	} catch {
		return undefined;
	}
}
