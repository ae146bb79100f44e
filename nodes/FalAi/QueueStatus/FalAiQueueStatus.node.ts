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
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Check, fetch, cancel or wait for a fal.ai request that was queued earlier (for example by a node in "Submit Only" mode), given its endpoint ID and request ID',
		defaults: { name: 'Fal.ai Queue Status' },
		// n8n's current rule (community-nodes/node-connection-type-literal) asks for the enum; the
		// older n8n-nodes-base rules still ask for the literal, so they are silenced here.
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'falAiApi', required: true }],
		properties: queueStatusProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
