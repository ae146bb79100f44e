import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchAnyModels } from '../RunModel/anyModels';
import { accountProperties, router } from './actions/router';

/** The fal.ai account around the models: schemas, prices, estimates, usage, requests, workflows. */
export class FalAiAccount implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fal.ai Account',
		name: 'falAiAccount',
		icon: { light: 'file:../../../icons/fal.svg', dark: 'file:../../../icons/fal.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["resource"] + ": " + $parameter["operation"] }}',
		description:
			'Look up fal.ai model schemas and prices, estimate the cost of a batch, read usage and analytics, list or clean up requests, and list fal Workflows',
		defaults: { name: 'Fal.ai Account' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'falAiApi', required: true }],
		properties: accountProperties,
	};

	methods = { listSearch: { searchAnyModels } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
