/**
 * The falAiApi credential's "Test" button: its request (a free pricing lookup) resolved and sent
 * the way n8n does it, against the fake fal server.
 */
import '../harness';

import { Workflow, type INodeTypes } from 'n8n-workflow';

import { FalAiApi } from '../../credentials/FalAiApi.credentials';
import { startFakeFal, type FakeFal } from '../fake-fal';
import { testCredential } from './credential-tester';

const credentialType = new FalAiApi();

describe.each([
	['KEY_ID:KEY_SECRET', 'fake-key-id:fake-key-secret'],
	['single KEY', 'fakesinglekey0123456789abcdef'],
])('falAiApi credential test with a %s key', (_, key) => {
	let fal: FakeFal;
	beforeEach(async () => {
		fal = await startFakeFal({ port: 0, key });
	});
	afterEach(() => fal.close());

	const hostsOf = (platformUrl: string) => ({ customHosts: true, ...fal.hosts, platformUrl });
	const noJobStarted = () => {
		expect(fal.requestsOf('submit')).toHaveLength(0);
		expect(fal.requestsOf('run')).toHaveLength(0);
		expect(fal.jobs).toHaveLength(0);
	};

	it('succeeds with the right key, asking only for a price', async () => {
		const outcome = await testCredential(credentialType, { apiKey: key, ...hostsOf(fal.hosts.platformUrl) });
		expect(outcome).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [pricing, ...others] = fal.requests;
		expect(others).toHaveLength(0);
		expect(pricing).toMatchObject({ kind: 'pricing', method: 'GET', query: { endpoint_id: 'fal-ai/flux/dev' } });
		expect(pricing.headers.authorization).toBe(`Key ${key}`);
		noJobStarted();
	});

	it('trims the key and a trailing slash of the platform URL', async () => {
		const outcome = await testCredential(credentialType, { apiKey: `  ${key}\n`, ...hostsOf(`${fal.hosts.platformUrl}//`) });
		expect(outcome.status).toBe('OK');
		expect(fal.requestsOf('pricing')[0].headers.authorization).toBe(`Key ${key}`);
		expect(fal.requestsOf('unknown')).toHaveLength(0);
	});

	it('takes one gateway base URL instead of the four host URLs', async () => {
		const outcome = await testCredential(credentialType, { apiKey: key, customHosts: true, gatewayUrl: `${fal.baseUrl}/`, platformUrl: 'http://127.0.0.1:1/unused' });
		expect(outcome.status).toBe('OK');
		expect(fal.requestsOf('pricing')).toHaveLength(1);
	});

	it('fails with a wrong key (401), starting no job', async () => {
		const outcome = await testCredential(credentialType, { apiKey: `${key}-wrong`, ...hostsOf(fal.hosts.platformUrl) });
		expect(outcome).toMatchObject({ status: 'Error', httpStatus: 401 });
		expect(outcome.message).not.toContain(key);
		// n8n-core resends a request answered 401 once, after its pre-authentication hook.
		expect(fal.requests.length).toBeGreaterThan(0);
		expect(fal.requests.every((request) => request.kind === 'pricing')).toBe(true);
		noJobStarted();
	});
});

describe('falAiApi credential test request without custom hosts', () => {
	it("targets fal's platform API (resolved only, never sent)", () => {
		const nodeTypes = {
			getByName: () => ({ description: { properties: [] } }),
			getByNameAndVersion: () => ({ description: { properties: [] } }),
			getKnownTypes: () => ({}),
		} as unknown as INodeTypes;
		const node = { id: '1', name: 'N', type: 'x', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const resolve = (credentials: Record<string, unknown>) =>
			workflow.expression.getSimpleParameterValue(node, credentialType.test.request.baseURL as string, 'internal', {
				$credentials: credentials,
			});
		// n8n drops the hidden host fields when customHosts is off; a stale value must not matter either.
		expect(resolve({ apiKey: 'k', customHosts: false })).toBe('https://api.fal.ai/v1');
		expect(resolve({ apiKey: 'k', customHosts: false, platformUrl: 'http://127.0.0.1:1/api/v1' })).toBe('https://api.fal.ai/v1');
		expect(resolve({ apiKey: 'k', customHosts: true, platformUrl: '' })).toBe('https://api.fal.ai/v1');
		expect(resolve({ apiKey: 'k', customHosts: true, gatewayUrl: 'http://gw.example:8787/', platformUrl: 'http://x/y' })).toBe('http://gw.example:8787/api/v1');
		expect(resolve({ apiKey: 'k', customHosts: false, gatewayUrl: 'http://gw.example:8787' })).toBe('https://api.fal.ai/v1');
	});
});
