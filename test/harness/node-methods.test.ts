import { createLoadOptionsContext, listSearch, loadOptions, resourceMapping } from '.';
import { fixtureCredentialTypes, fixtureNodeTypes } from './fixtures';

const methodsNode = {
	nodeType: 'harnessFixtureMethods',
	nodeTypes: fixtureNodeTypes,
	credentialTypes: fixtureCredentialTypes,
	credentials: { harnessFixtureApi: { apiKey: 'k', region: 'ap-south' } },
};

describe('node methods', () => {
	it('runs loadOptions with the credential and the current parameters', async () => {
		const options = await loadOptions({
			...methodsNode,
			method: 'getRegions',
			parameters: { prefix: 'Zone' },
		});

		expect(options).toEqual([{ name: 'Zone: ap-south', value: 'ap-south' }]);
	});

	it('gives loadOptions the parameter defaults when a parameter is not set', async () => {
		const options = await loadOptions({ ...methodsNode, method: 'getRegions' });

		expect(options).toEqual([{ name: 'region: ap-south', value: 'ap-south' }]);
	});

	it('runs listSearch with the filter and pagination token', async () => {
		const firstPage = await listSearch({ ...methodsNode, method: 'searchModels', filter: 'flux' });
		const secondPage = await listSearch({
			...methodsNode,
			method: 'searchModels',
			parameters: { pageSize: 1 },
			filter: 'fal-ai',
			paginationToken: '3',
		});

		expect(firstPage).toEqual({
			results: [
				{ name: 'fal-ai/flux/dev', value: 'fal-ai/flux/dev' },
				{ name: 'fal-ai/flux/schnell', value: 'fal-ai/flux/schnell' },
			],
			paginationToken: undefined,
		});
		expect(secondPage.results).toEqual([{ name: 'fal-ai/veo3', value: 'fal-ai/veo3' }]);
	});

	it('runs resourceMapping for the asked type version (latest by default)', async () => {
		const latest = await resourceMapping({ ...methodsNode, method: 'getFields' });
		const first = await resourceMapping({ ...methodsNode, method: 'getFields', typeVersion: 1 });

		expect(latest.fields[0].displayName).toBe('Prompt (v2)');
		expect(first.fields[0].displayName).toBe('Prompt (v1)');
	});

	it('names the available methods when asked for a missing one', async () => {
		await expect(loadOptions({ ...methodsNode, method: 'getNothing' })).rejects.toThrow(
			'Node type "harnessFixtureMethods" has no loadOptions method "getNothing" (available: getRegions)',
		);
	});

	it("builds the context from n8n-core's LoadOptionsContext", async () => {
		const context = createLoadOptionsContext({ ...methodsNode, parameters: { prefix: 'p' } });

		expect(context.constructor.name).toBe('LoadOptionsContext');
		expect(context.getCurrentNodeParameters()).toEqual({ prefix: 'p', pageSize: 2 });
		expect(await context.getCredentials('harnessFixtureApi')).toEqual({
			apiKey: 'k',
			region: 'ap-south',
			customBaseUrl: false,
		});
	});
});
