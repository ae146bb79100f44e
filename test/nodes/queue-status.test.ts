/**
 * Submit Only followed by Fal.ai Queue Status, in real workflows against the fake fal.
 */
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
