/**
 * A stand-in for n8n's Manual Trigger (which lives in n8n-nodes-base, not installed here).
 *
 * In `manual` mode the engine calls `trigger()` and then waits for the items given to
 * `this.emit`; `emit` is only wired up after `trigger()` returns, so the items must be emitted
 * from `manualTriggerFunction` (emitting earlier, or never, leaves the run waiting forever).
 * In the other modes the engine passes the items on the execution stack through unchanged.
 */
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';

/** Type name of the stand-in trigger; the harness adds a node of this type named `Start`. */
export const HARNESS_START_NODE_TYPE = 'harnessManualTrigger';

/** A node type emitting `items` once, created for each run. */
export function createStartNodeType(items: INodeExecutionData[]): INodeType {
	const description: INodeTypeDescription = {
		displayName: 'Harness Manual Trigger',
		name: HARNESS_START_NODE_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Starts a harness run with the items given to runWorkflow',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	};
	return {
		description,
		async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
			return {
				manualTriggerFunction: async () => {
					this.emit([items]);
				},
			};
		},
	};
}
