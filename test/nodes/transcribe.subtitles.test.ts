/**
 * Transcribe's pure pieces: timestamps, cue building, SRT and WebVTT, and reading the timed
 * chunks of the different transcript shapes.
 */
import type { INodeProperties } from 'n8n-workflow';

import { transcribeProperties } from '../../nodes/FalAi/Transcribe/descriptions/transcribe.properties';
import {
	buildCues,
	DEFAULT_SUBTITLE_OPTIONS,
	formatTimestamp,
	toSrt,
	toWebVtt,
	wrapWords,
} from '../../nodes/FalAi/Transcribe/subtitles';
import { transcriptChunks } from '../../nodes/FalAi/Transcribe/transcriptChunks';

describe('formatTimestamp', () => {
	it.each([
		[0, '00:00:00,000', '00:00:00.000'],
		[2.4, '00:00:02,400', '00:00:02.400'],
		[61.0005, '00:01:01,001', '00:01:01.001'],
		[3599.9999, '01:00:00,000', '01:00:00.000'],
		[3723.456, '01:02:03,456', '01:02:03.456'],
		[360000, '100:00:00,000', '100:00:00.000'],
		[-1, '00:00:00,000', '00:00:00.000'],
	])('%d s is %s in SRT and %s in WebVTT', (seconds, srt, vtt) => {
		expect(formatTimestamp(seconds, ',')).toBe(srt);
		expect(formatTimestamp(seconds, '.')).toBe(vtt);
	});
});

describe('wrapWords', () => {
	it('fills lines up to the limit and gives an over-long word a line of its own', () => {
		expect(wrapWords(['one', 'two', 'three', 'four'], 9)).toEqual(['one two', 'three', 'four']);
		expect(wrapWords(['a', 'extraordinarily', 'b'], 5)).toEqual(['a', 'extraordinarily', 'b']);
	});

	it('keeps room on the first line for a speaker label', () => {
		expect(wrapWords(['one', 'two', 'three'], 13, 7)).toEqual(['one', 'two three']);
		expect(wrapWords(['one', 'two', 'three'], 13, 6)).toEqual(['one two', 'three']);
	});
});

describe('buildCues', () => {
	const segments = [
		{ text: ' Hello from the fake fal server.', timestamp: [0, 2.4] },
		{ text: 'This transcript was made up for tests.', timestamp: [2.4, 5.2] },
	];

	it('keeps short segments as they are', () => {
		expect(buildCues(segments)).toEqual([
			{ start: 0, end: 2.4, lines: ['Hello from the fake fal server.'], speaker: undefined },
			{ start: 2.4, end: expect.closeTo(5.2, 6), lines: ['This transcript was made up for tests.'], speaker: undefined },
		]);
	});

	it('packs word chunks into sentences', () => {
		const words = 'Hello from the fake fal server. This transcript was made up for tests.'
			.split(' ')
			.map((text, index) => ({ text, timestamp: [index * 0.4, (index + 1) * 0.4] }));
		const cues = buildCues(words);
		expect(cues.map((cue) => cue.lines)).toEqual([['Hello from the fake fal server.'], ['This transcript was made up for tests.']]);
		expect(cues[0].start).toBe(0);
		expect(cues[0].end).toBeCloseTo(2.4, 6);
		expect(cues[1].start).toBeCloseTo(2.4, 6);
	});

	it('splits a long segment into cues of at most two lines, sharing its time by word length', () => {
		const text = Array.from({ length: 40 }, (_, index) => `word${String(index).padStart(2, '0')}`).join(' ');
		const cues = buildCues([{ text, timestamp: [10, 50] }], { maxLineLength: 20, maxLines: 2, maxCueSeconds: 60 });

		// 40 words of 6 letters: 3 per line of 20 characters, 6 per cue.
		expect(cues).toHaveLength(7);
		for (const cue of cues) {
			expect(cue.lines.length).toBeLessThanOrEqual(2);
			for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(20);
		}
		expect(cues[0].lines).toEqual(['word00 word01 word02', 'word03 word04 word05']);
		expect(cues[0].start).toBe(10);
		expect(cues[0].end).toBeCloseTo(16, 6);
		expect(cues[6].end).toBeCloseTo(50, 6);
		expect(cues.map((cue) => cue.lines.join(' ')).join(' ')).toBe(text);
	});

	it('ends a cue when it would stay on screen too long', () => {
		const cues = buildCues([{ text: 'slow words spoken with long pauses between them', timestamp: [0, 16] }], { maxCueSeconds: 7 });
		expect(cues.length).toBeGreaterThan(2);
		for (const cue of cues) expect(cue.end - cue.start).toBeLessThanOrEqual(7 + 1e-9);
	});

	it('starts a new cue when the speaker changes or after a pause, and labels speakers', () => {
		const cues = buildCues([
			{ text: 'Are you', timestamp: [0, 1], speaker: 'SPEAKER_00' },
			{ text: 'ready', timestamp: [1, 1.5], speaker: 'SPEAKER_00' },
			{ text: 'yes', timestamp: [1.6, 2], speaker: 'SPEAKER_01' },
			{ text: 'then go', timestamp: [5, 6], speaker: 'SPEAKER_01' },
		]);
		expect(cues.map((cue) => [cue.speaker, cue.lines.join(' ')])).toEqual([
			['SPEAKER_00', 'Are you ready'],
			['SPEAKER_01', 'yes'],
			['SPEAKER_01', 'then go'],
		]);
		expect(buildCues([{ text: 'hi', timestamp: [0, 1], speaker: 'A' }], { speakerLabels: false })[0].speaker).toBeUndefined();
	});

	it('guesses a missing end from the next chunk, or from reading time for the last one', () => {
		const cues = buildCues([
			{ text: 'First.', timestamp: [0, null] },
			{ text: 'Second part here.', timestamp: [3, null] },
		]);
		expect(cues[0]).toMatchObject({ start: 0, end: 3 });
		expect(cues[1].start).toBe(3);
		expect(cues[1].end).toBeCloseTo(4.1333, 3);
	});

	it('skips chunks without text or start, and moves overlapping cues apart', () => {
		const cues = buildCues([
			{ text: '', timestamp: [0, 1] },
			{ text: 'no time' },
			{ text: 'One.', timestamp: [1, 3] },
			{ text: 'Two.', timestamp: [2.5, 4] },
		]);
		expect(cues.map((cue) => [cue.lines[0], cue.start, cue.end])).toEqual([
			['One.', 1, 3],
			['Two.', 3, 4],
		]);
	});
});

describe('toSrt and toWebVtt', () => {
	const cues = [
		{ start: 0, end: 2.4, lines: ['Hello from the fake fal', 'server.'], speaker: 'SPEAKER_00' },
		{ start: 2.4, end: 65.25, lines: ['Fish & <chips>'] },
	];

	it('writes numbered SubRip cues with comma milliseconds and bracketed speakers', () => {
		expect(toSrt(cues)).toBe(
			'1\n00:00:00,000 --> 00:00:02,400\n[SPEAKER_00] Hello from the fake fal\nserver.\n\n' +
				'2\n00:00:02,400 --> 00:01:05,250\nFish & <chips>\n',
		);
	});

	it('writes a WebVTT file with dot milliseconds, voice spans and escaped text', () => {
		expect(toWebVtt(cues)).toBe(
			'WEBVTT\n\n' +
				'1\n00:00:00.000 --> 00:00:02.400\n<v SPEAKER_00>Hello from the fake fal\nserver.\n\n' +
				'2\n00:00:02.400 --> 00:01:05.250\nFish &amp; &lt;chips&gt;\n',
		);
	});

	it('writes valid empty files when there is nothing to show', () => {
		expect(toSrt([])).toBe('');
		expect(toWebVtt([])).toBe('WEBVTT\n');
	});
});

describe('transcriptChunks', () => {
	it('takes Whisper\'s timed chunks', () => {
		const chunks = [{ text: 'hi', timestamp: [0, 1], speaker: 'SPEAKER_00' }];
		expect(transcriptChunks({ text: 'hi', chunks })).toEqual(chunks);
	});

	it('turns word lists (ElevenLabs) into chunks, leaving out the spacing entries', () => {
		expect(
			transcriptChunks({
				text: 'hi there',
				words: [
					{ text: 'hi', start: 0, end: 0.4, type: 'word', speaker_id: 'speaker_0' },
					{ text: ' ', start: 0.4, end: 0.5, type: 'spacing' },
					{ text: 'there', start: 0.5, end: 0.9, type: 'word' },
				],
			}),
		).toEqual([
			{ text: 'hi', timestamp: [0, 0.4], speaker: 'speaker_0' },
			{ text: 'there', timestamp: [0.5, 0.9] },
		]);
	});

	it('finds nothing in a transcript without timings', () => {
		expect(transcriptChunks({ text: 'hi', chunks: [] })).toEqual([]);
		expect(transcriptChunks({ text: 'hi' })).toEqual([]);
		expect(transcriptChunks(null)).toEqual([]);
	});
});

describe('subtitle option defaults', () => {
	it('match the defaults of the subtitle module', () => {
		const options = transcribeProperties.find((property) => property.name === 'options')?.options as INodeProperties[];
		const defaultOf = (name: string) => options.find((option) => option.name === name)?.default;
		expect(defaultOf('subtitleLineLength')).toBe(DEFAULT_SUBTITLE_OPTIONS.maxLineLength);
		expect(defaultOf('subtitleLines')).toBe(DEFAULT_SUBTITLE_OPTIONS.maxLines);
		expect(defaultOf('subtitleMaxSeconds')).toBe(DEFAULT_SUBTITLE_OPTIONS.maxCueSeconds);
		expect(defaultOf('subtitleSpeakerLabels')).toBe(DEFAULT_SUBTITLE_OPTIONS.speakerLabels);
	});
});
