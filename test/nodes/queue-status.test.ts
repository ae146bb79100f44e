/**
 * Submit Only followed by Fal.ai Queue Status, in real workflows against the fake fal.
 */
import type { INodeProperties } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { FalAiQueueStatus } from '../../nodes/FalAi/QueueStatus/FalAiQueueStatus.node';
import { runWorkflow, type HarnessNode } from '../harness';
import { falCredentials, imageNode, QUEUE_NODE, useFakeFal } from './support';

const fal = useFakeFal();

/** A Queue Status node reading the endpoint and request ids from the Submit Only node. */
function queueNode(operation: string, extra: Record<string, unknown> = {}, name = 'Queue'): HarnessNode {
	return {
		name,
		type: QUEUE_NODE,
		parameters: {
			operation,
			endpointId: '={{ $json.endpoint_id }}',
			requestId: '={{ $json.request_id }}',
			...extra,
		},
	};
}

const submitOnly = (extra: Record<string, unknown> = {}) =>
	imageNode({ prompt: 'a fox', executionMode: 'submit', ...extra }, 'Submit');

describe('Fal.ai Queue Status', () => {
	it('Get Status reports the queue state and uses the endpoint without its sub-path', async () => {
		const result = await runWorkflow({
			nodes: [submitOnly({ additionalInput: '{"fake": {"queueMs": 60000}}' }), queueNode('getStatus', { includeLogs: true })],
			credentials: falCredentials(fal()),
		});
		const [item] = result.output('Queue');
		const requestId = result.output('Submit')[0].json.request_id;
		expect(item.json).toMatchObject({ status: 'IN_QUEUE', request_id: requestId, endpoint_id: 'fal-ai/flux/dev' });
		expect(item.pairedItem).toEqual({ item: 0 });
		// fal-ai/flux/dev: status lives under the app, fal-ai/flux, not under the /dev sub-path.
		expect(fal().requestsOf('status')[0].path).toBe(`/queue/fal-ai/flux/requests/${requestId}/status`);
	});

	it('Wait for Completion follows the request to its result and downloads the media', async () => {
		const result = await runWorkflow({
			nodes: [submitOnly(), queueNode('waitForCompletion', { options: { includeQueueHistory: true } })],
			credentials: falCredentials(fal()),
		});
		const [item] = result.output('Queue');
		expect(item.json.images).toHaveLength(1);
		expect((item.json.queue_history as Array<{ status: string }>).pop()?.status).toBe('COMPLETED');
		expect(result.binaryData('Queue', 0, 'image_0').mimeType).toMatch(/^image\//);
	});

	it('Get Result returns a completed result, and explains when the request is not done yet', async () => {
		const done = await runWorkflow({
			nodes: [submitOnly(), queueNode('waitForCompletion', { outputMedia: 'url' }, 'Wait'), queueNode('getResult', { outputMedia: 'url' })],
			credentials: falCredentials(fal()),
		});
		expect(done.output('Queue')[0].json.images).toHaveLength(1);
		expect(done.output('Queue')[0].binary).toBeUndefined();

		const pending = await runWorkflow({
			nodes: [submitOnly({ additionalInput: '{"fake": {"queueMs": 60000}}' }), queueNode('getResult')],
			credentials: falCredentials(fal()),
		});
		expect(pending.error?.message).toMatch(/^Item 0: request .+ is not completed yet \(IN_QUEUE/);
	});

	it("Cancel outputs fal's own status: OK as fal answers it, ALREADY_COMPLETED from a 4xx detail, not a failure", async () => {
		fal().configure({ cancelAnswers: 'ok' });
		try {
			const queued = await runWorkflow({
				nodes: [submitOnly({ additionalInput: '{"fake": {"queueMs": 60000}}' }), queueNode('cancel')],
				credentials: falCredentials(fal()),
			});
			expect(queued.output('Queue')[0].json).toMatchObject({ status: 'OK', cancelled: true });

			fal().configure({ cancelAnswers: 'detail-only' });
			const finished = await runWorkflow({
				nodes: [submitOnly({ additionalInput: '{"fake": {"queueMs": 0, "runMs": 0}}' }), queueNode('waitForCompletion'), queueNode('cancel', {}, 'Cancel')],
				credentials: falCredentials(fal()),
			});
			expect(finished.error).toBeUndefined();
			expect(finished.output('Cancel')[0].json).toMatchObject({ status: 'ALREADY_COMPLETED', cancelled: false });
		} finally {
			fal().configure({ cancelAnswers: 'documented' });
		}
	});

	it('Cancel removes a queued request', async () => {
		const result = await runWorkflow({
			nodes: [submitOnly({ additionalInput: '{"fake": {"queueMs": 60000}}' }), queueNode('cancel')],
			credentials: falCredentials(fal()),
		});
		const [item] = result.output('Queue');
		expect(item.json).toMatchObject({ status: 'CANCELLATION_REQUESTED', cancelled: true, endpoint_id: 'fal-ai/flux/dev' });
		expect(fal().job(item.json.request_id as string)?.cancelled).toBe(true);
	});

	it('works for endpoints whose id has a deep sub-path', async () => {
		const model = { __rl: true, mode: 'id', value: 'fal-ai/kling-video/v2/master/text-to-video' };
		const result = await runWorkflow({
			nodes: [submitOnly({ model }), queueNode('waitForCompletion', { outputMedia: 'url' })],
			credentials: falCredentials(fal()),
		});
		expect(result.output('Queue')[0].json.video).toMatchObject({ content_type: 'video/mp4' });
		expect(fal().requestsOf('result')[0].path).toMatch(/^\/queue\/fal-ai\/kling-video\/requests\/[^/]+$/);
	});

	it('names the item and the field when the request id is missing', async () => {
		const result = await runWorkflow({
			nodes: [{ name: 'Queue', type: QUEUE_NODE, parameters: { operation: 'getStatus', endpointId: 'fal-ai/flux/dev', requestId: '={{ "" }}' } }],
			credentials: falCredentials(fal()),
		});
		expect(result.error?.message).toBe('Item 0: "Request ID" is required');
	});
});

describe('Fal.ai Queue Status: Get Status logs', () => {
	it('returns the model\'s logs when asked, and leaves them out otherwise', async () => {
		const result = await runWorkflow({
			nodes: [
				submitOnly(),
				queueNode('waitForCompletion', { outputMedia: 'url' }, 'Wait'),
				queueNode('getStatus', { includeLogs: true }, 'With Logs'),
				queueNode('getStatus', {}, 'Without Logs'),
			],
			credentials: falCredentials(fal()),
		});
		const withLogs = result.output('With Logs')[0].json;
		expect(withLogs.status).toBe('COMPLETED');
		const logs = withLogs.logs as Array<{ message: string; level: string; timestamp: string }>;
		expect(logs.length).toBeGreaterThan(0);
		for (const log of logs) {
			expect(log).toMatchObject({ message: expect.any(String), level: expect.any(String), timestamp: expect.any(String) });
		}
		expect(result.output('Without Logs')[0].json).not.toHaveProperty('logs');
		const statusCalls = fal().requestsOf('status');
		expect(statusCalls.some((call) => call.query.logs === '1' || call.query.logs === 'true')).toBe(true);
	});
});

describe('Fal.ai Queue Status: Wait for Completion of a request started elsewhere', () => {
	const slowJob = () => submitOnly({ additionalInput: '{"fake": {"queueMs": 0, "runMs": 60000}}' });

	it('by default gives up at the timeout without cancelling, and says the request continues on fal', async () => {
		const result = await runWorkflow({
			nodes: [slowJob(), queueNode('waitForCompletion', { options: { timeout: 1 } })],
			credentials: falCredentials(fal()),
		});
		const requestId = result.output('Submit')[0].json.request_id as string;
		expect(result.error?.message).toBe(`Item 0: fal request ${requestId} did not complete within 1 s; it continues on fal`);
		expect(result.error?.description).toContain('Get Result');
		expect(fal().requestsOf('cancel')).toHaveLength(0);
		expect(fal().job(requestId)?.cancelled).toBe(false);
	});

	it('cancels the request at the timeout when "Cancel on Timeout or Stop" is on', async () => {
		const result = await runWorkflow({
			nodes: [slowJob(), queueNode('waitForCompletion', { options: { timeout: 1, cancelOnAbort: true } })],
			credentials: falCredentials(fal()),
		});
		const requestId = result.output('Submit')[0].json.request_id as string;
		expect(result.error?.message).toBe(`Item 0: fal request ${requestId} did not complete within 1 s and was cancelled on fal`);
		expect(fal().job(requestId)?.cancelled).toBe(true);
	});

	it('waits 30 minutes and never cancels unless told otherwise', () => {
		const options = new FalAiQueueStatus().description.properties.find((property) => property.name === 'options');
		const option = (name: string) => (options?.options as INodeProperties[]).find((entry) => entry.name === name);
		expect(option('timeout')?.default).toBe(1800);
		expect(option('cancelOnAbort')?.default).toBe(false);
	});
});

describe('Fal.ai Queue Status: subtitle', () => {
	const nodeType = new FalAiQueueStatus();
	const operations = (
		nodeType.description.properties.find((property) => property.name === 'operation')?.options as Array<{ name: string; value: string }>
	).map((option) => [option.value, option.name]);

	it.each(operations)('shows the operation "%s" by its display name "%s"', (operation, displayName) => {
		const node = { id: 'q', name: 'Queue', type: QUEUE_NODE, typeVersion: 1, position: [0, 0] as [number, number], parameters: { operation } };
		const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		expect(workflow.expression.getSimpleParameterValue(node, nodeType.description.subtitle as string, 'internal', {})).toBe(displayName);
	});
});
