/**
 * Remembers the request ids already delivered, so a redelivery does not start a second run.
 *
 * fal redelivers when it did not get a 2xx in time, even if the first delivery was processed.
 * The ids live in the node's workflow static data (persisted by n8n after each webhook call),
 * bounded so the workflow record does not grow without end.
 */
import type { IDataObject } from 'n8n-workflow';

/** fal retries a delivery for about two hours; this many ids covers far more than that. */
export const SEEN_REQUESTS_LIMIT = 500;

const FIELD = 'seenRequestIds';

/** True when `requestId` was already delivered to this node. */
export function wasDelivered(staticData: IDataObject, requestId: string): boolean {
	return readIds(staticData).includes(requestId);
}

/**
 * Records a delivered request id, dropping the oldest ones past the limit. The array is
 * replaced rather than mutated so n8n's change tracking sees the update and saves it.
 */
export function rememberDelivery(staticData: IDataObject, requestId: string, limit = SEEN_REQUESTS_LIMIT): void {
	const ids = readIds(staticData).filter((id) => id !== requestId);
	ids.push(requestId);
	staticData[FIELD] = ids.slice(-limit);
}

function readIds(staticData: IDataObject): string[] {
	const ids = staticData[FIELD];
	return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}
