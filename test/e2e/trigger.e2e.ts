/**
 * The Fal.ai Trigger in a real n8n (`n8n start`, the run's target), with the example workflow
 * `examples/trigger-on-fal-webhook.json` activated through the REST API and its key set URL
 * pointed at the fake fal of this process. A job is submitted by a Submit Only node (run with
 * `n8n execute`) whose Webhook URL is the trigger's production URL; the fake then delivers its
 * signed webhook, and n8n records an execution for that request. Forged calls get a 401 and
 * start nothing.
 */
import { generateKeyPairSync } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { parse } from 'flatted';

import { signWebhook, startFakeFal, type FakeFal } from '../fake-fal';
import {
	activateWorkflow,
	createUserFolder,
	executeWorkflow,
	FAL_E2E_CREDENTIAL_ID,
	falAiCredential,
	importCredential,
	installN8n,
	listExecutions,
	nodeItems,
	removeUserFolder,
	restRequest,
	setupOwner,
	startN8n,
	timed,
	type ExecutionSummary,
	type N8nExecution,
	type N8nSession,
	type RunningN8n,
} from './lib';
import { installCachedPackage } from './lib/cachedPackage';
import { loadExample, workflowNode, type ExampleWorkflow } from './lib/exampleWorkflows';
import { freePort } from './lib/freePort';
import { importWorkflowObjects } from './lib/importWorkflows';
import { until as waitUntil } from './lib/until';

/** How long a refused call is given to (wrongly) start an execution before the count is checked. */
const SETTLE_MS = 2000;

describe('Fal.ai Trigger in a real n8n', () => {
	let userFolder: string;
	let fal: FakeFal;
	let n8n: RunningN8n | undefined;
	let session: N8nSession;
	let trigger: ExampleWorkflow;
	let submitter: ExampleWorkflow;
	let productionUrl: string;

	beforeAll(async () => {
		await timed('install n8n (npm ci, cached)', installN8n);
		userFolder = createUserFolder('trigger');
		fal = await startFakeFal({ port: 0, queueMs: 0, runMs: 100, webhookRetries: 0 });
		await timed('install the packed package (cached)', () => installCachedPackage(userFolder));
		await importCredential(userFolder, falAiCredential({ apiKey: fal.key, hosts: fal.hosts }));

		const port = await freePort();
		trigger = loadExample('trigger-on-fal-webhook.json');
		const triggerNode = workflowNode(trigger, 'Fal.ai Trigger');
		triggerNode.parameters.options = { jwksUrl: fal.hosts.jwksUrl };
		// Only the fake's own account may start it, and only for requests that this n8n's nodes
		// submitted with the same credential (the tag the Submit Only node adds to the URL).
		triggerNode.parameters.allowedUserIds = 'fake-user';
		triggerNode.parameters.onlyOwnSubmissions = true;
		triggerNode.credentials = { falAiApi: { id: FAL_E2E_CREDENTIAL_ID, name: 'fal.ai' } };
		// n8n serves a webhook of a node with a webhookId at /webhook/<webhookId>/<path>; the path is
		// "webhook" in the trigger's description.
		productionUrl = `http://127.0.0.1:${port}/webhook/${triggerNode.webhookId}/webhook`;
		submitter = submitOnlyWorkflow(productionUrl);
		await timed('import the workflows', () => importWorkflowObjects(userFolder, [trigger, submitter]));

		n8n = await timed('n8n start', () => startN8n(userFolder, { port }));
		session = await setupOwner(n8n.url);
		await timed('activate the trigger workflow', () => activateWorkflow(session, trigger.id));
	});

	afterAll(async () => {
		await n8n?.stop();
		await fal?.close();
		if (userFolder) removeUserFolder(userFolder);
	});

	/** The submit example cut down to its Submit Only node, given fal the trigger's URL. */
	function submitOnlyWorkflow(webhookUrl: string): ExampleWorkflow {
		const workflow = loadExample('submit-then-queue-status.json');
		const keep = new Set(["When clicking 'Execute workflow'", 'Submit Image Job']);
		workflow.id = 'e2eTriggerSubmit';
		workflow.name = 'e2e: submit a job whose webhook is the Fal.ai Trigger';
		workflow.nodes = workflow.nodes.filter((node) => keep.has(node.name));
		workflow.connections = {
			"When clicking 'Execute workflow'": { main: [[{ node: 'Submit Image Job', type: 'main', index: 0 }]] },
		};
		workflowNode(workflow, 'Submit Image Job').parameters.webhookUrl = webhookUrl;
		return workflow;
	}

	async function triggerExecutions(): Promise<ExecutionSummary[]> {
		return listExecutions(session, { workflowId: trigger.id });
	}

	const until = <T>(label: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> =>
		waitUntil(label, check, { timeoutMs, intervalMs: 200, diagnostics: () => `--- n8n output ---\n${n8n?.output().slice(-4000)}` });

	async function executionRun(id: string): Promise<N8nExecution> {
		const stored = await restRequest<{ status: string; data: string }>(session, 'GET', `/executions/${id}`);
		return { status: stored.status, data: parse(stored.data) as N8nExecution['data'] };
	}

	async function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
		return fetch(productionUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	}

	it('starts an execution recording the request id when fal delivers the signed result', async () => {
		const submitRun = await timed('execute the submit workflow', () => executeWorkflow(userFolder, submitter.id));
		expect(submitRun.exitCode).toBe(0);
		const submitted = nodeItems(submitRun.execution!, 'Submit Image Job')[0].json;
		const requestId = String(submitted.request_id);
		// The URL given to fal is the trigger's, tagged by the submitting node (Only Requests Submitted by This n8n).
		expect(submitted).toMatchObject({ status: 'IN_QUEUE', webhook_url: expect.stringMatching(/[?&]fal_n8n_tag=/) });
		expect(String(submitted.webhook_url).split('?')[0]).toBe(productionUrl);
		expect(fal.job(requestId)?.webhookUrl).toBe(submitted.webhook_url);

		const delivery = await until('the webhook delivery', async () => fal.job(requestId)?.deliveries[0]);
		expect(delivery.status).toBe(200);
		const [execution] = await until('the trigger execution', async () => {
			const executions = await triggerExecutions();
			// The list of n8n 2.8 has no `finished` field: a run that ended has a final status.
			return executions.length === 1 && executions[0].stoppedAt !== null ? executions : undefined;
		});
		expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });

		const run = await executionRun(execution.id);
		const recorded = nodeItems(run, 'Record Request');
		expect(recorded.map((item) => item.json)).toEqual([
			{
				request_id: requestId,
				status: 'OK',
				first_image_url: expect.stringContaining(`${fal.hosts.mediaUrl}/generated/`),
				error: '',
			},
		]);
		expect(nodeItems(run, 'Fal.ai Trigger')[0].json).toMatchObject({ request_id: requestId, user_id: 'fake-user', verified: true });
		// The signature was checked against the key set at the URL set in the trigger's options.
		expect(fal.requestsOf('jwks').length).toBeGreaterThan(0);
	});

	it("answers 403 to a delivery genuinely signed by fal for another account's request, and starts nothing", async () => {
		const body = JSON.stringify({
			request_id: 'strangers-request',
			gateway_request_id: 'strangers-request',
			status: 'OK',
			payload: { images: [{ url: 'http://169.254.169.254/latest/meta-data/', content_type: 'image/png' }] },
		});
		const headers = fal.signWebhook(body, { requestId: 'strangers-request', userId: 'a-stranger' });
		const before = (await triggerExecutions()).length;
		const response = await post(body, headers);
		expect(response.status).toBe(403);
		expect(await response.json()).toMatchObject({ error: 'sender_not_allowed', reason: 'user_id_not_allowed' });
		await sleep(SETTLE_MS);
		expect(await triggerExecutions()).toHaveLength(before);
	});

	it('answers 403 to a genuine delivery of this account whose URL lacks the submission tag (submitted outside this n8n)', async () => {
		const body = JSON.stringify({ request_id: 'untagged-request', gateway_request_id: 'untagged-request', status: 'OK', payload: { images: [] } });
		const before = (await triggerExecutions()).length;
		const response = await post(body, fal.signWebhook(body, { requestId: 'untagged-request' }));
		expect(response.status).toBe(403);
		expect(await response.json()).toMatchObject({ error: 'sender_not_allowed', reason: 'not_submitted_here' });
		await sleep(SETTLE_MS);
		expect(await triggerExecutions()).toHaveLength(before);
	});

	describe('refuses calls that fal did not sign', () => {
		const forgedBody = JSON.stringify({
			request_id: 'forged-request-id',
			gateway_request_id: 'forged-request-id',
			status: 'OK',
			payload: { images: [{ url: 'http://127.0.0.1:9/evil.png' }] },
		});

		/** Sends the call and checks it is refused and, after a while, has started nothing. */
		async function expectRefusedWithoutExecution(send: () => Promise<Response>): Promise<void> {
			const before = (await triggerExecutions()).length;
			const response = await send();
			expect(response.status).toBe(401);
			expect(await response.json()).toMatchObject({ error: 'invalid_signature' });
			await sleep(SETTLE_MS);
			expect(await triggerExecutions()).toHaveLength(before);
		}

		it('answers 401 to a delivery signed with a key that is not in fal\'s key set', async () => {
			const { privateKey } = generateKeyPairSync('ed25519');
			const headers = signWebhook(privateKey, forgedBody, {
				requestId: 'forged-request-id',
				userId: 'fake-user',
				timestamp: Math.floor(Date.now() / 1000),
			});

			await expectRefusedWithoutExecution(() => post(forgedBody, headers));
		});

		it('answers 401 to an unsigned call', async () => {
			await expectRefusedWithoutExecution(() => post(forgedBody));
		});

		it('answers 401 to a genuine delivery whose body was changed', async () => {
			const genuine = fal.webhookDeliveries.find((delivery) => delivery.status === 200);
			expect(genuine).toBeDefined();
			const tampered = genuine!.body.replace('"status":"OK"', '"status":"ERROR"');
			expect(tampered).not.toBe(genuine!.body);

			await expectRefusedWithoutExecution(() => post(tampered, genuine!.headers));
		});
	});
});
