import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createModelInputFieldsMethod } from '../methods/resourceMapping';
import { videoTypedInputs } from './typedInputs';
import { modelSubtitle } from '../shared/modelSubtitle';
import { resumeFromFalWebhook, waitForWebhookWebhooks } from '../shared/waitForWebhook';
import { generateVideoProperties } from './descriptions/generateVideo.properties';
import { executeGenerateVideo } from './execute';
import { searchVideoModels, VIDEO_TASK } from './videoModels';

/** Generates videos from a prompt, or animates a start (and end) image, with any fal.ai video endpoint. */
export class FalAiGenerateVideo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fal.ai Generate Video',
		name: 'falAiGenerateVideo',
		icon: { light: 'file:../../../icons/fal.svg', dark: 'file:../../../icons/fal.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: modelSubtitle(VIDEO_TASK.curated),
		description:
			'Generate a video from a text prompt, or animate a start image (optionally towards an end image), with a fal.ai model such as Kling, Veo 3, Wan, LTX or MiniMax Hailuo. Takes minutes; returns the video as binary data or a URL.',
		defaults: { name: 'Fal.ai Generate Video' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'falAiApi', required: true }],
		// The resume webhook of the "Wait for Webhook" mode (never registered on activation).
		webhooks: waitForWebhookWebhooks,
		properties: generateVideoProperties,
	};

	methods = {
		listSearch: { searchVideoModels },
		resourceMapping: { getModelInputFields: createModelInputFieldsMethod(videoTypedInputs) },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeGenerateVideo.call(this);
	}

	/** Resumes an execution waiting in "Wait for Webhook" mode with fal's signed result. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeFromFalWebhook.call(this);
	}
}
