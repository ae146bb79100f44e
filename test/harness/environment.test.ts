import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';

import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

import { closeHarness, runWorkflow } from '.';
import { BinaryWriterFixture } from './fixtures/BinaryWriterFixture.node';

const writeNode = { name: 'Write', type: 'harnessFixtureBinaryWriter', parameters: { text: 'again' } };

describe('harness environment', () => {
	afterEach(() => jest.restoreAllMocks());

	it('keeps n8n settings in a temporary folder instead of ~/.n8n, and deletes it on close', async () => {
		await runWorkflow({ nodes: [writeNode], nodeTypes: [BinaryWriterFixture] });
		const { n8nFolder } = Container.get(InstanceSettings);

		expect(n8nFolder.startsWith(`${tmpdir()}/n8n-harness-`)).toBe(true);
		expect(existsSync(n8nFolder)).toBe(true);
		closeHarness();
		expect(existsSync(n8nFolder)).toBe(false);
	});

	it("shuts n8n's SSH client manager down on close, clearing its interval", async () => {
		await runWorkflow({ nodes: [writeNode], nodeTypes: [BinaryWriterFixture] });
		const shutdown = jest.spyOn(Container.get(SSHClientsManager), 'onShutdown');

		closeHarness();
		closeHarness();
		expect(shutdown).toHaveBeenCalledTimes(1);
	});

	it('runs again after being closed, in either binary data mode', async () => {
		closeHarness();
		const inMemory = await runWorkflow({ nodes: [writeNode], nodeTypes: [BinaryWriterFixture] });
		closeHarness();
		const onDisk = await runWorkflow({
			nodes: [writeNode],
			nodeTypes: [BinaryWriterFixture],
			binaryDataMode: 'filesystem',
		});

		expect((await inMemory.binary('Write', 0, 'data')).toString()).toBe('again');
		expect((await onDisk.binary('Write', 0, 'data')).toString()).toBe('again');
	});
});
