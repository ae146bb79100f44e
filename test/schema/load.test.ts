/**
 * Loading input schemas from the (fake) platform API through the process-wide cache.
 */
import type { FalClient } from '../../nodes/FalAi/client';
import { createTestFalClient } from '../support/testClient';
import { clearInputSchemaCache, loadInputSchema, SCHEMA_FAILURE_TTL_MS } from '../../nodes/FalAi/schema';
import { startFakeFal, type FakeFal } from '../fake-fal';

let fal: FakeFal;
let client: FalClient;

beforeAll(async () => {
	fal = await startFakeFal({ port: 0 });
	client = createTestFalClient({ credentials: fal.key, hosts: fal.hosts, retry: { maxRetries: 0 } });
});
afterAll(async () => {
	await client.close();
	await fal.close();
});
beforeEach(() => {
	fal.reset();
	clearInputSchemaCache();
});
afterEach(() => {
	jest.restoreAllMocks();
});

describe('loadInputSchema', () => {
	it('asks the platform API for the endpoint with its OpenAPI document', async () => {
		const schema = await loadInputSchema(client, 'fal-ai/whisper');
		expect(schema?.name).toBe('WhisperInput');
		const [request] = fal.requestsOf('models');
		expect(request.query).toMatchObject({ endpoint_id: 'fal-ai/whisper', expand: 'openapi-3.0' });
	});

	it('fetches each endpoint once, however many items ask at the same time', async () => {
		const schemas = await Promise.all([1, 2, 3].map(() => loadInputSchema(client, 'fal-ai/flux/dev')));
		await loadInputSchema(client, 'fal-ai/flux/dev');
		expect(new Set(schemas).size).toBe(1);
		expect(fal.requestsOf('models')).toHaveLength(1);
	});

	it('keeps separate entries per platform host', async () => {
		const other = await startFakeFal({ port: 0 });
		const otherClient = createTestFalClient({ credentials: other.key, hosts: other.hosts });
		try {
			await loadInputSchema(client, 'fal-ai/veo3');
			await loadInputSchema(otherClient, 'fal-ai/veo3');
			expect(fal.requestsOf('models')).toHaveLength(1);
			expect(other.requestsOf('models')).toHaveLength(1);
		} finally {
			await otherClient.close();
			await other.close();
		}
	});

	it('answers undefined for an endpoint fal has no schema for, and remembers that', async () => {
		expect(await loadInputSchema(client, 'nobody/nothing')).toBeUndefined();
		expect(await loadInputSchema(client, 'nobody/nothing')).toBeUndefined();
		expect(fal.requestsOf('models')).toHaveLength(1);
	});

	it('throws the platform error and tries again next time', async () => {
		fal.inject({ match: { kind: 'models' }, action: { type: 'status', status: 500 } });
		await expect(loadInputSchema(client, 'fal-ai/wizper')).rejects.toThrow();
		expect((await loadInputSchema(client, 'fal-ai/wizper'))?.name).toBe('WizperInput');
	});

	describe('remembering a failure (for executions, which have a fallback)', () => {
		const remembering = { reuseRecentFailure: true };
		const failModels = () => fal.inject({ match: { kind: 'models' }, action: { type: 'status', status: 500 } });

		it('fails at once with the same error while the failure is recent, without asking again', async () => {
			failModels();
			const first = await loadInputSchema(client, 'fal-ai/wizper', undefined, remembering).catch((error: unknown) => error);
			const second = await loadInputSchema(client, 'fal-ai/wizper', undefined, remembering).catch((error: unknown) => error);
			expect(first).toBeInstanceOf(Error);
			expect(second).toBe(first);
			expect(fal.requestsOf('models')).toHaveLength(1);
		});

		it('asks again once the failure is older than SCHEMA_FAILURE_TTL_MS', async () => {
			failModels();
			await expect(loadInputSchema(client, 'fal-ai/wizper', undefined, remembering)).rejects.toThrow();
			const later = Date.now() + SCHEMA_FAILURE_TTL_MS + 1;
			jest.spyOn(Date, 'now').mockReturnValue(later);
			expect((await loadInputSchema(client, 'fal-ai/wizper', undefined, remembering))?.name).toBe('WizperInput');
		});

		it('is ignored by callers that do not ask for it (the editor), and forgotten after a success', async () => {
			failModels();
			await expect(loadInputSchema(client, 'fal-ai/wizper', undefined, remembering)).rejects.toThrow();
			expect((await loadInputSchema(client, 'fal-ai/wizper'))?.name).toBe('WizperInput');
			expect((await loadInputSchema(client, 'fal-ai/wizper', undefined, remembering))?.name).toBe('WizperInput');
			expect(fal.requestsOf('models')).toHaveLength(2);
		});

		it('is kept per endpoint', async () => {
			failModels();
			await expect(loadInputSchema(client, 'fal-ai/wizper', undefined, remembering)).rejects.toThrow();
			expect((await loadInputSchema(client, 'fal-ai/whisper', undefined, remembering))?.name).toBe('WhisperInput');
		});

		it('does not remember a load stopped by a cancelled execution', async () => {
			const controller = new AbortController();
			controller.abort();
			await expect(loadInputSchema(client, 'fal-ai/wizper', controller.signal, remembering)).rejects.toThrow();
			expect((await loadInputSchema(client, 'fal-ai/wizper', undefined, remembering))?.name).toBe('WizperInput');
		});
	});
});
