import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resumeFromFalWebhook, waitForWebhookWebhooks } from '../shared/waitForWebhook';
import { searchAnyModels } from './anyModels';
import { runModelProperties } from './descriptions/runModel.properties';
import { executeRunModel } from './execute';
import { getRunModelInputFields } from './workflowInputFields';

/** Runs any fal.ai endpoint (speech, music, 3D, LLM, fal Workflows…) and returns all its files. */
export class FalAiRunModel implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fal.ai Run Model',
		name: 'falAiRunModel',
		icon: { light: 'file:../../../icons/fal.svg', dark: 'file:../../../icons/fal.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["model"].value || $parameter["model"] }}',
		description:
			'Run any fal.ai endpoint — text to speech, music, 3D, LLMs, upscaling, fal Workflows — with inputs from its own schema. Returns the result JSON and every file in it as binary data or URLs.',
		defaults: { name: 'Fal.ai Run Model' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'falAiApi', required: true }],
		// The resume webhook of the "Wait for Webhook" mode (never registered on activation).
		webhooks: waitForWebhookWebhooks,
		properties: runModelProperties,
	};

	methods = { listSearch: { searchAnyModels }, resourceMapping: { getRunModelInputFields } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeRunModel.call(this);
	}

	/** Resumes an execution waiting in "Wait for Webhook" mode with fal's signed result. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeFromFalWebhook.call(this);
	}
}
