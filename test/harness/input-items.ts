/**
 * Items the start node emits. Binary properties may be given as raw bytes; they are stored
 * through n8n-core's own `prepareBinaryData`, so they look exactly like binaries a node
 * produced in the run's binary data mode (inline base64, or a file with an `id`).
 */
import { prepareBinaryData } from 'n8n-core';
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

/** Raw bytes for a binary property of an input item. */
export interface HarnessBinaryInput {
	buffer: Buffer;
	/** Also used to guess the MIME type when `mimeType` is missing. */
	fileName?: string;
	mimeType?: string;
}

export interface HarnessInputItem {
	json?: IDataObject;
	binary?: Record<string, IBinaryData | HarnessBinaryInput>;
}

function isBinaryInput(value: IBinaryData | HarnessBinaryInput): value is HarnessBinaryInput {
	return Buffer.isBuffer((value as HarnessBinaryInput).buffer);
}

async function prepareBinary(
	value: IBinaryData | HarnessBinaryInput,
	executionId: string,
	workflowId: string,
): Promise<IBinaryData> {
	if (!isBinaryInput(value)) return value;
	return await prepareBinaryData(value.buffer, executionId, workflowId, value.fileName, value.mimeType);
}

export async function prepareInputItems(
	items: HarnessInputItem[],
	executionId: string,
	workflowId: string,
): Promise<INodeExecutionData[]> {
	return await Promise.all(
		items.map(async (item): Promise<INodeExecutionData> => {
			if (!item.binary) return { json: item.json ?? {} };
			const binary: Record<string, IBinaryData> = {};
			for (const [property, value] of Object.entries(item.binary)) {
				binary[property] = await prepareBinary(value, executionId, workflowId);
			}
			return { json: item.json ?? {}, binary };
		}),
	);
}
