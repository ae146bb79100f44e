/**
 * Queue mode: the example "generate an image into binary data", started by a Webhook node instead
 * of the editor's button, runs on a worker. The main receives the call and answers it with the
 * image the worker downloaded, which only works because the binary data lives in the shared
 * database (the main never sees the worker's disk).
 */
import { parse } from 'flatted';

import { loadExample } from '../lib/exampleWorkflows';
import { nodeItems, listExecutions, type N8nExecution } from '../lib';
import { startQueueInstance, storedExecution, type QueueInstance } from './queueInstance';
import { postToWebhook, startedByWebhook } from './webhookWorkflows';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const TRIGGER = "When clicking 'Execute workflow'";

describe('queue mode: an example workflow started by a webhook', () => {
	let queue: QueueInstance;
	const workflow = startedByWebhook(loadExample('generate-image-to-binary.json'), TRIGGER, 'queue-generate-image', {
		responseMode: 'lastNode',
		responseData: 'firstEntryBinary',
		responseBinaryPropertyName: 'image_0',
	});

	beforeAll(async () => {
		queue = await startQueueInstance({ label: 'example', workflows: () => [workflow], fal: { queueMs: 20, runMs: 100 } });
	});

	afterAll(async () => {
		await queue?.close();
	});

	it('runs on a worker and answers the webhook with the PNG the worker downloaded', async () => {
		const response = await postToWebhook(`${queue.cluster.main.url}/webhook/queue-generate-image`, {
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({}),
		});

		const body = Buffer.from(await response.arrayBuffer());
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^image\/png/);
		expect(body.subarray(0, 8)).toEqual(PNG_SIGNATURE);

		const [execution] = await listExecutions(queue.session, { workflowId: workflow.id });
		expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
		// The worker says it ran this execution; the main does not run executions in queue mode.
		expect(queue.cluster.workerOutput()).toMatch(new RegExp(`Worker started execution ${execution.id}\\b`));
		expect(queue.cluster.main.output()).not.toMatch(new RegExp(`Worker started execution ${execution.id}\\b`));

		const stored = await storedExecution(queue.session, execution.id);
		const run: N8nExecution = { status: stored.status, data: parse(stored.data) as N8nExecution['data'] };
		const [item] = nodeItems(run, 'Generate Image');
		expect(item.json).toMatchObject({
			endpoint_id: 'fal-ai/flux/schnell',
			request_id: expect.any(String),
			images: [expect.objectContaining({ url: expect.stringContaining(queue.fal.hosts.mediaUrl) })],
		});
		// Kept in the shared database, not in a worker's folder.
		expect(item.binary?.image_0).toMatchObject({ mimeType: 'image/png', id: expect.stringMatching(/^database:/) });
		const media = await fetch(String((item.json.images as Array<{ url: string }>)[0].url));
		expect(Buffer.from(await media.arrayBuffer()).equals(body)).toBe(true);

		const [submit] = queue.fal.requestsOf('submit');
		expect(submit.body).toMatchObject({ prompt: 'A watercolor fox in a misty forest at dawn', output_format: 'png' });
		expect(queue.fal.requestsOf('result')[0].requestId).toBe(item.json.request_id);
	});
});
