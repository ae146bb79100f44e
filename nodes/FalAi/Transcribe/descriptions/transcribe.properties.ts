/**
 * Parameters of Fal.ai Transcribe: the audio, the common speech-to-text inputs, subtitle files,
 * then the shared model and execution parameters.
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	additionalInputProperty,
	executionModeProperty,
	mediaInputProperties,
	taskModelInputsProperties,
	modelLocator,
	optionsCollection,
	webhookUrlProperty,
} from '../../shared/descriptions';
import { DEFAULT_TRANSCRIPTION_MODEL } from '../transcriptionModels';

const withSubtitles = { show: { '/subtitles': ['both', 'srt', 'vtt'] } };

/** Options of the subtitle files, added to the shared options (defaults: DEFAULT_SUBTITLE_OPTIONS). */
const subtitleOptions: INodeProperties[] = [
	{
		displayName: 'Subtitle Line Length',
		name: 'subtitleLineLength',
		type: 'number',
		default: 42,
		typeOptions: { minValue: 10 },
		description: 'Most characters per subtitle line; longer chunks are split into several cues',
		displayOptions: withSubtitles,
	},
	{
		displayName: 'Subtitle Lines per Cue',
		name: 'subtitleLines',
		type: 'number',
		default: 2,
		typeOptions: { minValue: 1, maxValue: 5 },
		description: 'Most lines shown at once',
		displayOptions: withSubtitles,
	},
	{
		displayName: 'Subtitle Max Duration (Seconds)',
		name: 'subtitleMaxSeconds',
		type: 'number',
		default: 7,
		typeOptions: { minValue: 1, numberPrecision: 1 },
		description: 'Longest a subtitle stays on screen',
		displayOptions: withSubtitles,
	},
	{
		displayName: 'Subtitle Speaker Labels',
		name: 'subtitleSpeakerLabels',
		type: 'boolean',
		default: true,
		description: 'Whether to name the speaker in each subtitle when the transcript is diarized ("[SPEAKER_00]" in SRT, a voice tag in WebVTT)',
		displayOptions: withSubtitles,
	},
];

export const transcribeProperties: INodeProperties[] = [
	modelLocator('searchTranscriptionModels', DEFAULT_TRANSCRIPTION_MODEL),
	...mediaInputProperties({
		name: 'audio',
		displayName: 'Audio',
		noun: 'audio file',
		optional: false,
		multiple: false,
	}),
	{
		displayName: 'Task',
		name: 'task',
		type: 'options',
		default: 'transcribe',
		options: [
			{ name: 'Transcribe', value: 'transcribe', description: 'Write down the speech in its own language' },
			{ name: 'Translate to English', value: 'translate', description: 'Write the speech down in English' },
		],
		description: 'What to do with the speech (fal\'s "task")',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'e.g. en',
		description:
			'Language spoken in the audio as a two-letter code (fal\'s "language"). Leave empty to detect it automatically (Whisper) or use the model\'s default (Wizper: English).',
	},
	{
		displayName: 'Chunk Level',
		name: 'chunkLevel',
		type: 'options',
		default: 'segment',
		options: [
			{ name: 'None', value: 'none', description: 'Only the full text' },
			{ name: 'Segment', value: 'segment', description: 'Timed phrases' },
			{ name: 'Word', value: 'word', description: 'Timed words' },
		],
		description: 'How finely the transcript is cut into timed chunks (fal\'s "chunk_level"); subtitles need segments or words',
	},
	{
		displayName: 'Identify Speakers',
		name: 'diarize',
		type: 'boolean',
		default: false,
		description: 'Whether to label who speaks each chunk (fal\'s "diarize")',
	},
	{
		displayName: 'Number of Speakers',
		name: 'numSpeakers',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'How many people speak, when known (fal\'s "num_speakers"); 0 lets the model work it out',
		displayOptions: { show: { diarize: [true] } },
	},
	{
		displayName: 'Subtitles',
		name: 'subtitles',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'SRT', value: 'srt', description: 'Binary field "subtitles_srt"' },
			{ name: 'SRT and WebVTT', value: 'both', description: 'Binary fields "subtitles_srt" and "subtitles_vtt"' },
			{ name: 'WebVTT', value: 'vtt', description: 'Binary field "subtitles_vtt"' },
		],
		description: 'Subtitle files to make from the timed chunks, added to the item as binary data',
		displayOptions: { show: { executionMode: ['wait', 'run'] } },
	},
	...taskModelInputsProperties,
	additionalInputProperty,
	executionModeProperty,
	webhookUrlProperty,
	optionsCollection(subtitleOptions),
];
