/**
 * The node side of the Realtime execution mode: one realtime session (one WebSocket) per node
 * execution, shared by the items that the item loop (processItems) runs as usual.
 *
 * The item loop keeps what every mode has (bounded concurrency, order and pairing of the
 * output, Continue On Fail, the stop); this adds what realtime needs on top:
 * - the session's in-flight bound is the node's "Max Concurrent Requests";
 * - inputs reach the socket in item order: an item whose input is ready waits for the items
 *   before it to send theirs or to fail ({@link RealtimeBatch.release});
 * - the session is closed when the execution ends, and at once when it is stopped.
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { FalRealtimeUnavailableError, type FalClient, type RealtimeSession } from '../../client';
import { platformWebSocket } from '../../client/realtime/session';
import { readOptions } from '../settings';
import { REALTIME_MODE } from './descriptions';

/** One item's realtime call, as the execution mode dispatcher hands it over. */
export interface RealtimeItemCall {
	endpointId: string;
	input: unknown;
	/** 0 = no limit. */
	timeoutMs?: number;
	signal?: AbortSignal;
}

export interface RealtimeItemResult {
	requestId: string;
	data: unknown;
}

/** Runs one item's input over the execution's realtime session. */
export type RealtimeCaller = (call: RealtimeItemCall) => Promise<RealtimeItemResult>;

export class RealtimeBatch {
	private session?: RealtimeSession;
	private endpointId?: string;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly client: FalClient,
		private readonly maxInFlight: number,
	) {}

	/** The caller for item `itemIndex` (its position on the socket). */
	callerFor(itemIndex: number): RealtimeCaller {
		return async (call) => {
			const session = this.sessionFor(call.endpointId, itemIndex);
			const result = await session.request(itemIndex, call.input, { signal: call.signal, timeoutMs: call.timeoutMs || undefined });
			return { requestId: result.requestId, data: result.data };
		};
	}

	/** Item `itemIndex` is done: if it never sent an input, the items after it no longer wait for it. */
	release(itemIndex: number): void {
		this.session?.skip(itemIndex);
	}

	close(): void {
		this.session?.close();
	}

	/** One connection per execution, so one endpoint: the first item's. */
	private sessionFor(endpointId: string, itemIndex: number): RealtimeSession {
		if (this.session) {
			if (endpointId !== this.endpointId) {
				throw new NodeOperationError(
					this.ctx.getNode(),
					`Realtime runs one model per execution over one connection: item ${itemIndex} uses "${endpointId}", an earlier item "${this.endpointId}"`,
					{ itemIndex },
				);
			}
			return this.session;
		}
		if (!this.client.realtime) throw new NodeOperationError(this.ctx.getNode(), 'Realtime is not available with this fal client');
		this.endpointId = endpointId;
		this.session = this.client.realtime({
			endpointId,
			maxInFlight: this.maxInFlight,
			resendUnanswered: readOptions(this.ctx, 0).realtimeResendUnanswered === true,
			signal: this.ctx.getExecutionCancelSignal(),
		});
		return this.session;
	}
}

/** Whether this execution runs in Realtime mode (read from the first item, like the concurrency). */
export function isRealtimeExecution(ctx: IExecuteFunctions): boolean {
	return ctx.getInputData().length > 0 && ctx.getNodeParameter('executionMode', 0, '') === REALTIME_MODE;
}

/**
 * Runs `run` with the execution's realtime batch when the node is in Realtime mode (else with
 * none), and closes the connection when it ends, whatever the outcome.
 */
export async function withRealtimeBatch<T>(
	ctx: IExecuteFunctions,
	client: FalClient,
	maxInFlight: number,
	run: (batch: RealtimeBatch | undefined) => Promise<T>,
): Promise<T> {
	if (!isRealtimeExecution(ctx)) return await run(undefined);
	// Before any item runs: the whole mode is unavailable, not one item.
	if (!platformWebSocket()) throw new NodeOperationError(ctx.getNode(), new FalRealtimeUnavailableError().message);
	const batch = new RealtimeBatch(ctx, client, maxInFlight);
	try {
		return await run(batch);
	} finally {
		batch.close();
	}
}
