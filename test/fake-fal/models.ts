/**
 * What a model "does" on the fake: which inputs it requires and the output it returns, decided
 * by the words in its endpoint id (README: transcription, video, else image).
 */
import { makePng, mediaSize } from './media';
import { beyondImageOutput, beyondImagePartial, type BeyondImageKind } from './models-beyond-images';
import { withRequestedSize } from './padded-media';

export type ModelKind = 'transcription' | 'video' | 'image' | BeyondImageKind;

const TRANSCRIPTION_WORDS = ['whisper', 'wizper', 'speech-to-text', 'transcri'];
const VIDEO_WORDS = ['video', 'kling', 'veo', 'wan', 'ltx', 'minimax', 'hunyuan'];

/** Checked in this order after transcription, so `minimax/speech-02` is speech, not video. */
const KIND_WORDS: Array<[BeyondImageKind, string[]]> = [
	['speech', ['kokoro', 'text-to-speech', '/tts', 'elevenlabs', '/speech', 'chatterbox']],
	['music', ['stable-audio', 'music', 'sound-effect', 'cassetteai']],
	['3d', ['trellis', 'hunyuan3d', 'triposr', '3d']],
	['llm', ['any-llm', 'openrouter', '/llm', 'vision-llm']],
];

export function modelKindOf(endpointId: string): ModelKind {
	const id = endpointId.toLowerCase();
	// A fal Workflow that speaks (like the fake account's script-to-speech); others by their words.
	if (id.startsWith('workflows/') && id.includes('speech')) return 'workflow';
	if (TRANSCRIPTION_WORDS.some((word) => id.includes(word))) return 'transcription';
	for (const [kind, words] of KIND_WORDS) if (words.some((word) => id.includes(word))) return kind;
	if (VIDEO_WORDS.some((word) => id.includes(word))) return 'video';
	return 'image';
}

/** fal's (FastAPI/pydantic) validation error item. */
export interface ValidationItem {
	loc: Array<string | number>;
	msg: string;
	type: string;
	ctx?: Record<string, unknown>;
}

export function missingField(field: string): ValidationItem {
	return { loc: ['body', field], msg: 'field required', type: 'value_error.missing' };
}

/** Validation problems of an input, empty when it is acceptable. */
export function validateInput(endpointId: string, input: unknown): ValidationItem[] {
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		return [{ loc: ['body'], msg: 'value is not a valid dict', type: 'type_error.dict' }];
	}
	const kind = modelKindOf(endpointId);
	const required = kind === 'transcription' ? ['audio_url'] : kind === 'speech' ? ['text'] : kind === '3d' ? ['image_url'] : ['prompt'];
	const record = input as Record<string, unknown>;
	return required.filter((field) => record[field] === undefined || record[field] === null).map(missingField);
}

const IMAGE_SIZES: Record<string, [number, number]> = {
	square_hd: [1024, 1024],
	square: [512, 512],
	portrait_4_3: [768, 1024],
	portrait_16_9: [576, 1024],
	landscape_4_3: [1024, 768],
	landscape_16_9: [1024, 576],
};

function imageSizeOf(value: unknown): [number, number] {
	if (typeof value === 'string' && IMAGE_SIZES[value]) return IMAGE_SIZES[value];
	if (value && typeof value === 'object') {
		const { width, height } = value as { width?: unknown; height?: unknown };
		if (typeof width === 'number' && typeof height === 'number') return [width, height];
	}
	return IMAGE_SIZES.landscape_4_3;
}

export interface OutputContext {
	endpointId: string;
	requestId: string;
	/** `http://127.0.0.1:PORT` */
	baseUrl: string;
	/** Seconds the inference took (reported in timings). */
	inferenceSeconds: number;
	/** A seed above 2^53 to report, written as an exact JSON integer (fal does this; see `fakeJson`). */
	bigSeed?: string;
	/** Media files are served padded to this size (the job's `fake.mediaBytes`). */
	mediaBytes?: number;
}

function randomSeed(): number {
	return Math.floor(Math.random() * 2 ** 31);
}

function imageOutput(input: Record<string, unknown>, context: OutputContext): Record<string, unknown> {
	const [width, height] = imageSizeOf(input.image_size);
	const count = Math.min(8, Math.max(1, Math.floor(Number(input.num_images ?? 1)) || 1));
	const png = input.output_format === 'png';
	const seed = typeof input.seed === 'number' ? input.seed : randomSeed();
	const images = Array.from({ length: count }, (_, index) => {
		const contentType = png ? 'image/png' : 'image/jpeg';
		// sync_mode: fal returns the media inline as data URIs instead of CDN URLs.
		const url =
			input.sync_mode === true
				? `data:image/png;base64,${makePng(width, height, seed + index).toString('base64')}`
				: withRequestedSize(`${context.baseUrl}/media/generated/${context.requestId}/image-${index}-${width}x${height}.${png ? 'png' : 'jpg'}`, context.mediaBytes);
		return { url, width, height, content_type: input.sync_mode === true ? 'image/png' : contentType };
	});
	return {
		images,
		timings: { inference: context.inferenceSeconds },
		seed: context.bigSeed !== undefined ? BigInt(context.bigSeed) : seed,
		has_nsfw_concepts: images.map(() => false),
		prompt: input.prompt,
	};
}

function videoOutput(input: Record<string, unknown>, context: OutputContext): Record<string, unknown> {
	const fileName = 'output.mp4';
	return {
		video: {
			url: withRequestedSize(`${context.baseUrl}/media/generated/${context.requestId}/${fileName}`, context.mediaBytes),
			content_type: 'video/mp4',
			file_name: fileName,
			file_size: mediaSize(fileName, context.mediaBytes),
		},
		seed: context.bigSeed !== undefined ? BigInt(context.bigSeed) : typeof input.seed === 'number' ? input.seed : randomSeed(),
	};
}

const SPOKEN_WORDS = 'Hello from the fake fal server. This transcript was made up for tests.'.split(' ');

function transcriptionOutput(input: Record<string, unknown>, words = SPOKEN_WORDS): Record<string, unknown> {
	const diarize = input.diarize === true;
	const perWord = input.chunk_level === 'word';
	const language = typeof input.language === 'string' ? input.language : 'en';
	const groups = perWord ? words.map((word) => [word]) : [words.slice(0, 6), words.slice(6)].filter((group) => group.length > 0);
	let start = 0;
	const chunks = groups.map((group, index) => {
		const end = Math.round((start + group.length * 0.4) * 10) / 10;
		const chunk: Record<string, unknown> = { text: group.join(' '), timestamp: [start, end] };
		if (diarize) chunk.speaker = `SPEAKER_0${index % 2}`;
		start = end;
		return chunk;
	});
	return {
		text: words.join(' '),
		chunks,
		inferred_languages: [language],
		diarization_segments: diarize
			? chunks.map((chunk) => ({ timestamp: chunk.timestamp, speaker: chunk.speaker }))
			: [],
	};
}

/** The model's output for an accepted input. */
export function modelOutput(input: unknown, context: OutputContext): Record<string, unknown> {
	const record = (input ?? {}) as Record<string, unknown>;
	switch (modelKindOf(context.endpointId)) {
		case 'transcription':
			return transcriptionOutput(record);
		case 'video':
			return videoOutput(record, context);
		case 'image':
			return imageOutput(record, context);
		default:
			return beyondImageOutput(modelKindOf(context.endpointId) as BeyondImageKind, record, context, mediaSize);
	}
}

/**
 * The partial result number `step` (of `steps`) of a streaming run; the final event is
 * `modelOutput` itself. Partials have the output's shape, with less in them.
 */
export function partialOutput(input: unknown, context: OutputContext, step: number, steps: number): Record<string, unknown> {
	const record = (input ?? {}) as Record<string, unknown>;
	switch (modelKindOf(context.endpointId)) {
		case 'transcription': {
			const words = SPOKEN_WORDS.slice(0, Math.max(1, Math.floor((SPOKEN_WORDS.length * step) / steps)));
			return transcriptionOutput(record, words);
		}
		case 'video':
			return { video: null, progress: step / steps };
		case 'image': {
			const [width, height] = imageSizeOf(record.image_size);
			const preview = { url: `${context.baseUrl}/media/generated/${context.requestId}/preview-${step}-${width}x${height}.png`, width, height, content_type: 'image/png' };
			return { images: [preview], partial: true, progress: step / steps };
		}
		default:
			return beyondImagePartial(modelKindOf(context.endpointId) as BeyondImageKind, record, step, steps);
	}
}
