/**
 * Queue mode: stopping a running execution from the main (the editor's "Stop" button, a REST
 * call) reaches the worker running it, and Fal.ai Generate Image then cancels its fal request
 * instead of leaving a paid job running.
 */

import { FAL_E2E_CREDENTIAL_ID, FAL_E2E_CREDENTIAL_NAME, listExecutions, restRequest } from '../lib';
import type { ExampleWorkflow } from '../lib/exampleWorkflows';
import { startQueueInstance, storedExecution, type QueueInstance } from './queueInstance';
import { postToWebhook, webhookNode } from './webhookWorkflows';
import { until as waitUntil } from '../lib/until';

const workflow: ExampleWorkflow = {
	id: 'e2eQueueStopJob1',
	name: 'e2e queue: stop a running execution',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		webhookNode('Start', 'queue-stop', { responseMode: 'onReceived' }),
		{
			id: 'generate',
			name: 'Generate Image',
			type: 'n8n-nodes-falai.falAiGenerateImage',
			typeVersion: 1,
			position: [240, 0],
			credentials: { falAiApi: { id: FAL_E2E_CREDENTIAL_ID, name: FAL_E2E_CREDENTIAL_NAME } },
			parameters: {
				model: { __rl: true, mode: 'id', value: 'fal-ai/flux/dev' },
				prompt: 'a fox that takes ten minutes to draw',
				executionMode: 'wait',
				outputMedia: 'url',
				// Ten minutes on the fake: only the stop can end it within the test.
				additionalInput: JSON.stringify({ fake: { queueMs: 0, runMs: 600_000 } }),
				options: {},
			},
		},
	],
	connections: { Start: { main: [[{ node: 'Generate Image', type: 'main', index: 0 }]] } },
};

describe('queue mode: stopping an execution from the main', () => {
	let queue: QueueInstance;

	beforeAll(async () => {
		queue = await startQueueInstance({ label: 'stop', workflows: () => [workflow] });
	});

	afterAll(async () => {
		await queue?.close();
	});

	const until = <T>(label: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> =>
		waitUntil(label, check, { timeoutMs, diagnostics: () => `--- workers ---\n${queue.cluster.workerOutput().slice(-4000)}` });

	it('cancels the fal request of the execution a worker is running', async () => {
		const started = await postToWebhook(`${queue.cluster.main.url}/webhook/queue-stop`, {
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		expect(started.status).toBe(200);
		const job = await until('the job to run on fal', async () =>
			queue.fal.jobs[0]?.state === 'IN_PROGRESS' ? queue.fal.jobs[0] : undefined,
		);
		const [execution] = await listExecutions(queue.session, { workflowId: workflow.id });
		expect(execution.status).toBe('running');
		expect(queue.cluster.workerOutput()).toMatch(new RegExp(`Worker started execution ${execution.id}\\b`));

		await restRequest(queue.session, 'POST', `/executions/${execution.id}/stop`);

		const cancelled = await until('the fal request to be cancelled', async () =>
			queue.fal.job(job.requestId)?.cancelled ? queue.fal.job(job.requestId) : undefined,
		);
		expect(cancelled).toMatchObject({ cancelled: true });
		expect(queue.fal.requestsOf('cancel').map((request) => request.requestId)).toEqual([job.requestId]);
		const stopped = await until('the execution to end', async () => {
			const stored = await storedExecution(queue.session, execution.id);
			return stored.status === 'running' || stored.status === 'new' ? undefined : stored;
		});
		expect(stopped.status).toBe('canceled');
	});
});
