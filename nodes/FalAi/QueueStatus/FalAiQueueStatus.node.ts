import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { queueStatusProperties, router } from './actions/router';

/** Follows requests queued on fal: status, result, cancel, wait for completion. */
export class FalAiQueueStatus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fal.ai Queue Status',
		name: 'falAiQueueStatus',
		icon: { light: 'file:../../../icons/fal.svg', dark: 'file:../../../icons/fal.dark.svg' },
		group: ['transform'],
		version: 1,
		// The operation's display name, not its value ("Get Status", not "getStatus").
		subtitle:
			'={{ {"cancel": "Cancel", "getResult": "Get Result", "getStatus": "Get Status", "waitForCompletion": "Wait for Completion"}[$parameter["operation"]] }}',
		description:
			'Check, fetch, cancel or wait for a fal.ai request that was queued earlier (for example by a node in "Submit Only" mode), given its endpoint ID and request ID',
		defaults: { name: 'Fal.ai Queue Status' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'falAiApi', required: true }],
		properties: queueStatusProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
