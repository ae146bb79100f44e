/**
 * Fal.ai Transcribe: sends the audio (uploaded when binary) and the speech-to-text fields, and
 * turns the timed chunks of the transcript into SRT / WebVTT files when asked.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FalClient } from '../client/types';
import { fileNameFromUrl, readOptions, resolveMediaInput, splitPropertyNames } from '../shared';
import { executeModelNode, type ResultContext, type TypedInputContext } from '../shared/modelNode';
import { buildCues, DEFAULT_SUBTITLE_OPTIONS, toSrt, toWebVtt, type SubtitleOptions } from './subtitles';
import { transcriptChunks } from './transcriptChunks';

type SubtitleFormats = 'none' | 'srt' | 'vtt' | 'both';

/** MIME types of the subtitle files. */
export const SRT_MIME_TYPE = 'application/x-subrip';
export const VTT_MIME_TYPE = 'text/vtt';

export async function executeTranscribe(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executeModelNode.call(this, {
		typedInput: transcriptionInput,
		mediaInput: audioInput,
		completeResult: addSubtitles,
	});
}

/** Typed fields of one item under fal's names (unset ones are dropped later). */
function transcriptionInput(this: IExecuteFunctions, itemIndex: number, { endpointId, additional }: TypedInputContext): IDataObject {
	const diarize = this.getNodeParameter('diarize', itemIndex, false) as boolean;
	const numSpeakers = Number(this.getNodeParameter('numSpeakers', itemIndex, 0)) || undefined;
	const language = String(this.getNodeParameter('language', itemIndex, '') ?? '').trim();
	const chunkLevel = this.getNodeParameter('chunkLevel', itemIndex, 'segment') as string;
	assertSubtitlesPossible(this, itemIndex, chunkLevel, additional);
	return {
		task: this.getNodeParameter('task', itemIndex, 'transcribe') as string,
		// ElevenLabs names its language field differently.
		[endpointId.includes('elevenlabs') ? 'language_code' : 'language']: language || undefined,
		chunk_level: chunkLevel,
		diarize: diarize || undefined,
		num_speakers: diarize ? numSpeakers : undefined,
	};
}

/** Subtitles come from timed chunks: asking for both subtitles and no chunks fails before submit. */
function assertSubtitlesPossible(ctx: IExecuteFunctions, itemIndex: number, chunkLevel: string, additional: IDataObject): void {
	if (subtitleFormats(ctx, itemIndex) === 'none') return;
	const effective = additional.chunk_level ?? chunkLevel;
	if (effective !== 'none') return;
	throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: "Subtitles" need timed chunks but "Chunk Level" is "None"`, {
		description: 'Set "Chunk Level" to "Segment" or "Word", or set "Subtitles" to "None".',
		itemIndex,
	});
}

/**
 * The audio URL: uploaded from the binary field (streamed) or passed through; the media input
 * itself fails, naming the item and field, when it is empty or names several files (the model
 * takes one). An `audio_url` given in "Additional Input (Raw JSON, Applied Last)" is used as is.
 */
async function audioInput(
	this: IExecuteFunctions,
	client: FalClient,
	itemIndex: number,
	provided: IDataObject,
	signal: AbortSignal,
): Promise<IDataObject> {
	if (provided.audio_url !== undefined) return {};
	const [url] = await resolveMediaInput.call(this, client, 'audio', 'Audio', itemIndex, signal, { single: true });
	return { audio_url: url };
}

function subtitleFormats(ctx: IExecuteFunctions, itemIndex: number): SubtitleFormats {
	if (ctx.getNodeParameter('executionMode', itemIndex, 'wait') === 'submit') return 'none';
	return ctx.getNodeParameter('subtitles', itemIndex, 'none') as SubtitleFormats;
}

/** Adds `subtitles_srt` / `subtitles_vtt` to a transcript item when asked. */
async function addSubtitles(
	this: IExecuteFunctions,
	item: INodeExecutionData,
	context: ResultContext,
): Promise<INodeExecutionData> {
	const formats = subtitleFormats(this, context.itemIndex);
	if (formats === 'none') return item;
	const chunks = transcriptChunks(context.data);
	if (!chunks.length) {
		// The transcript is paid for and still useful: say why there are no files instead of failing.
		return { ...item, json: { ...item.json, subtitles_error: 'The transcript has no timed chunks to make subtitles from' } };
	}
	const cues = buildCues(chunks, readSubtitleOptions(this, context.itemIndex));
	const baseName = audioBaseName(this, context);
	const binary = { ...item.binary };
	if (formats === 'srt' || formats === 'both') {
		binary.subtitles_srt = await this.helpers.prepareBinaryData(Buffer.from(toSrt(cues), 'utf8'), `${baseName}.srt`, SRT_MIME_TYPE);
	}
	if (formats === 'vtt' || formats === 'both') {
		binary.subtitles_vtt = await this.helpers.prepareBinaryData(Buffer.from(toWebVtt(cues), 'utf8'), `${baseName}.vtt`, VTT_MIME_TYPE);
	}
	return { ...item, json: { ...item.json, subtitle_cues: cues.length }, binary };
}

function readSubtitleOptions(ctx: IExecuteFunctions, itemIndex: number): SubtitleOptions {
	const options = readOptions(ctx, itemIndex);
	const number = (value: unknown, fallback: number) => (typeof value === 'number' && value > 0 ? value : fallback);
	return {
		maxLineLength: number(options.subtitleLineLength, DEFAULT_SUBTITLE_OPTIONS.maxLineLength),
		maxLines: Math.floor(number(options.subtitleLines, DEFAULT_SUBTITLE_OPTIONS.maxLines)),
		maxCueSeconds: number(options.subtitleMaxSeconds, DEFAULT_SUBTITLE_OPTIONS.maxCueSeconds),
		speakerLabels: options.subtitleSpeakerLabels !== false,
	};
}

/** Subtitle files are named after the audio file (`interview.mp3` → `interview.srt`). */
function audioBaseName(ctx: IExecuteFunctions, context: ResultContext): string {
	let fileName: string | undefined;
	if (ctx.getNodeParameter('audioSource', context.itemIndex, 'binary') === 'binary') {
		const [property] = splitPropertyNames(ctx.getNodeParameter('audioBinaryProperty', context.itemIndex, 'data'));
		fileName = ctx.getInputData()[context.itemIndex]?.binary?.[property]?.fileName;
	} else if (typeof context.input.audio_url === 'string') {
		fileName = fileNameFromUrl(context.input.audio_url);
	}
	const base = fileName?.replace(/\.[^./\\]*$/, '').trim();
	return base || 'transcript';
}
