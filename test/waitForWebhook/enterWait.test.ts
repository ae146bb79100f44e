/**
 * The execute side of "Wait for Webhook" in real workflows (n8n's engine in-process, the fake
 * fal): the submit carries the execution's resume URL, and the run ends waiting with the
 * wait-limit item stored for n8n to pass on if fal never calls back.
 */
import { WAIT_INDEFINITELY } from 'n8n-workflow';

import { HARNESS_INSTANCE_URL, runWorkflow } from '../harness';
import { falCredentials, imageNode, useFakeFal } from '../nodes/support';

const fal = useFakeFal();
const NODE = 'Generate Image';

function webhookNode(options: Record<string, unknown> = {}) {
	return imageNode({ prompt: 'a fox', executionMode: 'webhook', options });
}

describe('Wait for Webhook: submit and wait', () => {
	it('submits with the resume URL as webhook and leaves the execution waiting until the limit', async () => {
		const run = runWorkflow({ nodes: [webhookNode({ waitLimit: 30 })], credentials: falCredentials(fal()) });
		const before = Date.now();
		const result = await run;

		expect(result.status).toBe('waiting');
		const [job] = fal().jobs;
		expect(job.webhookUrl).toBe(`${HARNESS_INSTANCE_URL}/webhook-waiting/${run.executionId}`);
		const waitTill = result.run.waitTill!.getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 30 * 60_000);
		expect(waitTill).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
		// While waiting, the node shows what was queued.
		expect(result.output(NODE)).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ request_id: job.requestId, endpoint_id: 'fal-ai/flux/dev', status: 'IN_QUEUE' }),
			}),
		]);
		expect(result.output(NODE)[0].json.webhook_url).toBeUndefined();
	});

	it("stores the wait-limit item in the node's stack entry, which n8n passes on if the limit passes", async () => {
		const result = await runWorkflow({ nodes: [webhookNode({ waitLimit: 5 })], credentials: falCredentials(fal()) });

		const [entry] = result.run.data.executionData!.nodeExecutionStack;
		expect(entry.node.name).toBe(NODE);
		const [waiting] = entry.data.main[0]!;
		expect(waiting.json).toMatchObject({
			status: 'WAIT_LIMIT_REACHED',
			request_id: fal().jobs[0].requestId,
			endpoint_id: 'fal-ai/flux/dev',
			error: `fal did not report on request ${fal().jobs[0].requestId} within the wait limit of 5 minutes`,
		});
		expect(waiting.json.cancel_url).toEqual(expect.stringContaining(fal().jobs[0].requestId));
	});

	it('waits without limit when the wait limit is 0', async () => {
		const result = await runWorkflow({ nodes: [webhookNode({ waitLimit: 0 })], credentials: falCredentials(fal()) });

		expect(result.status).toBe('waiting');
		expect(result.run.waitTill).toEqual(WAIT_INDEFINITELY);
	});

	it('refuses several items before sending anything, naming the modes to use instead', async () => {
		const result = await runWorkflow({
			nodes: [webhookNode()],
			items: [{ json: { n: 1 } }, { json: { n: 2 } }],
			credentials: falCredentials(fal()),
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('"Wait for Webhook" handles one item per execution, but this node received 2');
		expect(result.error?.description).toContain('Wait for Result');
		expect(result.error?.description).toContain('Submit Only');
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});

	it('fails without waiting when fal refuses the submit', async () => {
		fal().inject({ match: { kind: 'submit' }, action: { type: 'status', status: 422 } });

		const result = await runWorkflow({ nodes: [webhookNode()], credentials: falCredentials(fal()) });

		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('fal rejected "prompt": Field required.');
		expect(result.run.waitTill).toBeUndefined();
	});

	it('with Continue On Fail, outputs the failed submit as an error item without waiting', async () => {
		fal().inject({ match: { kind: 'submit' }, action: { type: 'status', status: 403 } });

		const result = await runWorkflow({
			nodes: [{ ...webhookNode(), onError: 'continueRegularOutput' }],
			credentials: falCredentials(fal()),
		});

		expect(result.status).toBe('success');
		expect(result.output(NODE)[0].json.error).toContain('403');
	});
});
