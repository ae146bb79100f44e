/**
 * Fal.ai Transcribe in real workflows (n8n's engine in-process) against the fake fal.
 */
import type { HarnessNode, WorkflowResult } from '../harness';
import { makeWav } from '../fake-fal';
import {
	bytesAt,
	expectRequestToFollow,
	expectTimedOutAndCancelled,
	jobInputOf,
	modelNode,
	pickerModelIds,
	rejectNextSubmit,
	runSingleNode,
	useFakeFal,
} from './support';

const fal = useFakeFal();
const NODE = 'Transcribe';
const wav = makeWav(0.5);

/** A Transcribe node running `model` (by id) with the parameters given. */
function transcribeNode(parameters: Record<string, unknown>, model = 'fal-ai/whisper'): HarnessNode {
	return modelNode({ name: NODE, type: 'falAiTranscribe', model }, parameters);
}

/** One input item holding the test audio in binary field `audio`. */
const audioItem = { json: {}, binary: { audio: { buffer: wav, fileName: 'interview.wav', mimeType: 'audio/wav' } } };

/** The model input fal recorded for the request of output item `index`. */
function inputOf(result: WorkflowResult, index = 0): Record<string, unknown> {
	return jobInputOf(fal(), result.output(NODE)[index]);
}

describe('Fal.ai Transcribe: transcripts', () => {
	it.each(['memory', 'filesystem'] as const)(
		'uploads binary audio to fal storage and returns the text and timed chunks (%s mode)',
		async (binaryDataMode) => {
			const result = await runSingleNode(
				fal(),
				transcribeNode({ audioSource: 'binary', audioBinaryProperty: 'audio' }),
				{ items: [audioItem], binaryDataMode },
			);

			const [item] = result.output(NODE);
			expect(item.json.text).toBe('Hello from the fake fal server. This transcript was made up for tests.');
			expect(item.json.chunks).toEqual([
				{ text: 'Hello from the fake fal server.', timestamp: [0, 2.4] },
				{ text: 'This transcript was made up for tests.', timestamp: [2.4, 5.2] },
			]);
			expect(item.json.endpoint_id).toBe('fal-ai/whisper');
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.binary).toBeUndefined();

			const input = inputOf(result) as { audio_url: string };
			expect(input).toEqual({ audio_url: expect.stringContaining(fal().baseUrl), task: 'transcribe', chunk_level: 'segment' });
			expect(await bytesAt(input.audio_url)).toEqual(wav);
			expect(fal().requestsOf('upload-initiate')[0].body).toMatchObject({ file_name: 'interview.wav', content_type: 'audio/wav' });
		},
	);

	it('sends task, language, chunk level and diarization under fal\'s names, the additional JSON last', async () => {
		const result = await runSingleNode(
			fal(),
			transcribeNode({
				audioSource: 'url',
				audioUrl: 'https://example.com/talk.mp3',
				task: 'translate',
				language: 'de',
				chunkLevel: 'word',
				diarize: true,
				numSpeakers: 2,
				additionalInput: '{"batch_size": 32, "language": "fr"}',
			}),
		);
		expect(inputOf(result)).toEqual({
			audio_url: 'https://example.com/talk.mp3',
			task: 'translate',
			language: 'fr',
			chunk_level: 'word',
			diarize: true,
			num_speakers: 2,
			batch_size: 32,
		});
		expect(fal().requestsOf('upload-initiate')).toHaveLength(0);
		const chunks = result.output(NODE)[0].json.chunks as Array<{ speaker?: string }>;
		expect(chunks).toHaveLength(13);
		expect(chunks[0].speaker).toBe('SPEAKER_00');
	});

	it('takes the audio URL from the additional JSON without needing the audio field', async () => {
		const result = await runSingleNode(
			fal(),
			transcribeNode({ audioSource: 'url', audioUrl: '={{ "" }}', additionalInput: '{"audio_url": "https://example.com/a.wav"}' }),
		);
		expect(inputOf(result).audio_url).toBe('https://example.com/a.wav');
	});
});

describe('Fal.ai Transcribe: subtitles', () => {
	it('adds SRT and WebVTT files named after the audio, with speaker labels when diarized', async () => {
		const result = await runSingleNode(
			fal(),
			transcribeNode({ audioSource: 'binary', audioBinaryProperty: 'audio', diarize: true, subtitles: 'both' }),
			{ items: [audioItem] },
		);

		const srt = result.binaryData(NODE, 0, 'subtitles_srt');
		expect(srt.mimeType).toBe('application/x-subrip');
		expect(srt.fileName).toBe('interview.srt');
		expect((await result.binary(NODE, 0, 'subtitles_srt')).toString('utf8')).toBe(
			'1\n00:00:00,000 --> 00:00:02,400\n[SPEAKER_00] Hello from the fake fal\nserver.\n\n' +
				'2\n00:00:02,400 --> 00:00:05,200\n[SPEAKER_01] This transcript was made up\nfor tests.\n',
		);

		const vtt = result.binaryData(NODE, 0, 'subtitles_vtt');
		expect(vtt.mimeType).toBe('text/vtt');
		expect(vtt.fileName).toBe('interview.vtt');
		expect((await result.binary(NODE, 0, 'subtitles_vtt')).toString('utf8')).toBe(
			'WEBVTT\n\n' +
				'1\n00:00:00.000 --> 00:00:02.400\n<v SPEAKER_00>Hello from the fake fal\nserver.\n\n' +
				'2\n00:00:02.400 --> 00:00:05.200\n<v SPEAKER_01>This transcript was made up\nfor tests.\n',
		);
		expect(result.output(NODE)[0].json.subtitle_cues).toBe(2);
	});

	it('packs word-level chunks into readable cues (Direct Run, audio by URL)', async () => {
		const result = await runSingleNode(
			fal(),
			transcribeNode({
				executionMode: 'run',
				audioSource: 'url',
				audioUrl: 'https://example.com/podcast-42.mp3',
				chunkLevel: 'word',
				subtitles: 'srt',
				options: { subtitleLineLength: 20 },
			}),
		);
		expect(fal().requestsOf('run')).toHaveLength(1);
		expect(fal().requestsOf('submit')).toHaveLength(0);
		expect(result.binaryData(NODE, 0, 'subtitles_srt').fileName).toBe('podcast-42.srt');
		expect(result.output(NODE)[0].binary?.subtitles_vtt).toBeUndefined();
		expect((await result.binary(NODE, 0, 'subtitles_srt')).toString('utf8')).toBe(
			'1\n00:00:00,000 --> 00:00:02,400\nHello from the fake\nfal server.\n\n' +
				'2\n00:00:02,400 --> 00:00:05,200\nThis transcript was\nmade up for tests.\n',
		);
	});

	it('refuses subtitles without timed chunks before submitting', async () => {
		const result = await runSingleNode(
			fal(),
			transcribeNode({ audioSource: 'url', audioUrl: 'https://example.com/a.wav', chunkLevel: 'none', subtitles: 'vtt' }),
		);
		expect(result.error?.message).toBe('Item 0: "Subtitles" need timed chunks but "Chunk Level" is "None"');
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});
});

describe('Fal.ai Transcribe: execution modes', () => {
	it('Submit Only uploads the audio, returns the request to follow and makes no subtitles', async () => {
		const result = await runSingleNode(
			fal(),
			transcribeNode({ executionMode: 'submit', audioSource: 'binary', audioBinaryProperty: 'audio', subtitles: 'both' }),
			{ items: [audioItem] },
		);
		const [item] = result.output(NODE);
		expectRequestToFollow(fal(), item, 'fal-ai/whisper');
		expect(item.binary).toBeUndefined();
		expect(fal().requestsOf('upload-initiate')).toHaveLength(1);
	});
});

describe('Fal.ai Transcribe: failures', () => {
	it('shows fal\'s 422 as field: message lines', async () => {
		rejectNextSubmit(fal(), [
			{ loc: ['body', 'language'], msg: "value is not a valid enumeration member; permitted: 'en', 'de'", type: 'type_error.enum' },
		]);
		const result = await runSingleNode(
			fal(),
			transcribeNode({ audioSource: 'url', audioUrl: 'https://example.com/a.wav', language: 'xx' }),
		);
		expect(result.error?.message).toBe("Item 0: fal rejected \"language\": Value is not a valid enumeration member; permitted: 'en', 'de'.");
	});

	it('with Continue On Fail turns a bad item into an error item and still runs the others', async () => {
		const result = await runSingleNode(
			fal(),
			{
				...transcribeNode({ audioSource: 'url', audioUrl: '={{ $json.url }}', subtitles: 'srt' }),
				onError: 'continueRegularOutput',
			},
			{
				items: [{ json: { url: 'https://example.com/1.wav' } }, { json: { url: 'not a url' } }, { json: { url: 'https://example.com/3.wav' } }],
			},
		);

		const output = result.output(NODE);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.text).toEqual(expect.any(String));
		expect(output[1].json.error).toBe('Item 1: "Audio" has an invalid URL');
		expect(output[1].binary).toBeUndefined();
		expect(output[2].binary?.subtitles_srt.fileName).toBe('3.srt');
		expect(fal().requestsOf('submit')).toHaveLength(2);
	});

	it('fails naming the item and the field when the binary audio is missing', async () => {
		const result = await runSingleNode(
			fal(),
			transcribeNode({ audioSource: 'binary', audioBinaryProperty: 'recording' }),
			{ items: [audioItem] },
		);
		expect(result.error?.message).toBe("The item has no binary field 'recording' [item 0]");
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});

	it('refuses several audio files instead of transcribing the first, before uploading anything', async () => {
		const twoFiles = { json: {}, binary: { ...audioItem.binary, other: { buffer: wav, fileName: 'other.wav', mimeType: 'audio/wav' } } };
		const result = await runSingleNode(
			fal(),
			transcribeNode({ audioSource: 'binary', audioBinaryProperty: 'audio, other' }),
			{ items: [twoFiles] },
		);
		expect(result.error?.message).toBe('Item 0: "Audio" takes one file, but 2 binary fields were given');
		expect(fal().requestsOf('upload-initiate')).toHaveLength(0);
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});

	it('cancels the fal job when the timeout passes, and says so', async () => {
		const result = await runSingleNode(
			fal(),
			transcribeNode({
				audioSource: 'url',
				audioUrl: 'https://example.com/long.wav',
				additionalInput: '{"fake": {"runMs": 60000}}',
				options: { timeout: 1 },
			}),
		);
		expectTimedOutAndCancelled(fal(), result, 1);
	});
});

describe('Fal.ai Transcribe: model picker', () => {
	it('lists the curated speech-to-text models first and only speech-to-text models', async () => {
		const ids = await pickerModelIds(fal(), 'falAiTranscribe', 'searchTranscriptionModels');
		expect(ids.slice(0, 2)).toEqual(['fal-ai/whisper', 'fal-ai/wizper']);
		expect(ids).not.toContain('fal-ai/flux/dev');
		expect(ids).not.toContain('fal-ai/veo3');
	});
});
