/**
 * The example workflows users get in `examples/`, imported into a real n8n (the run's target,
 * lib/targets.ts) and run with `n8n execute` (as a CI job or cron script would) against the fake
 * fal of this process. Each
 * test checks what the workflow hands the user (items, binary files) and what reached fal (the
 * fake's request log). The files stay as committed except for the URLs of the fake.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startFakeFal, type FakeFal, type RecordedRequest } from '../fake-fal';
import {
	createUserFolder,
	executeWorkflow,
	falAiCredential,
	FAL_E2E_CREDENTIAL_ID,
	importCredential,
	installN8n,
	nodeItems,
	removeUserFolder,
	timed,
	type N8nExecution,
	type N8nItem,
} from './lib';
import { binaryField, readBinaryContent } from './lib/binaryContent';
import { installCachedPackage } from './lib/cachedPackage';
import { examplesDir, loadExample, setAssignedValue, type ExampleWorkflow } from './lib/exampleWorkflows';
import { importWorkflowObjects } from './lib/importWorkflows';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('example workflows in a real n8n', () => {
	let userFolder: string;
	let fal: FakeFal;
	/** The examples as run here, by file name. */
	const examples = new Map<string, ExampleWorkflow>();
	/** Inputs the examples leave to the user, filled with media the fake serves. */
	let audioUrl: string;
	let remoteFileUrl: string;

	beforeAll(async () => {
		await timed('install n8n (npm ci, cached)', installN8n);
		userFolder = createUserFolder('examples');
		fal = await startFakeFal({ port: 0, queueMs: 20, runMs: 80 });
		await timed('install the packed package (cached)', () => installCachedPackage(userFolder));
		// The examples reference the credential by this id, as an exported workflow does.
		await importCredential(userFolder, falAiCredential({ apiKey: fal.key, hosts: fal.hosts }));

		audioUrl = `${fal.hosts.mediaUrl}/samples/sample.wav`;
		remoteFileUrl = `${fal.hosts.mediaUrl}/samples/sample.png`;
		for (const file of [
			'generate-image-to-binary.json',
			'video-from-uploaded-image.json',
			'transcribe-to-subtitles.json',
			'upload-file.json',
			'submit-then-queue-status.json',
			'script-to-speech.json',
			'batch-cost-estimate.json',
		]) {
			examples.set(file, loadExample(file));
		}
		setAssignedValue(examples.get('transcribe-to-subtitles.json')!, 'Audio to Transcribe', 'audio_url', audioUrl);
		setAssignedValue(examples.get('upload-file.json')!, 'Remote File', 'file_url', remoteFileUrl);
		await timed('import the examples', () => importWorkflowObjects(userFolder, [...examples.values()]));
	});

	afterAll(async () => {
		await fal?.close();
		if (userFolder) removeUserFolder(userFolder);
	});

	beforeEach(() => fal.reset());

	/** Runs an imported example; fails with n8n's output when the run failed. */
	async function run(file: string): Promise<N8nExecution> {
		const workflow = examples.get(file)!;
		const result = await timed(`execute ${workflow.id}`, () => executeWorkflow(userFolder, workflow.id));
		if (result.exitCode !== 0 || result.execution?.status !== 'success') {
			const error = result.execution?.data.resultData.error;
			throw new Error(
				`"${workflow.name}" did not succeed (exit code ${result.exitCode}): ${error?.message ?? ''}\n` +
					`${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`,
			);
		}
		return result.execution;
	}

	function onlyItem(execution: N8nExecution, nodeName: string): N8nItem {
		const items = nodeItems(execution, nodeName);
		expect(items).toHaveLength(1);
		return items[0];
	}

	function kinds(requests: RecordedRequest[] = fal.requests): string[] {
		return requests.map((request) => request.kind);
	}

	it('ships every example as an importable export that uses fal\'s own hosts', () => {
		const files = fs.readdirSync(examplesDir).filter((name) => name.endsWith('.json'));
		expect(files).toHaveLength(8);
		const ids = new Set<string>();
		for (const file of files) {
			const text = fs.readFileSync(path.join(examplesDir, file), 'utf8');
			const workflow = JSON.parse(text) as ExampleWorkflow;
			expect(workflow.id).toMatch(/^[A-Za-z0-9]{16}$/);
			ids.add(workflow.id);
			expect(new Set(workflow.nodes.map((node) => node.id)).size).toBe(workflow.nodes.length);
			// Nothing of a test run leaks into what users import.
			expect(text).not.toMatch(/127\.0\.0\.1|localhost/);
			const falNodes = workflow.nodes.filter((node) => node.type.startsWith('n8n-nodes-falai.'));
			expect(falNodes.length).toBeGreaterThan(0);
			for (const node of falNodes.filter((candidate) => candidate.type !== 'n8n-nodes-falai.falAiTrigger')) {
				expect(node.credentials).toEqual({ falAiApi: { id: FAL_E2E_CREDENTIAL_ID, name: 'fal.ai' } });
			}
		}
		expect(ids.size).toBe(files.length);
	});

	it('generate-image-to-binary: queues the prompt, waits and downloads a PNG into image_0', async () => {
		const execution = await run('generate-image-to-binary.json');

		const item = onlyItem(execution, 'Generate Image');
		expect(item.json).toMatchObject({
			endpoint_id: 'fal-ai/flux/schnell',
			request_id: expect.any(String),
			images: [expect.objectContaining({ url: expect.stringContaining(fal.hosts.mediaUrl) })],
		});
		const image = binaryField(item, 'image_0');
		expect(image.mimeType).toBe('image/png');
		expect(readBinaryContent(userFolder, image).subarray(0, 8)).toEqual(PNG_SIGNATURE);

		const [submit] = fal.requestsOf('submit');
		expect(submit).toMatchObject({ endpointId: 'fal-ai/flux/schnell' });
		expect(submit.body).toMatchObject({
			prompt: 'A watercolor fox in a misty forest at dawn',
			image_size: 'landscape_4_3',
			num_images: 1,
			output_format: 'png',
		});
		expect(kinds()).toEqual(expect.arrayContaining(['submit', 'result', 'media']));
		expect(kinds().some((kind) => kind === 'status' || kind === 'status-stream')).toBe(true);
		expect(fal.requestsOf('result')[0].requestId).toBe(item.json.request_id);
	});

	it('video-from-uploaded-image: uploads the generated frame and animates it from its CDN URL', async () => {
		const execution = await run('video-from-uploaded-image.json');

		const uploaded = onlyItem(execution, 'Upload Start Frame').json;
		expect(uploaded).toMatchObject({
			url: expect.stringContaining(`${fal.hosts.mediaUrl}/files/`),
			file_name: 'start-frame.png',
			content_type: 'image/png',
		});
		const video = onlyItem(execution, 'Animate Start Frame');
		expect(video.json).toMatchObject({
			endpoint_id: 'fal-ai/kling-video/v2.1/standard/image-to-video',
			video: expect.objectContaining({ content_type: 'video/mp4' }),
		});
		const videoFile = binaryField(video, 'video');
		expect(videoFile.mimeType).toBe('video/mp4');
		// An MP4 starts with a box whose type is "ftyp".
		expect(readBinaryContent(userFolder, videoFile).subarray(4, 8).toString('latin1')).toBe('ftyp');

		// The frame went through fal storage, and the video model was given the stored file's URL.
		expect(kinds()).toEqual(expect.arrayContaining(['upload-initiate']));
		expect(kinds().some((kind) => kind === 'upload-put' || kind === 'upload-part')).toBe(true);
		const storedFrame = await fetch(String(uploaded.url));
		expect(Buffer.from(await storedFrame.arrayBuffer()).subarray(0, 8)).toEqual(PNG_SIGNATURE);
		const videoSubmit = fal.requestsOf('submit').find((request) => request.endpointId?.includes('kling-video'));
		expect(videoSubmit?.body).toMatchObject({
			prompt: 'The fox trots through the snow towards the camera, slow tracking shot',
			image_url: uploaded.url,
			// Kling takes its duration as text.
			duration: '5',
		});
	});

	it('transcribe-to-subtitles: transcribes the audio URL into SRT and WebVTT files', async () => {
		const execution = await run('transcribe-to-subtitles.json');

		const item = onlyItem(execution, 'Transcribe to Subtitles');
		expect(item.json).toMatchObject({ endpoint_id: 'fal-ai/whisper', text: expect.any(String) });
		expect(item.json.subtitle_cues).toBeGreaterThan(0);
		const srtFile = binaryField(item, 'subtitles_srt');
		const vttFile = binaryField(item, 'subtitles_vtt');
		expect(srtFile.fileName).toMatch(/\.srt$/);
		expect(vttFile.fileName).toMatch(/\.vtt$/);
		const srt = readBinaryContent(userFolder, srtFile).toString('utf8');
		const vtt = readBinaryContent(userFolder, vttFile).toString('utf8');
		expect(srt).toMatch(/^1\r?\n\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}\r?\n\S/);
		expect(vtt).toMatch(/^WEBVTT\r?\n\r?\n/);
		expect(vtt).toMatch(/\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}/);
		// The first words of the transcript are in the first cue.
		const firstWord = String(item.json.text).trim().split(/\s+/)[0];
		expect(srt).toContain(firstWord);

		const [submit] = fal.requestsOf('submit');
		expect(submit).toMatchObject({ endpointId: 'fal-ai/whisper' });
		expect(submit.body).toMatchObject({ audio_url: audioUrl, task: 'transcribe', chunk_level: 'segment' });
	});

	it('upload-file: stores a binary field and re-hosts a remote file on fal storage', async () => {
		const execution = await run('upload-file.json');

		const notes = onlyItem(execution, 'Upload Binary File').json;
		expect(notes).toMatchObject({
			url: expect.stringContaining(`${fal.hosts.mediaUrl}/files/`),
			file_name: 'shot-list.txt',
			content_type: expect.stringMatching(/^text\/plain/),
		});
		const rehosted = onlyItem(execution, 'Re-host Remote File').json;
		expect(rehosted).toMatchObject({
			url: expect.stringContaining(`${fal.hosts.mediaUrl}/files/`),
			file_name: 'sample.png',
			content_type: 'image/png',
		});
		expect(rehosted.url).not.toBe(remoteFileUrl);

		// Both went through storage (two upload initiations), n8n fetched the remote file once, and
		// no model ran.
		const initiations = fal.requestsOf('upload-initiate');
		expect(initiations).toHaveLength(2);
		expect(initiations.map((request) => request.body)).toEqual(
			expect.arrayContaining([expect.objectContaining({ file_name: 'sample.png', content_type: 'image/png' })]),
		);
		expect(fal.requestsOf('media').filter((request) => request.path === '/media/samples/sample.png')).toHaveLength(1);
		expect(fal.requestsOf('submit')).toHaveLength(0);

		// What the CDN now serves is what was uploaded.
		expect(await (await fetch(String(notes.url))).text()).toBe('Shot list: fox in snow, sunrise, slow tracking shot.');
		const original = Buffer.from(await (await fetch(remoteFileUrl)).arrayBuffer());
		const copy = Buffer.from(await (await fetch(String(rehosted.url))).arrayBuffer());
		expect(copy.equals(original)).toBe(true);
	});

	it('submit-then-queue-status: submits, waits for completion, then fetches the result again', async () => {
		const execution = await run('submit-then-queue-status.json');

		const submitted = onlyItem(execution, 'Submit Image Job').json;
		expect(submitted).toMatchObject({ status: 'IN_QUEUE', endpoint_id: 'fal-ai/flux/dev', request_id: expect.any(String) });
		const requestId = submitted.request_id;

		const waited = onlyItem(execution, 'Wait for Image Job');
		expect(waited.json).toMatchObject({
			request_id: requestId,
			images: [expect.objectContaining({ url: expect.stringContaining(fal.hosts.mediaUrl) })],
		});
		expect(waited.binary).toBeUndefined();

		const result = onlyItem(execution, 'Get Image Result');
		expect(result.json).toMatchObject({ request_id: requestId, images: (waited.json as { images: unknown }).images });
		const image = binaryField(result, 'image_0');
		expect(image.mimeType).toBe('image/png');
		expect(readBinaryContent(userFolder, image).subarray(0, 8)).toEqual(PNG_SIGNATURE);

		// One job only, followed by request id; its result was fetched by both Queue Status nodes.
		expect(fal.requestsOf('submit')).toHaveLength(1);
		expect(fal.jobs).toHaveLength(1);
		const following = fal.requests.filter((request) => request.kind !== 'submit' && request.kind !== 'media');
		expect(following.every((request) => request.requestId === requestId)).toBe(true);
		expect(fal.requestsOf('result').length).toBeGreaterThanOrEqual(2);
	});

	it('script-to-speech: an LLM writes the script, Kokoro speaks it into a WAV file, each request priced first', async () => {
		const execution = await run('script-to-speech.json');

		const script = onlyItem(execution, 'Write Script').json;
		expect(script).toMatchObject({ endpoint_id: 'fal-ai/any-llm', output: expect.stringContaining('why foxes are active at dawn') });
		expect(script.cost_estimate_usd).toBe(0.001);
		const speech = onlyItem(execution, 'Speak Script');
		expect(speech.json).toMatchObject({ endpoint_id: 'fal-ai/kokoro/american-english', audio: expect.objectContaining({ content_type: 'audio/wav' }) });
		expect(speech.json.cost_estimate).toMatchObject({ unit: '1000 characters', unit_price: 0.02 });
		const audio = binaryField(speech, 'audio');
		expect(audio.mimeType).toBe('audio/wav');
		expect(audio.fileName).toBe('speech.wav');
		const wav = readBinaryContent(userFolder, audio);
		expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
		expect(wav.subarray(8, 12).toString('latin1')).toBe('WAVE');

		// Each endpoint was priced before its submit, and Kokoro spoke what the LLM wrote.
		const order = kinds().filter((kind) => kind === 'pricing' || kind === 'submit');
		expect(order).toEqual(['pricing', 'submit', 'pricing', 'submit']);
		const [, speak] = fal.requestsOf('submit');
		expect(speak.body).toEqual({ text: script.output, voice: 'af_heart' });
	});

	it('batch-cost-estimate: adds up the planned rows per endpoint and asks fal for one total', async () => {
		const execution = await run('batch-cost-estimate.json');

		const estimate = onlyItem(execution, 'Estimate Batch Cost').json;
		// 50 Fast SDXL images at $0.002 and 12 000 characters of Kokoro at $0.02 per 1000.
		expect(estimate).toEqual({
			estimate_type: 'unit_price',
			total_cost: 0.34,
			currency: 'USD',
			endpoints: [
				{ endpoint_id: 'fal-ai/fast-sdxl', quantity: 50 },
				{ endpoint_id: 'fal-ai/kokoro/american-english', quantity: 12 },
			],
			items: 3,
		});
		expect(kinds()).toEqual(['pricing-estimate']);
		expect(fal.requestsOf('pricing-estimate')[0].body).toEqual({
			estimate_type: 'unit_price',
			endpoints: { 'fal-ai/fast-sdxl': { unit_quantity: 50 }, 'fal-ai/kokoro/american-english': { unit_quantity: 12 } },
		});
	});
});
