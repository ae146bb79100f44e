/**
 * More catalogue endpoints, spelled the way pydantic v2 writes OpenAPI (as many of fal's apps
 * do): optional fields as `anyOf: [x, {type: "null"}]`, a field typed by an enum model as
 * `allOf: [{$ref}]` carrying its own default and description, lists of media URLs as
 * `image_urls`, and URIs with `format: "uri"`. They let the "Model Inputs" schema reader be
 * tested against those spellings, next to the plain ones of ./catalog.
 */
import type { CatalogModel, Schema } from './catalog';
import { ref } from './openapi';

const orNull = (schema: Schema, extra: Schema): Schema => ({ anyOf: [schema, { type: 'null' }], ...extra });

const imageFile: Schema = {
	title: 'ImageFile',
	type: 'object',
	properties: {
		url: { type: 'string', title: 'Url', description: 'The URL where the file can be downloaded from.' },
		content_type: orNull({ type: 'string' }, { title: 'Content Type', description: 'The mime type of the file.' }),
		width: orNull({ type: 'integer' }, { title: 'Width', description: 'The width of the image in pixels.' }),
		height: orNull({ type: 'integer' }, { title: 'Height', description: 'The height of the image in pixels.' }),
	},
	'x-fal-order-properties': ['url', 'content_type', 'width', 'height'],
	required: ['url'],
};

/** `fal-ai/nano-banana/edit`: several source images in `image_urls`, an enum model by `allOf`. */
const nanoBananaEdit: CatalogModel = {
	endpointId: 'fal-ai/nano-banana/edit',
	displayName: 'Nano Banana edit',
	category: 'image-to-image',
	description: "Google's Gemini image model edits and combines images from a prompt.",
	tags: ['gemini', 'edit', 'google'],
	unitPrice: 0.039,
	unit: 'images',
	inputName: 'NanoBananaEditInput',
	input: {
		title: 'NanoBananaImageToImageInput',
		type: 'object',
		properties: {
			prompt: { type: 'string', title: 'Prompt', description: 'The prompt for image editing.', minLength: 3, maxLength: 5000, examples: ['make a photo of the man driving the car'] },
			image_urls: {
				type: 'array',
				title: 'Image URLs',
				description: 'The URLs of the images to use for image-to-image generation or image editing.',
				items: { type: 'string', format: 'uri', minLength: 1, maxLength: 2083 },
				minItems: 1,
				maxItems: 10,
			},
			num_images: { type: 'integer', title: 'Number of Images', description: 'The number of images to generate.', default: 1, minimum: 1, maximum: 4 },
			aspect_ratio: orNull(
				{ type: 'string', enum: ['21:9', '16:9', '3:2', '4:3', '5:4', '1:1', '4:5', '3:4', '2:3', '9:16'] },
				{ title: 'Aspect Ratio', description: 'Aspect ratio of the generated image; null keeps the input\'s.' },
			),
			output_format: { allOf: [ref('OutputFormat')], description: 'The format of the generated image.', default: 'png' },
			sync_mode: { type: 'boolean', title: 'Sync Mode', description: 'Return the media as data URIs instead of URLs.', default: false },
		},
		'x-fal-order-properties': ['prompt', 'image_urls', 'num_images', 'aspect_ratio', 'output_format', 'sync_mode'],
		required: ['prompt', 'image_urls'],
	},
	outputName: 'NanoBananaEditOutput',
	output: {
		title: 'NanoBananaImageToImageOutput',
		type: 'object',
		properties: {
			images: { type: 'array', title: 'Images', description: 'The edited images.', items: ref('ImageFile') },
			description: { type: 'string', title: 'Description', description: 'Text the model returned with the images.' },
		},
		'x-fal-order-properties': ['images', 'description'],
		required: ['images', 'description'],
	},
	schemas: {
		OutputFormat: { title: 'OutputFormat', type: 'string', enum: ['jpeg', 'png', 'webp'] },
		ImageFile: imageFile,
	},
};

/** `fal-ai/elevenlabs/speech-to-text`: nullable language, a media field named by format uri. */
const elevenLabsSpeechToText: CatalogModel = {
	endpointId: 'fal-ai/elevenlabs/speech-to-text',
	displayName: 'ElevenLabs Speech to Text',
	category: 'speech-to-text',
	description: 'ElevenLabs Scribe turns speech into text with word timings and speaker labels.',
	tags: ['elevenlabs', 'speech'],
	unitPrice: 0.03,
	unit: 'minutes',
	inputName: 'ElevenlabsSpeechToTextInput',
	input: {
		title: 'SpeechToTextRequest',
		type: 'object',
		properties: {
			audio_url: { type: 'string', format: 'uri', title: 'Audio Url', description: 'URL of the audio file to turn into text.', minLength: 1, maxLength: 2083 },
			language_code: orNull({ type: 'string' }, { title: 'Language Code', description: 'ISO-639 code of the language; null detects it.' }),
			tag_audio_events: { type: 'boolean', title: 'Tag Audio Events', description: 'Tag events such as laughter and applause.', default: true },
			diarize: { type: 'boolean', title: 'Diarize', description: 'Whether to tell speakers apart.', default: true },
		},
		'x-fal-order-properties': ['audio_url', 'language_code', 'tag_audio_events', 'diarize'],
		required: ['audio_url'],
	},
	outputName: 'ElevenlabsSpeechToTextOutput',
	output: {
		title: 'SpeechToTextOutput',
		type: 'object',
		properties: {
			text: { type: 'string', title: 'Text', description: 'The full text.' },
			language_code: { type: 'string', title: 'Language Code', description: 'Detected language.' },
			words: { type: 'array', title: 'Words', items: { type: 'object', additionalProperties: true } },
		},
		'x-fal-order-properties': ['text', 'language_code', 'words'],
		required: ['text', 'language_code', 'words'],
	},
	schemas: {},
};

export const PYDANTIC_MODELS: CatalogModel[] = [nanoBananaEdit, elevenLabsSpeechToText];
