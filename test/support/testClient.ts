/**
 * Our fal client for tests outside a workflow run, on the transport the test run asks for:
 * n8n-core's real HTTP helper by default (what the package ships), or undici with
 * `FAL_TEST_TRANSPORT=undici` (the transport contract holds for both).
 */
import { createFalClient, type FalClient, type FalClientConfig, type HttpTransport } from '../../nodes/FalAi/client';
import { createN8nCoreTransport } from './n8nCoreTransport';
import { createUndiciTransport } from './undiciTransport';

export type TestTransportName = 'n8n' | 'undici';

export function testTransportName(env: NodeJS.ProcessEnv = process.env): TestTransportName {
	return env.FAL_TEST_TRANSPORT === 'undici' ? 'undici' : 'n8n';
}

export function createTestTransport(credentials: string, name: TestTransportName = testTransportName()): HttpTransport {
	return name === 'undici' ? createUndiciTransport({ credentials }) : createN8nCoreTransport(credentials);
}

export type TestClientConfig = Omit<FalClientConfig, 'transport'> & { transport?: HttpTransport | TestTransportName };

export function createTestFalClient(config: TestClientConfig): FalClient {
	const transport =
		typeof config.transport === 'object' ? config.transport : createTestTransport(config.credentials, config.transport);
	return createFalClient({ ...config, transport });
}
