import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { IMAGE_TASK } from '../methods/curatedModels';
import { searchImageModels } from '../methods/listSearch';
import { createModelInputFieldsMethod } from '../methods/resourceMapping';
import { imageTypedInputs } from './typedInputs';
import { modelSubtitle } from '../shared/modelSubtitle';
import { resumeFromFalWebhook, waitForWebhookWebhooks } from '../shared/waitForWebhook';
import { generateImageProperties } from './descriptions/generateImage.properties';
import { executeGenerateImage } from './execute';

/** Generates or edits images with any fal.ai image endpoint. */
export class FalAiGenerateImage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fal.ai Generate Image',
		name: 'falAiGenerateImage',
		icon: { light: 'file:../../../icons/fal.svg', dark: 'file:../../../icons/fal.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: modelSubtitle(IMAGE_TASK.curated),
		description:
			'Generate an image from a text prompt, or edit a source image, with a fal.ai model such as FLUX, Imagen or Recraft. Returns the images as binary data or URLs.',
		defaults: { name: 'Fal.ai Generate Image' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'falAiApi', required: true }],
		// The resume webhook of the "Wait for Webhook" mode (never registered on activation).
		webhooks: waitForWebhookWebhooks,
		properties: generateImageProperties,
	};

	methods = {
		listSearch: { searchImageModels },
		resourceMapping: { getModelInputFields: createModelInputFieldsMethod(imageTypedInputs) },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeGenerateImage.call(this);
	}

	/** Resumes an execution waiting in "Wait for Webhook" mode with fal's signed result. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeFromFalWebhook.call(this);
	}
}
