/**
 * Parameters of Fal.ai Generate Image: typed fields for the common text-to-image and
 * image-to-image inputs, then the shared model, execution and output parameters.
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	additionalInputProperty,
	executionModeProperty,
	mediaInputProperties,
	taskModelInputsProperties,
	modelLocator,
	optionsCollection,
	outputMediaProperty,
	webhookUrlProperty,
} from '../../shared/descriptions';

const withSourceImage = { show: { sourceImageSource: ['binary', 'url'] } };

export const generateImageProperties: INodeProperties[] = [
	modelLocator('searchImageModels', 'fal-ai/flux/dev'),
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		typeOptions: { rows: 3 },
		placeholder: 'e.g. A watercolor fox in a misty forest at dawn',
		description:
			'Text description of the image to generate, or of the edit to make to the source image. Required by models that take a prompt; leave empty for models without one (e.g. background removal, upscaling).',
	},
	{
		displayName: 'Image Size',
		name: 'imageSize',
		type: 'options',
		default: 'default',
		options: [
			{ name: 'Custom', value: 'custom', description: 'Set width and height in pixels' },
			{ name: 'Landscape 16:9', value: 'landscape_16_9' },
			{ name: 'Landscape 4:3', value: 'landscape_4_3' },
			{ name: 'Model Default', value: 'default', description: 'Let the model choose' },
			{ name: 'Portrait 16:9', value: 'portrait_16_9' },
			{ name: 'Portrait 4:3', value: 'portrait_4_3' },
			{ name: 'Square', value: 'square' },
			{ name: 'Square HD', value: 'square_hd' },
		],
		description: 'Size of the generated image (fal\'s "image_size")',
	},
	{
		displayName: 'Width',
		name: 'width',
		type: 'number',
		default: 1024,
		typeOptions: { minValue: 64, maxValue: 14142 },
		description: 'Image width in pixels',
		displayOptions: { show: { imageSize: ['custom'] } },
	},
	{
		displayName: 'Height',
		name: 'height',
		type: 'number',
		default: 768,
		typeOptions: { minValue: 64, maxValue: 14142 },
		description: 'Image height in pixels',
		displayOptions: { show: { imageSize: ['custom'] } },
	},
	{
		displayName: 'Number of Images',
		name: 'numImages',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: 8 },
		description: 'How many images to generate for each item (fal\'s "num_images")',
	},
	...mediaInputProperties({
		name: 'sourceImage',
		displayName: 'Source Image',
		noun: 'image',
		optional: true,
		multiple: true,
	}),
	{
		displayName: 'Send Source Image As',
		name: 'sourceImageField',
		type: 'options',
		default: 'auto',
		options: [
			{
				name: 'Auto',
				value: 'auto',
				description: 'The field the model\'s published inputs name; for known models without one, their field; else image_url',
			},
			{ name: 'Image_url (One Image)', value: 'image_url', description: 'Used by most image-to-image and edit endpoints' },
			{ name: 'Image_urls (List of Images)', value: 'image_urls', description: 'Used by multi-image edit endpoints' },
		],
		description: 'The input field the endpoint expects for its source image(s); see the model\'s API page on fal.ai',
		displayOptions: withSourceImage,
	},
	{
		displayName: 'Common Inputs',
		name: 'parameters',
		type: 'collection',
		placeholder: 'Add Common Input',
		default: {},
		description: 'Common generation parameters; a model ignores or rejects the ones it does not support',
		options: [
			{
				displayName: 'Enable Safety Checker',
				name: 'enableSafetyChecker',
				type: 'boolean',
				default: true,
				description: 'Whether fal checks the output for unsafe content (fal\'s "enable_safety_checker")',
			},
			{
				displayName: 'Guidance Scale',
				name: 'guidanceScale',
				type: 'number',
				default: 3.5,
				typeOptions: { minValue: 0, numberPrecision: 2 },
				description: 'How closely the image follows the prompt (fal\'s "guidance_scale")',
			},
			{
				displayName: 'Inference Steps',
				name: 'numInferenceSteps',
				type: 'number',
				default: 28,
				typeOptions: { minValue: 1 },
				description: 'Number of denoising steps: more is slower and often finer (fal\'s "num_inference_steps")',
			},
			{
				displayName: 'Negative Prompt',
				name: 'negativePrompt',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description: 'What the image should not contain (fal\'s "negative_prompt")',
			},
			{
				displayName: 'Output Format',
				name: 'outputFormat',
				type: 'options',
				default: 'jpeg',
				options: [
					{ name: 'JPEG', value: 'jpeg' },
					{ name: 'PNG', value: 'png' },
					{ name: 'WebP', value: 'webp' },
				],
				description: 'File format of the generated images (fal\'s "output_format")',
			},
			{
				displayName: 'Seed',
				name: 'seed',
				type: 'number',
				default: 0,
				description: 'Same seed, prompt and parameters give the same image (fal\'s "seed")',
			},
		],
	},
	...taskModelInputsProperties,
	additionalInputProperty,
	executionModeProperty,
	webhookUrlProperty,
	outputMediaProperty,
	optionsCollection(),
];
