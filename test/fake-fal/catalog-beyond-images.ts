/**
 * Catalogue entries of the fake's speech, music, 3D and LLM endpoints, with input and output
 * schemas shaped like those fal publishes for them (`File` outputs referenced by `$ref`).
 */
import type { CatalogModel, Schema } from './catalog';
import { ref } from './openapi';

const str = (title: string, description: string, extra: Schema = {}): Schema => ({ type: 'string', title, description, ...extra });
const num = (title: string, description: string, extra: Schema = {}): Schema => ({ type: 'number', title, description, ...extra });
const int = (title: string, description: string, extra: Schema = {}): Schema => ({ type: 'integer', title, description, ...extra });

function object(title: string, properties: Record<string, Schema>, required: string[] = []): Schema {
	return { title, type: 'object', properties, 'x-fal-order-properties': Object.keys(properties), ...(required.length ? { required } : {}) };
}

const fileSchemas: Record<string, Schema> = {
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

const speechOutput = object('Output', { audio: { ...ref('File'), title: 'Audio', description: 'The generated speech.' } }, ['audio']);

export const BEYOND_IMAGE_MODELS: CatalogModel[] = [
	{
		endpointId: 'fal-ai/kokoro/american-english',
		displayName: 'Kokoro TTS (American English)',
		category: 'text-to-speech',
		description: 'Kokoro turns text into natural American English speech.',
		tags: ['tts', 'speech', 'voice'],
		unitPrice: 0.02,
		unit: '1000 characters',
		inputName: 'KokoroAmericanEnglishInput',
		input: object(
			'AmEnglishRequest',
			{
				text: str('Text', 'The text to speak.', { examples: ['Hello from fal.'] }),
				voice: { enum: ['af_heart', 'af_bella', 'am_adam', 'am_michael'], type: 'string', title: 'Voice', description: 'Voice to use.', default: 'af_heart' },
				speed: num('Speed', 'Speed of the speech.', { default: 1, minimum: 0.1, maximum: 5 }),
			},
			['text'],
		),
		outputName: 'KokoroAmericanEnglishOutput',
		output: speechOutput,
		schemas: fileSchemas,
	},
	{
		endpointId: 'fal-ai/elevenlabs/tts/multilingual-v2',
		displayName: 'ElevenLabs TTS Multilingual v2',
		category: 'text-to-speech',
		description: 'ElevenLabs multilingual text to speech (MP3).',
		tags: ['tts', 'speech', 'elevenlabs'],
		unitPrice: 0.1,
		unit: '1000 characters',
		inputName: 'ElevenlabsTtsMultilingualV2Input',
		input: object(
			'TextToSpeechRequest',
			{
				text: str('Text', 'The text to convert to speech.'),
				voice: str('Voice', 'The voice to use.', { default: 'Rachel' }),
				stability: num('Stability', 'Voice stability (0-1).', { default: 0.5, minimum: 0, maximum: 1 }),
			},
			['text'],
		),
		outputName: 'ElevenlabsTtsMultilingualV2Output',
		output: speechOutput,
		schemas: fileSchemas,
	},
	{
		endpointId: 'fal-ai/stable-audio',
		displayName: 'Stable Audio Open',
		category: 'text-to-audio',
		description: 'Stable Audio Open makes music and sound effects from a prompt.',
		tags: ['music', 'audio', 'sound-effects'],
		unitPrice: 0.0002,
		unit: 'seconds',
		inputName: 'StableAudioInput',
		input: object(
			'Input',
			{
				prompt: str('Prompt', 'The prompt to generate audio from.'),
				seconds_total: int('Seconds Total', 'The duration of the audio clip.', { default: 30, minimum: 0, maximum: 47 }),
				steps: int('Steps', 'The number of denoising steps.', { default: 100, minimum: 1, maximum: 1000 }),
			},
			['prompt'],
		),
		outputName: 'StableAudioOutput',
		output: object('Output', { audio_file: { ...ref('File'), title: 'Audio File', description: 'The generated audio clip.' } }, ['audio_file']),
		schemas: fileSchemas,
	},
	{
		endpointId: 'fal-ai/trellis',
		displayName: 'Trellis',
		category: 'image-to-3d',
		description: 'Trellis turns an image into a textured 3D mesh (GLB).',
		tags: ['3d', 'mesh', 'glb'],
		unitPrice: 0.02,
		unit: 'requests',
		inputName: 'TrellisInput',
		input: object(
			'InputModel',
			{
				image_url: str('Image Url', 'URL of the input image to convert to 3D.'),
				seed: int('Seed', 'Random seed for reproducibility.', { nullable: true }),
				texture_size: { enum: ['512', '1024', '2048'], type: 'string', title: 'Texture Size', description: 'Texture resolution.', default: '1024' },
			},
			['image_url'],
		),
		outputName: 'TrellisOutput',
		output: object(
			'ObjectOutput',
			{
				model_mesh: { ...ref('File'), title: 'Model Mesh', description: 'Generated 3D mesh file.' },
				timings: { type: 'object', title: 'Timings', additionalProperties: { type: 'number' } },
			},
			['model_mesh', 'timings'],
		),
		schemas: fileSchemas,
	},
	{
		endpointId: 'fal-ai/any-llm',
		displayName: 'Any LLM',
		category: 'llm',
		description: 'Run a large language model of your choice on a prompt.',
		tags: ['llm', 'text', 'chat'],
		unitPrice: 0.001,
		unit: 'requests',
		inputName: 'AnyLlmInput',
		input: object(
			'ChatInput',
			{
				prompt: str('Prompt', 'Prompt to be used for the chat completion.'),
				system_prompt: str('System Prompt', 'System prompt to provide context or instructions to the model.', { nullable: true }),
				model: { enum: ['google/gemini-flash-1.5', 'anthropic/claude-3.5-sonnet', 'openai/gpt-4o'], type: 'string', title: 'Model', description: 'Name of the model to use.', default: 'google/gemini-flash-1.5' },
			},
			['prompt'],
		),
		outputName: 'AnyLlmOutput',
		output: object(
			'ChatOutput',
			{
				output: str('Output', 'Generated output.'),
				reasoning: str('Reasoning', 'Generated reasoning for the final answer.', { nullable: true }),
				partial: { type: 'boolean', title: 'Partial', description: 'Whether the output is partial.', default: false },
				error: str('Error', 'Error message if an error occurred.', { nullable: true }),
			},
			['output'],
		),
		schemas: {},
	},
];
