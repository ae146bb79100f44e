import { runWorkflow } from '.';
import { fixtureNodeTypes } from './fixtures';

const items = [{ json: { n: 0 } }, { json: { n: 1 } }, { json: { n: 2 } }];
const failOnSecond = { name: 'Fail', type: 'harnessFixtureFailOnItem', parameters: { failOnItem: 1 } };

describe('node errors', () => {
	it('stops the run with the node error (a plain copy, as n8n stores it) and its description', async () => {
		const result = await runWorkflow({ nodes: [failOnSecond], items, nodeTypes: fixtureNodeTypes });

		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			message: 'Fixture failure on item 1',
			description: 'The fixture was told to fail on this item',
			node: { name: 'Fail' },
		});
		expect(result.nodeError('Fail')?.message).toBe('Fixture failure on item 1');
		expect(result.output('Fail')).toEqual([]);
	});

	it("keeps going with onError 'continueRegularOutput', the failed item carrying the error", async () => {
		const result = await runWorkflow({
			nodes: [{ ...failOnSecond, onError: 'continueRegularOutput' }],
			items,
			nodeTypes: fixtureNodeTypes,
		});

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.output('Fail').map((item) => item.json)).toEqual([
			{ n: 0, passed: true },
			{ error: 'Fixture failure on item 1' },
			{ n: 2, passed: true },
		]);
	});

	it("routes the failed item to the error output with onError 'continueErrorOutput'", async () => {
		const result = await runWorkflow({
			nodes: [{ ...failOnSecond, onError: 'continueErrorOutput' }],
			items,
			nodeTypes: fixtureNodeTypes,
		});

		expect(result.output('Fail', 0).map((item) => item.json.n)).toEqual([0, 2]);
		// n8n merges the failed input item into the error item it routes.
		expect(result.output('Fail', 1).map((item) => item.json)).toEqual([
			{ n: 1, error: 'Fixture failure on item 1' },
		]);
	});
});
