/**
 * Fal.ai Upload File in real workflows against the fake fal.
 */
import { createHash, randomBytes } from 'node:crypto';

import type { INodeProperties, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { FalAiUploadFile } from '../../nodes/FalAi/UploadFile/FalAiUploadFile.node';
import { runWorkflow } from '../harness';
import { makePng } from '../fake-fal';
import { bytesAt, falCredentials, UPLOAD_NODE, useFakeFal } from './support';

const fal = useFakeFal();
const NODE = 'Upload';

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

describe('Fal.ai Upload File: large files', () => {
	const MB = 1024 * 1024;

	async function sha256At(url: string): Promise<string> {
		const hash = createHash('sha256');
		const response = await fetch(url);
		for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
		return hash.digest('hex');
	}

	it('sends a file over the multipart threshold in 10 MB parts, from filesystem binary data, intact', async () => {
		const bytes = randomBytes(95 * MB);
		const result = await runWorkflow({
			nodes: [{ name: NODE, type: UPLOAD_NODE, parameters: { source: 'binary', binaryPropertyName: 'data' } }],
			items: [{ json: {}, binary: { data: { buffer: bytes, fileName: 'big.bin', mimeType: 'application/octet-stream' } } }],
			credentials: falCredentials(fal()),
			binaryDataMode: 'filesystem',
		});

		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({ file_name: 'big.bin', size: bytes.length });
		expect(fal().requestsOf('upload-initiate-multipart')).toHaveLength(1);
		expect(fal().requestsOf('upload-initiate')).toHaveLength(0);
		const parts = fal().requestsOf('upload-part');
		expect(parts.map((part) => part.bodySize).sort((a, b) => (b ?? 0) - (a ?? 0))).toEqual([...Array(9).fill(10 * MB), 5 * MB]);
		expect(fal().requestsOf('upload-complete')).toHaveLength(1);
		expect(await sha256At(item.json.url as string)).toBe(createHash('sha256').update(bytes).digest('hex'));
	}, 60_000);
});

describe('Fal.ai Upload File: parameters', () => {
	const description = new FalAiUploadFile().description;

	it('lists media lifetimes by duration', () => {
		const options = description.properties.find((property) => property.name === 'options')?.options as INodeProperties[];
		const lifetimes = options.find((option) => option.name === 'expirationSeconds')?.options as Array<{ name: string; value: number }>;
		expect(lifetimes.map((lifetime) => lifetime.name)).toEqual(['Fal Default', '1 Hour', '1 Day', '7 Days', '30 Days']);
	});
});

describe('Fal.ai Upload File: as an AI agent tool', () => {
	/**
	 * The tool variant n8n derives from a `usableAsTool` node (its `replacements` applied, the name
	 * suffixed "Tool", which `@tool` display options test for). n8n also swaps the main input and
	 * output for an AI tool connection, which the in-process engine cannot run, so those stay.
	 */
	function toolVariant(): INodeType {
		const node = new FalAiUploadFile();
		const usableAsTool = node.description.usableAsTool;
		const replacements = typeof usableAsTool === 'object' ? usableAsTool.replacements : undefined;
		return {
			description: { ...node.description, ...replacements, name: 'falAiUploadFileTool', usableAsTool: undefined },
			execute: node.execute,
		};
	}

	it('tells the agent to give a URL', () => {
		expect(toolVariant().description.description).toMatch(/URL/);
		expect(toolVariant().description.description).not.toBe(new FalAiUploadFile().description.description);
	});

	it('defaults Source to URL as a tool and to Binary Field as a regular node', () => {
		const defaults = (type: INodeType) =>
			NodeHelpers.getNodeParameters(type.description.properties, {}, true, false, null, type.description);
		expect(defaults(toolVariant())?.source).toBe('url');
		expect(defaults(new FalAiUploadFile())?.source).toBe('binary');
	});

	it('uploads the file at the URL an agent filled in, with no source chosen', async () => {
		const png = makePng(4, 4);
		const source = await runWorkflow({
			nodes: [{ name: 'First', type: UPLOAD_NODE, parameters: {} }],
			items: [{ json: {}, binary: { data: { buffer: png, fileName: 'dot.png', mimeType: 'image/png' } } }],
			credentials: falCredentials(fal()),
		});
		const remoteUrl = source.output('First')[0].json.url as string;

		const result = await runWorkflow({
			nodes: [{ name: 'Tool', type: 'falAiUploadFileTool', parameters: { fileUrl: remoteUrl } }],
			nodeTypes: [toolVariant()],
			credentials: falCredentials(fal()),
		});
		const [item] = result.output('Tool');
		expect(item.json).toMatchObject({ content_type: 'image/png', size: png.length });
		expect(await bytesAt(item.json.url as string)).toEqual(png);
	});
});
