/**
 * Parameters of Fal.ai Generate Video: typed fields for the common text-to-video and
 * image-to-video inputs, then the shared model, execution and output parameters with defaults
 * suited to generations that take minutes.
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
import { DEFAULT_VIDEO_MODEL } from '../videoModels';

/** "Timeout" of a video node when the option is not set: video jobs often take 5 to 15 minutes. */
export const VIDEO_TIMEOUT_SECONDS = 1800;

const withStartImage = { show: { startImageSource: ['binary', 'url'] } };

/** The shared options, with the longer video timeout as the default shown. */
function videoOptions(): INodeProperties {
	const collection = optionsCollection();
	return {
		...collection,
		options: (collection.options as INodeProperties[]).map((option) =>
			option.name === 'timeout' ? { ...option, default: VIDEO_TIMEOUT_SECONDS } : option,
		),
	};
}

/** Shown at the top of the node: what to expect while a video job runs, and the alternatives. */
export const LONG_JOB_NOTICE =
	'Video jobs take minutes (often 2 to 10). While this node waits, the panel only shows "Executing node…"; stopping the execution cancels the fal job. For long or many jobs use "Submit Only" (then the Fal.ai Queue Status node or a Fal.ai Trigger) or "Wait for Webhook", which frees n8n while fal works. Options → "Include Logs" and "Include Queue Position History" add what fal reported while waiting to the output.';

export const generateVideoProperties: INodeProperties[] = [
	{ displayName: LONG_JOB_NOTICE, name: 'longJobNotice', type: 'notice', default: '' },
	modelLocator('searchVideoModels', DEFAULT_VIDEO_MODEL),
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		// Not \`required\`: n8n would then stop the run with a generic "workflow has issues"; the
		// node checks it per item and names the item and the field instead.
		typeOptions: { rows: 3 },
		placeholder: 'e.g. A red fox trots through fresh snow at sunrise, slow tracking shot',
		description: 'What happens in the video: subject, motion, camera and style. Required.',
	},
	...mediaInputProperties({
		name: 'startImage',
		displayName: 'Start Image',
		noun: 'image',
		optional: true,
		multiple: false,
	}),
	{
		displayName: 'Send Start Image As',
		name: 'startImageField',
		type: 'string',
		default: '',
		placeholder: 'image_url',
		description:
			'Input field of the start image. Leave empty to use the one the model family expects (usually "image_url"; "first_frame_url" for Veo first-last-frame endpoints).',
		displayOptions: withStartImage,
	},
	...mediaInputProperties({
		name: 'endImage',
		displayName: 'End Image',
		noun: 'last frame image',
		optional: true,
		multiple: false,
		displayOptions: withStartImage,
	}),
	{
		displayName: 'Send End Image As',
		name: 'endImageField',
		type: 'string',
		default: '',
		placeholder: 'tail_image_url',
		description:
			'Input field of the end image. Leave empty to use the one the model family expects: "tail_image_url" (Kling), "end_image_url" (MiniMax Hailuo, Wan), "last_frame_url" (Veo first-last-frame).',
		displayOptions: { show: { startImageSource: ['binary', 'url'], endImageSource: ['binary', 'url'] } },
	},
	{
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description:
			'Length of the video; 0 lets the model choose. Sent in the form the model expects: Kling 5 or 10 ("5"), Veo 4, 6 or 8 ("8s"), MiniMax Hailuo 6 or 10, Wan 2.5 5 or 10, LTX-2 6 to 20 (even), Wan 2.2 and LTX-Video as a frame count; other models get the number as text.',
	},
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		default: 'default',
		options: [
			{ name: '1:1', value: '1:1' },
			{ name: '16:9 (Landscape)', value: '16:9' },
			{ name: '21:9 (Cinema)', value: '21:9' },
			{ name: '3:4', value: '3:4' },
			{ name: '4:3', value: '4:3' },
			{ name: '9:16 (Portrait)', value: '9:16' },
			{ name: 'Auto (From the Image)', value: 'auto' },
			{ name: 'Model Default', value: 'default', description: 'Let the model choose' },
		],
		description: 'Frame shape of the video (fal\'s "aspect_ratio"); image-to-video models often follow the image',
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		default: 'default',
		options: [
			{ name: '1080p', value: '1080p' },
			{ name: '1440p', value: '1440p' },
			{ name: '2160p (4K)', value: '2160p' },
			{ name: '480p', value: '480p' },
			{ name: '512p', value: '512p' },
			{ name: '580p', value: '580p' },
			{ name: '720p', value: '720p' },
			{ name: '768p', value: '768p' },
			{ name: 'Model Default', value: 'default', description: 'Let the model choose' },
		],
		description: 'Output resolution (fal\'s "resolution", written "768P" for MiniMax); models offer only some of these',
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
				displayName: 'Generate Audio',
				name: 'generateAudio',
				type: 'boolean',
				default: true,
				description: 'Whether models that can add sound (Veo 3, LTX-2, …) do so (fal\'s "generate_audio"); often cheaper when off',
			},
			{
				displayName: 'Negative Prompt',
				name: 'negativePrompt',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description: 'What the video should not contain (fal\'s "negative_prompt")',
			},
			{
				displayName: 'Seed',
				name: 'seed',
				type: 'number',
				default: 0,
				description: 'Same seed, prompt and parameters give a similar video (fal\'s "seed")',
			},
		],
	},
	...taskModelInputsProperties,
	additionalInputProperty,
	executionModeProperty,
	webhookUrlProperty,
	{
		...outputMediaProperty,
		description:
			'Whether to download the video into the binary field "video" (streamed, so large files are fine with filesystem or S3 binary data) or only return its fal URL',
	},
	videoOptions(),
];
