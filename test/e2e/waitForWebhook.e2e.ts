/**
 * "Wait for Webhook" in a real n8n (the run's target): Manual Trigger → Fal.ai Generate Image,
 * run through the REST API of `n8n start`. The execution pauses after the submit; the fake fal (in this process)
 * delivers its signed webhook to the execution's resume URL, and n8n resumes it with the image.
 * Forged calls to the resume URL are refused and leave the execution waiting; a failed request
 * and the wait limit (fal never calls back) end it with an error item naming the request.
 */
import { parse } from 'flatted';
import { generateKeyPairSync } from 'node:crypto';

import { signWebhook, startFakeFal, type FakeFal } from '../fake-fal';
import {
	createUserFolder,
	createWorkflow,
	falAiCredential,
	FAL_E2E_CREDENTIAL_ID,
	FAL_E2E_CREDENTIAL_NAME,
	importCredential,
	installN8n,
	nodeItems,
	packAndInstallPackage,
	removeUserFolder,
	restRequest,
	setupOwner,
	startN8n,
	timed,
	type N8nExecution,
	type N8nSession,
	type RunningN8n,
} from './lib';
import { until as waitUntil } from './lib/until';

const NODE = 'Generate Image';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface StoredExecution {
	id: string;
	status: string;
	finished: boolean;
	data: string;
}

describe('Wait for Webhook in a real n8n', () => {
	let userFolder: string;
	let fal: FakeFal;
	let n8n: RunningN8n | undefined;
	let session: N8nSession;

	beforeAll(async () => {
		await timed('install n8n (npm ci, cached)', installN8n);
		userFolder = createUserFolder('wait-for-webhook');
		fal = await startFakeFal({ port: 0, queueMs: 0, runMs: 300, webhookRetries: 0 });
		await timed('build + pack + install package', () => packAndInstallPackage(userFolder));
		await importCredential(userFolder, falAiCredential({ apiKey: fal.key, hosts: fal.hosts }));
		n8n = await timed('n8n start', () => startN8n(userFolder));
		session = await setupOwner(n8n.url);
	});

	afterAll(async () => {
		await n8n?.stop();
		await fal?.close();
		if (userFolder) removeUserFolder(userFolder);
	});

	afterEach(() => fal.reset());

	/** The workflow, with the Generate Image parameters given merged over the defaults. */
	function workflow(name: string, parameters: Record<string, unknown> = {}, options: Record<string, unknown> = {}) {
		return {
			name,
			active: false,
			settings: { executionOrder: 'v1' },
			connections: { 'Manual Trigger': { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
			nodes: [
				{ id: 'trigger', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'generate',
					name: NODE,
					type: 'n8n-nodes-falai.falAiGenerateImage',
					typeVersion: 1,
					position: [220, 0],
					credentials: { falAiApi: { id: FAL_E2E_CREDENTIAL_ID, name: FAL_E2E_CREDENTIAL_NAME } },
					parameters: {
						model: { __rl: true, mode: 'id', value: 'fal-ai/flux/dev' },
						prompt: 'a red fox',
						executionMode: 'webhook',
						outputMedia: 'binary',
						additionalInput: JSON.stringify({ output_format: 'png', image_size: { width: 48, height: 32 } }),
						options: { jwksUrl: fal.hosts.jwksUrl, ...options },
						...parameters,
					},
				},
			],
		};
	}

	/** Saves the workflow and starts it from its Manual Trigger, as the editor's button does. */
	async function runManually(definition: ReturnType<typeof workflow>): Promise<string> {
		const saved = await createWorkflow(session, definition);
		const full = await restRequest<Record<string, unknown>>(session, 'GET', `/workflows/${saved.id}`);
		const started = await restRequest<{ executionId?: string; waitingForWebhook?: boolean }>(session, 'POST', `/workflows/${saved.id}/run`, {
			workflowData: full,
			triggerToStartFrom: { name: 'Manual Trigger' },
		});
		if (!started.executionId) throw new Error(`n8n did not start the workflow: ${JSON.stringify(started)}`);
		return started.executionId;
	}

	async function execution(id: string): Promise<{ status: string; finished: boolean; run: N8nExecution }> {
		const stored = await restRequest<StoredExecution>(session, 'GET', `/executions/${id}`);
		const data = parse(stored.data) as N8nExecution['data'];
		return { status: stored.status, finished: stored.finished, run: { status: stored.status, data } };
	}

	const until = <T>(label: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> =>
		waitUntil(label, check, { timeoutMs, diagnostics: () => `--- n8n output ---\n${n8n?.output().slice(-4000)}` });

	async function settledExecution(id: string, timeoutMs?: number) {
		return until(
			`execution ${id} to end`,
			async () => {
				const current = await execution(id);
				return ['success', 'error', 'crashed', 'canceled'].includes(current.status) ? current : undefined;
			},
			timeoutMs,
		);
	}

	async function submittedJob(): Promise<{ requestId: string; webhookUrl: string }> {
		return until('the submit to fal', async () => {
			const job = fal.jobs[0];
			return job ? { requestId: job.requestId, webhookUrl: job.webhookUrl ?? '' } : undefined;
		});
	}

	async function binaryBytes(id: string | undefined, inline: string | undefined): Promise<Buffer> {
		if (inline && !id) return Buffer.from(inline, 'base64');
		const response = await fetch(`${session.url}/rest/binary-data?id=${encodeURIComponent(id ?? '')}&action=download`, {
			headers: { cookie: session.cookie, 'browser-id': 'n8n-nodes-falai-e2e' },
		});
		if (!response.ok) throw new Error(`binary download answered ${response.status}`);
		return Buffer.from(await response.arrayBuffer());
	}

	it("pauses after the submit and finishes with the image when fal calls the resume URL", async () => {
		const executionId = await runManually(workflow('e2e wait for webhook: image'));

		const job = await submittedJob();
		// n8n 2.41 signs its resume URLs (`?signature=…`); 2.8 does not.
		expect(job.webhookUrl).toMatch(new RegExp(`^${n8n!.url}/webhook-waiting/${executionId}(\\?signature=\\w+)?$`));
		const done = await settledExecution(executionId);

		expect(fal.job(job.requestId)!.deliveries.map((delivery) => delivery.status)).toEqual([200]);
		expect(done.status).toBe('success');
		const [item] = nodeItems(done.run, NODE);
		expect(item.json).toMatchObject({ request_id: job.requestId, endpoint_id: 'fal-ai/flux/dev', prompt: 'a red fox' });
		expect(item.binary?.image_0).toMatchObject({ mimeType: 'image/png' });
		const bytes = await binaryBytes(item.binary!.image_0.id, item.binary!.image_0.data);
		expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
		// Only the submit went to fal's queue: nobody polled while the execution waited.
		expect(fal.requestsOf('status')).toHaveLength(0);
		expect(fal.requestsOf('status-stream')).toHaveLength(0);
	});

	it('refuses forged calls to the resume URL and keeps waiting for the genuine one', async () => {
		// The job runs for ten minutes on the fake: only the calls made here can resume the execution.
		const executionId = await runManually(
			workflow('e2e wait for webhook: forged', {
				additionalInput: JSON.stringify({ output_format: 'png', fake: { runMs: 600_000 } }),
			}),
		);
		const job = await submittedJob();
		await until('the execution to wait', async () => ((await execution(executionId)).status === 'waiting' ? true : undefined));
		const body = JSON.stringify({ request_id: job.requestId, gateway_request_id: job.requestId, status: 'OK', payload: { images: [] } });
		const { privateKey } = generateKeyPairSync('ed25519');
		const forgedHeaders = signWebhook(privateKey, body, {
			requestId: job.requestId,
			userId: 'fake-user',
			timestamp: Math.floor(Date.now() / 1000),
		});

		const forged = await fetch(job.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...forgedHeaders }, body });
		const unsigned = await fetch(job.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

		expect(forged.status).toBe(401);
		expect(unsigned.status).toBe(401);
		expect((await execution(executionId)).status).toBe('waiting');

		const genuine = await fetch(job.webhookUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...fal.signWebhook(body, { requestId: job.requestId }) },
			body,
		});
		expect(genuine.status).toBe(200);
		const done = await settledExecution(executionId);
		expect(done.status).toBe('success');
		expect(nodeItems(done.run, NODE)[0].json).toEqual({ images: [], request_id: job.requestId, endpoint_id: 'fal-ai/flux/dev' });
	});

	it("resumes with an error item carrying fal's field errors when the request fails", async () => {
		const executionId = await runManually(
			workflow('e2e wait for webhook: failure', { additionalInput: JSON.stringify({ fake: { fail: 'validation' } }) }),
		);
		const job = await submittedJob();

		const done = await settledExecution(executionId);

		expect(done.status).toBe('success');
		const [item] = nodeItems(done.run, NODE);
		expect(item.json).toMatchObject({ status: 'ERROR', request_id: job.requestId, http_code: '422' });
		expect(item.json.error).toMatch(/^fal rejected "\S+": /);
		expect(item.binary).toBeUndefined();
	});

	it('ends with an item naming the request when the wait limit passes first', async () => {
		const executionId = await runManually(
			workflow(
				'e2e wait for webhook: wait limit',
				{ additionalInput: JSON.stringify({ fake: { runMs: 600_000 } }) },
				{ waitLimit: 0.05 },
			),
		);
		const job = await submittedJob();

		// n8n looks for executions due to resume once a minute.
		const done = await settledExecution(executionId, 150_000);

		expect(done.status).toBe('success');
		const [item] = nodeItems(done.run, NODE);
		expect(item.json).toMatchObject({ status: 'WAIT_LIMIT_REACHED', request_id: job.requestId, endpoint_id: 'fal-ai/flux/dev' });
		expect(item.json.error).toContain(job.requestId);
		expect(item.json.description).toContain('may still complete');
	});

	it('refuses several items and says what to use instead', async () => {
		const definition = workflow('e2e wait for webhook: two items');
		definition.nodes.splice(1, 0, {
			id: 'split',
			name: 'Two Items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [110, 0],
			parameters: { jsCode: 'return [{ json: { n: 1 } }, { json: { n: 2 } }];' },
		} as never);
		definition.connections = {
			'Manual Trigger': { main: [[{ node: 'Two Items', type: 'main', index: 0 }]] },
			'Two Items': { main: [[{ node: NODE, type: 'main', index: 0 }]] },
		} as never;

		const done = await settledExecution(await runManually(definition));

		expect(done.status).toBe('error');
		expect(done.run.data.resultData.error?.message).toContain('one item per execution');
		expect(fal.jobs).toHaveLength(0);
	});
});
