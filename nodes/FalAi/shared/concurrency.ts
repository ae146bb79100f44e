/**
 * Runs one task per item with a bounded number in flight.
 *
 * fal limits concurrent requests per account, and each in-flight item holds a connection and
 * possibly a paid job, so items are processed through a fixed number of lanes. Results keep the
 * input order whatever order the tasks finish in.
 */

export type TaskOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface ConcurrencyOptions {
	/** Most tasks in flight at once (values below 1 mean 1). */
	limit: number;
	/** Stopping this (the n8n execution's cancel signal) aborts every task and starts no new one. */
	signal?: AbortSignal;
	/**
	 * When true, the first failure aborts the tasks still running (their fal jobs get cancelled)
	 * and starts no new one: without "Continue On Fail" their results would be thrown away.
	 */
	stopOnError: boolean;
}

export interface ConcurrencyReport<T> {
	/** One entry per index; `undefined` for tasks never started (after a stop or a cancel). */
	outcomes: Array<TaskOutcome<T> | undefined>;
	/** Index of the failure that happened first in time, if any. */
	firstFailure?: number;
	/** True when the outer signal was aborted. */
	cancelled: boolean;
}

/** Calls `task(index, signal)` for indices `0..count-1`, at most `limit` at a time. */
export async function runWithConcurrency<T>(
	count: number,
	task: (index: number, signal: AbortSignal) => Promise<T>,
	options: ConcurrencyOptions,
): Promise<ConcurrencyReport<T>> {
	const controller = new AbortController();
	const outer = options.signal;
	const forwardAbort = () => controller.abort(outer?.reason);
	if (outer?.aborted) forwardAbort();
	else outer?.addEventListener('abort', forwardAbort, { once: true });

	const outcomes: Array<TaskOutcome<T> | undefined> = new Array(count).fill(undefined);
	let firstFailure: number | undefined;
	let next = 0;

	const lane = async (): Promise<void> => {
		while (next < count && !controller.signal.aborted) {
			const index = next++;
			try {
				outcomes[index] = { ok: true, value: await task(index, controller.signal) };
			} catch (error) {
				outcomes[index] = { ok: false, error };
				firstFailure ??= index;
				if (options.stopOnError) controller.abort();
			}
		}
	};

	const lanes = Math.max(1, Math.min(Math.floor(options.limit) || 1, count));
	try {
		await Promise.all(Array.from({ length: lanes }, lane));
	} finally {
		outer?.removeEventListener('abort', forwardAbort);
	}
	return { outcomes, firstFailure, cancelled: outer?.aborted ?? false };
}
