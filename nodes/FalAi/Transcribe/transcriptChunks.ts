/**
 * Finds the timed chunks in a speech-to-text result, whatever the model's shape.
 *
 * Whisper-like models return `chunks: [{ text, timestamp: [start, end], speaker? }]`; others
 * (e.g. ElevenLabs) return `words: [{ text, start, end, type?, speaker_id? }]` with the spaces
 * as entries of their own. Both become chunks in Whisper's shape.
 */
import type { TranscriptChunk } from './subtitles';

/** The result's timed chunks; empty when it has none (e.g. chunk level "none"). */
export function transcriptChunks(data: unknown): TranscriptChunk[] {
	if (typeof data !== 'object' || data === null) return [];
	const { chunks, words } = data as { chunks?: unknown; words?: unknown };
	if (Array.isArray(chunks) && chunks.some(hasTimestamp)) return chunks.filter(hasTimestamp);
	if (Array.isArray(words)) return words.filter(isTimedWord).map(wordToChunk);
	return [];
}

function hasTimestamp(chunk: unknown): chunk is TranscriptChunk {
	return typeof chunk === 'object' && chunk !== null && Array.isArray((chunk as TranscriptChunk).timestamp);
}

interface TimedWordEntry {
	text: string;
	start: number;
	end?: number;
	type?: string;
	speaker_id?: string;
	speaker?: string;
}

function isTimedWord(word: unknown): word is TimedWordEntry {
	if (typeof word !== 'object' || word === null) return false;
	const entry = word as Partial<TimedWordEntry>;
	return typeof entry.text === 'string' && typeof entry.start === 'number' && entry.type !== 'spacing';
}

function wordToChunk(word: TimedWordEntry): TranscriptChunk {
	const speaker = word.speaker ?? word.speaker_id;
	return { text: word.text, timestamp: [word.start, word.end ?? null], ...(speaker ? { speaker } : {}) };
}
