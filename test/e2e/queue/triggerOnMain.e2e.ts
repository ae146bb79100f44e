/**
 * Queue mode: the Fal.ai Trigger (the example workflow) is served by the main, which checks fal's
 * signature in the trigger's webhook code and enqueues one execution per genuine delivery for a
 * worker. Forged and unsigned calls start nothing, and a redelivery of a request already seen
 * starts nothing either, also after the main was restarted: the request ids seen are kept in the
 * workflow's static data in the shared database, not in one process's memory.
 */
import { generateKeyPairSync } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { parse } from 'flatted';

import { signWebhook } from '../../fake-fal';
import { listExecutions, nodeItems, type ExecutionSummary, type N8nExecution } from '../lib';
import { loadExample, workflowNode } from '../lib/exampleWorkflows';
import { startQueueInstance, storedExecution, type QueueInstance } from './queueInstance';
import { postToWebhook } from './webhookWorkflows';

/** How long a refused or repeated call is given to (wrongly) start an execution. */
const SETTLE_MS = 3000;

describe('queue mode: the Fal.ai Trigger served by the main', () => {
	let queue: QueueInstance;
	const trigger = loadExample('trigger-on-fal-webhook.json');
	const webhookId = String(workflowNode(trigger, 'Fal.ai Trigger').webhookId);
	/** The genuine delivery of the first test, replayed by later ones. */
	let firstDelivery: { requestId: string; body: string };

	beforeAll(async () => {
		queue = await startQueueInstance({
			label: 'trigger',
			workflows: (fal) => {
				workflowNode(trigger, 'Fal.ai Trigger').parameters.options = { jwksUrl: fal.hosts.jwksUrl };
				return [trigger];
			},
			fal: { queueMs: 0, runMs: 100, webhookRetries: 0 },
		});
		// Listening once an unsigned call gets the trigger's own 401 instead of n8n's 404.
		const probe = await postToWebhook(productionUrl(), { headers: { 'content-type': 'application/json' }, body: '{}' });
		expect(probe.status).toBe(401);
	});

	afterAll(async () => {
		await queue?.close();
	});

	const productionUrl = (): string => `${queue.cluster.main.url}/webhook/${webhookId}/webhook`;

	async function executions(): Promise<ExecutionSummary[]> {
		return listExecutions(queue.session, { workflowId: trigger.id });
	}

	async function finishedExecutions(count: number): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const list = await executions();
			if (list.length >= count && list.every((execution) => execution.stoppedAt !== null)) return list;
			if (Date.now() > deadline) throw new Error(`expected ${count} finished executions, have ${JSON.stringify(list)}`);
			await sleep(250);
		}
	}

	/** Submits a job to the fake fal, as a Submit Only node does, with the trigger as its webhook. */
	async function submitJob(): Promise<string> {
		const response = await fetch(`${queue.fal.hosts.queueUrl}/fal-ai/flux/dev?fal_webhook=${encodeURIComponent(productionUrl())}`, {
			method: 'POST',
			headers: { authorization: `Key ${queue.fal.key}`, 'content-type': 'application/json' },
			body: JSON.stringify({ prompt: 'a fox in queue mode' }),
		});
		expect(response.status).toBe(200);
		return ((await response.json()) as { request_id: string }).request_id;
	}

	/** fal's first delivery of `requestId`: the trigger's answer and the body fal signed. */
	async function delivered(requestId: string): Promise<{ status: number; body: string }> {
		const deadline = Date.now() + 30_000;
		for (;;) {
			const delivery = queue.fal.job(requestId)?.deliveries[0];
			const sent = queue.fal.webhookDeliveries.find((candidate) => candidate.body.includes(requestId));
			if (delivery && sent) return { status: delivery.status, body: sent.body };
			if (Date.now() > deadline) throw new Error(`fal did not deliver ${requestId}`);
			await sleep(100);
		}
	}

	/** What fal sends when it delivers `body` again: the same body, freshly signed. */
	async function redeliver(requestId: string, body: string): Promise<Response> {
		return postToWebhook(productionUrl(), {
			headers: { 'content-type': 'application/json', ...queue.fal.signWebhook(body, { requestId }) },
			body,
		});
	}

	it('starts one execution, run by a worker, when fal delivers the signed result', async () => {
		const requestId = await submitJob();

		const delivery = await delivered(requestId);
		expect(delivery.status).toBe(200);
		const [execution] = await finishedExecutions(1);
		expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
		expect(queue.cluster.workerOutput()).toMatch(new RegExp(`Worker started execution ${execution.id}\\b`));

		const stored = await storedExecution(queue.session, execution.id);
		const run: N8nExecution = { status: stored.status, data: parse(stored.data) as N8nExecution['data'] };
		expect(nodeItems(run, 'Record Request').map((item) => item.json)).toEqual([
			{ request_id: requestId, status: 'OK', first_image_url: expect.stringContaining(`${queue.fal.hosts.mediaUrl}/generated/`), error: '' },
		]);
		firstDelivery = { requestId, body: delivery.body };
	});

	it('refuses forged and unsigned calls with 401 and starts nothing', async () => {
		const before = (await executions()).length;
		const body = firstDelivery.body.replace(firstDelivery.requestId, 'forged-request-id');
		const { privateKey } = generateKeyPairSync('ed25519');
		const forgedHeaders = signWebhook(privateKey, body, {
			requestId: 'forged-request-id',
			userId: 'fake-user',
			timestamp: Math.floor(Date.now() / 1000),
		});

		const forged = await postToWebhook(productionUrl(), { headers: { 'content-type': 'application/json', ...forgedHeaders }, body });
		const unsigned = await postToWebhook(productionUrl(), { headers: { 'content-type': 'application/json' }, body });

		expect(forged.status).toBe(401);
		expect(unsigned.status).toBe(401);
		await sleep(SETTLE_MS);
		expect(await executions()).toHaveLength(before);
	});

	it('acknowledges a redelivery without a second execution', async () => {
		const before = (await executions()).length;

		const again = await redeliver(firstDelivery.requestId, firstDelivery.body);

		expect(again.status).toBe(200);
		await sleep(SETTLE_MS);
		expect(await executions()).toHaveLength(before);
	});

	it('still ignores the redelivery after the main was replaced by a new process, and runs a new request once', async () => {
		const before = (await executions()).length;
		const firstMainPid = queue.cluster.main.pid;

		// A new main process on the same database and Redis, as after a restart or a fail-over.
		await queue.cluster.restartMain();

		expect(queue.cluster.main.pid).not.toBe(firstMainPid);

		const again = await redeliver(firstDelivery.requestId, firstDelivery.body);
		expect(again.status).toBe(200);
		await sleep(SETTLE_MS);
		expect(await executions()).toHaveLength(before);

		const second = await submitJob();
		expect((await delivered(second)).status).toBe(200);
		const list = await finishedExecutions(before + 1);
		expect(list).toHaveLength(before + 1);
		expect(list[0]).toMatchObject({ status: 'success' });
	});
});
