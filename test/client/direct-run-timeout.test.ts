/**
 * A direct run may take as long as the node's timeout, not the client's default response
 * timeout (300 s; shortened to 300 ms here so the test runs in a second).
 */
import { createFalClient } from '../../nodes/FalAi/client';
import { callModel } from '../../nodes/FalAi/shared/execution';
import { startFakeFal, type FakeFal } from '../fake-fal';

describe('Direct Run beyond the client\'s response timeout', () => {
	let fal: FakeFal;

	beforeAll(async () => {
		fal = await startFakeFal({ port: 0 });
	});
	afterAll(async () => await fal.close());

	const clientWithShortDefault = () =>
		createFalClient({ credentials: fal.key, hosts: { runUrl: fal.hosts.runUrl, queueUrl: fal.hosts.queueUrl }, responseTimeoutMs: 300 });
	// undici's timers tick about once a second, so the run is a few seconds long.
	const slowInput = { prompt: 'slow', fake: { runMs: 3000 } };

	it('fails at the default when no timeout is given (the cap the node used to hit)', async () => {
		const client = clientWithShortDefault();
		try {
			await expect(client.run('fal-ai/flux/dev', slowInput)).rejects.toThrow();
		} finally {
			await client.close();
		}
	});

	it("completes when the node's timeout is longer than the default", async () => {
		const client = clientWithShortDefault();
		try {
			const outcome = await callModel(client, { endpointId: 'fal-ai/flux/dev', input: slowInput, mode: 'run', timeoutMs: 10_000 });
			expect(outcome).toMatchObject({ mode: 'run', data: { images: [expect.any(Object)] } });
		} finally {
			await client.close();
		}
	});

	it("still gives up at the node's timeout", async () => {
		const client = clientWithShortDefault();
		try {
			await expect(callModel(client, { endpointId: 'fal-ai/flux/dev', input: { prompt: 'x', fake: { runMs: 5000 } }, mode: 'run', timeoutMs: 600 })).rejects.toThrow(
				/0\.6 s|600 ms|within/,
			);
		} finally {
			await client.close();
		}
	});

	it("the Timeout option says that fal cancels a direct run whose connection drops", () => {
		const { timeoutOption } = jest.requireActual<typeof import('../../nodes/FalAi/shared/descriptions/options')>('../../nodes/FalAi/shared/descriptions/options');
		expect(timeoutOption.description).toMatch(/fal cancels a direct run whose connection drops/);
	});
});
