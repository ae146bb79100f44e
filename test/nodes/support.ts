/**
 * What the node workflow tests share: one fake fal per test file, the credential pointing the
 * nodes at it, the nodes themselves, and the checks several nodes' tests make the same way.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import {
	listSearch,
	runWorkflow,
	type HarnessCredentials,
	type HarnessNode,
	type RunWorkflowOptions,
	type WorkflowResult,
	type WorkflowRun,
} from '../harness';
import { startFakeFal, type FakeFal, type FakeFalOptions } from '../fake-fal';

export const IMAGE_NODE = 'falAiGenerateImage';
export const UPLOAD_NODE = 'falAiUploadFile';
export const QUEUE_NODE = 'falAiQueueStatus';

/** Starts a fake fal before the file's tests, resets it between tests, closes it after. */
export function useFakeFal(options: FakeFalOptions = { queueMs: 20, runMs: 30, concurrency: 4 }): () => FakeFal {
	let fal: FakeFal | undefined;
	beforeAll(async () => {
		fal = await startFakeFal({ port: 0, ...options });
	});
	afterEach(() => {
		fal?.reset();
		fal?.configure({ queueMs: options.queueMs, runMs: options.runMs, concurrency: options.concurrency });
	});
	afterAll(async () => {
		await fal?.close();
	});
	return () => {
		if (!fal) throw new Error('the fake fal server has not started');
		return fal;
	};
}

/** The `falAiApi` credential as a user would fill it in for a gateway: custom hosts on. */
export function falCredentials(fal: FakeFal, apiKey = fal.key): HarnessCredentials {
	const { queueUrl, runUrl, restUrl, platformUrl } = fal.hosts;
	return { falAiApi: { apiKey, customHosts: true, queueUrl, runUrl, restUrl, platformUrl } };
}

/** Runs `node` as the workflow's only node after the start, the credential pointing it at the fake fal. */
export function runSingleNode(
	fal: FakeFal,
	node: HarnessNode,
	options: Omit<RunWorkflowOptions, 'nodes' | 'credentials'> = {},
): WorkflowRun {
	return runWorkflow({ nodes: [node], credentials: falCredentials(fal), ...options });
}

/** Runs `nodes` chained after the start, the credential pointing them at the fake fal. */
export function runWorkflowWith(
	fal: FakeFal,
	nodes: HarnessNode[],
	options: Omit<RunWorkflowOptions, 'nodes' | 'credentials'> = {},
): WorkflowRun {
	return runWorkflow({ nodes, credentials: falCredentials(fal), ...options });
}

/** A fal model node (`type`, e.g. `falAiGenerateVideo`) running `model` by id, the other parameters as given. */
export function modelNode(node: { name: string; type: string; model: string }, parameters: Record<string, unknown>): HarnessNode {
	return {
		name: node.name,
		type: node.type,
		parameters: { model: { __rl: true, mode: 'id', value: node.model }, ...parameters } as HarnessNode['parameters'],
	};
}

/** A Generate Image node with the model given by id and the other parameters as given. */
export function imageNode(parameters: Record<string, unknown>, name = 'Generate Image'): HarnessNode {
	return modelNode({ name, type: IMAGE_NODE, model: 'fal-ai/flux/dev' }, parameters);
}

/** The endpoint ids a node's model picker (`method`, its list search) offers, in order. */
export async function pickerModelIds(fal: FakeFal, nodeType: string, method: string): Promise<string[]> {
	const { results } = await listSearch({ nodeType, method, credentials: falCredentials(fal) });
	return results.map((entry) => String(entry.value));
}

/** The model input fal recorded for the job an output item came from (by its `request_id`). */
export function jobInputOf(fal: FakeFal, output: INodeExecutionData): Record<string, unknown> {
	return fal.job(output.json.request_id as string)?.input as Record<string, unknown>;
}

/** The bytes served at `url` (fal storage's copy of an upload, a generated file…). */
export async function bytesAt(url: string): Promise<Buffer> {
	return Buffer.from(await (await fetch(url)).arrayBuffer());
}

/** Waits (without a deadline of its own: jest's test timeout bounds it) until `check` holds. */
export async function eventually(check: () => boolean): Promise<void> {
	while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** One entry of fal's 422 answer: the input field at fault (`loc`) and what is wrong with it. */
export interface FalFieldError {
	loc: string[];
	msg: string;
	type: string;
}

/** Makes the fake answer the next submit with fal's 422 "the input is invalid", listing `detail`. */
export function rejectNextSubmit(fal: FakeFal, detail: FalFieldError[]): void {
	fal.inject({ match: { kind: 'submit' }, action: { type: 'status', status: 422, body: { detail } } });
}

/**
 * Checks that a run failed because its `timeoutSeconds` passed, saying so, and that the node
 * cancelled the fal job it had started (a job left running would still be billed).
 */
export function expectTimedOutAndCancelled(fal: FakeFal, result: WorkflowResult, timeoutSeconds: number): void {
	expect(result.error?.message).toMatch(new RegExp(`did not finish within ${timeoutSeconds} s and was cancelled`));
	const [cancel] = fal.requestsOf('cancel');
	expect(cancel).toBeDefined();
	expect(fal.job(cancel.requestId as string)?.cancelled).toBe(true);
}

/**
 * Checks that a Submit Only output item is the request to follow at fal (its id, endpoint and
 * URLs), and that the node did not follow it itself.
 */
export function expectRequestToFollow(fal: FakeFal, output: INodeExecutionData, endpointId: string): void {
	expect(output.json).toMatchObject({
		request_id: expect.any(String),
		endpoint_id: endpointId,
		status: 'IN_QUEUE',
		status_url: expect.stringContaining('/requests/'),
		response_url: expect.stringContaining('/requests/'),
		cancel_url: expect.stringContaining('/cancel'),
	});
	expect(fal.requestsOf('status')).toHaveLength(0);
	expect(fal.requestsOf('status-stream')).toHaveLength(0);
}

/** The first 8 bytes of every PNG file. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
