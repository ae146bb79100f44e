/**
 * Fal.ai Generate Image: maps the typed fields to fal's image input names and runs the model
 * through the shared layer.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FalClient } from '../client/types';
import { assertRequiredFields, endpointSchemaIfAvailable, executeModelNode, readModelId, resolveMediaInput } from '../shared';
import type { InputCheckContext } from '../shared';
import { requiresPrompt } from './promptRequirement';
import { autoSourceImageField, type SourceImageField } from './sourceImageField';

const PROMPT = { key: 'prompt', displayName: 'Prompt' };

export async function executeGenerateImage(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executeModelNode.call(this, {
		typedInput: imageInput,
		checkInput: checkPrompt,
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

/**
 * An empty prompt fails, naming the item and field, only for endpoints that need one (the
 * schema is only consulted then); for the others it is simply not sent.
 */
async function checkPrompt(this: IExecuteFunctions, client: FalClient, context: InputCheckContext): Promise<void> {
	const prompt = context.input.prompt;
	const given = typeof prompt === 'string' ? prompt.trim() !== '' : prompt !== undefined && prompt !== null;
	if (given) return;
	const schema = await endpointSchemaIfAvailable(client, context.endpointId, context.signal);
	if (requiresPrompt(context.endpointId, schema)) assertRequiredFields(this.getNode(), context.itemIndex, context.input, [PROMPT]);
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
	const field = await sourceImageField.call(this, client, itemIndex, urls.length, signal);
	if (field === 'image_urls') return { image_urls: urls };
	if (urls.length > 1) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "Source Image" has ${urls.length} images but "image_url" takes one`, {
			description: 'Set "Send Source Image As" to "image_urls" (or Auto) for endpoints that take several images.',
			itemIndex,
		});
	}
	return { image_url: urls[0] };
}

/** "Send Source Image As": the field chosen, or for Auto the one the endpoint takes. */
async function sourceImageField(
	this: IExecuteFunctions,
	client: FalClient,
	itemIndex: number,
	imageCount: number,
	signal: AbortSignal,
): Promise<SourceImageField> {
	const chosen = this.getNodeParameter('sourceImageField', itemIndex, 'auto') as string;
	if (chosen === 'image_url' || chosen === 'image_urls') return chosen;
	const endpointId = readModelId.call(this, itemIndex);
	return autoSourceImageField(endpointId, await endpointSchemaIfAvailable(client, endpointId, signal), imageCount);
}
