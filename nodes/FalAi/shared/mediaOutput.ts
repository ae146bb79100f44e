/**
 * Media outputs: finds the files in a model's result and downloads them into n8n binary data.
 *
 * fal results name their files in a few regular shapes (`images: [{url}]`, `video: {url}`,
 * `audio: {url}`), so one task-agnostic rule covers every endpoint: a top-level object with a
 * `url` becomes a binary property of the same name, and a top-level array of them becomes
 * `<singular>_<index>` (`image_0`, `image_1`, …).
 */
import type { IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';

import { decodeDataUri, isDataUri } from '../client/dataUri';
import { fileNameFromUrl } from '../client/download';
import type { FalClient } from '../client/types';
import { binaryInput } from './binaryInput';

/** One file in a model result, and the binary property it goes to. */
export interface MediaOutput {
	property: string;
	/** Where it is in the result: the top-level key, and the position in a list. */
	key?: string;
	index?: number;
	url: string;
	fileName?: string;
	contentType?: string;
}

/** Lists the files of a model result (top level only), in result order. */
export function findMediaOutputs(data: unknown): MediaOutput[] {
	if (!isRecord(data)) return [];
	const found: MediaOutput[] = [];
	for (const [key, value] of Object.entries(data)) {
		if (Array.isArray(value)) {
			const singular = key.length > 1 && key.endsWith('s') ? key.slice(0, -1) : key;
			value.forEach((entry, index) => {
				const media = mediaOf(`${singular}_${index}`, entry);
				if (media) found.push({ ...media, key, index });
			});
		} else {
			const media = mediaOf(key, value);
			if (media) found.push({ ...media, key });
		}
	}
	return found;
}

/**
 * Downloads every file into binary data. The download is handed to n8n as a stream, so in
 * filesystem / S3 binary mode large files never sit in memory; `data:` URIs (`sync_mode`) are
 * decoded in place.
 */
export async function downloadMediaOutputs(
	this: IExecuteFunctions,
	client: FalClient,
	media: MediaOutput[],
	signal?: AbortSignal,
): Promise<IBinaryKeyData> {
	const binary: IBinaryKeyData = {};
	for (const file of media) {
		if (isDataUri(file.url)) {
			const decoded = decodeDataUri(file.url);
			binary[file.property] = await this.helpers.prepareBinaryData(
				decoded.buffer,
				file.fileName ?? defaultFileName(file.property, decoded.contentType),
				decoded.contentType ?? file.contentType,
			);
			continue;
		}
		const download = await client.download(file.url, { signal });
		const contentType = usableContentType(download.contentType) ?? file.contentType;
		// fal's own `file_name` first: the download's name is often just the URL's random last segment.
		const fileName = file.fileName ?? download.fileName ?? fileNameFromUrl(file.url) ?? file.property;
		binary[file.property] = await this.helpers.prepareBinaryData(binaryInput(download.body), fileName, contentType);
	}
	return binary;
}

/**
 * The result JSON with each `data:` URI that went into binary data replaced by a short marker,
 * `"[binary image_0]"`: `sync_mode` results would otherwise carry every file twice, once as
 * (large) base64 text. Objects on the way are copied; `json` itself is not changed.
 */
export function withDataUrisMarked<T extends Record<string, unknown>>(json: T, media: MediaOutput[]): T {
	const result: Record<string, unknown> = { ...json };
	for (const file of media) {
		if (!isDataUri(file.url) || file.key === undefined) continue;
		const marker = `[binary ${file.property}]`;
		const value = result[file.key];
		if (file.index === undefined) {
			if (isRecord(value)) result[file.key] = { ...value, url: marker };
		} else if (Array.isArray(value) && isRecord(value[file.index])) {
			const list = [...value];
			list[file.index] = { ...(value[file.index] as Record<string, unknown>), url: marker };
			result[file.key] = list;
		}
	}
	return result as T;
}

function mediaOf(property: string, value: unknown): MediaOutput | undefined {
	if (!isRecord(value) || typeof value.url !== 'string' || !value.url) return undefined;
	return {
		property,
		url: value.url,
		fileName: typeof value.file_name === 'string' && value.file_name ? value.file_name : undefined,
		contentType: typeof value.content_type === 'string' && value.content_type ? value.content_type : undefined,
	};
}

/** A generic type from a server says nothing; the result's own `content_type` is better then. */
function usableContentType(value: string | undefined): string | undefined {
	const type = value?.split(';')[0].trim();
	if (!type || type === 'application/octet-stream' || type === 'binary/octet-stream') return undefined;
	return type;
}

function defaultFileName(property: string, contentType: string | undefined): string {
	const extension = contentType?.split('/')[1]?.replace(/^x-/, '').replace('jpeg', 'jpg');
	return extension ? `${property}.${extension}` : property;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
