/**
 * Fal.ai Generate Image: maps the typed fields to fal's image input names and runs the model
 * through the shared layer.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FalClient } from '../client/types';
import { executeModelNode, resolveMediaInput } from '../shared';

export async function executeGenerateImage(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executeModelNode.call(this, {
		typedInput: imageInput,
		required: [{ key: 'prompt', displayName: 'Prompt' }],
		mediaInput: sourceImages,
	});
}

/** Typed fields of one item under fal's names (unset ones are dropped later). */
function imageInput(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const parameters = this.getNodeParameter('parameters', itemIndex, {}) as IDataObject;
	return {
		prompt: this.getNodeParameter('prompt', itemIndex, '') as string,
		image_size: imageSize(this, itemIndex),
		num_images: this.getNodeParameter('numImages', itemIndex, 1) as number,
		negative_prompt: parameters.negativePrompt,
		seed: parameters.seed,
		num_inference_steps: parameters.numInferenceSteps,
		guidance_scale: parameters.guidanceScale,
		enable_safety_checker: parameters.enableSafetyChecker,
		output_format: parameters.outputFormat,
	};
}

function imageSize(ctx: IExecuteFunctions, itemIndex: number): string | IDataObject | undefined {
	const preset = ctx.getNodeParameter('imageSize', itemIndex, 'default') as string;
	if (preset === 'default') return undefined;
	if (preset !== 'custom') return preset;
	return {
		width: ctx.getNodeParameter('width', itemIndex, 1024) as number,
		height: ctx.getNodeParameter('height', itemIndex, 768) as number,
	};
}

/** Source image(s) for image-to-image and edit endpoints, as `image_url` or `image_urls`. */
async function sourceImages(
	this: IExecuteFunctions,
	client: FalClient,
	itemIndex: number,
	provided: IDataObject,
	signal: AbortSignal,
): Promise<IDataObject> {
	if (provided.image_url !== undefined || provided.image_urls !== undefined) return {};
	const urls = await resolveMediaInput.call(this, client, 'sourceImage', 'Source Image', itemIndex, signal);
	if (!urls.length) return {};
	const field = this.getNodeParameter('sourceImageField', itemIndex, 'image_url') as string;
	if (field === 'image_urls') return { image_urls: urls };
	if (urls.length > 1) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "Source Image" has ${urls.length} images but "image_url" takes one`, {
			description: 'Set "Send Source Image As" to "image_urls" for endpoints that take several images.',
			itemIndex,
		});
	}
	return { image_url: urls[0] };
}
