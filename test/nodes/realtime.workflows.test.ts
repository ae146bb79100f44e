/**
 * The Realtime execution mode in real workflows (n8n's engine in-process) against the fake fal's
 * realtime WebSocket. The node uses the platform's global `WebSocket` (Node.js 22+); jest runs on
 * Node.js 20 here, so these tests install undici's WHATWG WebSocket (the implementation behind
 * Node's global) as the global for their duration.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { WebSocket as UndiciWebSocket } from 'undici';

import { eventually, IMAGE_NODE, modelNode, runSingleNode, useFakeFal } from './support';

const fal = useFakeFal({ queueMs: 20, runMs: 30, concurrency: 4 });
const NODE = 'Generate Image';
const platform = globalThis as { WebSocket?: unknown };
const savedWebSocket = platform.WebSocket;

beforeAll(() => {
	platform.WebSocket = UndiciWebSocket;
});
// Every execution closes its connection when it ends, whatever the outcome.
afterEach(async () => {
	await eventually(() => fal().realtime.stats.open === 0);
});
afterAll(() => {
	if (savedWebSocket === undefined) delete platform.WebSocket;
	else platform.WebSocket = savedWebSocket;
});

function realtimeNode(parameters: Record<string, unknown> = {}, options: Record<string, unknown> = {}) {
	return modelNode(
		{ name: NODE, type: IMAGE_NODE, model: 'fal-ai/fast-lcm-diffusion' },
		{ prompt: '={{ $json.prompt }}', executionMode: 'realtime', options: { maxConcurrency: 4, ...options }, ...parameters },
	);
}

const prompts = (count: number) => Array.from({ length: count }, (_, index) => `p${index}`);
const itemsOf = (count: number) => prompts(count).map((prompt) => ({ json: { prompt } }));
const pairedIndexes = (output: INodeExecutionData[]) => output.map((item) => (item.pairedItem as { item: number }).item);

describe('Fal.ai Generate Image: Realtime mode', () => {
	it('runs 50 items over one connection, in order, each result paired with its item and its image downloaded', async () => {
		const result = await runSingleNode(fal(), realtimeNode(), { items: itemsOf(50) });

		expect(result.error).toBeUndefined();
		const output = result.output(NODE);
		expect(output.map((item) => item.json.prompt)).toEqual(prompts(50));
		expect(pairedIndexes(output)).toEqual(prompts(50).map((_, index) => index));
		expect(output.every((item) => item.json.endpoint_id === 'fal-ai/fast-lcm-diffusion' && typeof item.json.request_id === 'string')).toBe(true);
		// The fake's images are JPEG unless PNG is asked for.
		expect(result.binaryData(NODE, 49, 'image_0').mimeType).toBe('image/jpeg');
		expect([...(await result.binary(NODE, 49, 'image_0')).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
		// Sent in item order, over one connection with one token, and never through the queue.
		expect(fal().realtime.prompts).toEqual(prompts(50));
		expect(fal().realtime.stats).toMatchObject({ connections: 1, inputs: 50, runs: 50 });
		expect(fal().requestsOf('token')).toHaveLength(1);
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});

	it('recovers a drop mid-batch: every item answered once, none lost, none duplicated (resend on)', async () => {
		fal().realtime.inject({ type: 'drop', atInput: 20 });
		const result = await runSingleNode(fal(), realtimeNode({}, { realtimeResendUnanswered: true }), { items: itemsOf(50) });

		expect(result.error).toBeUndefined();
		const output = result.output(NODE);
		expect(output.map((item) => item.json.prompt)).toEqual(prompts(50));
		expect(pairedIndexes(output)).toEqual(prompts(50).map((_, index) => index));
		expect(fal().realtime.stats.connections).toBe(2);
	});

	it('after a drop, by default fails only the items that may have run, with Continue On Fail; none lost, none duplicated, none run twice', async () => {
		fal().realtime.inject({ type: 'drop', atInput: 20 });
		const result = await runSingleNode(fal(), { ...realtimeNode(), onError: 'continueRegularOutput' }, { items: itemsOf(50) });

		const output = result.output(NODE);
		expect(pairedIndexes(output)).toEqual(prompts(50).map((_, index) => index));
		const failed = output.filter((item) => item.json.error !== undefined);
		expect(failed.length).toBeGreaterThan(0);
		expect(failed.length).toBeLessThanOrEqual(4);
		for (const item of failed) expect(String(item.json.error)).toMatch(/connection to fal dropped .* not resent/);
		output.forEach((item, index) => {
			if (item.json.error === undefined) expect(item.json.prompt).toBe(`p${index}`);
		});
		expect(new Set(fal().realtime.prompts).size).toBe(fal().realtime.prompts.length);
		expect(fal().realtime.stats.connections).toBe(2);
	});

	it('fails only the item fal answers with an error, naming it, and goes on with Continue On Fail', async () => {
		fal().realtime.inject({ type: 'error', atInput: 3, error: 'INTERNAL_ERROR', reason: 'runner crashed' });
		const result = await runSingleNode(fal(), { ...realtimeNode(), onError: 'continueRegularOutput' }, { items: itemsOf(6) });

		const output = result.output(NODE);
		expect(output[2].json.error).toMatch(/INTERNAL_ERROR: runner crashed/);
		expect(output.filter((_, index) => index !== 2).map((item) => item.json.prompt)).toEqual(['p0', 'p1', 'p3', 'p4', 'p5']);
	});

	it('stopping the execution stops sending and closes the connection', async () => {
		fal().configure({ runMs: 60_000 });
		const run = runSingleNode(fal(), realtimeNode(), { items: itemsOf(10) });
		await eventually(() => fal().realtime.stats.inputs === 4);
		expect(fal().realtime.stats.open).toBe(1);
		const closesBefore = fal().realtime.stats.normalCloses;
		run.cancel();
		const result = await run;

		expect(result.status).toBe('canceled');
		await eventually(() => fal().realtime.stats.open === 0);
		expect(fal().realtime.stats.normalCloses).toBe(closesBefore + 1);
		expect(fal().realtime.stats.inputs).toBe(4);
	});

	it('fails with a clear message for a model without a realtime endpoint', async () => {
		const node = modelNode(
			{ name: NODE, type: IMAGE_NODE, model: 'fal-ai/flux/dev' },
			{ prompt: 'a fox', executionMode: 'realtime', options: { maxConcurrency: 1 } },
		);
		const result = await runSingleNode(fal(), node);
		expect(result.error?.message).toMatch(/Could not open the realtime connection to fal for fal-ai\/flux\/dev .*Only models with a realtime endpoint/);
		expect(fal().realtime.stats.connections).toBe(0);
	});

	it('says the mode is unavailable when the platform has no WebSocket', async () => {
		delete platform.WebSocket;
		try {
			const result = await runSingleNode(fal(), realtimeNode(), { items: itemsOf(2) });
			expect(result.error?.message).toMatch(/Realtime is unavailable: .*Node\.js 22 or later/);
			expect(fal().requestsOf('token')).toHaveLength(0);
		} finally {
			platform.WebSocket = UndiciWebSocket;
		}
	});
});
