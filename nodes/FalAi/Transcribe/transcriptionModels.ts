/**
 * The speech-to-text endpoints offered first in the model picker, and the picker's search.
 */
import { createModelSearch } from '../methods/listSearch';
import type { ModelTask } from '../methods/curatedModels';

/** The default model of a new Transcribe node. */
export const DEFAULT_TRANSCRIPTION_MODEL = 'fal-ai/whisper';

export const TRANSCRIPTION_TASK: ModelTask = {
	noun: 'speech-to-text',
	categories: ['speech-to-text'],
	curated: [
		{ id: DEFAULT_TRANSCRIPTION_MODEL, name: 'Whisper', description: 'Transcribe or translate, word or segment timings, diarization' },
		{ id: 'fal-ai/wizper', name: 'Wizper', description: 'Faster Whisper v3, segment timings' },
		{ id: 'fal-ai/elevenlabs/speech-to-text', name: 'ElevenLabs Scribe', description: 'Word timings and speakers' },
	],
};

/** Picker for speech-to-text models (Transcribe). */
export const searchTranscriptionModels = createModelSearch(TRANSCRIPTION_TASK);
