/**
 * Running many asynchronous tasks with a bound on how many are in flight, the way a workflow
 * would fan out jobs to fal without exceeding its account's concurrency.
 */

/**
 * Calls `task` for every item with at most `limit` calls pending at once, starting the next as
 * soon as one settles. Results keep the order of `items`; the first failure rejects (tasks
 * already started still run to their end).
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
	if (!(limit >= 1)) throw new RangeError(`limit must be at least 1, got ${limit}`);
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(Math.floor(limit), items.length) }, worker));
	return results;
}

/**
 * The wall time the same bounded run would take if every call cost nothing but the job itself:
 * jobs start in order, each as soon as one of `limit` slots frees up. The yardstick for the
 * client's overhead in a fan-out.
 */
export function idealBoundedWallMs(durationsMs: readonly number[], limit: number): number {
	if (!(limit >= 1)) throw new RangeError(`limit must be at least 1, got ${limit}`);
	const slotsFreeAt: number[] = new Array(Math.min(Math.floor(limit), durationsMs.length)).fill(0);
	let end = 0;
	for (const duration of durationsMs) {
		let earliest = 0;
		for (let slot = 1; slot < slotsFreeAt.length; slot++) if (slotsFreeAt[slot] < slotsFreeAt[earliest]) earliest = slot;
		slotsFreeAt[earliest] += duration;
		end = Math.max(end, slotsFreeAt[earliest]);
	}
	return end;
}
