/**
 * Waiting for a queued request to finish.
 *
 * The SSE status stream is followed first (one connection, updates as they happen). Streams
 * break (proxies, idle cuts, redeploys), so whenever it cannot be opened, fails, goes silent or
 * ends without COMPLETED the wait continues by polling at once (the stream is not retried), with
 * an interval that grows so long jobs cost few calls. A timeout or the caller's abort cancels
 * the request on fal (unless told not to): an abandoned job would otherwise keep running and be
 * billed.
 */
import { FalAbortError, FalTimeoutError } from './errors';
import { cancelAccepted } from './cancelOutcome';
import { deadline, sleep } from './sleep';
import type { CallOptions, CancelOutcome, FalClientLogEvent, QueueStatus, RequestRef, StatusOptions, WaitOptions } from './types';

/** The queue calls a wait needs. */
export interface WaitDependencies {
	status(ref: RequestRef, options: StatusOptions): Promise<QueueStatus>;
	streamStatus(ref: RequestRef, options: StatusOptions): AsyncIterable<QueueStatus>;
	cancel(ref: RequestRef, options: CallOptions): Promise<CancelOutcome>;
	log(event: FalClientLogEvent): void;
}

const DEFAULT_POLL_INTERVAL_MS = 500;
const DEFAULT_MAX_POLL_INTERVAL_MS = 5_000;
const POLL_GROWTH = 1.5;
/** A cancel sent while giving up must not hold the caller for long. */
const CANCEL_TIMEOUT_MS = 10_000;

/** Resolves with the COMPLETED status; throws FalTimeoutError / FalAbortError after cancelling. */
export async function waitForCompletion(
	deps: WaitDependencies,
	ref: RequestRef,
	options: WaitOptions = {},
): Promise<QueueStatus> {
	// One signal ends the wait: the caller's abort or the timeout, whichever comes first.
	const limit = options.timeoutMs !== undefined ? deadline(options.timeoutMs, options.signal) : undefined;
	const stopSignal = limit?.signal ?? options.signal ?? new AbortController().signal;

	const outcome = await follow(deps, ref, options, stopSignal).then(
		(status) => ({ status }),
		(error: unknown) => ({ error }),
	);

	if ('status' in outcome) return outcome.status;
	if (!stopSignal.aborted) throw outcome.error;
	const timedOut = limit?.timedOut() === true && !options.signal?.aborted;
	const cancelled = options.cancelOnAbort === false ? false : await cancelQuietly(deps, ref);
	throw timedOut
		? new FalTimeoutError(options.timeoutMs ?? 0, ref.requestId, cancelled)
		: new FalAbortError(ref.requestId, cancelled);
}

async function follow(deps: WaitDependencies, ref: RequestRef, options: WaitOptions, signal: AbortSignal): Promise<QueueStatus> {
	const report = (status: QueueStatus) => options.onUpdate?.(status);
	if (options.mode !== 'poll') {
		try {
			const streamOptions = { logs: options.logs, signal, idleTimeoutMs: options.streamIdleTimeoutMs };
			for await (const status of deps.streamStatus(ref, streamOptions)) {
				report(status);
				if (status.status === 'COMPLETED') return status;
			}
			deps.log({ level: 'info', message: `status stream of ${ref.requestId} ended before COMPLETED; polling` });
		} catch (error) {
			if (!signal.aborted) {
				deps.log({
					level: 'warn',
					message: `status stream of ${ref.requestId} failed (${error instanceof Error ? error.message : String(error)}); polling`,
				});
			}
		}
		if (signal.aborted) throw new FalAbortError(ref.requestId);
	}
	let interval = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
	const maxInterval = Math.max(interval, options.maxPollIntervalMs ?? DEFAULT_MAX_POLL_INTERVAL_MS);
	for (;;) {
		const status = await deps.status(ref, { logs: options.logs, signal });
		report(status);
		if (status.status === 'COMPLETED') return status;
		await sleep(interval, signal);
		interval = Math.min(interval * POLL_GROWTH, maxInterval);
	}
}

/** True when fal accepted the cancel; errors are logged and ignored (we are already failing). */
async function cancelQuietly(deps: WaitDependencies, ref: RequestRef): Promise<boolean> {
	try {
		const outcome = await deps.cancel(ref, { signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS) });
		return cancelAccepted(outcome);
	} catch (error) {
		deps.log({
			level: 'warn',
			message: `cancelling ${ref.requestId} failed: ${error instanceof Error ? error.message : String(error)}`,
		});
		return false;
	}
}
