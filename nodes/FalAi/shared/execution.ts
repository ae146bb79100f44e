/**
 * The ways of running a model: wait for the result through the queue, submit only, a direct
 * (synchronous) run, or a submit whose webhook resumes the waiting execution (Wait for Webhook,
 * whose waiting lives in ./waitForWebhook). Knows the client only, not n8n, so it can be reused and tested alone.
 */
import type { FalClient, FalResult, QueueStatus, QueueSubmission, RequestRef } from '../client/types';
import { FalApiError, FalError, FalModelError, FalTimeoutError, FalValidationError } from '../client/errors';
import type { ProgressReport, QueueHistoryEntry } from './progress';
import { ProgressTracker } from './progress';
import { realtimeRun, type RealtimeCaller } from './realtime/run';

/** Values of the `executionMode` parameter ('stream' and 'realtime' only where the node offers them). */
export type ExecutionMode = 'wait' | 'submit' | 'run' | 'webhook' | 'stream' | 'realtime';

export interface ModelCall {
	endpointId: string;
	input: unknown;
	mode: ExecutionMode;
	/**
	 * Submit Only: where fal POSTs the result (e.g. the Fal.ai Trigger node's URL); Wait for
	 * Webhook: the execution's resume URL.
	 */
	webhookUrl?: string;
	priority?: 'normal' | 'low';
	/** Bounds the time before processing starts (fal's `X-Fal-Request-Timeout`). */
	requestTimeoutSeconds?: number;
	/** Wait for Result / Direct Run: give up (and cancel the fal request) after this; 0 = never. */
	timeoutMs?: number;
	/** Ask fal for the model's logs while waiting. */
	logs?: boolean;
	/** The execution's cancel signal: aborting it cancels the fal request. */
	signal?: AbortSignal;
	/** Stream: receives each partial result as it arrives (not the final one). */
	onPartial?: (data: unknown) => void;
	/** Wait for Result: told each change of the request's status or queue position. */
	onProgress?: (entry: QueueHistoryEntry) => void;
	/** Realtime: the execution's connection, see ./realtime/batch.ts. */
	realtime?: RealtimeCaller;
}

export type ModelCallOutcome =
	| { mode: 'submit'; submission: QueueSubmission }
	| { mode: 'webhook'; submission: QueueSubmission }
	| { mode: 'wait' | 'run' | 'stream' | 'realtime'; requestId: string; data: unknown; progress?: ProgressReport };

/** Runs `call` in its execution mode. Errors are the client's typed errors. */
export async function callModel(client: FalClient, call: ModelCall): Promise<ModelCallOutcome> {
	switch (call.mode) {
		case 'submit':
			return { mode: 'submit', submission: await submit(client, call) };
		case 'webhook':
			return { mode: 'webhook', submission: await submit(client, call) };
		case 'run':
			return await directRun(client, call);
		case 'stream':
			return await streamRun(client, call);
		case 'realtime':
			return await realtimeRun(call);
		default:
			return await waitForResult(client, call);
	}
}

async function submit(client: FalClient, call: ModelCall): Promise<QueueSubmission> {
	return await client.queue.submit(call.endpointId, call.input, {
		webhookUrl: call.webhookUrl || undefined,
		priority: call.priority,
		requestTimeoutSeconds: call.requestTimeoutSeconds || undefined,
		signal: call.signal,
	});
}

/**
 * Submit, then wait for the result (see {@link awaitResult}). The submit itself is not aborted:
 * a submit cut off by a stop may already have created a paid job whose id we would never learn,
 * so it is allowed to finish and the wait (seeing the aborted signal) then cancels the job.
 */
async function waitForResult(client: FalClient, call: ModelCall): Promise<ModelCallOutcome> {
	const submission = await submit(client, { ...call, webhookUrl: undefined, signal: undefined });
	const outcome = await awaitResult(client, submission, {
		timeoutMs: call.timeoutMs,
		logs: call.logs,
		signal: call.signal,
		queuePosition: submission.queuePosition,
		onProgress: call.onProgress,
	});
	return { mode: 'wait', ...outcome };
}

export interface AwaitResultOptions {
	/** Give up after this many ms; 0 or unset = wait until the signal fires. */
	timeoutMs?: number;
	logs?: boolean;
	signal?: AbortSignal;
	/** When false, a timeout or stop leaves the fal request running. Default true. */
	cancelOnAbort?: boolean;
	/** Queue position known from submit, the first entry of the history. */
	queuePosition?: number;
	/** Told each change of the request's status or queue position (not the repeats). */
	onProgress?: (entry: QueueHistoryEntry) => void;
}

/**
 * Waits until a queued request is COMPLETED (the client cancels it on timeout or abort unless
 * told otherwise), then fetches its result, recording the progress on the way.
 */
export async function awaitResult(
	client: FalClient,
	ref: RequestRef,
	options: AwaitResultOptions,
): Promise<{ requestId: string; data: unknown; progress: ProgressReport }> {
	const tracker = new ProgressTracker();
	const record = (update: Parameters<ProgressTracker['record']>[0]) => {
		const entry = tracker.record(update);
		if (entry && options.onProgress) options.onProgress(entry);
	};
	record({ status: 'IN_QUEUE', queue_position: options.queuePosition });
	const status = await client.queue.waitForCompletion(ref, {
		timeoutMs: options.timeoutMs || undefined,
		logs: options.logs,
		onUpdate: record,
		cancelOnAbort: options.cancelOnAbort,
		signal: options.signal,
	});
	record(status);
	const result = await completedResult(client, ref, status, options.signal);
	return { requestId: result.requestId || ref.requestId, data: result.data, progress: tracker.report() };
}

/**
 * The result of a COMPLETED request. fal reports a failed model in the status; the result call
 * then holds the details (e.g. a 422 with field errors), which the thrown error carries.
 */
export async function completedResult(
	client: FalClient,
	ref: RequestRef,
	status: QueueStatus,
	signal?: AbortSignal,
): Promise<FalResult> {
	if (!status.error) return await client.queue.result(ref, { signal });
	let resultError: unknown;
	try {
		await client.queue.result(ref, { signal });
	} catch (error) {
		resultError = error;
	}
	if (resultError instanceof FalValidationError) throw resultError;
	throw new FalModelError(status, resultError instanceof FalApiError ? resultError : undefined);
}

/** Extra time the HTTP layer allows beyond the node's own timeout in a direct run. */
const DIRECT_RUN_TIMEOUT_MARGIN_MS = 5_000;

/** `fal.run`: the answer is the result; the timeout aborts the call (fal stops the job then). */
async function directRun(client: FalClient, call: ModelCall): Promise<ModelCallOutcome> {
	const timeout = call.timeoutMs ? AbortSignal.timeout(call.timeoutMs) : undefined;
	const signals = [call.signal, timeout].filter((signal): signal is AbortSignal => signal !== undefined);
	let failure: unknown;
	try {
		const result = await client.run(call.endpointId, call.input, {
			priority: call.priority,
			requestTimeoutSeconds: call.requestTimeoutSeconds || undefined,
			// The node's timeout (enforced by the signal) is the limit, not the client's 300 s default;
			// a little margin lets our own timeout fire first and report itself.
			responseTimeoutMs: call.timeoutMs ? call.timeoutMs + DIRECT_RUN_TIMEOUT_MARGIN_MS : 0,
			signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
		});
		return { mode: 'run', requestId: result.requestId, data: result.data };
	} catch (error) {
		failure = error;
	}
	// The abort the client reports is our own timeout unless the execution was stopped.
	if (timeout?.aborted && !call.signal?.aborted) throw new FalTimeoutError(call.timeoutMs ?? 0, undefined, false);
	throw failure;
}

/**
 * `fal.run/{id}/stream`: every event but the last is a partial result (handed to `onPartial`),
 * the last one is the final result. Like a direct run, the timeout aborts the call.
 */
async function streamRun(client: FalClient, call: ModelCall): Promise<ModelCallOutcome> {
	const timeout = call.timeoutMs ? AbortSignal.timeout(call.timeoutMs) : undefined;
	const signals = [call.signal, timeout].filter((signal): signal is AbortSignal => signal !== undefined);
	let last: { data: unknown } | undefined;
	let failure: unknown;
	try {
		for await (const event of client.stream(call.endpointId, call.input, {
			priority: call.priority,
			requestTimeoutSeconds: call.requestTimeoutSeconds || undefined,
			signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
		})) {
			// The previous event was not the last one, so it was partial.
			if (last) call.onPartial?.(last.data);
			last = { data: event };
		}
	} catch (error) {
		failure = error;
	}
	// The abort the client reports is our own timeout unless the execution was stopped.
	if (failure !== undefined && timeout?.aborted && !call.signal?.aborted) throw new FalTimeoutError(call.timeoutMs ?? 0, undefined, false);
	if (failure !== undefined) throw failure;
	if (!last) throw new FalError(`fal's output stream of "${call.endpointId}" ended without a result; run it again or use "Wait for Result"`);
	// The stream's events carry no request id unless the model puts one in its output.
	return { mode: 'stream', requestId: requestIdOf(last.data), data: last.data };
}

function requestIdOf(data: unknown): string {
	const id = data && typeof data === 'object' ? (data as Record<string, unknown>).request_id : undefined;
	return typeof id === 'string' ? id : '';
}
