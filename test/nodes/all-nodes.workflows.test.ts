/**
 * What every fal action node must do the same way, run through n8n's engine against the fake
 * fal: many items at bounded concurrency in input order, a rejected key, a rate limit, "Continue
 * On Fail", and a stopped execution.
 *
 * Each node is described once (parameters, input items, which fal requests start and end one
 * item's work), and the same cases run over all five.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FakeFal, Kind } from '../fake-fal';
import { makePng } from '../fake-fal';
import type { HarnessInputItem, HarnessNode } from '../harness';
import { runWorkflow } from '../harness';
import { eventually, falCredentials, jobInputOf, modelNode, useFakeFal } from './support';

const fal = useFakeFal();

/** How a node under test is set up and recognised. */
interface NodeUnderTest {
	label: string;
	/** The node, its parameters read from each item (`$json.marker`, `$json.runMs`…). */
	node(options?: INodeParameters): HarnessNode;
	/**
	 * One input item per marker. `runMs` is how long fal works on each item, so tests can make
	 * later items finish first (items that start their own fal jobs take it as job timing).
	 */
	inputs(fal: FakeFal, markers: string[], runMs: number[]): Promise<HarnessInputItem[]>;
	/** The marker an output item carries back, proving which input item it came from. */
	markerOf(output: INodeExecutionData, fal: FakeFal): string;
	/** Makes one input item invalid, for "Continue On Fail", and the error that item then gets. */
	spoil(item: HarnessInputItem): HarnessInputItem;
	spoiledError: RegExp;
	/** The fal requests that start and end one item's work: in between, the item counts as running. */
	opens: Kind;
	closes: Kind;
	/** A request the node sends for every item, answered 429 once in the rate-limit case. */
	rateLimited: Kind;
	/** What a stopped execution must do to the fal work in flight. */
	onStop: 'cancels its jobs' | 'leaves the jobs it follows running' | 'abandons its uploads';
}

const marked = (markers: string[], runMs: number[]) =>
	markers.map((marker, index) => ({ json: { marker, runMs: runMs[index] } }));

/** Per-item job timing for the model nodes, through the fake's input directive. */
const FAKE_TIMING = '={{ JSON.stringify({ fake: { queueMs: 0, runMs: $json.runMs } }) }}';

/** Model nodes start one fal job per item: from its submit until its result is fetched. */
const FAL_JOB_PER_ITEM = { opens: 'submit', closes: 'result', rateLimited: 'submit', onStop: 'cancels its jobs' } as const;

/**
 * Generate Image and Generate Video take the marker as their prompt (where the fake records it);
 * an empty prompt is the bad item.
 */
function promptedModelNode(label: string, type: string, model: string): NodeUnderTest {
	return {
		label,
		node: (options = {}) =>
			modelNode({ name: label, type, model }, { prompt: '={{ $json.marker }}', outputMedia: 'url', additionalInput: FAKE_TIMING, options }),
		inputs: async (_fal, markers, runMs) => marked(markers, runMs),
		markerOf: (output, fal) => String(jobInputOf(fal, output).prompt),
		spoil: (item) => ({ json: { ...item.json, marker: '' } }),
		spoiledError: /^Item 1: "Prompt" is required$/,
		...FAL_JOB_PER_ITEM,
	};
}

const generateImage = promptedModelNode('Generate Image', 'falAiGenerateImage', 'fal-ai/flux/dev');
const generateVideo = promptedModelNode('Generate Video', 'falAiGenerateVideo', 'fal-ai/kling-video/v2.1/master/text-to-video');

/** Transcribe takes the marker as the audio file's name; an invalid URL is the bad item. */
const transcribe: NodeUnderTest = {
	label: 'Transcribe',
	node: (options = {}) =>
		modelNode(
			{ name: 'Transcribe', type: 'falAiTranscribe', model: 'fal-ai/whisper' },
			{ audioSource: 'url', audioUrl: '={{ $json.audioUrl }}', additionalInput: FAKE_TIMING, options },
		),
	inputs: async (_fal, markers, runMs) =>
		markers.map((marker, index) => ({
			json: { marker, audioUrl: `https://example.com/${marker}.mp3`, runMs: runMs[index] },
		})),
	markerOf: (output, fal) => String(jobInputOf(fal, output).audio_url).replace(/^.*\/|\.mp3$/g, ''),
	spoil: (item) => ({ json: { ...item.json, audioUrl: 'not a url' } }),
	spoiledError: /^Item 1: /,
	...FAL_JOB_PER_ITEM,
};

/** Run Model (text to speech) takes the marker as the text in its JSON input; no text is the bad item. */
const runModel: NodeUnderTest = {
	label: 'Run Model',
	node: (options = {}) =>
		modelNode(
			{ name: 'Run Model', type: 'falAiRunModel', model: 'fal-ai/kokoro/american-english' },
			{
				additionalInput: '={{ JSON.stringify({ text: $json.marker || undefined, fake: { queueMs: 0, runMs: $json.runMs } }) }}',
				outputMedia: 'url',
				options,
			},
		),
	inputs: async (_fal, markers, runMs) => marked(markers, runMs),
	markerOf: (output, fal) => String(jobInputOf(fal, output).text),
	spoil: (item) => ({ json: { ...item.json, marker: '' } }),
	spoiledError: /^Item 1: fal rejected "text": Field required\.$/,
	...FAL_JOB_PER_ITEM,
};

/**
 * Upload File starts no fal job: an item's work is its upload, timed by holding the request that
 * opens it (so an upload counts as running from its first request until its bytes arrive).
 */
const uploadFile: NodeUnderTest = {
	label: 'Upload File',
	node: (options = {}) => ({
		name: 'Upload File',
		type: 'falAiUploadFile',
		parameters: { source: 'binary', binaryPropertyName: 'data', options: { fileName: '={{ $json.marker }}.png', ...options } },
	}),
	inputs: async (fal, markers, runMs) => {
		// The k-th upload to start is held runMs[k] (uploads start in about input order).
		for (const ms of runMs) fal.inject({ match: { kind: 'upload-initiate' }, action: { type: 'delay', ms } });
		const png = makePng(4, 4);
		return markers.map((marker) => ({ json: { marker }, binary: { data: { buffer: png, fileName: 'dot.png', mimeType: 'image/png' } } }));
	},
	markerOf: (output) => String(output.json.file_name).replace(/\.png$/, ''),
	spoil: (item) => ({ json: item.json }),
	spoiledError: /binary file 'data'.*none was found/,
	opens: 'upload-initiate',
	closes: 'upload-put',
	rateLimited: 'upload-initiate',
	onStop: 'abandons its uploads',
};

/**
 * Queue Status follows jobs submitted to the fake directly (as another workflow or app would),
 * with Wait for Completion: the operation that holds an item for the job's whole run.
 */
const queueStatus: NodeUnderTest = {
	label: 'Queue Status',
	node: (options = {}) => ({
		name: 'Queue Status',
		type: 'falAiQueueStatus',
		parameters: {
			operation: 'waitForCompletion',
			endpointId: '={{ $json.endpoint_id }}',
			requestId: '={{ $json.request_id }}',
			outputMedia: 'url',
			options,
		},
	}),
	inputs: async (fal, markers, runMs) =>
		await Promise.all(
			markers.map(async (marker, index) => {
				const requestId = await submitDirectly(fal, { prompt: marker, fake: { queueMs: 0, runMs: runMs[index] } });
				return { json: { marker, endpoint_id: 'fal-ai/flux/dev', request_id: requestId } };
			}),
		),
	markerOf: (output, fal) => String(jobInputOf(fal, output).prompt),
	spoil: (item) => ({ json: { ...item.json, request_id: 'no-such-request' } }),
	spoiledError: /\(404\)/,
	opens: 'status-stream',
	closes: 'result',
	rateLimited: 'result',
	onStop: 'leaves the jobs it follows running',
};

/** Submits a flux job to the fake's queue, outside n8n; returns its request id. */
async function submitDirectly(fal: FakeFal, input: unknown): Promise<string> {
	const response = await fetch(`${fal.hosts.queueUrl}/fal-ai/flux/dev`, {
		method: 'POST',
		headers: { authorization: `Key ${fal.key}`, 'content-type': 'application/json' },
		body: JSON.stringify(input),
	});
	return ((await response.json()) as { request_id: string }).request_id;
}

/** The most items running at once, from the requests that open and close an item's work. */
function mostRunningAtOnce(fal: FakeFal, opens: Kind, closes: Kind): number {
	let running = 0;
	let most = 0;
	for (const request of fal.requests) {
		if (request.kind === opens) most = Math.max(most, ++running);
		if (request.kind === closes) running--;
	}
	return most;
}

const markersFor = (count: number) => Array.from({ length: count }, (_, index) => `item-${index}`);

describe.each([generateImage, generateVideo, transcribe, runModel, uploadFile, queueStatus])('$label', (subject) => {
	const nodeName = subject.label;

	it('runs 10 items at most 4 at a time, keeping output order and pairing', async () => {
		const markers = markersFor(10);
		// Later items run shorter, so they finish before earlier ones.
		const items = await subject.inputs(fal(), markers, markers.map((_, index) => 200 - index * 15));
		const opensBefore = fal().requestsOf(subject.opens).length;
		const result = await runWorkflow({
			nodes: [subject.node({ maxConcurrency: 4 })],
			items,
			credentials: falCredentials(fal()),
		});

		const output = result.output(nodeName);
		expect(output.map((item) => subject.markerOf(item, fal()))).toEqual(markers);
		expect(output.map((item) => item.pairedItem)).toEqual(markers.map((_, index) => ({ item: index })));
		expect(fal().requestsOf(subject.opens).length - opensBefore).toBe(10);
		expect(mostRunningAtOnce(fal(), subject.opens, subject.closes)).toBe(4);
	});

	it('explains a rejected key (401) without the key appearing anywhere in the run', async () => {
		const wrongKey = 'wrong-key-id:wrong-key-secret';
		const items = await subject.inputs(fal(), markersFor(1), [0]);
		const result = await runWorkflow({
			nodes: [subject.node()],
			items,
			credentials: falCredentials(fal(), wrongKey),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('check your fal key');
		expect(JSON.stringify(result.run)).not.toContain('wrong-key-secret');
		expect(JSON.stringify(result.run)).not.toContain('wrong-key-id');
	});

	it('gets through a 429 by retrying', async () => {
		// Injected first, so that it takes precedence over any rule the inputs bring.
		fal().inject({ match: { kind: subject.rateLimited }, action: { type: 'status', status: 429, headers: { 'Retry-After': '0' } } });
		const items = await subject.inputs(fal(), markersFor(1), [0]);
		const before = fal().requestsOf(subject.rateLimited).length;
		const result = await runWorkflow({
			nodes: [subject.node()],
			items,
			credentials: falCredentials(fal()),
		});
		expect(result.error).toBeUndefined();
		expect(subject.markerOf(result.output(nodeName)[0], fal())).toBe('item-0');
		expect(fal().requestsOf(subject.rateLimited).length - before).toBe(2);
	});

	it('with Continue On Fail turns one bad item into an error item and still runs the others', async () => {
		const [first, second, third] = await subject.inputs(fal(), markersFor(3), [0, 0, 0]);
		const result = await runWorkflow({
			nodes: [{ ...subject.node(), onError: 'continueRegularOutput' }],
			items: [first, subject.spoil(second), third],
			credentials: falCredentials(fal()),
		});

		const output = result.output(nodeName);
		expect(output).toHaveLength(3);
		expect(subject.markerOf(output[0], fal())).toBe('item-0');
		expect(output[1].json.error).toMatch(subject.spoiledError);
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(subject.markerOf(output[2], fal())).toBe('item-2');
	});

	it(`when the execution is stopped, ${subject.onStop}`, async () => {
		const markers = markersFor(5);
		// Held longer than jest's test timeout: only a real stop lets this test finish.
		const items = await subject.inputs(fal(), markers, markers.map(() => 60_000));
		const run = runWorkflow({
			nodes: [subject.node({ maxConcurrency: 3 })],
			items,
			credentials: falCredentials(fal()),
		});
		await eventually(() => fal().requestsOf(subject.opens).length === 3);
		run.cancel();
		const result = await run;

		expect(result.status).toBe('canceled');
		// The two items still waiting never started.
		expect(fal().requestsOf(subject.opens)).toHaveLength(3);
		switch (subject.onStop) {
			case 'cancels its jobs':
				// The node started these paid jobs: nobody else will collect their results.
				await eventually(() => fal().requestsOf('cancel').length === 3);
				expect(fal().jobs.every((job) => job.cancelled)).toBe(true);
				break;
			case 'leaves the jobs it follows running':
				// Someone else submitted these jobs; stopping this wait must not cancel them.
				expect(fal().requestsOf('cancel')).toHaveLength(0);
				expect(fal().jobs.filter((job) => job.cancelled)).toHaveLength(0);
				break;
			case 'abandons its uploads':
				// No fal job exists to cancel: the uploads in flight are given up before sending bytes.
				expect(fal().requestsOf('upload-put')).toHaveLength(0);
				expect(fal().requestsOf('cancel')).toHaveLength(0);
				break;
		}
	});
});
