/**
 * A bench-only node: puts a file from disk into binary data, as n8n's file-reading nodes do. It
 * uses n8n's own binary data service (`copyBinaryFile`: in filesystem mode a kernel file copy,
 * `fs.cp`), so storing a 500 MiB source leaves nothing behind in this process's memory that the
 * upload measured next could quietly reuse.
 */
import { Container } from '@n8n/di';

import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

export class BenchReadFile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bench: Read File',
		name: 'benchReadFile',
		group: ['input'],
		version: 1,
		description: 'Reads a file into binary data',
		defaults: { name: 'Read File' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Path', name: 'path', type: 'string', default: '' },
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: 'file.bin' },
			{ displayName: 'MIME Type', name: 'mimeType', type: 'string', default: 'application/octet-stream' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const path = this.getNodeParameter('path', 0) as string;
		const fileName = this.getNodeParameter('fileName', 0) as string;
		const mimeType = this.getNodeParameter('mimeType', 0) as string;
		const workflowId = this.getWorkflow().id as string;
		const binary: IBinaryData = { data: '', fileName, mimeType };
		const data = await Container.get(BinaryDataService).copyBinaryFile(
			{ type: 'execution', workflowId, executionId: this.getExecutionId() },
			binary,
			path,
		);
		return [[{ json: {}, binary: { data }, pairedItem: { item: 0 } }]];
	}
}
