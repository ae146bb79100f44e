/**
 * Fal.ai Upload File: puts a file on fal's CDN and returns its URL, for models (or anything
 * else) that read media from URLs.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FalClient, UploadedFile } from '../client/types';
import { fileNameFromUrl, isMediaUrl, processItems, readMaxConcurrency, readOptions, uploadBinaryProperty } from '../shared';
import { withFalClient } from '../transport';

export async function executeUploadFile(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const maxConcurrency = readMaxConcurrency(this);
	return await withFalClient(this, async (client) => [
		await processItems.call(this, maxConcurrency, async (itemIndex, signal) => {
			const uploaded = await uploadItem.call(this, client, itemIndex, signal);
			return [{ json: uploadedJson(uploaded), pairedItem: { item: itemIndex } }];
		}),
	]);
}

async function uploadItem(
	this: IExecuteFunctions,
	client: FalClient,
	itemIndex: number,
	signal: AbortSignal,
): Promise<UploadedFile> {
	const options = readOptions(this, itemIndex);
	const fileName = typeof options.fileName === 'string' && options.fileName.trim() ? options.fileName.trim() : undefined;
	const expirationSeconds = Number(options.expirationSeconds) > 0 ? Number(options.expirationSeconds) : undefined;
	const source = this.getNodeParameter('source', itemIndex, 'binary') as string;

	if (source === 'url') {
		const url = String(this.getNodeParameter('fileUrl', itemIndex, '') ?? '').trim();
		if (!url || !isMediaUrl(url) || url.startsWith('data:')) {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "File URL" must be an http(s) URL`, {
				itemIndex,
			});
		}
		// Streamed straight through: the download's body is the upload's source.
		const download = await client.download(url, { signal });
		return await client.storage.upload(download.body, {
			fileName: fileName ?? download.fileName ?? fileNameFromUrl(url),
			contentType: download.contentType,
			size: download.size,
			expirationSeconds,
			signal,
		});
	}

	const propertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	return await uploadBinaryProperty.call(this, client, itemIndex, propertyName, { signal, expirationSeconds, fileName });
}

function uploadedJson(file: UploadedFile): IDataObject {
	return { url: file.url, content_type: file.contentType, file_name: file.fileName, size: file.size };
}
