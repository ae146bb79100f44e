/**
 * Queue mode: Generate Image in "Wait for Webhook" mode, started by a Webhook node. A worker
 * submits the request with the execution's resume URL (on the main) and puts the execution to
 * wait; fal's signed callback reaches the main, which hands the execution back to a worker, and a
 * worker finishes it with the image. No worker polls fal in between.
 */
import { parse } from 'flatted';

import { FAL_E2E_CREDENTIAL_ID, FAL_E2E_CREDENTIAL_NAME, listExecutions, nodeItems, type N8nExecution } from '../lib';
import type { ExampleWorkflow } from '../lib/exampleWorkflows';
import { startQueueInstance, storedExecution, type QueueInstance } from './queueInstance';
import { postToWebhook, webhookNode } from './webhookWorkflows';
import { until as waitUntil } from '../lib/until';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const NODE = 'Generate Image';

function workflow(jwksUrl: string): ExampleWorkflow {
	return {
		id: 'e2eQueueWaitHook',
		name: 'e2e queue: wait for webhook',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhookNode('Start', 'queue-wait-for-webhook', { responseMode: 'onReceived' }),
			{
				id: 'generate',
				name: NODE,
				type: 'n8n-nodes-falai.falAiGenerateImage',
				typeVersion: 1,
				position: [240, 0],
				credentials: { falAiApi: { id: FAL_E2E_CREDENTIAL_ID, name: FAL_E2E_CREDENTIAL_NAME } },
				parameters: {
					model: { __rl: true, mode: 'id', value: 'fal-ai/flux/dev' },
					prompt: 'a red fox waiting in a queue',
					executionMode: 'webhook',
					outputMedia: 'binary',
					additionalInput: JSON.stringify({ output_format: 'png', image_size: { width: 48, height: 32 } }),
					options: { jwksUrl },
				},
			},
		],
		connections: { Start: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
	};
}

describe('queue mode: Wait for Webhook', () => {
	let queue: QueueInstance;

	beforeAll(async () => {
		queue = await startQueueInstance({
			label: 'wait-for-webhook',
			// The job runs long enough for the worker to have saved the waiting execution.
			fal: { queueMs: 0, runMs: 1500 },
			workflows: (fal) => [workflow(fal.hosts.jwksUrl)],
		});
	});

	afterAll(async () => {
		await queue?.close();
	});

	const until = <T>(label: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> =>
		waitUntil(label, check, { timeoutMs, diagnostics: () => `--- workers ---\n${queue.cluster.workerOutput().slice(-4000)}` });

	it('submits on a worker, is resumed through the main by the signed callback and finishes on a worker', async () => {
		const started = await postToWebhook(`${queue.cluster.main.url}/webhook/queue-wait-for-webhook`, {
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		expect(started.status).toBe(200);

		const executionId = await until('the execution', async () => (await listExecutions(queue.session, { workflowId: 'e2eQueueWaitHook' }))[0]?.id);
		const job = await until('the submit to fal', async () => queue.fal.jobs[0]);
		// n8n 2.41 signs its resume URLs (`?signature=…`).
		expect(job.webhookUrl).toMatch(new RegExp(`^${queue.cluster.main.url}/webhook-waiting/${executionId}(\\?signature=\\w+)?$`));
		await until('the execution to wait', async () =>
			(await storedExecution(queue.session, executionId)).status === 'waiting' ? true : undefined,
		);
		const done = await until('the execution to end', async () => {
			const stored = await storedExecution(queue.session, executionId);
			return ['success', 'error', 'crashed', 'canceled'].includes(stored.status) ? stored : undefined;
		});

		expect(done.status).toBe('success');
		expect(queue.fal.job(job.requestId)!.deliveries.at(-1)!.status).toBe(200);
		// Started twice on workers (the submit, then the resumption), finished there after the callback.
		const workerLog = queue.cluster.workerOutput();
		expect(workerLog.match(new RegExp(`Worker started execution ${executionId}\\b`, 'g'))).toHaveLength(2);
		expect(workerLog).toMatch(new RegExp(`Worker finished execution ${executionId}\\b`));
		expect(queue.cluster.main.output()).not.toMatch(new RegExp(`Worker started execution ${executionId}\\b`));

		const run: N8nExecution = { status: done.status, data: parse(done.data) as N8nExecution['data'] };
		const [item] = nodeItems(run, NODE);
		expect(item.json).toMatchObject({ request_id: job.requestId, endpoint_id: 'fal-ai/flux/dev', prompt: 'a red fox waiting in a queue' });
		expect(item.binary?.image_0).toMatchObject({ mimeType: 'image/png', id: expect.stringMatching(/^database:/) });
		const download = await fetch(
			`${queue.session.url}/rest/binary-data?id=${encodeURIComponent(item.binary!.image_0.id!)}&action=download`,
			{ headers: { cookie: queue.session.cookie, 'browser-id': 'n8n-nodes-falai-e2e' } },
		);
		expect(download.status).toBe(200);
		expect(Buffer.from(await download.arrayBuffer()).subarray(0, 8)).toEqual(PNG_SIGNATURE);
		// Nobody polled fal while the execution waited.
		expect(queue.fal.requestsOf('status')).toHaveLength(0);
		expect(queue.fal.requestsOf('status-stream')).toHaveLength(0);
	});
});
