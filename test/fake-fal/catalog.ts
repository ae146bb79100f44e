/**
 * The fake's model catalogue: the endpoints the platform API knows, with input/output schemas
 * shaped like fal's (snapshots of fal-protocol.md section 7; `fal-ai/flux-lora` has nested
 * objects and arrays of objects).
 */

import { BEYOND_IMAGE_MODELS } from './catalog-beyond-images';
import { PYDANTIC_MODELS } from './catalog-pydantic';
import { ref } from './openapi';

export type Schema = Record<string, unknown>;

export interface CatalogModel {
	endpointId: string;
	displayName: string;
	category: string;
	description: string;
	tags: string[];
	/** Unit price in USD and its unit (platform pricing API). */
	unitPrice: number;
	unit: string;
	/** Name of the input schema in components.schemas (ends in `Input`). */
	inputName: string;
	input: Schema;
	outputName: string;
	output: Schema;
	/** Further named schemas the input/output refer to. */
	schemas: Record<string, Schema>;
	/** `metadata.status`; a search with `status=active` leaves deprecated models out. Default active. */
	status?: 'active' | 'deprecated';
}


const str = (title: string, description: string, extra: Schema = {}): Schema => ({ type: 'string', title, description, ...extra });
const int = (title: string, description: string, extra: Schema = {}): Schema => ({ type: 'integer', title, description, ...extra });
const num = (title: string, description: string, extra: Schema = {}): Schema => ({ type: 'number', title, description, ...extra });
const bool = (title: string, description: string, fallback: boolean): Schema => ({ type: 'boolean', title, description, default: fallback });
const choice = (title: string, description: string, values: string[], fallback?: string): Schema => ({
	enum: values,
	type: 'string',
	title,
	description,
	...(fallback === undefined ? {} : { default: fallback }),
});

/** An object schema with fal's `x-fal-order-properties` (the UI order of its fields). */
function object(title: string, properties: Record<string, Schema>, required: string[] = []): Schema {
	return {
		title,
		type: 'object',
		properties,
		'x-fal-order-properties': Object.keys(properties),
		...(required.length > 0 ? { required } : {}),
	};
}

const IMAGE_SIZE_PRESETS = ['square_hd', 'square', 'portrait_4_3', 'portrait_16_9', 'landscape_4_3', 'landscape_16_9'];

const imageSchemas: Record<string, Schema> = {
	ImageSize: object('ImageSize', {
		width: int('Width', 'The width of the generated image.', { default: 512, minimum: 1, maximum: 14142, exclusiveMaximum: false }),
		height: int('Height', 'The height of the generated image.', { default: 512, minimum: 1, maximum: 14142 }),
	}),
	Image: object(
		'Image',
		{
			url: str('Url', 'The URL where the file can be downloaded from.'),
			width: int('Width', 'The width of the image in pixels.'),
			height: int('Height', 'The height of the image in pixels.'),
			content_type: str('Content Type', 'The mime type of the file.', { default: 'image/jpeg' }),
		},
		['url'],
	),
};

function imageSize(fallback: string): Schema {
	return {
		anyOf: [ref('ImageSize'), { enum: IMAGE_SIZE_PRESETS, type: 'string' }],
		title: 'Image Size',
		description: 'The size of the generated image.',
		default: fallback,
	};
}

function fluxInput(steps: number, extra: Record<string, Schema> = {}): Record<string, Schema> {
	return {
		prompt: str('Prompt', 'The prompt to generate an image from.', { examples: ['A cat wearing a tiny hat'] }),
		image_size: imageSize('landscape_4_3'),
		num_inference_steps: int('Num Inference Steps', 'The number of inference steps to perform.', { default: steps, minimum: 1, maximum: 50 }),
		seed: int('Seed', 'The same seed and prompt give the same image every time.', { nullable: true }),
		...extra,
		num_images: int('Num Images', 'The number of images to generate.', { default: 1, minimum: 1, maximum: 4 }),
		enable_safety_checker: bool('Enable Safety Checker', 'If set to true, the safety checker will be enabled.', true),
		output_format: choice('Output Format', 'The format of the generated image.', ['jpeg', 'png'], 'jpeg'),
		sync_mode: bool('Sync Mode', 'Return the media as data URIs instead of URLs.', false),
	};
}

const imageOutput = (title: string): Schema =>
	object(
		title,
		{
			images: { type: 'array', title: 'Images', description: 'The generated images.', items: ref('Image') },
			timings: { type: 'object', title: 'Timings', additionalProperties: { type: 'number' } },
			seed: int('Seed', 'Seed of the generated image.'),
			has_nsfw_concepts: { type: 'array', title: 'Has Nsfw Concepts', items: { type: 'boolean' } },
			prompt: str('Prompt', 'The prompt used for generating the image.'),
		},
		['images', 'timings', 'seed', 'has_nsfw_concepts', 'prompt'],
	);

const videoSchemas: Record<string, Schema> = {
	File: object(
		'File',
		{
			url: str('Url', 'The URL where the file can be downloaded from.'),
			content_type: str('Content Type', 'The mime type of the file.', { nullable: true }),
			file_name: str('File Name', 'The name of the file.', { nullable: true }),
			file_size: int('File Size', 'The size of the file in bytes.', { nullable: true }),
		},
		['url'],
	),
};

const videoOutput = (title: string): Schema =>
	object(title, { video: { ...ref('File'), title: 'Video', description: 'The generated video.' }, seed: int('Seed', 'The seed used.') }, ['video']);

function klingInput(withImage: boolean): Record<string, Schema> {
	return {
		prompt: str('Prompt', 'The prompt for the video.', { maxLength: 2500 }),
		...(withImage
			? {
					image_url: str('Image Url', 'URL of the image to be used for the video.'),
					tail_image_url: str('Tail Image Url', 'URL of the image to be used for the end of the video.', { nullable: true }),
				}
			: {}),
		duration: choice('Duration', 'The duration of the generated video in seconds.', ['5', '10'], '5'),
		aspect_ratio: choice('Aspect Ratio', 'The aspect ratio of the generated video frame.', ['16:9', '9:16', '1:1'], '16:9'),
		negative_prompt: str('Negative Prompt', 'What the video should not show.', { default: 'blur, distort, and low quality' }),
		cfg_scale: num('Cfg Scale', 'How closely the model sticks to the prompt.', { default: 0.5, minimum: 0, maximum: 1 }),
	};
}

const transcriptionSchemas: Record<string, Schema> = {
	WhisperChunk: object(
		'WhisperChunk',
		{
			timestamp: { type: 'array', title: 'Timestamp', description: 'Start and end timestamp of the chunk.', items: { type: 'number' }, minItems: 2, maxItems: 2 },
			text: str('Text', 'Transcription of the chunk.'),
			speaker: str('Speaker', 'Speaker ID of the chunk (with diarize).', { nullable: true }),
		},
		['timestamp', 'text'],
	),
	DiarizationSegment: object(
		'DiarizationSegment',
		{
			timestamp: { type: 'array', title: 'Timestamp', items: { type: 'number' }, minItems: 2, maxItems: 2 },
			speaker: str('Speaker', 'Speaker ID of the segment.'),
		},
		['timestamp', 'speaker'],
	),
};

const transcriptionOutput = (title: string): Schema =>
	object(
		title,
		{
			text: str('Text', 'Transcription of the audio file.'),
			chunks: { type: 'array', title: 'Chunks', items: ref('WhisperChunk') },
			inferred_languages: { type: 'array', title: 'Inferred Languages', items: { type: 'string' } },
			diarization_segments: { type: 'array', title: 'Diarization Segments', items: ref('DiarizationSegment') },
		},
		['text', 'inferred_languages', 'diarization_segments'],
	);

function whisperInput(fast: boolean): Record<string, Schema> {
	return {
		audio_url: str('Audio Url', 'URL of the audio file to transcribe (mp3, mp4, mpeg, mpga, m4a, wav or webm).'),
		task: choice('Task', 'Task to perform on the audio file.', ['transcribe', 'translate'], 'transcribe'),
		language: { ...str('Language', 'Language of the audio file; null detects it.'), nullable: true, default: fast ? 'en' : null },
		chunk_level: choice('Chunk Level', 'Level of the chunks to return.', fast ? ['segment'] : ['none', 'segment', 'word'], 'segment'),
		version: choice('Version', 'Version of the model to use.', ['3'], '3'),
		...(fast
			? {
					merge_chunks: bool('Merge Chunks', 'Whether to merge consecutive chunks.', true),
					max_segment_len: int('Max Segment Len', 'Maximum speech segment length in seconds.', { default: 29, minimum: 10, maximum: 29 }),
				}
			: {
					diarize: bool('Diarize', 'Whether to tell speakers apart.', false),
					batch_size: int('Batch Size', 'Chunks processed at once.', { default: 64, minimum: 1, maximum: 64 }),
					num_speakers: int('Num Speakers', 'Number of speakers, null detects it.', { nullable: true, minimum: 1 }),
					prompt: str('Prompt', 'Prompt to use for generation.', { default: '' }),
				}),
	};
}

export const CATALOG: CatalogModel[] = [
	{
		endpointId: 'fal-ai/flux/dev',
		displayName: 'FLUX.1 [dev]',
		category: 'text-to-image',
		description: 'FLUX.1 [dev] is a 12 billion parameter flow transformer that generates high-quality images from text.',
		tags: ['flux', 'realism', 'typography'],
		unitPrice: 0.025,
		unit: 'megapixels',
		inputName: 'FluxDevInput',
		input: object('TextToImageInput', fluxInput(28, { guidance_scale: num('Guidance scale (CFG)', 'How closely the model sticks to the prompt.', { default: 3.5, minimum: 1, maximum: 20 }) }), ['prompt']),
		outputName: 'FluxDevOutput',
		output: imageOutput('Output'),
		schemas: imageSchemas,
	},
	{
		endpointId: 'fal-ai/flux/schnell',
		displayName: 'FLUX.1 [schnell]',
		category: 'text-to-image',
		description: 'FLUX.1 [schnell] generates images in 1 to 4 steps.',
		tags: ['flux', 'fast'],
		unitPrice: 0.003,
		unit: 'megapixels',
		inputName: 'FluxSchnellInput',
		input: object('SchnellTextToImageInput', fluxInput(4), ['prompt']),
		outputName: 'FluxSchnellOutput',
		output: imageOutput('Output'),
		schemas: imageSchemas,
	},
	{
		endpointId: 'fal-ai/flux-lora',
		displayName: 'FLUX.1 [dev] with LoRAs',
		category: 'text-to-image',
		description: 'FLUX.1 [dev] with LoRA adapters for personalised styles and subjects.',
		tags: ['flux', 'lora', 'personalization'],
		unitPrice: 0.035,
		unit: 'megapixels',
		inputName: 'FluxLoraInput',
		input: object(
			'TextToImageInput',
			fluxInput(28, {
				loras: { type: 'array', title: 'Loras', description: 'The LoRAs to apply, merged in order.', items: ref('LoraWeight'), default: [] },
				guidance_scale: num('Guidance scale (CFG)', 'How closely the model sticks to the prompt.', { default: 3.5 }),
			}),
			['prompt'],
		),
		outputName: 'FluxLoraOutput',
		output: imageOutput('Output'),
		schemas: {
			...imageSchemas,
			LoraWeight: object(
				'LoraWeight',
				{
					path: str('Path', 'URL or the path to the LoRA weights.'),
					scale: num('Scale', 'How strongly the LoRA applies.', { default: 1, minimum: 0, maximum: 4 }),
					transformer: object('Transformer', { blocks: { type: 'array', title: 'Blocks', items: { type: 'integer' } } }),
				},
				['path'],
			),
		},
	},
	{
		endpointId: 'fal-ai/fast-sdxl',
		displayName: 'Fast SDXL',
		category: 'text-to-image',
		description: 'Stable Diffusion XL, optimised for speed.',
		tags: ['sdxl', 'fast'],
		unitPrice: 0.002,
		unit: 'images',
		inputName: 'FastSdxlInput',
		input: object('TextToImageInput', { ...fluxInput(25), negative_prompt: str('Negative Prompt', 'What the image should not show.', { default: '' }) }, ['prompt']),
		outputName: 'FastSdxlOutput',
		output: imageOutput('Output'),
		schemas: imageSchemas,
	},
	{
		endpointId: 'fal-ai/stable-diffusion-v15',
		displayName: 'Stable Diffusion v1.5',
		category: 'text-to-image',
		description: 'Stable Diffusion v1.5 (deprecated: use Fast SDXL).',
		tags: ['sd15'],
		unitPrice: 0.001,
		unit: 'images',
		inputName: 'StableDiffusionV15Input',
		input: object('TextToImageInput', fluxInput(25), ['prompt']),
		outputName: 'StableDiffusionV15Output',
		output: imageOutput('Output'),
		schemas: imageSchemas,
		status: 'deprecated',
	},
	{
		endpointId: 'fal-ai/recraft/v3/text-to-image',
		displayName: 'Recraft V3',
		category: 'text-to-image',
		description: 'Recraft V3 makes images in realistic, illustration and vector styles.',
		tags: ['recraft', 'vector', 'style'],
		unitPrice: 0.04,
		unit: 'images',
		inputName: 'RecraftV3TextToImageInput',
		input: object(
			'TextToImageInput',
			{
				prompt: str('Prompt', 'The prompt of the image.', { maxLength: 1000 }),
				image_size: imageSize('square_hd'),
				style: choice(
					'Style',
					'The style of the generated images.',
					['any', 'realistic_image', 'digital_illustration', 'vector_illustration', 'realistic_image/b_and_w', 'digital_illustration/pixel_art'],
					'realistic_image',
				),
				colors: { type: 'array', title: 'Colors', description: 'Preferred colors as RGB objects.', items: ref('RGBColor'), default: [] },
				style_id: str('Style Id', 'The ID of a custom style reference.', { nullable: true }),
				enable_safety_checker: bool('Enable Safety Checker', 'If set to true, the safety checker will be enabled.', false),
			},
			['prompt'],
		),
		outputName: 'RecraftV3TextToImageOutput',
		output: imageOutput('Output'),
		schemas: {
			...imageSchemas,
			RGBColor: object('RGBColor', { r: int('R', 'Red', { default: 0, minimum: 0, maximum: 255 }), g: int('G', 'Green', { default: 0, minimum: 0, maximum: 255 }), b: int('B', 'Blue', { default: 0, minimum: 0, maximum: 255 }) }),
		},
	},
	{
		endpointId: 'fal-ai/kling-video/v2/master/text-to-video',
		displayName: 'Kling 2.0 Master Text to Video',
		category: 'text-to-video',
		description: 'Kling 2.0 Master turns a text prompt into a 5 or 10 second video.',
		tags: ['kling', 'motion'],
		unitPrice: 0.28,
		unit: 'seconds',
		inputName: 'KlingVideoV2MasterTextToVideoInput',
		input: object('TextToVideoV2MasterRequest', klingInput(false), ['prompt']),
		outputName: 'KlingVideoV2MasterTextToVideoOutput',
		output: videoOutput('TextToVideoV2MasterOutput'),
		schemas: videoSchemas,
	},
	{
		endpointId: 'fal-ai/kling-video/v2/master/image-to-video',
		displayName: 'Kling 2.0 Master Image to Video',
		category: 'image-to-video',
		description: 'Kling 2.0 Master animates an image into a video guided by a prompt.',
		tags: ['kling', 'motion', 'animation'],
		unitPrice: 0.28,
		unit: 'seconds',
		inputName: 'KlingVideoV2MasterImageToVideoInput',
		input: object('ImageToVideoV2MasterRequest', klingInput(true), ['prompt', 'image_url']),
		outputName: 'KlingVideoV2MasterImageToVideoOutput',
		output: videoOutput('ImageToVideoV2MasterOutput'),
		schemas: videoSchemas,
	},
	// The default model of Generate Video, and the model of the video example.
	{
		endpointId: 'fal-ai/kling-video/v2.1/master/text-to-video',
		displayName: 'Kling 2.1 Master Text to Video',
		category: 'text-to-video',
		description: 'Kling 2.1 Master turns a text prompt into a 5 or 10 second video.',
		tags: ['kling', 'motion'],
		unitPrice: 0.28,
		unit: 'seconds',
		inputName: 'KlingVideoV21MasterTextToVideoInput',
		input: object('TextToVideoV21MasterRequest', klingInput(false), ['prompt']),
		outputName: 'KlingVideoV21MasterTextToVideoOutput',
		output: videoOutput('TextToVideoV21MasterOutput'),
		schemas: videoSchemas,
	},
	{
		endpointId: 'fal-ai/kling-video/v2.1/standard/image-to-video',
		displayName: 'Kling 2.1 Standard Image to Video',
		category: 'image-to-video',
		description: 'Kling 2.1 Standard animates an image into a video guided by a prompt.',
		tags: ['kling', 'motion', 'animation'],
		unitPrice: 0.05,
		unit: 'seconds',
		inputName: 'KlingVideoV21StandardImageToVideoInput',
		input: object('ImageToVideoV21StandardRequest', klingInput(true), ['prompt', 'image_url']),
		outputName: 'KlingVideoV21StandardImageToVideoOutput',
		output: videoOutput('ImageToVideoV21StandardOutput'),
		schemas: videoSchemas,
	},
	{
		endpointId: 'fal-ai/veo3',
		displayName: 'Veo 3',
		category: 'text-to-video',
		description: "Google's Veo 3 makes videos with sound from a text prompt.",
		tags: ['veo', 'audio', 'google'],
		unitPrice: 0.75,
		unit: 'seconds',
		inputName: 'Veo3Input',
		input: object(
			'Veo3TextToVideoInput',
			{
				prompt: str('Prompt', 'The text prompt describing the video.'),
				aspect_ratio: choice('Aspect Ratio', 'The aspect ratio of the video.', ['16:9', '9:16', '1:1'], '16:9'),
				duration: choice('Duration', 'The duration of the video.', ['4s', '6s', '8s'], '8s'),
				negative_prompt: str('Negative Prompt', 'What the video should not show.', { nullable: true }),
				enhance_prompt: bool('Enhance Prompt', 'Whether to enhance the prompt.', true),
				seed: int('Seed', 'Seed for the generation.', { nullable: true }),
				resolution: choice('Resolution', 'The resolution of the video.', ['720p', '1080p'], '720p'),
				generate_audio: bool('Generate Audio', 'Whether to generate audio for the video.', true),
			},
			['prompt'],
		),
		outputName: 'Veo3Output',
		output: object('Veo3TextToVideoOutput', { video: { ...ref('File'), title: 'Video' } }, ['video']),
		schemas: videoSchemas,
	},
	{
		endpointId: 'fal-ai/ltx-video',
		displayName: 'LTX Video',
		category: 'text-to-video',
		description: 'LTX Video, a fast open video model.',
		tags: ['ltx', 'fast', 'open-source'],
		unitPrice: 0.02,
		unit: 'videos',
		inputName: 'LtxVideoInput',
		input: object(
			'TextToVideoInput',
			{
				prompt: str('Prompt', 'The prompt to generate the video from.'),
				negative_prompt: str('Negative Prompt', 'What the video should not show.', { default: 'low quality, worst quality' }),
				num_inference_steps: int('Num Inference Steps', 'The number of inference steps.', { default: 30 }),
				seed: int('Seed', 'Seed for the generation.', { nullable: true }),
			},
			['prompt'],
		),
		outputName: 'LtxVideoOutput',
		output: videoOutput('Output'),
		schemas: videoSchemas,
	},
	{
		endpointId: 'fal-ai/whisper',
		displayName: 'Whisper',
		category: 'speech-to-text',
		description: 'Whisper transcribes and translates speech, with optional diarization.',
		tags: ['transcription', 'speech'],
		unitPrice: 0.00125,
		unit: 'compute seconds',
		inputName: 'WhisperInput',
		input: object('WhisperInput', whisperInput(false), ['audio_url']),
		outputName: 'WhisperOutput',
		output: transcriptionOutput('WhisperOutput'),
		schemas: transcriptionSchemas,
	},
	{
		endpointId: 'fal-ai/wizper',
		displayName: 'Wizper (Whisper v3, fast)',
		category: 'speech-to-text',
		description: 'Wizper is a faster Whisper v3 for transcription and translation.',
		tags: ['transcription', 'speech', 'fast'],
		unitPrice: 0.0005,
		unit: 'compute seconds',
		inputName: 'WizperInput',
		input: object('WizperInput', whisperInput(true), ['audio_url']),
		outputName: 'WizperOutput',
		output: transcriptionOutput('WizperOutput'),
		schemas: transcriptionSchemas,
	},
	// Spelled the pydantic v2 way (anyOf with null, allOf wrappers, format uri).
	...PYDANTIC_MODELS,
	// Speech, music, 3D and LLM endpoints.
	...BEYOND_IMAGE_MODELS,
];

export function findModel(endpointId: string): CatalogModel | undefined {
	return CATALOG.find((model) => model.endpointId === endpointId);
}
