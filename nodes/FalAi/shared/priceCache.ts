/**
 * Endpoint prices, cached for 10 minutes per platform URL so that a batch of items (and the
 * executions following it) asks fal once per endpoint. A failed lookup is not cached.
 */
import type { EndpointPrice, FalClient } from '../client/types';

const TTL_MS = 10 * 60_000;

interface Entry {
	at: number;
	price: Promise<EndpointPrice | undefined>;
}

const cache = new Map<string, Entry>();

/** The endpoint's published price, or undefined when fal publishes none. */
export async function priceOf(client: FalClient, endpointId: string, signal?: AbortSignal): Promise<EndpointPrice | undefined> {
	const key = `${client.hosts.platformUrl} ${endpointId}`;
	const cached = cache.get(key);
	if (cached && Date.now() - cached.at < TTL_MS) return await cached.price;
	const price = client.platform.pricing([endpointId], { signal }).then((prices) => prices.find((entry) => entry.endpoint_id === endpointId));
	cache.set(key, { at: Date.now(), price });
	price.catch(() => cache.delete(key));
	return await price;
}

/** Forgets every cached price (tests). */
export function clearPriceCache(): void {
	cache.clear();
}
