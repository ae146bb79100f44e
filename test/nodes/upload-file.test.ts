/**
 * Fal.ai Upload File in real workflows against the fake fal.
 */
import { runWorkflow } from '../harness';
import { makePng } from '../fake-fal';
import { falCredentials, UPLOAD_NODE, useFakeFal } from './support';

const fal = useFakeFal();
const NODE = 'Upload';

async function bytesAt(url: string): Promise<Buffer> {
	return Buffer.from(await (await fetch(url)).arrayBuffer());
}

describe('Fal.ai Upload File', () => {
	const png = makePng(16, 16);

	it.each(['memory', 'filesystem'] as const)('uploads a binary field and returns its fal URL (%s mode)', async (binaryDataMode) => {
		const result = await runWorkflow({
			nodes: [{ name: NODE, type: UPLOAD_NODE, parameters: { source: 'binary', binaryPropertyName: 'data' } }],
			items: [{ json: {}, binary: { data: { buffer: png, fileName: 'pixel.png', mimeType: 'image/png' } } }],
			credentials: falCredentials(fal()),
			binaryDataMode,
		});
		const [item] = result.output(NODE);
		expect(item.json).toEqual({
			url: expect.stringContaining(fal().baseUrl),
			content_type: 'image/png',
			file_name: 'pixel.png',
			size: png.length,
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(await bytesAt(item.json.url as string)).toEqual(png);
	});

	it('re-hosts a remote URL and applies the chosen lifetime and file name', async () => {
		const source = await runWorkflow({
			nodes: [{ name: 'First', type: UPLOAD_NODE, parameters: { source: 'binary' } }],
			items: [{ json: {}, binary: { data: { buffer: png, fileName: 'original.png', mimeType: 'image/png' } } }],
			credentials: falCredentials(fal()),
		});
		const remoteUrl = source.output('First')[0].json.url as string;
		const before = fal().requests.length;

		const result = await runWorkflow({
			nodes: [
				{
					name: NODE,
					type: UPLOAD_NODE,
					parameters: { source: 'url', fileUrl: remoteUrl, options: { expirationSeconds: 86400, fileName: 'copy.png' } },
				},
			],
			credentials: falCredentials(fal()),
		});
		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({ content_type: 'image/png', file_name: 'copy.png', size: png.length });
		expect(item.json.url).not.toBe(remoteUrl);
		expect(await bytesAt(item.json.url as string)).toEqual(png);
		const initiate = fal().requests.slice(before).find((request) => request.kind.startsWith('upload-initiate'));
		expect(JSON.parse(String(initiate?.headers['x-fal-object-lifecycle']))).toEqual({ expiration_duration_seconds: 86400 });
	});

	it('fails naming the item when the binary field is missing, and continues on fail for the others', async () => {
		const result = await runWorkflow({
			nodes: [{ name: NODE, type: UPLOAD_NODE, parameters: { source: 'binary' }, onError: 'continueRegularOutput' }],
			items: [{ json: {}, binary: { data: { buffer: png, fileName: 'a.png' } } }, { json: {} }],
			credentials: falCredentials(fal()),
		});
		const output = result.output(NODE);
		expect(output[0].json.url).toEqual(expect.any(String));
		expect(output[1].json.error).toEqual(expect.stringContaining('data'));
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});
});
