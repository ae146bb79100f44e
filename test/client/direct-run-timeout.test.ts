/**
 * A direct run may take as long as the node's timeout, not the transport's default: n8n's HTTP
 * stack gives every request 300 s (`axios.defaults.timeout`), shortened here to 1 s so the test
 * runs in seconds, on the package's real n8n transport.
 */
import axios from 'axios';

import { callModel } from '../../nodes/FalAi/shared/execution';
import { timeoutOption } from '../../nodes/FalAi/shared/descriptions/options';
import { startFakeFal, type FakeFal } from '../fake-fal';
import { createTestFalClient } from '../support/testClient';

describe("Direct Run beyond the transport's default timeout", () => {
	let fal: FakeFal;
	let n8nDefault: number | undefined;

	beforeAll(async () => {
		fal = await startFakeFal({ port: 0 });
		// n8n-core sets this to 300 000 when it loads; the client's n8n transport runs on it.
		await import('../support/n8nCoreTransport');
		n8nDefault = axios.defaults.timeout;
		axios.defaults.timeout = 1000;
	});
	afterAll(async () => {
		axios.defaults.timeout = n8nDefault;
		await fal.close();
	});

	const client = () => createTestFalClient({ credentials: fal.key, hosts: { runUrl: fal.hosts.runUrl, queueUrl: fal.hosts.queueUrl }, transport: 'n8n' });
	const slowInput = { prompt: 'slow', fake: { runMs: 2500 } };

	it("is cut off by the transport's default when the call sets no timeout (the cap the node used to hit)", async () => {
		const fal = client();
		try {
			await expect(fal.run('fal-ai/flux/dev', slowInput)).rejects.toThrow();
		} finally {
			await fal.close();
		}
	});

	it("completes when the node's timeout is longer than the default", async () => {
		const fal = client();
		try {
			const outcome = await callModel(fal, { endpointId: 'fal-ai/flux/dev', input: slowInput, mode: 'run', timeoutMs: 10_000 });
			expect(outcome).toMatchObject({ mode: 'run', data: { images: [expect.any(Object)] } });
		} finally {
			await fal.close();
		}
	});

	it('completes with no node timeout (0: until the execution is stopped)', async () => {
		const fal = client();
		try {
			const outcome = await callModel(fal, { endpointId: 'fal-ai/flux/dev', input: slowInput, mode: 'run', timeoutMs: 0 });
			expect(outcome).toMatchObject({ mode: 'run' });
		} finally {
			await fal.close();
		}
	});

	it('the Timeout option says that fal cancels a direct run whose connection drops', () => {
		expect(timeoutOption.description).toMatch(/fal cancels a direct run whose connection drops/);
	});
});
