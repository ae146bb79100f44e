import type { IConnections } from 'n8n-workflow';

import { HARNESS_START_NODE_TYPE, runWorkflow } from '.';
import { fixtureNodeTypes } from './fixtures';

describe('runWorkflow', () => {
	it('runs the nodes through the engine and exposes each node output', async () => {
		const result = await runWorkflow({
			nodes: [{ name: 'Fail Never', type: 'harnessFixtureFailOnItem', parameters: { failOnItem: -1 } }],
			connections: [['Start', 'Fail Never']],
			items: [{ json: { n: 1 } }, { json: { n: 2 } }],
			nodeTypes: fixtureNodeTypes,
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual(['Start', 'Fail Never']);
		expect(result.output('Start').map((item) => item.json)).toEqual([{ n: 1 }, { n: 2 }]);
		expect(result.output('Fail Never').map((item) => item.json)).toEqual([
			{ n: 1, passed: true },
			{ n: 2, passed: true },
		]);
	});

	it('chains the nodes in the given order when no connections are given', async () => {
		const result = await runWorkflow({
			nodes: [
				{ name: 'Write', type: 'harnessFixtureBinaryWriter', parameters: { text: 'chained' } },
				{ name: 'Read', type: 'harnessFixtureBinaryReader' },
			],
			nodeTypes: fixtureNodeTypes,
		});

		expect(result.executedNodes).toEqual(['Start', 'Write', 'Read']);
		expect(result.output('Read')[0].json.viaBuffer).toBe('chained');
	});

	it("accepts n8n's own IConnections", async () => {
		const connections: IConnections = {
			Start: { main: [[{ node: 'Pass', type: 'main', index: 0 }]] },
		};
		const result = await runWorkflow({
			nodes: [
				{ name: 'Pass', type: 'harnessFixtureFailOnItem', parameters: { failOnItem: -1 } },
				{ name: 'Unconnected', type: 'harnessFixtureFailOnItem', parameters: { failOnItem: 0 } },
			],
			connections,
			nodeTypes: fixtureNodeTypes,
		});

		expect(result.executedNodes).toEqual(['Start', 'Pass']);
		expect(() => result.output('Unconnected')).toThrow('Node "Unconnected" did not run');
	});

	it('fills in parameter defaults like the editor does', async () => {
		const result = await runWorkflow({
			nodes: [{ name: 'Write', type: 'harnessFixtureBinaryWriter', parameters: { text: 'x' } }],
			nodeTypes: fixtureNodeTypes,
		});

		expect(Object.keys(result.output('Write')[0].binary ?? {})).toEqual(['data']);
		expect(result.output('Write')[0].binary?.data.fileName).toBe('file.txt');
	});

	it('passes the items on in modes other than manual, where the trigger is not called', async () => {
		const result = await runWorkflow({
			nodes: [{ name: 'Pass', type: 'harnessFixtureFailOnItem', parameters: { failOnItem: -1 } }],
			items: [{ json: { from: 'stack' } }],
			mode: 'trigger',
			nodeTypes: fixtureNodeTypes,
		});

		expect(result.output('Pass').map((item) => item.json)).toEqual([{ from: 'stack', passed: true }]);
	});

	it('uses a node named Start as the start node instead of adding the stand-in', async () => {
		const result = await runWorkflow({
			nodes: [
				{ name: 'Start', type: HARNESS_START_NODE_TYPE },
				{ name: 'Pass', type: 'harnessFixtureFailOnItem', parameters: { failOnItem: -1 } },
			],
			nodeTypes: fixtureNodeTypes,
		});

		expect(result.executedNodes).toEqual(['Start', 'Pass']);
	});

	it('refuses an unknown node type, naming the known ones', async () => {
		await expect(
			runWorkflow({ nodes: [{ name: 'X', type: 'noSuchNode' }], nodeTypes: fixtureNodeTypes }),
		).rejects.toThrow(/Unknown node type "noSuchNode"\. Known: .*harnessFixtureFailOnItem/);
	});

	it('refuses a connection to a node that does not exist', async () => {
		await expect(
			runWorkflow({
				nodes: [{ name: 'Pass', type: 'harnessFixtureFailOnItem' }],
				connections: [['Start', 'Missing']],
				nodeTypes: fixtureNodeTypes,
			}),
		).rejects.toThrow('there is no node named "Missing"');
	});
});
