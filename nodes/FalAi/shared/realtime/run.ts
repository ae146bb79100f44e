/**
 * The Realtime execution mode's call for one item: the input goes over the execution's realtime
 * connection (./batch.ts) and the answer is the result, as in Direct Run.
 */
import type { ModelCall, ModelCallOutcome } from '../execution';

export type { RealtimeCaller } from './batch';

export async function realtimeRun(call: ModelCall): Promise<ModelCallOutcome> {
	// The node layer always hands one over in this mode; a missing one is a bug of ours.
	if (!call.realtime) throw new Error('Realtime mode without a realtime connection');
	const result = await call.realtime({ endpointId: call.endpointId, input: call.input, timeoutMs: call.timeoutMs, signal: call.signal });
	return { mode: 'realtime', requestId: result.requestId, data: result.data };
}
