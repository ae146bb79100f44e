/**
 * Subtitles (SRT and WebVTT) from a transcript's timed chunks. Pure functions, no n8n.
 *
 * Speech-to-text models return chunks of very different sizes: one per word (`chunk_level:
 * word`) or whole segments of 30 s or more. Readable subtitles want short cues instead, so the
 * chunks are turned into timed words (a segment's time shared out by the length of its words),
 * and the words are packed into cues that respect a line length, a line count and a maximum
 * duration. A cue also ends at the end of a sentence, at a change of speaker and at a pause.
 */

/** One chunk of a fal transcript (`{ text, timestamp: [start, end], speaker? }`). */
export interface TranscriptChunk {
	text?: unknown;
	/** Seconds; fal may leave the end of the last chunk `null`. */
	timestamp?: unknown;
	speaker?: unknown;
}

export interface SubtitleOptions {
	/** Most characters per line (the usual broadcast limit is 42). */
	maxLineLength: number;
	/** Most lines per cue. */
	maxLines: number;
	/** Longest a cue stays on screen, in seconds. */
	maxCueSeconds: number;
	/** Whether to name the speaker (diarized transcripts). */
	speakerLabels: boolean;
}

export const DEFAULT_SUBTITLE_OPTIONS: SubtitleOptions = {
	maxLineLength: 42,
	maxLines: 2,
	maxCueSeconds: 7,
	speakerLabels: true,
};

export interface SubtitleCue {
	/** Seconds. */
	start: number;
	end: number;
	/** The text, already wrapped into lines. */
	lines: string[];
	speaker?: string;
}

/** A word with its time, the unit cues are made of. */
interface TimedWord {
	text: string;
	start: number;
	end: number;
	speaker?: string;
}

/** A pause longer than this between two words starts a new cue. */
const PAUSE_SECONDS = 1.5;
/** Reading speed used to guess the end of a chunk that has none. */
const CHARACTERS_PER_SECOND = 15;
const SENTENCE_END = /[.!?…。！？]["')\]]*$/;

/** Packs the chunks into subtitle cues (see the module comment). */
export function buildCues(chunks: TranscriptChunk[], options: Partial<SubtitleOptions> = {}): SubtitleCue[] {
	const settings = { ...DEFAULT_SUBTITLE_OPTIONS, ...options };
	const words = timedWords(chunks, settings.maxCueSeconds);
	const cues: SubtitleCue[] = [];
	let current: TimedWord[] = [];

	const flush = () => {
		if (!current.length) return;
		const speaker = settings.speakerLabels ? current[0].speaker : undefined;
		cues.push({
			start: current[0].start,
			end: current[current.length - 1].end,
			lines: wrapWords(current.map((word) => word.text), settings.maxLineLength, labelLength(speaker)),
			speaker,
		});
		current = [];
	};

	for (const word of words) {
		const previous = current[current.length - 1];
		if (previous) {
			const fits =
				word.speaker === previous.speaker &&
				word.start - previous.end <= PAUSE_SECONDS &&
				word.end - current[0].start <= settings.maxCueSeconds &&
				!SENTENCE_END.test(previous.text) &&
				wrapWords(
					[...current, word].map((entry) => entry.text),
					settings.maxLineLength,
					labelLength(settings.speakerLabels ? current[0].speaker : undefined),
				).length <= settings.maxLines;
			if (!fits) flush();
		}
		current.push(word);
	}
	flush();
	return withoutOverlaps(cues);
}

/** The cues as a SubRip (.srt) file. */
export function toSrt(cues: SubtitleCue[]): string {
	return cues
		.map((cue, index) => {
			const lines = [...cue.lines];
			if (cue.speaker) lines[0] = `[${cue.speaker}] ${lines[0]}`;
			return `${index + 1}\n${formatTimestamp(cue.start, ',')} --> ${formatTimestamp(cue.end, ',')}\n${lines.join('\n')}\n`;
		})
		.join('\n');
}

/** The cues as a WebVTT (.vtt) file; speakers become voice spans (`<v SPEAKER_00>`). */
export function toWebVtt(cues: SubtitleCue[]): string {
	const blocks = cues.map((cue, index) => {
		const lines = cue.lines.map(escapeVtt);
		if (cue.speaker) lines[0] = `<v ${escapeVtt(cue.speaker)}>${lines[0]}`;
		return `${index + 1}\n${formatTimestamp(cue.start, '.')} --> ${formatTimestamp(cue.end, '.')}\n${lines.join('\n')}\n`;
	});
	return ['WEBVTT\n', ...blocks].join('\n');
}

/** `HH:MM:SS,mmm` (SRT) or `HH:MM:SS.mmm` (WebVTT); hours go past 99 if needed. */
export function formatTimestamp(seconds: number, separator: ',' | '.'): string {
	const totalMs = Math.max(0, Math.round((Number.isFinite(seconds) ? seconds : 0) * 1000));
	const ms = totalMs % 1000;
	const totalSeconds = Math.floor(totalMs / 1000);
	const hours = Math.floor(totalSeconds / 3600);
	const minutes = Math.floor((totalSeconds % 3600) / 60);
	const secs = totalSeconds % 60;
	return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(secs, 2)}${separator}${pad(ms, 3)}`;
}

/**
 * Greedy line wrapping. A word longer than a line gets a line of its own. `firstLineReserve`
 * characters of the first line are kept for a speaker label.
 */
export function wrapWords(words: string[], maxLineLength: number, firstLineReserve = 0): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of words) {
		const room = maxLineLength - (lines.length === 0 ? firstLineReserve : 0);
		if (line && line.length + 1 + word.length > room) {
			lines.push(line);
			line = word;
		} else {
			line = line ? `${line} ${word}` : word;
		}
	}
	if (line) lines.push(line);
	return lines;
}

/** Splits every usable chunk into words, sharing its time out by word length. */
function timedWords(chunks: TranscriptChunk[], maxCueSeconds: number): TimedWord[] {
	const usable = chunks
		.map((chunk) => ({
			words: typeof chunk.text === 'string' ? chunk.text.split(/\s+/).filter(Boolean) : [],
			start: timeAt(chunk.timestamp, 0),
			end: timeAt(chunk.timestamp, 1),
			speaker: typeof chunk.speaker === 'string' && chunk.speaker ? chunk.speaker : undefined,
		}))
		.filter((chunk): chunk is typeof chunk & { start: number } => chunk.words.length > 0 && chunk.start !== undefined);

	const words: TimedWord[] = [];
	usable.forEach((chunk, index) => {
		const end = chunkEnd(chunk, usable[index + 1]?.start, maxCueSeconds);
		const characters = chunk.words.reduce((sum, word) => sum + word.length, 0);
		let cursor = chunk.start;
		for (const word of chunk.words) {
			const share = ((end - chunk.start) * word.length) / characters;
			words.push({ text: word, start: cursor, end: cursor + share, speaker: chunk.speaker });
			cursor += share;
		}
	});
	return words;
}

/** A chunk's end, or when missing or not after its start: the next start or a reading-time guess. */
function chunkEnd(chunk: { words: string[]; start: number; end?: number }, nextStart: number | undefined, maxCueSeconds: number): number {
	if (chunk.end !== undefined && chunk.end > chunk.start) return chunk.end;
	if (nextStart !== undefined && nextStart > chunk.start) return nextStart;
	const readingTime = chunk.words.join(' ').length / CHARACTERS_PER_SECOND;
	return chunk.start + Math.min(Math.max(readingTime, 1), maxCueSeconds);
}

function timeAt(timestamp: unknown, index: number): number | undefined {
	const value = Array.isArray(timestamp) ? timestamp[index] : undefined;
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Chunks may overlap slightly (diarization); a cue then starts when the previous one ends. */
function withoutOverlaps(cues: SubtitleCue[]): SubtitleCue[] {
	let previousEnd = 0;
	return cues.map((cue) => {
		const start = Math.max(cue.start, previousEnd);
		const end = Math.max(cue.end, start + 0.001);
		previousEnd = end;
		return { ...cue, start, end };
	});
}

function labelLength(speaker: string | undefined): number {
	return speaker ? speaker.length + 3 : 0;
}

function escapeVtt(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function pad(value: number, width: number): string {
	return String(value).padStart(width, '0');
}
