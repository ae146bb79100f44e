import type { BinaryDataMode } from '.';
import { runWorkflow } from '.';
import { fixtureNodeTypes } from './fixtures';

const writeThenRead = [
	{
		name: 'Write',
		type: 'harnessFixtureBinaryWriter',
		parameters: { text: 'hello binary', fileName: 'note.txt' },
	},
	{ name: 'Read', type: 'harnessFixtureBinaryReader' },
];

describe('binary data', () => {
	describe.each<[BinaryDataMode, string]>([
		['memory', 'inline'],
		['filesystem', 'file'],
	])('in %s mode', (binaryDataMode, storedAs) => {
		it(`stores what prepareBinaryData gets as ${storedAs} data that the helpers read back`, async () => {
			const result = await runWorkflow({ nodes: writeThenRead, binaryDataMode, nodeTypes: fixtureNodeTypes });

			expect(result.error).toBeUndefined();
			expect(result.output('Read')[0].json).toEqual({
				storedAs,
				fileName: 'note.txt',
				mimeType: 'text/plain',
				viaBuffer: 'hello binary',
				viaStream: storedAs === 'file' ? 'hello binary' : null,
			});
		});

		it('returns the bytes of an output binary property', async () => {
			const result = await runWorkflow({ nodes: writeThenRead, binaryDataMode, nodeTypes: fixtureNodeTypes });

			expect((await result.binary('Write', 0, 'data')).toString()).toBe('hello binary');
		});

		it('stores raw bytes given as input items like a node would', async () => {
			const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
			const result = await runWorkflow({
				nodes: [{ name: 'Read', type: 'harnessFixtureBinaryReader', parameters: { property: 'photo' } }],
				items: [{ json: { id: 7 }, binary: { photo: { buffer: bytes, fileName: 'photo.png' } } }],
				binaryDataMode,
				nodeTypes: fixtureNodeTypes,
			});

			expect(result.output('Read')[0].json).toMatchObject({
				storedAs,
				fileName: 'photo.png',
				mimeType: 'image/png',
			});
			expect(await result.binary('Start', 0, 'photo')).toEqual(bytes);
		});
	});

	it("finds binaries that n8n moved into json._files under the 'combined' binary mode setting", async () => {
		const result = await runWorkflow({
			nodes: [writeThenRead[0]],
			binaryDataMode: 'filesystem',
			settings: { binaryMode: 'combined' },
			nodeTypes: fixtureNodeTypes,
		});

		const [item] = result.output('Write');
		expect(item.binary).toBeUndefined();
		expect(Object.keys(item.json._files as object)).toEqual(['data']);
		expect((await result.binary('Write', 0, 'data')).toString()).toBe('hello binary');
	});

	it('names the binary properties that exist when asked for a missing one', async () => {
		const result = await runWorkflow({ nodes: [writeThenRead[0]], nodeTypes: fixtureNodeTypes });

		await expect(result.binary('Write', 0, 'image_0')).rejects.toThrow(
			'Item 0 of "Write" has no binary property "image_0" (present: data)',
		);
	});

	it('refuses to overlap runs that need different binary data modes', async () => {
		const nodeTypes = fixtureNodeTypes;
		const first = runWorkflow({ nodes: writeThenRead, binaryDataMode: 'memory', nodeTypes });
		const second = runWorkflow({ nodes: writeThenRead, binaryDataMode: 'filesystem', nodeTypes });

		await expect(first).resolves.toBeDefined();
		await expect(second).rejects.toThrow("a run with binaryDataMode 'memory' is still in progress");
	});
});
