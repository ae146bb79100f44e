import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { uploadFileProperties, uploadFileToolDescription } from './descriptions/uploadFile.properties';
import { executeUploadFile } from './execute';

/** Uploads a binary file or a remote URL to fal storage and returns the file's fal URL. */
export class FalAiUploadFile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fal.ai Upload File',
		name: 'falAiUploadFile',
		icon: { light: 'file:../../../icons/fal.svg', dark: 'file:../../../icons/fal.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["source"] === "url" ? "From URL" : "From binary field" }}',
		description:
			'Upload a file (from a binary field or a URL) to fal.ai storage and get a URL that fal models can read, e.g. for image, video or audio inputs',
		defaults: { name: 'Fal.ai Upload File' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// As an AI tool the agent can only give a URL: the tool's description says so (and its
		// "Source" defaults to URL, see the properties).
		usableAsTool: { replacements: { description: uploadFileToolDescription } },
		credentials: [{ name: 'falAiApi', required: true }],
		properties: uploadFileProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeUploadFile.call(this);
	}
}
