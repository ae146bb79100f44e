import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { HarnessCredentials } from '.';
import { runWorkflow } from '.';
import { fixtureCredentialTypes, fixtureNodeTypes } from './fixtures';

const echoNode = { name: 'Echo', type: 'harnessFixtureCredentialEcho' };

function runEcho(parameters: Record<string, string>, credentials: HarnessCredentials) {
	return runWorkflow({
		nodes: [{ ...echoNode, parameters }],
		credentials,
		nodeTypes: fixtureNodeTypes,
		credentialTypes: fixtureCredentialTypes,
	});
}

describe('credentials', () => {
	it('gives nodes the test credential with the type defaults filled in', async () => {
		const result = await runEcho({}, { harnessFixtureApi: { apiKey: 'secret-key' } });

		expect(result.output('Echo')[0].json).toEqual({
			region: 'eu-default',
			customBaseUrl: false,
			apiKeyLength: 10,
		});
	});

	it('drops properties hidden by displayOptions, as n8n does', async () => {
		const hidden = await runEcho({}, { harnessFixtureApi: { apiKey: 'k', baseUrl: 'http://127.0.0.1:1' } });
		const shown = await runEcho(
			{},
			{ harnessFixtureApi: { apiKey: 'k', customBaseUrl: true, baseUrl: 'http://127.0.0.1:1' } },
		);

		expect(hidden.output('Echo')[0].json.baseUrl).toBeUndefined();
		expect(shown.output('Echo')[0].json.baseUrl).toBe('http://127.0.0.1:1');
	});

	it("loads the package's falAiApi credential type", async () => {
		const result = await runEcho(
			{ credentialType: 'falAiApi' },
			{ falAiApi: { apiKey: 'id:secret', customHosts: true, queueUrl: 'http://127.0.0.1:9/queue' } },
		);

		expect(result.output('Echo')[0].json).toEqual({
			apiKeyLength: 9,
			customHosts: true,
			// Filled with its default: a credential saved before the field existed has none.
			gatewayUrl: '',
			queueUrl: 'http://127.0.0.1:9/queue',
			runUrl: 'https://fal.run',
			restUrl: 'https://rest.fal.ai',
			platformUrl: 'https://api.fal.ai/v1',
		});
	});

	it('fails the node with a clear message when the run has no credential of that type', async () => {
		const result = await runEcho({}, {});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Node does not have any credentials set');
	});

	describe('with httpRequestWithAuthentication', () => {
		const seen: Array<{ url?: string; authorization?: string }> = [];
		const server = createServer((request, response) => {
			seen.push({ url: request.url, authorization: request.headers.authorization });
			response.setHeader('content-type', 'application/json');
			response.end(JSON.stringify({ ok: true }));
		});
		let baseUrl = '';

		beforeAll(async () => {
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		});
		afterAll(async () => {
			await new Promise((resolve) => server.close(resolve));
		});

		beforeEach(() => {
			seen.length = 0;
		});

		it("applies the credential type's generic authenticate block", async () => {
			const result = await runEcho(
				{ operation: 'request', url: `${baseUrl}/echo` },
				{ harnessFixtureApi: { apiKey: 'secret-key', region: 'us' } },
			);

			expect(result.error).toBeUndefined();
			expect(result.output('Echo')[0].json).toEqual({ ok: true });
			expect(seen).toEqual([{ url: '/echo?region=us', authorization: 'Key secret-key' }]);
		});

		it("sends falAiApi's key as 'Key <key>', trimmed", async () => {
			const result = await runEcho(
				{ credentialType: 'falAiApi', operation: 'request', url: `${baseUrl}/models` },
				{ falAiApi: { apiKey: ' id:secret \n' } },
			);

			expect(result.error).toBeUndefined();
			expect(seen).toEqual([{ url: '/models', authorization: 'Key id:secret' }]);
		});
	});
});
